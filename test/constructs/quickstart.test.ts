import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { HikubeKubernetesCluster } from '../../constructs/generated/kubernetes-cluster';
import { HikubeMonitoringStack } from '../../constructs/generated/monitoring-stack';
import { HikubeTenant } from '../../constructs/generated/tenant';
import { HikubeVirtualMachine } from '../../constructs/generated/virtual-machine';
import { QuickstartStack } from '../../examples/quickstart/main';
import { checkPolicyWithin, checkResourceAgainst, effectivePolicy, GuardedTenant, PolicyRelevant } from '../../service/guardrails/policy';
import { footprintOf, QUOTA_KEYS, ZERO_FOOTPRINT as ZERO } from '../../model/guardrails';
import { Footprint } from '../../model/kind';
import { KINDS } from '../../model/kinds';
import { CURRENT_INSTANCE_TYPE_NAMES, instanceType } from '../../model/catalog';

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
      addons: { cert_manager: true, ingress_nginx: true, monitoring_agents: false, fluxcd: false, vertical_pod_autoscaler: false, gpu_operator: false, velero: false, gateway_api: false },
    });
  });

  test('runs one VM in development/team-a with a data disk and SSH reachable from outside', () => {
    expect(Object.keys(config.resource.hikube_virtual_machine)).toHaveLength(3);
    expect(synth).toHaveResourceWithProperties(HikubeVirtualMachine, {
      name: 'devbox',
      tenant_id: `\${hikube_tenant.${idOf('team-a')}.id}`,
      data_disks: [{ name: 'data', size_gb: 50, storage_class: 'replicated' }],
      external_access: { method: 'PortList', ports: [22] },
    });
  });

  test("production's web tier: a public load balancer in front of two VMs on a private subnet", () => {
    const web = `\${hikube_tenant.${idOf('web')}.id}`;
    const [vpc] = Object.keys(config.resource.hikube_vpc);
    const [subnet] = Object.keys(config.resource.hikube_vpc_subnet);
    expect(config.resource.hikube_vpc[vpc]).toMatchObject({ tenant_id: web, name: 'private' });
    expect(config.resource.hikube_vpc_subnet[subnet]).toMatchObject({ vpc_id: `\${hikube_vpc.${vpc}.id}`, name: 'app', cidr: '192.168.10.0/24' });
    const vms = Object.entries(config.resource.hikube_virtual_machine as Record<string, { name: string; tenant_id: string; subnet_ids?: string[] }>).filter(([, v]) => v.tenant_id === web);
    expect(vms.map(([, v]) => v.name).sort()).toEqual(['web1', 'web2']);
    for (const [, vm] of vms) expect(vm.subnet_ids).toEqual([`\${hikube_vpc_subnet.${subnet}.id}`]);
    const [lb] = Object.values(config.resource.hikube_load_balancer as Record<string, unknown>);
    expect(lb).toMatchObject({ tenant_id: web, name: 'front', external: true, endpoints: vms.map(([id]) => `\${hikube_virtual_machine.${id}.private_ip}`) });
    expect(
      Object.keys(config.output)
        .filter((k) => /^(front|uploads|web1|web2)-monthly-cost$/.test(k))
        .sort(),
    ).toEqual(['front-monthly-cost', 'uploads-monthly-cost', 'web1-monthly-cost', 'web2-monthly-cost']);
  });

  test('web1 boots from a standalone disk of the platform image and keeps uploads on a standalone data disk; web2 has its own system disk', () => {
    const disks = Object.entries(config.resource.hikube_disk as Record<string, { name: string; size_gb: number; image?: string }>);
    const id = (name: string) => disks.find(([, d]) => d.name === name)![0];
    expect(Object.fromEntries(disks.map(([, d]) => [d.name, { size: d.size_gb, image: d.image }]))).toEqual({
      'web1-system': { size: 20, image: 'ubuntu-2404' },
      uploads: { size: 100, image: undefined },
    });
    const vms = Object.values(config.resource.hikube_virtual_machine as Record<string, { name: string; disks?: string[]; system_disk?: unknown }>);
    const web1 = vms.find((v) => v.name === 'web1')!;
    expect(web1.disks).toEqual([`\${hikube_disk.${id('web1-system')}.id}`, `\${hikube_disk.${id('uploads')}.id}`]);
    expect(web1.system_disk).toBeUndefined();
    expect(vms.find((v) => v.name === 'web2')!.disks).toBeUndefined();
  });

  test('runs one monitoring stack, in production', () => {
    expect(Object.keys(config.resource.hikube_monitoring_stack)).toHaveLength(1);
    expect(synth).toHaveResourceWithProperties(HikubeMonitoringStack, { tenant_id: `\${hikube_tenant.${idOf('production')}.id}` });
  });

  test('outputs the cluster endpoint, the VM address and every monthly cost', () => {
    const [cluster] = Object.keys(config.resource.hikube_kubernetes_cluster);
    const [vm] = Object.entries(config.resource.hikube_virtual_machine as Record<string, { name: string }>).find(([, v]) => v.name === 'devbox')!;
    const [monitoring] = Object.keys(config.resource.hikube_monitoring_stack);
    expect(config.output['web-cluster-endpoint'].value).toBe(`\${hikube_kubernetes_cluster.${cluster}.endpoint}`);
    expect(config.output['devbox-private-ip'].value).toBe(`\${hikube_virtual_machine.${vm}.private_ip}`);
    expect(config.output['web-cluster-monthly-cost'].value).toBe(`\${hikube_kubernetes_cluster.${cluster}.monthly_cost_estimate}`);
    expect(config.output['devbox-monthly-cost'].value).toBe(`\${hikube_virtual_machine.${vm}.monthly_cost_estimate}`);
    expect(config.output['monitoring-monthly-cost'].value).toBe(`\${hikube_monitoring_stack.${monitoring}.monthly_cost_estimate}`);
  });

  describe('guardrails per environment', () => {
    // Hikube's u1 and m1 types, none deprecated.
    const U1_M1 = CURRENT_INSTANCE_TYPE_NAMES.filter((n) => n.startsWith('u1.') || n.startsWith('m1.'));
    const UP_TO_XLARGE = ['s1.small', 's1.medium', 's1.large', 's1.xlarge', 'u1.medium', 'u1.large', 'u1.xlarge'];

    test.each([
      [
        'production',
        { allowed_instance_types: U1_M1, allowed_kubernetes_versions: ['v1.32', 'v1.33', 'v1.34'], external_ips_allowed: true },
        { cpu: 512, memory_gib: 2048, storage_gib: 20480, clusters: 10, vms: 50, sub_tenants: 20 },
      ],
      [
        'staging',
        { allowed_instance_types: U1_M1, allowed_kubernetes_versions: ['v1.32', 'v1.33', 'v1.34', 'v1.35'], external_ips_allowed: true },
        { cpu: 128, memory_gib: 512, storage_gib: 4096, clusters: 3, vms: 20, sub_tenants: 5 },
      ],
      ['development', { allowed_instance_types: UP_TO_XLARGE, external_ips_allowed: true }, { cpu: 48, memory_gib: 192, storage_gib: 2048, clusters: 4, vms: 30, sub_tenants: 10 }],
      ['sandbox', { allowed_instance_types: ['s1.small', 's1.medium', 's1.large'], external_ips_allowed: false }, { cpu: 8, memory_gib: 16, storage_gib: 200, clusters: 1, vms: 4, sub_tenants: 2 }],
    ])('%s has its own security policy and quotas', (name, policy, quotas) => {
      const [, tenant] = blocks.find(([, b]) => b.name === name)!;
      expect(tenant.security_policy).toEqual(policy);
      expect(tenant.quotas).toEqual(quotas);
    });

    test('capacity shrinks from production to staging to development to sandbox (development has more, smaller, VMs and teams than staging)', () => {
      const quota = (name: string) => blocks.find(([, b]) => b.name === name)![1].quotas;
      const order = ['production', 'staging', 'development', 'sandbox'];
      for (const key of ['cpu', 'memory_gib', 'storage_gib']) {
        const values = order.map((name) => quota(name)[key]);
        expect([...values].sort((a, b) => b - a)).toEqual(values);
        expect(new Set(values).size).toBe(4);
      }
    });

    test('production/data may reach the private network only; the other sub-tenants inherit', () => {
      expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'data', security_policy: { egress_cidrs: ['10.0.0.0/8'] } });
      for (const name of ['web', 'team-a', 'team-b', 'experiments']) {
        expect(blocks.find(([, b]) => b.name === name)![1].security_policy).toBeUndefined();
      }
    });

    // The service's own rules, run on the synthesized configuration: what apply and plan would refuse.
    const parentOf = (id: string) => /^\$\{hikube_tenant\.(.+)\.id\}$/.exec(blocks.find(([key]) => key === id)![1].parent_id ?? '')?.[1];
    const chainOf = (id: string): string[] => {
      const parent = parentOf(id);
      return [...(parent ? chainOf(parent) : []), id];
    };
    const guarded = (id: string): GuardedTenant => {
      const b = blocks.find(([key]) => key === id)![1];
      const p = b.security_policy;
      return {
        id,
        path: b.name,
        securityPolicy: p
          ? { allowedInstanceTypes: p.allowed_instance_types, allowedKubernetesVersions: p.allowed_kubernetes_versions, externalIpsAllowed: p.external_ips_allowed, egressCidrs: p.egress_cidrs }
          : null,
      };
    };
    const policyOf = (tenantRef: string) => effectivePolicy(chainOf(/hikube_tenant\.(.+)\.id/.exec(tenantRef)![1]).map(guarded));
    const clusterAsks = (c: any): PolicyRelevant => ({
      instanceTypes: Object.entries(c.node_groups as Record<string, any>).map(([name, g]) => ({ path: ['nodeGroups', name, 'instanceType'], name: g.instance_type })),
      kubernetesVersion: { path: ['version'], version: c.version },
    });
    const vmAsks = (vm: any): PolicyRelevant => ({
      instanceTypes: [{ path: ['instanceType'], name: vm.instance_type }],
      externalAccess: vm.external_access ? { path: ['externalAccess'], method: vm.external_access.method } : undefined,
    });

    test('every sub-tenant policy only narrows its parent (the service refuses wider ones)', () => {
      for (const [id] of blocks) {
        const chain = chainOf(id).map(guarded);
        expect(checkPolicyWithin(chain[chain.length - 1].securityPolicy, effectivePolicy(chain.slice(0, -1)))).toEqual([]);
      }
    });

    test('the cluster and the VM are within the security policy of their tenant', () => {
      for (const c of Object.values(config.resource.hikube_kubernetes_cluster) as any[]) expect(checkResourceAgainst(policyOf(c.tenant_id), clusterAsks(c))).toEqual([]);
      for (const vm of Object.values(config.resource.hikube_virtual_machine) as any[]) expect(checkResourceAgainst(policyOf(vm.tenant_id), vmAsks(vm))).toEqual([]);
    });

    test('the policies matter: the devbox would be refused in sandbox, the web cluster in development', () => {
      const [vm] = Object.values(config.resource.hikube_virtual_machine) as any[];
      const [cluster] = Object.values(config.resource.hikube_kubernetes_cluster) as any[];
      const ref = (name: string) => `\${hikube_tenant.${idOf(name)}.id}`;
      expect(
        checkResourceAgainst(policyOf(ref('experiments')), vmAsks(vm))
          .map((p) => p.policy)
          .sort(),
      ).toEqual(['allowedInstanceTypes', 'externalIpsAllowed']);
      expect(checkResourceAgainst(policyOf(ref('team-b')), vmAsks(vm))).toEqual([]);
      expect(checkResourceAgainst(policyOf(ref('development')), clusterAsks({ ...cluster, version: 'v1.35' }))).toEqual([]);
      expect(checkResourceAgainst(policyOf(ref('production')), clusterAsks({ ...cluster, version: 'v1.35' }))[0].reason).toMatch(/v1\.35 is not allowed by the security policy of production/);
    });

    test('every quota covers what its subtree runs', () => {
      const used = new Map<string, Footprint>(blocks.map(([id]) => [id, { ...ZERO }]));
      const add = (tenantRef: string, f: Footprint) => {
        for (const id of chainOf(/hikube_tenant\.(.+)\.id/.exec(tenantRef)![1])) {
          const u = used.get(id)!;
          for (const key of QUOTA_KEYS) u[key] += f[key];
        }
      };
      for (const c of Object.values(config.resource.hikube_kubernetes_cluster) as any[]) {
        const nodeGroups = Object.fromEntries(
          Object.entries(c.node_groups as Record<string, any>).map(([n, g]) => [n, { minReplicas: g.min_replicas, instanceType: g.instance_type, diskSizeGb: g.disk_size_gb }]),
        );
        add(c.tenant_id, footprintOf(KINDS.cluster, { nodeGroups }));
      }
      for (const vm of Object.values(config.resource.hikube_virtual_machine) as any[]) {
        add(
          vm.tenant_id,
          footprintOf(KINDS.vm, {
            instanceType: vm.instance_type,
            // A VM on standalone disks has no system disk of its own: its disks count as disks.
            ...(vm.system_disk ? { systemDisk: { sizeGb: vm.system_disk.size_gb } } : { disks: vm.disks }),
            dataDisks: (vm.data_disks ?? []).map((d: any) => ({ sizeGb: d.size_gb })),
          }),
        );
      }
      for (const d of Object.values(config.resource.hikube_disk) as any[]) add(d.tenant_id, footprintOf(KINDS.disk, { sizeGb: d.size_gb }));
      // The web tier's VPC and load balancer count; they weigh on no size quota.
      for (const kind of [KINDS.vpc, KINDS['load-balancer']]) for (const x of Object.values(config.resource[kind.model.typeName]) as any[]) add(x.tenant_id, footprintOf(kind, {}));
      // The data services: every instance's preset and volume.
      for (const kind of [KINDS.postgres, KINDS.redis]) {
        for (const d of Object.values(config.resource[kind.model.typeName]) as any[]) {
          add(d.tenant_id, footprintOf(kind, { replicas: d.replicas, preset: d.preset ?? kind.model.attributes.preset.default, sizeGb: d.size_gb ?? kind.model.attributes.size_gb.default }));
        }
      }
      for (const [id] of blocks) for (const ancestor of chainOf(id).slice(0, -1)) used.get(ancestor)!.subTenants += 1;

      // Every other quota (one per kind of the registry) at zero.
      // The cluster's minimum nodes (12 vCPUs, 48 GiB, 80 GiB), PostgreSQL (2 x small: 1 vCPU, 0.5 GiB, 20 GiB) and Redis (2 x micro: 0.5 vCPU, 0.25 GiB, 1 GiB).
      const data = { ...ZERO, cpu: 2 + 1, memoryGib: 1 + 0.5, storageGib: 40 + 2, postgres: 1, redis: 1 };
      expect(used.get(idOf('data'))).toEqual(data);
      // The web tier: two u1.medium VMs, web2 with its own 20 GiB system disk, web1 on two
      // standalone disks (20 GiB from the image, 100 GiB of uploads), a VPC, a load balancer.
      const medium = instanceType('u1.medium')!;
      const web = { ...ZERO, cpu: 2 * medium.cpu, memoryGib: 2 * medium.memoryGib, storageGib: 20 + 20 + 100, vms: 2, disks: 2, vpcs: 1, loadBalancers: 1 };
      expect(used.get(idOf('web'))).toEqual(web);
      expect(used.get(idOf('production'))).toEqual({
        ...data,
        vms: web.vms,
        disks: web.disks,
        vpcs: web.vpcs,
        loadBalancers: web.loadBalancers,
        cpu: 12 + data.cpu + web.cpu,
        memoryGib: 48 + data.memoryGib + web.memoryGib,
        storageGib: 80 + data.storageGib + web.storageGib,
        clusters: 1,
        subTenants: 2,
      });
      expect(used.get(idOf('development'))).toEqual({ ...ZERO, cpu: 2, memoryGib: 8, storageGib: 70, vms: 1, subTenants: 2 });
      const names: Record<string, string> = { memoryGib: 'memory_gib', storageGib: 'storage_gib', subTenants: 'sub_tenants' };
      for (const [id, b] of blocks) {
        for (const key of QUOTA_KEYS) {
          const limit = b.quotas?.[names[key] ?? key];
          if (limit !== undefined) expect({ tenant: b.name, key, used: used.get(id)![key] <= limit }).toEqual({ tenant: b.name, key, used: true });
        }
      }
    });
  });

  test("runs production's data services in production/data: PostgreSQL with the app database and its user, a Redis cache, a bucket", () => {
    const data = `\${hikube_tenant.${idOf('data')}.id}`;
    const [pg] = Object.entries(config.resource.hikube_postgres) as [string, any][];
    expect(pg[1]).toMatchObject({ name: 'orders', tenant_id: data, replicas: 2, size_gb: 20, preset: 'small' });
    expect(Object.values(config.resource.hikube_postgres_database)).toEqual([expect.objectContaining({ name: 'app', postgres_id: `\${hikube_postgres.${pg[0]}.id}`, extensions: ['pgcrypto'] })]);
    expect(Object.values(config.resource.hikube_postgres_user)).toEqual([expect.objectContaining({ name: 'app', postgres_id: `\${hikube_postgres.${pg[0]}.id}`, databases: { app: 'admin' } })]);
    expect(Object.values(config.resource.hikube_redis)).toEqual([expect.objectContaining({ name: 'cache', tenant_id: data, replicas: 2 })]);
    expect(Object.values(config.resource.hikube_bucket)).toEqual([expect.objectContaining({ name: 'assets', tenant_id: data })]);
  });

  test('passes the synth-time validations', () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('outputs the path and id of every tenant', () => {
    expect(Object.keys(config.output)).toHaveLength(18 + 16);
    expect(config.output['production-web-path'].value).toBe(`\${hikube_tenant.${idOf('web')}.path}`);
    expect(config.output['sandbox-id'].value).toBe(`\${hikube_tenant.${idOf('sandbox')}.id}`);
  });
});
