import { ResourceKind, ServiceHooks } from '../resources/kind';
import { ResourceStore } from '../resources/store';
import { MetricsAccounts } from './accounts';

/** Monitoring stacks in the service: their accounts, reassigned as stacks come and go. */
export const monitoringHooks: ServiceHooks = {
  extraFields: async (db, row) => ({ accounts: row.status === 'deleting' ? {} : await new MetricsAccounts(db).ofOwner(row.tenant_id) }),
  onCreated: async (tx, row) => reassignFor(tx, row.tenant_id),
  onDeleting: async (tx, row) => reassignFor(tx, row.tenant_id),
};

async function reassignFor(tx: Parameters<NonNullable<ResourceKind['onCreated']>>[0], tenantId: string): Promise<void> {
  const tenant = await new ResourceStore(tx).tenant(tenantId);
  if (tenant) await new MetricsAccounts(tx).reassign(tenant.path);
}
