import type { SecurityPolicy, TenantQuotas } from '../../model/api/types';
import { keysetSql, PageRequest } from '../http/pagination';
import { Queryable } from '../store/store';
import { KIND_LIST } from '../../model/kinds';

/** A tenants row as stored. */
export interface TenantRow {
  readonly id: string;
  readonly name: string;
  readonly parent_id: string | null;
  readonly path: string;
  readonly namespace: string;
  readonly description: string | null;
  readonly labels: Record<string, string>;
  readonly deletion_protection: boolean;
  readonly created_at: Date;
  readonly updated_at: Date;
  /** From metrics_accounts: the tenant's monitoring owner and account, null when no stack covers it. */
  readonly monitoring_owner_id: string | null;
  readonly metrics_account_id: number | null;
  /** Guardrails (migrations/020_guardrails.sql): API JSON, null when unset. */
  readonly quotas: TenantQuotas | null;
  readonly security_policy: SecurityPolicy | null;
  readonly network_cidr: string | null;
  readonly network_prefix_length: number | null;
}

type GuardColumns = 'quotas' | 'security_policy' | 'network_cidr' | 'network_prefix_length';
export type NewTenantRow = Omit<TenantRow, 'created_at' | 'updated_at' | 'monitoring_owner_id' | 'metrics_account_id' | GuardColumns> & Partial<Pick<TenantRow, GuardColumns>>;

/** A resource a tenant owns (what blocks its deletion). */
export interface OwnedResource {
  /** The kind's label (model/kind.ts), e.g. `monitoring-stack`. */
  readonly kind: string;
  readonly id: string;
  readonly name: string;
}
export type TenantRowChanges = Partial<Pick<TenantRow, 'description' | 'labels' | 'deletion_protection' | 'quotas' | 'security_policy'>>;

/** SQL: a stored kind's label, from the descriptors. */
const LABEL_OF_KIND = `CASE kind ${KIND_LIST.map((k) => `WHEN '${k.name}' THEN '${k.label}'`).join(' ')} ELSE kind END`;

/** Constraint names the service turns into 409s (see migrations/001_tenants.sql). */
export const TENANT_CONSTRAINTS = {
  siblingName: 'tenants_sibling_name_key',
  path: 'tenants_path_key',
  namespace: 'tenants_namespace_key',
} as const;

const COLUMNS =
  'id, name, parent_id, path, namespace, description, labels, deletion_protection, created_at, updated_at, ' +
  'quotas, security_policy, network_cidr::text AS network_cidr, network_prefix_length, ' +
  '(SELECT owner_tenant_id FROM metrics_accounts m WHERE m.tenant_id = tenants.id) AS monitoring_owner_id, ' +
  '(SELECT account_id FROM metrics_accounts m WHERE m.tenant_id = tenants.id) AS metrics_account_id';

/** SQL for tenants, nothing else: rules live in TenantService. */
export class TenantStore {
  constructor(private readonly db: Queryable) {}

  async get(id: string): Promise<TenantRow | undefined> {
    return (await this.db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE id = $1`, [id])).rows[0];
  }

  async getByPath(path: string): Promise<TenantRow | undefined> {
    return (await this.db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE path = $1`, [path])).rows[0];
  }

  async getByNamespace(namespace: string): Promise<TenantRow | undefined> {
    return (await this.db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE namespace = $1`, [namespace])).rows[0];
  }

  async root(): Promise<TenantRow | undefined> {
    return (await this.db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE parent_id IS NULL`)).rows[0];
  }

  /** A page of the subtree at `path` (or of `ids` within it), by path; `limit + 1` rows. */
  async subtreePage(path: string, page: PageRequest, ids?: readonly string[]): Promise<TenantRow[]> {
    const params: unknown[] = [path, `${escapeLike(path)}/%`];
    let where = '(path = $1 OR path LIKE $2)';
    if (ids) {
      params.push(ids);
      where += ` AND id = ANY($${params.length}::text[])`;
    }
    const k = keysetSql('path', page, params);
    return (await this.db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE ${where}${k.where}${k.tail}`, params)).rows;
  }

  /** A page of a tenant's children, by path; `limit + 1` rows. */
  async childrenPage(parentId: string, page: PageRequest): Promise<TenantRow[]> {
    const params: unknown[] = [parentId];
    const k = keysetSql('path', page, params);
    return (await this.db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE parent_id = $1${k.where}${k.tail}`, params)).rows;
  }

  async children(parentId: string): Promise<TenantRow[]> {
    return (await this.db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE parent_id = $1 ORDER BY path`, [parentId])).rows;
  }

  async insert(row: NewTenantRow): Promise<TenantRow> {
    const { rows } = await this.db.query<TenantRow>(
      `INSERT INTO tenants (id, name, parent_id, path, namespace, description, labels, deletion_protection, quotas, security_policy, network_cidr, network_prefix_length)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10::jsonb, $11::cidr, $12) RETURNING ${COLUMNS}`,
      [
        row.id,
        row.name,
        row.parent_id,
        row.path,
        row.namespace,
        row.description,
        JSON.stringify(row.labels),
        row.deletion_protection,
        jsonOrNull(row.quotas),
        jsonOrNull(row.security_policy),
        row.network_cidr ?? null,
        row.network_prefix_length ?? null,
      ],
    );
    return rows[0];
  }

  async update(id: string, changes: TenantRowChanges): Promise<TenantRow | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (changes.description !== undefined) set('description', changes.description);
    if (changes.labels !== undefined) set('labels', JSON.stringify(changes.labels), '::jsonb');
    if (changes.deletion_protection !== undefined) set('deletion_protection', changes.deletion_protection);
    if (changes.quotas !== undefined) set('quotas', jsonOrNull(changes.quotas), '::jsonb');
    if (changes.security_policy !== undefined) set('security_policy', jsonOrNull(changes.security_policy), '::jsonb');
    if (sets.length === 0) return this.get(id);
    const { rows } = await this.db.query<TenantRow>(`UPDATE tenants SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, params);
    return rows[0];
  }

  async ownedResources(id: string): Promise<OwnedResource[]> {
    const { rows } = await this.db.query<OwnedResource>(`SELECT ${LABEL_OF_KIND} AS kind, id, name FROM resources WHERE tenant_id = $1 ORDER BY kind, name`, [id]);
    return rows;
  }

  /** Deletes an unprotected tenant; false when it is protected or gone. A child makes it throw (FK). */
  async deleteUnprotected(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM tenants WHERE id = $1 AND NOT deletion_protection', [id]);
    return rowCount > 0;
  }
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
