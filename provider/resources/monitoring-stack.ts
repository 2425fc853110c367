/** hikube_monitoring_stack */
import { MONITORING_STACK_ID_PATTERN, monitoringStackModel } from '../../model/monitoring';
import { monitoringMonthlyCost } from '../../model/pricing';
import { provisionedResource } from './provisioned';

export const monitoringStackResource = provisionedResource({
  model: monitoringStackModel,
  idPattern: MONITORING_STACK_ID_PATTERN,
  timeouts: { create: '20m', update: '20m', delete: '10m' },
  importBy: 'tenant-path',
  costInputs: ['metrics_storages', 'logs_storage', 'grafana'],
  credentials: { toggle: 'store_credentials', attributes: ['accounts.*.password'] },
  upgraders: {
    // v0 -> v1: store_credentials arrived; v0 always stored the passwords.
    0: (state) => ({ ...state, store_credentials: true }),
  },
  cost: (p) =>
    monitoringMonthlyCost({
      metricsStorages: (p.metrics_storages as { size_gb: number }[]).map((m) => ({ sizeGb: m.size_gb })),
      logsStorage: { sizeGb: (p.logs_storage as { size_gb: number }).size_gb },
      grafana: { replicas: (p.grafana as { replicas: number }).replicas },
    }),
});
