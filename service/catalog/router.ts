import { Router } from 'express';
import type { InstanceTypeInfo, KubernetesVersions } from '../../model/api/types';
import { DEFAULT_KUBERNETES_VERSION, INSTANCE_TYPES, KUBERNETES_VERSIONS } from '../../model/catalog';
import { instanceMonthlyPrice } from '../../model/pricing';

/** /v1/catalog: what Hikube offers, straight from model/catalog.ts (any role may read it). */
export function catalogRouter(): Router {
  const instanceTypes: InstanceTypeInfo[] = INSTANCE_TYPES.map((t) => ({
    name: t.name,
    series: t.series,
    size: t.size,
    cpu: t.cpu,
    memoryGib: t.memoryGib,
    monthlyPrice: instanceMonthlyPrice(t.name) ?? 0,
  }));
  const versions: KubernetesVersions = {
    versions: [...KUBERNETES_VERSIONS],
    defaultVersion: DEFAULT_KUBERNETES_VERSION,
    latestVersion: KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1],
  };
  const router = Router();
  router.get('/instance-types', (_req, res) => {
    res.json({ items: instanceTypes });
  });
  router.get('/kubernetes-versions', (_req, res) => {
    res.json(versions);
  });
  return router;
}
