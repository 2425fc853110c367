import { InstanceClass, InstanceSize, InstanceType } from '../../constructs/index';
import { INSTANCE_SERIES, INSTANCE_SIZES, INSTANCE_TYPE_NAMES } from '../../model';
import { onlyBlock, stackWithTenant, validationError } from './helpers';

describe('InstanceType', () => {
  test('the enums are exactly the catalog: every series and size, in its order', () => {
    expect(Object.values(InstanceClass)).toEqual(Object.keys(INSTANCE_SERIES));
    expect(Object.values(InstanceSize)).toEqual(Object.keys(INSTANCE_SIZES));
    for (const c of Object.values(InstanceClass)) for (const s of Object.values(InstanceSize)) expect(INSTANCE_TYPE_NAMES).toContain(InstanceType.of(c, s).name);
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
