import { Gpu } from '../../constructs/index';
import { CURRENT_GPU_MODELS, GPUS } from '../../model';
import { onlyBlock, stackWithTenant, validationError } from './helpers';

const warnings = (scope: { node: { metadata: { type: string; data: unknown }[] } }) => scope.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));

describe('Gpu', () => {
  test("the enum is exactly the GPUs Hikube offers, in the catalog's order", () => {
    expect(Object.values(Gpu)).toEqual(CURRENT_GPU_MODELS);
    expect(GPUS.filter((g) => g.available).map((g) => g.name)).toEqual(CURRENT_GPU_MODELS);
  });

  test('a VM and a node group take it', () => {
    const { stack, tenant } = stackWithTenant();
    tenant.addVm('Trainer', { instanceType: 'u1.2xlarge', gpus: [Gpu.A100_SXM4_80GB, Gpu.RTX_PRO_6000] });
    expect(onlyBlock(stack, 'hikube_virtual_machine').gpus).toEqual(['nvidia.com/GA100_A100_SXM4_80GB', 'nvidia.com/GB202GL_RTX_PRO_6000']);
    const cluster = tenant.addCluster('Ml');
    cluster.addNodeGroup('gpu', { minReplicas: 0, maxReplicas: 2, instanceType: 'u1.2xlarge', gpus: [Gpu.L40S] });
    expect(onlyBlock(stack, 'hikube_kubernetes_cluster').node_groups.gpu.gpus).toEqual(['nvidia.com/AD102GL_L40S']);
  });

  test('a deprecated name still works, with a warning naming its replacement', () => {
    const { stack, tenant } = stackWithTenant();
    const vm = tenant.addVm('Old', { instanceType: 'u1.2xlarge', gpus: ['nvidia.com/GA102GL_A10'] });
    expect(onlyBlock(stack, 'hikube_virtual_machine').gpus).toEqual(['nvidia.com/GA102GL_A10']);
    expect(warnings(vm)).toEqual([expect.stringMatching(/^gpus\[0\]: "nvidia\.com\/GA102GL_A10" is deprecated: .*use nvidia\.com\/AD102GL_L40S/)]);
    const fresh = tenant.addVm('New', { instanceType: 'u1.2xlarge', gpus: [Gpu.L40S] });
    expect(warnings(fresh)).toEqual([]);
  });

  test('fails if a GPU string is unknown, listing only the offered names', () => {
    const { tenant } = stackWithTenant();
    const err = validationError(() => tenant.addVm('Typo', { instanceType: 'u1.2xlarge', gpus: ['nvidia.com/L40S'] }));
    expect(err.message).toContain('nvidia.com/GA100_A100_PCIE_80GB');
    expect(err.message).not.toContain('GA102GL_A10');
  });
});
