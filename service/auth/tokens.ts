import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../ids';
import { Queryable } from '../store/store';

/** Roles, weakest first: each includes the ones before it. */
export const ROLES = ['view', 'use', 'admin', 'super-admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Secrets look like `hkt_<43 base64url characters>` (256 bits): recognisable in leaks, greppable. */
export function newTokenSecret(): string {
  return `hkt_${randomBytes(32).toString('base64url')}`;
}

/** Only this hash is stored; a stolen database gives no usable token. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Who a request acts as: a token, its role, and the tenant whose subtree it may see. */
export interface Principal {
  readonly tokenId: string;
  readonly role: Role;
  readonly tenantId: string;
  readonly tenantPath: string;
}

export interface IssueTokenOptions {
  readonly tenantId: string;
  readonly role: Role;
  readonly description?: string;
  readonly expiresAt?: Date;
}

/** SQL for api_tokens. */
export class TokenStore {
  constructor(private readonly db: Queryable) {}

  /** Creates a token and returns its secret: the only time it exists in clear. */
  async issue(options: IssueTokenOptions): Promise<{ id: string; secret: string }> {
    const id = newId('tok');
    const secret = newTokenSecret();
    await this.db.query(`INSERT INTO api_tokens (id, tenant_id, role, token_hash, description, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      id,
      options.tenantId,
      options.role,
      hashToken(secret),
      options.description ?? '',
      options.expiresAt?.toISOString() ?? null,
    ]);
    return { id, secret };
  }

  /** The principal of a usable (not revoked, not expired) token, or undefined. */
  async authenticate(secret: string): Promise<Principal | undefined> {
    const { rows } = await this.db.query<{ id: string; role: Role; tenant_id: string; path: string }>(
      `SELECT k.id, k.role, k.tenant_id, t.path
         FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [hashToken(secret)],
    );
    const row = rows[0];
    return row && { tokenId: row.id, role: row.role, tenantId: row.tenant_id, tenantPath: row.path };
  }
}
