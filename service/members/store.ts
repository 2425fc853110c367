import { keysetSql, PageRequest } from '../http/pagination';
import type { Role } from '../auth/tokens';
import { Queryable } from '../store/store';

/** A tenant_members row with its tenant's path (see migrations/010_members_audit.sql). */
export interface MemberRow {
  readonly id: string;
  readonly tenant_id: string;
  readonly tenant_path: string;
  readonly user_email: string;
  readonly role: Role;
  readonly created_at: Date;
  readonly updated_at: Date;
}

export const MEMBER_CONSTRAINTS = { user: 'tenant_members_user_key' } as const;

export interface MemberFilter {
  /** Only tenants at or below this path (the principal's subtree). */
  readonly underPath: string;
  readonly ids?: readonly string[];
  readonly tenantId?: string;
  readonly user?: string;
}

const SELECT = 'SELECT m.*, t.path AS tenant_path FROM tenant_members m JOIN tenants t ON t.id = m.tenant_id';

/** SQL for tenant_members, nothing else. */
export class MemberStore {
  constructor(private readonly db: Queryable) {}

  /** With `page`: that page by id (`limit + 1` rows); without: every match by path and user. */
  async find(filter: MemberFilter, lock = false, page?: PageRequest): Promise<MemberRow[]> {
    const params: unknown[] = [filter.underPath, `${filter.underPath.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`];
    const where = ['(t.path = $1 OR t.path LIKE $2)'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.ids) add('m.id = ANY(?::text[])', filter.ids);
    if (filter.tenantId) add('m.tenant_id = ?', filter.tenantId);
    if (filter.user) add('lower(m.user_email) = lower(?)', filter.user);
    if (page) {
      const k = keysetSql('m.id', page, params);
      return (await this.db.query<MemberRow>(`${SELECT} WHERE ${where.join(' AND ')}${k.where}${k.tail}`, params)).rows;
    }
    return (await this.db.query<MemberRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY t.path, m.user_email${lock ? ' FOR UPDATE OF m' : ''}`, params)).rows;
  }

  async insert(row: { id: string; tenant_id: string; user_email: string; role: Role }): Promise<void> {
    await this.db.query('INSERT INTO tenant_members (id, tenant_id, user_email, role) VALUES ($1, $2, $3, $4)', [row.id, row.tenant_id, row.user_email, row.role]);
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.query('UPDATE tenant_members SET role = $2, updated_at = now() WHERE id = $1', [id, role]);
  }

  async delete(id: string): Promise<void> {
    await this.db.query('DELETE FROM tenant_members WHERE id = $1', [id]);
  }
}
