import { randomBytes } from 'node:crypto';
import type { MonitoringAccount } from '../../model/api/types';
import { Queryable } from '../store/store';

/** Any constant: serialises ownership changes so that two stacks cannot race over one subtree. */
const OWNERSHIP_LOCK_KEY = 4_711_003;

interface TenantNode {
  id: string;
  path: string;
  namespace: string;
}

/**
 * Monitoring ownership: a tenant with a (not deleting) stack owns its subtree, down to a
 * tenant with a stack of its own (nearest ancestor-or-self wins). Every owned tenant has one
 * account in its owner's stack: a VictoriaMetrics/VictoriaLogs account ID from a sequence
 * (unique, never 0, never reused) and a vmauth user with a random password. An account is
 * kept while its owner stays the same, replaced when the owner changes, removed when no stack
 * covers the tenant any more.
 */
export class MetricsAccounts {
  constructor(private readonly db: Queryable) {}

  /** Recomputes ownership of the subtree at `path`; call inside the transaction making the change. */
  async reassign(path: string): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock($1)', [OWNERSHIP_LOCK_KEY]);
    const { rows: tenants } = await this.db.query<TenantNode>(`SELECT id, path, namespace FROM tenants WHERE path = $1 OR path LIKE $2 ORDER BY path`, [
      path,
      `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`,
    ]);
    const { rows: owners } = await this.db.query<{ tenant_id: string; path: string }>(
      `SELECT r.tenant_id, t.path FROM resources r JOIN tenants t ON t.id = r.tenant_id WHERE r.kind = 'monitoring' AND r.status <> 'deleting'`,
    );
    const { rows: current } = await this.db.query<{ tenant_id: string; owner_tenant_id: string }>('SELECT tenant_id, owner_tenant_id FROM metrics_accounts WHERE tenant_id = ANY($1::text[])', [
      tenants.map((t) => t.id),
    ]);
    const ownerNow = new Map(current.map((a) => [a.tenant_id, a.owner_tenant_id]));
    for (const tenant of tenants) {
      const owner = nearestOwner(tenant.path, owners);
      if (ownerNow.get(tenant.id) === owner) continue;
      if (ownerNow.has(tenant.id)) await this.db.query('DELETE FROM metrics_accounts WHERE tenant_id = $1', [tenant.id]);
      if (owner) {
        await this.db.query(`INSERT INTO metrics_accounts (tenant_id, owner_tenant_id, account_id, username, password) VALUES ($1, $2, nextval('metrics_account_ids'), $3, $4)`, [
          tenant.id,
          owner,
          tenant.namespace,
          randomBytes(18).toString('base64url'),
        ]);
      }
    }
  }

  /** The accounts of a stack's subtree, keyed by tenant id. */
  async ofOwner(ownerTenantId: string): Promise<Record<string, MonitoringAccount>> {
    const { rows } = await this.db.query<{ tenant_id: string; path: string; account_id: number; username: string; password: string }>(
      `SELECT a.tenant_id, t.path, a.account_id, a.username, a.password FROM metrics_accounts a JOIN tenants t ON t.id = a.tenant_id
        WHERE a.owner_tenant_id = $1 ORDER BY t.path`,
      [ownerTenantId],
    );
    return Object.fromEntries(rows.map((r) => [r.tenant_id, { tenantPath: r.path, accountId: r.account_id, username: r.username, password: r.password }]));
  }
}

function nearestOwner(path: string, owners: readonly { tenant_id: string; path: string }[]): string | undefined {
  let best: { tenant_id: string; path: string } | undefined;
  for (const o of owners) {
    if ((path === o.path || path.startsWith(`${o.path}/`)) && (!best || o.path.length > best.path.length)) best = o;
  }
  return best?.tenant_id;
}
