/**
 * Backfill of the bookkeeping that migration 020 introduced (run as migration 025). Before it, resources had no usage
 * intervals: without this, an upgraded deployment would bill existing clusters and VMs nothing
 * and leave them outside every quota. Written against the schema as of 020 (plain SQL, no
 * store classes that later migrations may change) and idempotent: only resources without an
 * open interval get one, starting when the resource was created.
 */
import type { ResourceKind } from '../resources/kind';
import type { Backfill } from '../store/migrate';
import { footprintOf } from './quotas';

export function usageBackfill(kinds: ReadonlyMap<string, ResourceKind>): Backfill {
  return async (tx) => {
    const { rows } = await tx.query<{ id: string; kind: string; name: string; tenant_id: string; path: string; spec: Record<string, unknown>; created_at: Date }>(
      `SELECT r.id, r.kind, r.name, r.tenant_id, t.path, r.spec, r.created_at
         FROM resources r JOIN tenants t ON t.id = r.tenant_id
        WHERE r.status <> 'deleting'
          AND NOT EXISTS (SELECT 1 FROM usage_intervals u WHERE u.resource_id = r.id AND u.ended_at IS NULL)`,
    );
    for (const r of rows) {
      const kind = kinds.get(r.kind);
      if (!kind) throw new Error(`cannot backfill usage of ${r.id}: unknown resource kind ${r.kind}`);
      const f = footprintOf(r.kind, r.spec);
      await tx.query(
        `INSERT INTO usage_intervals (resource_id, kind, name, tenant_id, tenant_path, monthly_cost, cpu, memory_gib, storage_gib, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [r.id, r.kind, r.name, r.tenant_id, r.path, kind.monthlyCost(r.spec), f.cpu, f.memoryGib, f.storageGib, r.created_at],
      );
    }
    return rows.length;
  };
}
