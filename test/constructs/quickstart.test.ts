import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { HikubeKubernetesCluster } from '../../constructs/generated/kubernetes-cluster';
import { HikubeMonitoringStack } from '../../constructs/generated/monitoring-stack';
import { HikubeTenant } from '../../constructs/generated/tenant';
import { HikubeVirtualMachine } from '../../constructs/generated/virtual-machine';
import { QuickstartStack } from '../../examples/quickstart/main';

Testing.setupJest();

describe('examples/quickstart', () => {
  const stack = new QuickstartStack(Testing.app(), 'quickstart');
  const synth = Testing.synth(stack);
  const config = JSON.parse(synth);
  const blocks = Object.entries(config.resource.hikube_tenant) as [string, any][];
  const idOf = (name: string) => blocks.find(([, b]) => b.name === name)![0];

  test('configures the provider from the environment (nothing in the configuration)', () => {
    expect(config.provider.hikube).toEqual([{}]);
  });

  test('creates four top-level tenants and five sub-tenants', () => {
    const topLevel = blocks.filter(([, b]) => b.parent_id === undefined).map(([, b]) => b.name);
    expect(topLevel.sort()).toEqual(['development', 'production', 'sandbox', 'staging']);
    expect(blocks).toHaveLength(9);
  });

  test.each([
    ['web', 'production'],
    ['data', 'production'],
    ['team-a', 'development'],
    ['team-b', 'development'],
    ['experiments', 'sandbox'],
  ])('%s is a sub-tenant of %s', (child, parent) => {
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: child, parent_id: `\${hikube_tenant.${idOf(parent)}.id}` });
  });

  test('protects production and its data from deletion', () => {
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'production', deletion_protection: true });
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'data', deletion_protection: true });
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'sandbox', deletion_protection: false });
  });

  test('runs one cluster in production with two node groups and cert-manager and ingress-nginx', () => {
    expect(Object.keys(config.resource.hikube_kubernetes_cluster)).toHaveLength(1);
    expect(synth).toHaveResourceWithProperties(HikubeKubernetesCluster, {
      name: 'web',
      tenant_id: `\${hikube_tenant.${idOf('production')}.id}`,
      node_groups: {
        system: { min_replicas: 2, max_replicas: 3, instance_type: 'u1.large', disk_size_gb: 20 },
        workers: { min_replicas: 2, max_replicas: 6, instance_type: 'u1.xlarge', disk_size_gb: 20, roles: ['ingress-nginx'] },
      },
      addons: { cert_manager: true, ingress_nginx: true, monitoring_agents: false, fluxcd: false, vertical_pod_autoscaler: false },
    });
  });

  test('runs one VM in development/team-a with a data disk and SSH reachable from outside', () => {
    expect(Object.keys(config.resource.hikube_virtual_machine)).toHaveLength(1);
    expect(synth).toHaveResourceWithProperties(HikubeVirtualMachine, {
      name: 'devbox',
      tenant_id: `\${hikube_tenant.${idOf('team-a')}.id}`,
      data_disks: [{ name: 'data', size_gb: 50, storage_class: 'replicated' }],
      external_access: { method: 'PortList', ports: [22] },
    });
  });

  test('runs one monitoring stack, in production', () => {
    expect(Object.keys(config.resource.hikube_monitoring_stack)).toHaveLength(1);
    expect(synth).toHaveResourceWithProperties(HikubeMonitoringStack, { tenant_id: `\${hikube_tenant.${idOf('production')}.id}` });
  });

  test('outputs the cluster endpoint, the VM address and every monthly cost', () => {
    const [cluster] = Object.keys(config.resource.hikube_kubernetes_cluster);
    const [vm] = Object.keys(config.resource.hikube_virtual_machine);
    const [monitoring] = Object.keys(config.resource.hikube_monitoring_stack);
    expect(config.output['web-cluster-endpoint'].value).toBe(`\${hikube_kubernetes_cluster.${cluster}.endpoint}`);
    expect(config.output['devbox-private-ip'].value).toBe(`\${hikube_virtual_machine.${vm}.private_ip}`);
    expect(config.output['web-cluster-monthly-cost'].value).toBe(`\${hikube_kubernetes_cluster.${cluster}.monthly_cost_estimate}`);
    expect(config.output['devbox-monthly-cost'].value).toBe(`\${hikube_virtual_machine.${vm}.monthly_cost_estimate}`);
    expect(config.output['monitoring-monthly-cost'].value).toBe(`\${hikube_monitoring_stack.${monitoring}.monthly_cost_estimate}`);
  });

  test('passes the synth-time validations', () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('outputs the path and id of every tenant', () => {
    expect(Object.keys(config.output)).toHaveLength(18 + 5);
    expect(config.output['production-web-path'].value).toBe(`\${hikube_tenant.${idOf('web')}.path}`);
    expect(config.output['sandbox-id'].value).toBe(`\${hikube_tenant.${idOf('sandbox')}.id}`);
  });
});
