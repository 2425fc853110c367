import { keysetSql, PageRequest } from '../http/pagination';
import type { Role } from '../auth/tokens';
import { Queryable } from '../store/store';

/** An api_tokens row without its hash (reads never need it), with its tenant's path. */
export interface TokenRow {
  readonly id: string;
  readonly tenant_id: string;
  readonly tenant_path: string;
  readonly role: Role;
  readonly description: string;
  readonly created_at: Date;
  readonly expires_at: Date | null;
  readonly revoked_at: Date | null;
}

export interface TokenFilter {
  /** Only tenants at or below this path (the principal's subtree). */
  readonly underPath: string;
  readonly ids?: readonly string[];
  readonly tenantId?: string;
}

const SELECT = 'SELECT k.id, k.tenant_id, t.path AS tenant_path, k.role, k.description, k.created_at, k.expires_at, k.revoked_at FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id';

/** SQL for reading and revoking api_tokens; issuing and authenticating live in auth/tokens.ts. */
export class TokenRecords {
  constructor(private readonly db: Queryable) {}

  /** With `page`: that page by id (`limit + 1` rows); without: every match by path and age. */
  async find(filter: TokenFilter, lock = false, page?: PageRequest): Promise<TokenRow[]> {
    const params: unknown[] = [filter.underPath, `${filter.underPath.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`];
    const where = ['(t.path = $1 OR t.path LIKE $2)'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.ids) add('k.id = ANY(?::text[])', filter.ids);
    if (filter.tenantId) add('k.tenant_id = ?', filter.tenantId);
    if (page) {
      const k = keysetSql('k.id', page, params);
      return (await this.db.query<TokenRow>(`${SELECT} WHERE ${where.join(' AND ')}${k.where}${k.tail}`, params)).rows;
    }
    return (await this.db.query<TokenRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY t.path, k.created_at, k.id${lock ? ' FOR UPDATE OF k' : ''}`, params)).rows;
  }

  /** Revoked from now on: authentication checks revoked_at on every request. */
  async revoke(id: string): Promise<void> {
    await this.db.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  }
}
