import { keysetSql, PageRequest } from '../http/pagination';
import { Queryable } from '../store/store';

/** A resource spec in API (camelCase) form, defaults applied, absent optionals null. */
export type Spec = Record<string, unknown>;

export type ResourceStatus = 'pending' | 'provisioning' | 'ready' | 'updating' | 'deleting' | 'failed';

/** A resources row as stored (see migrations/003_resources.sql). */
export interface ResourceRow {
  readonly id: string;
  readonly kind: string;
  readonly tenant_id: string;
  readonly name: string;
  readonly spec: Spec;
  readonly secret_input: Spec;
  readonly generation: number;
  readonly status: ResourceStatus;
  readonly status_reason: string | null;
  readonly observed: Record<string, unknown>;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** A row with its tenant's path and namespace, as reads need them. */
export interface ResourceWithTenant extends ResourceRow {
  readonly tenant_path: string;
  readonly tenant_namespace: string;
}

export const RESOURCE_CONSTRAINTS = { name: 'resources_name_key', idempotencyKey: 'idempotency_keys_pkey' } as const;

export interface ResourceFilter {
  readonly kind: string;
  /** Only tenants at or below this path (the principal's subtree). */
  readonly underPath: string;
  readonly ids?: readonly string[];
  readonly tenantId?: string;
  readonly name?: string;
}

/** The columns of a ResourceWithTenant, from `resources r` and `tenants t`. */
export const RESOURCE_WITH_TENANT = 'r.*, t.path AS tenant_path, t.namespace AS tenant_namespace';

const SELECT = `SELECT ${RESOURCE_WITH_TENANT} FROM resources r JOIN tenants t ON t.id = r.tenant_id`;

/** SQL for resources and their idempotency keys, nothing else. */
export class ResourceStore {
  constructor(private readonly db: Queryable) {}

  async find(filter: ResourceFilter, lock = false): Promise<ResourceWithTenant[]> {
    const { where, params } = filterSql(filter);
    const sql = `${SELECT} WHERE ${where} ORDER BY t.path, r.name, r.id${lock ? ' FOR UPDATE OF r' : ''}`;
    return (await this.db.query<ResourceWithTenant>(sql, params)).rows;
  }

  /** A page of `find`, by id (the primary key walks it: cost independent of the table's size); `limit + 1` rows. */
  async findPage(filter: ResourceFilter, page: PageRequest): Promise<ResourceWithTenant[]> {
    const { where, params } = filterSql(filter);
    const k = keysetSql('r.id', page, params);
    return (await this.db.query<ResourceWithTenant>(`${SELECT} WHERE ${where}${k.where}${k.tail}`, params)).rows;
  }

  async get(id: string): Promise<ResourceWithTenant | undefined> {
    return (await this.db.query<ResourceWithTenant>(`${SELECT} WHERE r.id = $1`, [id])).rows[0];
  }

  async insert(row: Pick<ResourceRow, 'id' | 'kind' | 'tenant_id' | 'name' | 'spec' | 'secret_input'>): Promise<ResourceRow> {
    const { rows } = await this.db.query<ResourceRow>(
      `INSERT INTO resources (id, kind, tenant_id, name, spec, secret_input, status) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, 'pending') RETURNING *`,
      [row.id, row.kind, row.tenant_id, row.name, JSON.stringify(row.spec), JSON.stringify(row.secret_input)],
    );
    return rows[0];
  }

  /** New desired spec: bumps the generation. */
  async setSpec(id: string, spec: Spec, secret: Spec, status: ResourceStatus): Promise<void> {
    await this.db.query(`UPDATE resources SET spec = $2::jsonb, secret_input = $3::jsonb, status = $4, status_reason = NULL, generation = generation + 1, updated_at = now() WHERE id = $1`, [
      id,
      JSON.stringify(spec),
      JSON.stringify(secret),
      status,
    ]);
  }

  async setStatus(id: string, status: ResourceStatus, reason: string | null = null): Promise<void> {
    await this.db.query(`UPDATE resources SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1`, [id, status, reason]);
  }

  /** What the driver reported; the status only moves when the generation is still the one applied. */
  async record(id: string, generation: number, status: ResourceStatus, reason: string | null, observed: Record<string, unknown> | undefined): Promise<boolean> {
    const { rowCount } = await this.db.query(`UPDATE resources SET status = $3, status_reason = $4, observed = observed || $5::jsonb, updated_at = now() WHERE id = $1 AND generation = $2`, [
      id,
      generation,
      status,
      reason,
      JSON.stringify(observed ?? {}),
    ]);
    return rowCount > 0;
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM resources WHERE id = $1', [id]);
  }

  /** `scope` is the caller (its token id): keys of other callers are invisible. */
  async idempotencyKey(scope: string, kind: string, key: string): Promise<{ request_hash: string; resource_id: string } | undefined> {
    return (
      await this.db.query<{ request_hash: string; resource_id: string }>('SELECT request_hash, resource_id FROM idempotency_keys WHERE scope = $1 AND kind = $2 AND key = $3', [scope, kind, key])
    ).rows[0];
  }

  async insertIdempotencyKey(scope: string, kind: string, key: string, requestHash: string, resourceId: string): Promise<void> {
    await this.db.query('INSERT INTO idempotency_keys (scope, kind, key, request_hash, resource_id) VALUES ($1, $2, $3, $4, $5)', [scope, kind, key, requestHash, resourceId]);
  }

  /** Every key of the resource (deletion), or only one caller's (that caller settled its create). */
  async releaseIdempotencyKeys(resourceId: string, scope?: string): Promise<number> {
    const { rowCount } =
      scope === undefined
        ? await this.db.query('DELETE FROM idempotency_keys WHERE resource_id = $1', [resourceId])
        : await this.db.query('DELETE FROM idempotency_keys WHERE resource_id = $1 AND scope = $2', [resourceId, scope]);
    return rowCount;
  }

  /**
   * `releaseIdempotencyKeys(id, scope)` for a resource that `filter` finds, in one statement;
   * false when it finds none (the caller answers 404).
   */
  async releaseVisibleIdempotencyKeys(filter: ResourceFilter, scope: string): Promise<boolean> {
    const { where, params } = filterSql(filter);
    params.push(scope);
    const { rows } = await this.db.query<{ id: string }>(
      `WITH visible AS (SELECT r.id FROM resources r JOIN tenants t ON t.id = r.tenant_id WHERE ${where}),
            released AS (DELETE FROM idempotency_keys k USING visible WHERE k.resource_id = visible.id AND k.scope = $${params.length})
       SELECT id FROM visible`,
      params,
    );
    return rows.length > 0;
  }

  async tenant(id: string): Promise<{ id: string; path: string; namespace: string } | undefined> {
    return (await this.db.query<{ id: string; path: string; namespace: string }>('SELECT id, path, namespace FROM tenants WHERE id = $1', [id])).rows[0];
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE clause of `find` and `findPage`: the kind, the subtree, and the optional filters. */
function filterSql(filter: ResourceFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [filter.kind, filter.underPath, `${escapeLike(filter.underPath)}/%`];
  const where = ['r.kind = $1', '(t.path = $2 OR t.path LIKE $3)'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.ids) add('r.id = ANY(?::text[])', filter.ids);
  if (filter.tenantId) add('r.tenant_id = ?', filter.tenantId);
  if (filter.name) add('r.name = ?', filter.name);
  return { where: where.join(' AND '), params };
}
