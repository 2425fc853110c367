import { monitoringMonthlyCost, MonitoringCostInput } from '../../model/pricing';
import { MONITORING_STACK_ID_PATTERN, monitoringStackModel } from '../../model/monitoring';
import { ResourceKind } from '../resources/kind';
import { ResourceStore } from '../resources/store';
import { MetricsAccounts } from './accounts';

/** A stack has no name of its own; this fixed one makes the (kind, tenant, name) index allow one per tenant. */
const STACK_NAME = 'monitoring';

/** Monitoring stacks: /v1/monitoring-stacks (Cozystack kind `Monitoring`). */
export const monitoringKind: ResourceKind = {
  kind: 'monitoring',
  model: monitoringStackModel,
  label: 'monitoring-stack',
  idPrefix: 'mon',
  idPattern: MONITORING_STACK_ID_PATTERN,
  nameOf: () => STACK_NAME,
  monthlyCost: (spec) => monitoringMonthlyCost(spec as unknown as MonitoringCostInput),
  check: () => [],
  conflictDetail: (_name, tenantPath) => `tenant ${tenantPath} already has a monitoring stack (at most one per tenant): import it, or change that one`,
  extraFields: async (db, row) => ({ accounts: row.status === 'deleting' ? {} : await new MetricsAccounts(db).ofOwner(row.tenant_id) }),
  onCreated: async (tx, row) => reassignFor(tx, row.tenant_id),
  onDeleting: async (tx, row) => reassignFor(tx, row.tenant_id),
};

async function reassignFor(tx: Parameters<NonNullable<ResourceKind['onCreated']>>[0], tenantId: string): Promise<void> {
  const tenant = await new ResourceStore(tx).tenant(tenantId);
  if (tenant) await new MetricsAccounts(tx).reassign(tenant.path);
}
