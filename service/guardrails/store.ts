/** SQL for guardrails: ancestors (optionally locked), subtree usage, networks, usage intervals. */
import type { SecurityPolicy, TenantQuotas } from '../../model/api/types';
import { Queryable } from '../store/store';
import { snakeCase } from '../../model/schema';
import { KIND_COUNT_QUOTAS, SUB_TENANTS } from '../../model/guardrails';
import { Footprint, ZERO } from './quotas';

export interface GuardTenantRow {
  readonly id: string;
  readonly parent_id: string | null;
  readonly path: string;
  readonly quotas: TenantQuotas | null;
  readonly security_policy: SecurityPolicy | null;
  readonly network_cidr: string | null;
  readonly network_prefix_length: number | null;
}

export interface IntervalRow {
  readonly resource_id: string;
  readonly kind: string;
  readonly name: string;
  readonly tenant_id: string;
  readonly tenant_path: string;
  readonly monthly_cost: number;
  readonly started_at: Date;
  readonly ended_at: Date | null;
}

/** Kinds that count against a count quota, with the SQL column their count goes by. */
const COUNTED = KIND_COUNT_QUOTAS.map((q) => ({ name: q.kind, quota: q.key, column: snakeCase(q.key) }));

const TENANT = 'id, parent_id, path, quotas, security_policy, network_cidr::text AS network_cidr, network_prefix_length';

