/** hikube_kubernetes_cluster */
import { CLUSTER_ID_PATTERN, clusterModel } from '../../model/cluster';
import { clusterMonthlyCost } from '../../model/pricing';
import { isUnknown } from '../cty';
import { provisionedResource } from './provisioned';

type NodeGroupState = { min_replicas: number; max_replicas: number; instance_type: string; disk_size_gb: number | null; gpus: string[] | null };

export const clusterResource = provisionedResource({
  model: clusterModel,
  idPattern: CLUSTER_ID_PATTERN,
  timeouts: { create: '30m', update: '30m', delete: '20m' },
  importBy: 'tenant-path/name',
  costInputs: ['control_plane_replicas', 'storage_class', 'node_groups'],
  cost: (p) =>
    clusterMonthlyCost({
      controlPlaneReplicas: p.control_plane_replicas as number,
      storageClass: p.storage_class as string,
      nodeGroups: Object.fromEntries(
        Object.entries(p.node_groups as Record<string, NodeGroupState>).map(([name, g]) => [
          name,
          { minReplicas: g.min_replicas, instanceType: g.instance_type, diskSizeGb: g.disk_size_gb ?? 20, gpus: g.gpus },
        ]),
      ),
    }),
  credentials: { toggle: 'store_credentials', attributes: ['kubeconfig', 'admin_token'] },
  upgraders: {
    // v0 -> v1: store_credentials arrived; v0 always stored them.
    0: (state) => ({ ...state, store_credentials: true }),
  },
  validate(config, diags) {
    const groups = config.node_groups;
    if (!groups || isUnknown(groups)) return;
    for (const [name, g] of Object.entries(groups as Record<string, NodeGroupState>)) {
      if (!g || isUnknown(g) || isUnknown(g.min_replicas) || isUnknown(g.max_replicas)) continue;
      if (typeof g.min_replicas === 'number' && typeof g.max_replicas === 'number' && g.max_replicas < g.min_replicas) {
        diags.error(
          'Invalid Node Group Size',
          `max_replicas must be >= min_replicas (${g.min_replicas}), got ${g.max_replicas}.`,
          ['node_groups', { key: name }, 'max_replicas'],
        );
      }
    }
  },
});
