import { InstanceClass, InstanceSize, InstanceType } from '../../constructs/index';
import { INSTANCE_SERIES, INSTANCE_TYPES } from '../../model';

const warnings = (scope: { node: { metadata: { type: string; data: unknown }[] } }) => scope.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
import { onlyBlock, stackWithTenant, validationError } from './helpers';

describe('InstanceType', () => {
  test('the enums are exactly the catalog: every series, and every size some accepted type has', () => {
    expect(Object.values(InstanceClass)).toEqual(Object.keys(INSTANCE_SERIES));
    expect([...Object.values(InstanceSize)].sort()).toEqual([...new Set(INSTANCE_TYPES.map((t) => t.size))].sort());
    for (const t of INSTANCE_TYPES) expect(InstanceType.of(t.series as InstanceClass, t.size as InstanceSize).name).toBe(t.name);
  });

  test("Hikube's sizes: s1.large is 4 vCPU and 8 GiB, s1.3large 12 and 24", () => {
    expect(InstanceType.of(InstanceClass.S1, InstanceSize.LARGE)).toMatchObject({ cpu: 4, memoryGib: 8 });
    expect(InstanceType.of(InstanceClass.S1, InstanceSize.LARGE3)).toMatchObject({ name: 's1.3large', cpu: 12, memoryGib: 24 });
  });

  test('a deprecated type works with a warning naming the nearest; a size Hikube lacks in a series fails', () => {
    const { stack, tenant } = stackWithTenant();
    const vm = tenant.addVm('Old', { instanceType: InstanceType.of(InstanceClass.M1, InstanceSize.MEDIUM) });
    expect(onlyBlock(stack, 'hikube_virtual_machine').instance_type).toBe('m1.medium');
    expect(warnings(vm)).toEqual([expect.stringMatching(/^instanceType: "m1\.medium" is deprecated: .*use m1\.large/)]);
    expect(warnings(tenant.addVm('New', { instanceType: InstanceType.of(InstanceClass.M1, InstanceSize.LARGE) }))).toEqual([]);
    const err = validationError(() => tenant.addVm('Missing', { instanceType: InstanceType.of(InstanceClass.U1, InstanceSize.LARGE3) }));
    expect(err.message).toContain('unknown instance type');
    expect(err.message).toContain('s1: small, medium, large, xlarge, 3large');
  });

  test('of() gives the name and the catalog size; a VM and a node group take it', () => {
    const t = InstanceType.of(InstanceClass.M1, InstanceSize.XLARGE2);
    expect({ name: t.name, cpu: t.cpu, memoryGib: t.memoryGib }).toEqual({ name: 'm1.2xlarge', cpu: 8, memoryGib: 64 });
    const { stack, tenant } = stackWithTenant();
    tenant.addVm('Db', { instanceType: t });
    expect(onlyBlock(stack, 'hikube_virtual_machine').instance_type).toBe('m1.2xlarge');
    const cluster = tenant.addCluster('Web');
    cluster.addNodeGroup('workers', { minReplicas: 1, maxReplicas: 2, instanceType: InstanceType.of(InstanceClass.U1, InstanceSize.LARGE) });
    expect(onlyBlock(stack, 'hikube_kubernetes_cluster').node_groups.workers.instance_type).toBe('u1.large');
  });

  test('fromName() is the escape hatch, checked at construction with a suggestion', () => {
    const { tenant } = stackWithTenant();
    const err = validationError(() => tenant.addVm('Typo', { instanceType: InstanceType.fromName('u1.lage') }));
    expect(err.message).toContain("Did you mean 'u1.large'?");
  });
});
