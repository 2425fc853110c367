import { PageRequest, Paged, toPage } from '../http/pagination';
import type { ApiToken } from '../../model/api/types';
import { authorize, requireNoEscalation, requireRoleFor } from '../auth/authorize';
import { Principal, Role, TokenStore } from '../auth/tokens';
import { AuditStore } from '../audit/store';
import { fieldError, NotFoundError, ValidationError } from '../http/problem';
import { Queryable, Store } from '../store/store';
import { TenantStore } from '../tenants/store';
import { TokenFilter, TokenRecords, TokenRow } from './store';

export function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    role: row.role,
    description: row.description === '' ? null : row.description,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export interface TokenCreate {
  tenantId: string;
  role: Role;
  description?: string | null;
  expiresAt?: string | null;
}

/**
 * API tokens: made by admins for their own subtree, never with a role above the maker's. The
 * secret is in the create answer only; the database keeps its SHA-256. Deleting revokes: the
 * row stays (with revokedAt) for the audit trail, and the token stops working at once.
 */
export class TokenService {
  constructor(
    private readonly db: Store,
    /** Told before and after a revocation commits (the embedded store's cache of usable tokens). */
    private readonly revoked: () => void = () => undefined,
  ) {}

  async create(principal: Principal, input: TokenCreate): Promise<ApiToken & { secret: string }> {
    requireRoleFor(principal, 'token.write');
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : undefined;
    if (expiresAt && !(expiresAt.getTime() > Date.now())) {
      throw new ValidationError([fieldError(['expiresAt'], `must be in the future, got ${input.expiresAt}`)]);
    }
    return this.db.transaction(async (tx) => {
      const tenant = await new TenantStore(tx).get(input.tenantId);
      const outside = () => new ValidationError([fieldError(['tenantId'], `tenant ${input.tenantId} does not exist or is outside this token's tenant`)]);
      if (!tenant) throw outside();
      authorize(principal, 'token.write', tenant, outside);
      requireNoEscalation(principal, input.role, 'create a token');
      const { id, secret } = await new TokenStore(tx).issue({ tenantId: tenant.id, role: input.role, description: input.description ?? undefined, expiresAt });
      const token = toApiToken(await this.visible(tx, principal, id));
      await new AuditStore(tx).record(principal, { action: 'create', kind: 'api-token', resourceId: id, tenant, before: null, after: token });
      return { ...token, secret };
    });
  }

  async get(principal: Principal, id: string): Promise<ApiToken> {
    return toApiToken(await this.visible(this.db, principal, id));
  }

  async list(principal: Principal, filter: Omit<TokenFilter, 'underPath'>, page: PageRequest): Promise<Paged<ApiToken>> {
    const rows = await new TokenRecords(this.db).find({ ...filter, underPath: principal.tenantPath }, false, page);
    return toPage(
      rows,
      page,
      (r) => r.id,
      (shown) => shown.map(toApiToken),
    );
  }

  /** Revokes; revoking a revoked token changes nothing (and records nothing). */
  async revoke(principal: Principal, id: string): Promise<void> {
    this.revoked();
    await this.db.transaction(async (tx) => {
      const row = await this.visible(tx, principal, id, true);
      authorize(principal, 'token.write', { path: row.tenant_path });
      requireNoEscalation(principal, row.role, 'revoke a token');
      if (row.revoked_at) return;
      await new TokenRecords(tx).revoke(id);
      const after = toApiToken(await this.visible(tx, principal, id));
      const tenant = { id: row.tenant_id, path: row.tenant_path };
      await new AuditStore(tx).record(principal, { action: 'delete', kind: 'api-token', resourceId: id, tenant, before: toApiToken(row), after });
    });
    this.revoked();
  }

  private async visible(db: Queryable, principal: Principal, id: string, lock = false): Promise<TokenRow> {
    const [row] = await new TokenRecords(db).find({ underPath: principal.tenantPath, ids: [id] }, lock);
    if (!row) throw new NotFoundError(`API token ${id} does not exist or is outside this token's tenant`);
    return row;
  }
}