/** `a/b/c` -> `a`, `a/b`, `a/b/c`. */
export function pathsTo(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class GuardStore {
  /** Reads already made, by statement and parameters (only with `remember`). */
  private readonly remembered?: Map<string, Promise<unknown>>;

  /**
   * @param options.remember answer a repeated unlocked read from the first one (a batch of
   *   read-only checks, which holds no snapshot anyway); writes and locked reads always go to `db`
   */
  constructor(
    private readonly db: Queryable,
    options: { remember?: boolean } = {},
  ) {
    if (options.remember) this.remembered = new Map();
  }

  private read<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.remembered) return load();
    let found = this.remembered.get(key) as Promise<T> | undefined;
    if (!found) {
      found = load();
      this.remembered.set(key, found);
      found.catch(() => this.remembered!.delete(key));
    }
    return found;
  }

  /**
   * What a tenant's objects hold of its address space: the values of `cidrs` (kind and API field,
   * e.g. subnets' ranges) and the private addresses its objects were given.
   */
  async tenantAddresses(tenantId: string, cidrs: readonly { kind: string; field: string }[]): Promise<{ ranges: string[]; addresses: string[] }> {
    const ranges: string[] = [];
    for (const c of cidrs) {
      const { rows } = await this.db.query<{ cidr: string }>(`SELECT spec->>$3 AS cidr FROM resources WHERE kind = $1 AND tenant_id = $2 AND status <> 'deleting'`, [c.kind, tenantId, c.field]);
      ranges.push(...rows.map((r) => r.cidr).filter(Boolean));
    }
    const { rows } = await this.db.query<{ ip: string }>(`SELECT observed->>'privateIp' AS ip FROM resources WHERE tenant_id = $1 AND observed->>'privateIp' IS NOT NULL`, [tenantId]);
    return { ranges, addresses: rows.map((r) => r.ip) };
  }

  /** The objects of `kind` under the same parent (`field` holding its id), but `except`, that are not going away. */
  async siblings(kind: string, field: string, parentId: string, except?: string): Promise<{ id: string; name: string; spec: Record<string, unknown> }[]> {
    const { rows } = await this.db.query<{ id: string; name: string; spec: Record<string, unknown> }>(
      `SELECT id, name, spec FROM resources WHERE kind = $1 AND spec->>$2 = $3 AND status <> 'deleting' AND id <> $4 ORDER BY name`,
      [kind, field, parentId, except ?? ''],
    );
    return rows;
  }

  async tenant(id: string): Promise<GuardTenantRow | undefined> {
    return this.read(`tenant ${id}`, async () => (await this.db.query<GuardTenantRow>(`SELECT ${TENANT} FROM tenants WHERE id = $1`, [id])).rows[0]);
  }

  /**
   * The tenants from the root down to `path`, root first. With `lock`, their rows are locked in
   * that order (FOR NO KEY UPDATE: it serialises guardrail checks without blocking the foreign
   * key checks of inserts and deletes), so concurrent creates in one subtree take turns.
   */
  async chain(path: string, lock: boolean): Promise<GuardTenantRow[]> {
    const sql = `SELECT ${TENANT} FROM tenants WHERE path = ANY($1::text[]) ORDER BY length(path)${lock ? ' FOR NO KEY UPDATE' : ''}`;
    const load = async () => (await this.db.query<GuardTenantRow>(sql, [pathsTo(path)])).rows;
    return lock ? load() : this.read(`chain ${path}`, load);
  }

  /** What the subtree at `path` uses now: open usage intervals, and its tenants below it. */
  async usedUnder(path: string, exceptResource?: string): Promise<Footprint> {
    return this.read(`used ${path} ${exceptResource ?? ''}`, () => this.loadUsedUnder(path, exceptResource));
  }

  private async loadUsedUnder(path: string, exceptResource?: string): Promise<Footprint> {
    const below = `${escapeLike(path)}/%`;
    const { rows } = await this.db.query<Record<string, number | string>>(
      `SELECT coalesce(sum(cpu), 0) AS cpu, coalesce(sum(memory_gib), 0) AS memory_gib, coalesce(sum(storage_gib), 0) AS storage_gib,
              ${COUNTED.map((k) => `count(*) FILTER (WHERE kind = '${k.name}') AS "${k.column}"`).join(', ')},
              (SELECT count(*) FROM tenants WHERE path LIKE $2) AS sub_tenants
         FROM usage_intervals
        WHERE ended_at IS NULL AND (tenant_path = $1 OR tenant_path LIKE $2) AND resource_id <> $3`,
      [path, below, exceptResource ?? ''],
    );
    const r = rows[0];
    return {
      ...ZERO,
      cpu: Number(r.cpu),
      memoryGib: Number(r.memory_gib),
      storageGib: Number(r.storage_gib),
      ...Object.fromEntries(COUNTED.map((k) => [k.quota, Number(r[k.column])])),
      [SUB_TENANTS]: Number(r.sub_tenants),
    };
  }

  async childNetworks(parentId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ network_cidr: string }>('SELECT network_cidr::text AS network_cidr FROM tenants WHERE parent_id = $1 AND network_cidr IS NOT NULL', [parentId]);
    return rows.map((r) => r.network_cidr);
  }

  async openInterval(resourceId: string): Promise<(IntervalRow & Footprint) | undefined> {
    return this.read(
      `interval ${resourceId}`,
      async () =>
        (
          await this.db.query<IntervalRow & Footprint>('SELECT *, memory_gib AS "memoryGib", storage_gib AS "storageGib" FROM usage_intervals WHERE resource_id = $1 AND ended_at IS NULL', [
            resourceId,
          ])
        ).rows[0],
    );
  }

  async closeInterval(resourceId: string): Promise<void> {
    await this.db.query('UPDATE usage_intervals SET ended_at = greatest(now(), started_at) WHERE resource_id = $1 AND ended_at IS NULL', [resourceId]);
  }

  async openNewInterval(row: Omit<IntervalRow, 'started_at' | 'ended_at'>, f: Footprint): Promise<void> {
    await this.db.query(
      `INSERT INTO usage_intervals (resource_id, kind, name, tenant_id, tenant_path, monthly_cost, cpu, memory_gib, storage_gib)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.resource_id, row.kind, row.name, row.tenant_id, row.tenant_path, row.monthly_cost, f.cpu, f.memoryGib, f.storageGib],
    );
  }

  /** Intervals of the subtree at `path` that overlap [from, to). */
  async intervals(path: string, from: Date, to: Date): Promise<IntervalRow[]> {
    const { rows } = await this.db.query<IntervalRow>(
      `SELECT resource_id, kind, name, tenant_id, tenant_path, monthly_cost, started_at, ended_at FROM usage_intervals
        WHERE (tenant_path = $1 OR tenant_path LIKE $2) AND started_at < $4 AND (ended_at IS NULL OR ended_at > $3)
        ORDER BY tenant_path, kind, name, resource_id, started_at`,
      [path, `${escapeLike(path)}/%`, from.toISOString(), to.toISOString()],
    );
    return rows;
  }
}
