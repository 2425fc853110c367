import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { Cluster, ITenant, MonitoringStack, Tenant, VM } from '../../constructs/index';
import { HikubeKubernetesCluster } from '../../constructs/generated/kubernetes-cluster';
import { HikubeMonitoringStack } from '../../constructs/generated/monitoring-stack';
import { HikubeVirtualMachine } from '../../constructs/generated/virtual-machine';
import { newStack, resolve } from './helpers';

Testing.setupJest();

const workers = { minReplicas: 1, maxReplicas: 3, instanceType: 'u1.large' };

describe('tenant factories', () => {
  test.each<[string, (stack: ReturnType<typeof newStack>) => ITenant]>([
    ['a tenant', (stack) => new Tenant(stack, 'Production')],
    ['a sub-tenant', (stack) => new Tenant(stack, 'Acme').addSubTenant('Production')],
    ['an imported tenant', (stack) => Tenant.fromTenantPath(stack, 'Production', 'acme/production')],
  ])('%s creates clusters, VMs and a monitoring stack in itself', (_kind, make) => {
    // GIVEN
    const stack = newStack();
    const tenant = make(stack);

    // WHEN
    const cluster = tenant.addCluster('Web', { nodeGroups: { workers } });
    const vm = tenant.addVm('Bastion', { instanceType: 'u1.medium' });
    const monitoring = tenant.addMonitoringStack('Monitoring');

    // THEN
    const tenantId = resolve(stack, tenant.tenantId);
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(HikubeKubernetesCluster, { name: 'web', tenant_id: tenantId });
    expect(synth).toHaveResourceWithProperties(HikubeVirtualMachine, { name: 'bastion', tenant_id: tenantId });
    expect(synth).toHaveResourceWithProperties(HikubeMonitoringStack, { tenant_id: tenantId });
    expect(cluster).toBeInstanceOf(Cluster);
    expect(vm).toBeInstanceOf(VM);
    expect(monitoring).toBeInstanceOf(MonitoringStack);
    expect([cluster, vm, monitoring].map((c) => c.node.scope)).toEqual([tenant, tenant, tenant]);
    expect(cluster.tenant).toBe(tenant);
  });

  test('addCluster with no options leaves node groups to addNodeGroup()', () => {
    const stack = newStack();
    const cluster = new Tenant(stack, 'Production').addCluster('Web');
    cluster.addNodeGroup('workers', workers);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeKubernetesCluster, {
      node_groups: { workers: { min_replicas: 1, max_replicas: 3, instance_type: 'u1.large', disk_size_gb: 20 } },
    });
  });
});
