import { PageRequest, Paged, toPage } from '../http/pagination';
import type { Member } from '../../model/api/types';
import { authorize, requireNoEscalation, requireRoleFor } from '../auth/authorize';
import { Principal, Role } from '../auth/tokens';
import { AuditStore } from '../audit/store';
import { ConflictError, fieldError, NotFoundError, ValidationError } from '../http/problem';
import { newId } from '../ids';
import { Queryable, Store, uniqueViolation } from '../store/store';
import { TenantStore } from '../tenants/store';
import { MemberFilter, MemberRow, MemberStore } from './store';

export function toApiMember(row: MemberRow): Member {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    user: row.user_email,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Members: a user's role on a tenant (and so on its subtree). Admins manage them, never
 * granting or touching a role above their own token's. Each change is audited in its transaction.
 */
export class MemberService {
  constructor(private readonly db: Store) {}

  async create(principal: Principal, input: { tenantId: string; user: string; role: Role }): Promise<Member> {
    requireRoleFor(principal, 'member.write');
    try {
      return await this.db.transaction(async (tx) => {
        const tenant = await new TenantStore(tx).get(input.tenantId);
        const outside = () => new ValidationError([fieldError(['tenantId'], `tenant ${input.tenantId} does not exist or is outside this token's tenant`)]);
        if (!tenant) throw outside();
        authorize(principal, 'member.write', tenant, outside);
        requireNoEscalation(principal, input.role, 'grant a role');
        const members = new MemberStore(tx);
        const id = newId('mem');
        await members.insert({ id, tenant_id: tenant.id, user_email: input.user, role: input.role });
        const member = toApiMember((await members.find({ underPath: tenant.path, ids: [id] }))[0]);
        await new AuditStore(tx).record(principal, { action: 'create', kind: 'member', resourceId: id, tenant, before: null, after: member });
        return member;
      });
    } catch (err) {
      if (uniqueViolation(err) === undefined) throw err;
      throw new ConflictError(
        'member-exists',
        `${input.user} is already a member of tenant ${input.tenantId}: change the role of that membership instead (import it by id or as <tenant path>/<user>)`,
      );
    }
  }

  async get(principal: Principal, id: string): Promise<Member> {
    return toApiMember(await this.visible(this.db, principal, id));
  }

  async list(principal: Principal, filter: Omit<MemberFilter, 'underPath'>, page: PageRequest): Promise<Paged<Member>> {
    const rows = await new MemberStore(this.db).find({ ...filter, underPath: principal.tenantPath }, false, page);
    return toPage(
      rows,
      page,
      (r) => r.id,
      (shown) => shown.map(toApiMember),
    );
  }

  async update(principal: Principal, id: string, patch: { role?: Role }): Promise<Member> {
    return this.db.transaction(async (tx) => {
      const row = await this.visible(tx, principal, id, true);
      authorize(principal, 'member.write', { path: row.tenant_path });
      requireNoEscalation(principal, row.role, 'change a membership');
      const before = toApiMember(row);
      if (patch.role === undefined || patch.role === row.role) return before;
      requireNoEscalation(principal, patch.role, 'grant a role');
      await new MemberStore(tx).setRole(id, patch.role);
      const after = toApiMember(await this.visible(tx, principal, id));
      await new AuditStore(tx).record(principal, { action: 'update', kind: 'member', resourceId: id, tenant: tenantOf(row), before, after });
      return after;
    });
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await this.visible(tx, principal, id, true);
      authorize(principal, 'member.write', { path: row.tenant_path });
      requireNoEscalation(principal, row.role, 'remove a membership');
      await new MemberStore(tx).delete(id);
      await new AuditStore(tx).record(principal, { action: 'delete', kind: 'member', resourceId: id, tenant: tenantOf(row), before: toApiMember(row), after: null });
    });
  }

  private async visible(db: Queryable, principal: Principal, id: string, lock = false): Promise<MemberRow> {
    const [row] = await new MemberStore(db).find({ underPath: principal.tenantPath, ids: [id] }, lock);
    if (!row) throw new NotFoundError(`member ${id} does not exist or is outside this token's tenant`);
    return row;
  }
}

function tenantOf(row: MemberRow): { id: string; path: string } {
  return { id: row.tenant_id, path: row.tenant_path };
}
