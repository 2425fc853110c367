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

  /**
   * The principal of a usable (not revoked, not expired) token, or undefined. With `cache`, a
   * token found usable is answered from memory until it expires or the cache is told to forget.
   */
  async authenticate(secret: string, cache?: PrincipalCache): Promise<Principal | undefined> {
    const hash = hashToken(secret);
    const cached = cache?.get(hash);
    if (cached) return cached;
    const generation = cache?.generation;
    const { rows } = await this.db.query<{ id: string; role: Role; tenant_id: string; path: string; expires_at: Date | null }>(
      `SELECT k.id, k.role, k.tenant_id, t.path, k.expires_at
         FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [hash],
    );
    const row = rows[0];
    const principal = row && { tokenId: row.id, role: row.role, tenantId: row.tenant_id, tenantPath: row.path };
    if (principal && cache && generation !== undefined) cache.put(hash, principal, row.expires_at, generation);
    return principal;
  }
}

/** How long a cached principal is trusted at most, whatever happens outside the service's own writes. */
const PRINCIPAL_CACHE_MS = 60_000;
/** Distinct usable tokens remembered at most (only tokens that authenticated get in). */
const PRINCIPAL_CACHE_SIZE = 10_000;

/**
 * Usable tokens by hash, so that a request does not read api_tokens every time. Only for a store
 * this process alone writes (the embedded one: its lock file keeps other processes out); with a
 * PostgreSQL server another replica may revoke a token at any time, so each request reads it.
 * Whatever ends a token here (its revocation, its tenant's deletion) calls `forget()` before and
 * after its commit: a lookup that began before the change is not remembered (`generation`), and
 * the change is answered only after the cache is empty, so revocation stays immediate.
 */
export class PrincipalCache {
  private entries = new Map<string, { principal: Principal; until: number }>();
  private gen = 0;

  /** Changes on every `forget()`: a lookup remembers its answer only if it did not. */
  get generation(): number {
    return this.gen;
  }

  get(hash: string): Principal | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (Date.now() < entry.until) return entry.principal;
    this.entries.delete(hash);
    return undefined;
  }

  put(hash: string, principal: Principal, expiresAt: Date | null, generation: number): void {
    if (generation !== this.gen) return;
    if (this.entries.size >= PRINCIPAL_CACHE_SIZE) this.entries.clear();
    const until = Math.min(Date.now() + PRINCIPAL_CACHE_MS, expiresAt ? expiresAt.getTime() : Infinity);
    this.entries.set(hash, { principal, until });
  }

  forget(): void {
    this.gen++;
    this.entries.clear();
  }
}
