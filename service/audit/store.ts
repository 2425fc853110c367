import type { AuditEntry } from '../../model/api/types';
import { Principal } from '../auth/tokens';
import { newId } from '../ids';
import { Queryable } from '../store/store';
import { redact } from './redact';

export type AuditAction = AuditEntry['action'];

/** One change, as the service that made it describes it (API JSON, before redaction). */
export interface AuditChange {
  readonly action: AuditAction;
  /** One of AUDIT_KINDS (model/api/types.ts): the contract test checks the entries against the document. */
  readonly kind: string;
  readonly resourceId: string;
  /** The tenant the object belongs to (a tenant's own id for tenants). */
  readonly tenant: { readonly id: string; readonly path: string };
  readonly before: object | null;
  readonly after: object | null;
}

interface AuditRow {
  readonly id: string;
  readonly seq: string;
  readonly at: Date;
  readonly token_id: string;
  readonly actor_tenant_id: string;
  readonly action: AuditAction;
  readonly kind: string;
  readonly resource_id: string;
  readonly tenant_id: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/**
 * SQL for audit_log. `record` must be given the transaction that makes the change: the entry
 * and the change commit or roll back together. The table refuses UPDATE and DELETE itself
 * (migrations/010_members_audit.sql).
 */
export class AuditStore {
  constructor(private readonly db: Queryable) {}

  async record(principal: Principal, change: AuditChange): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (id, token_id, actor_tenant_id, action, kind, resource_id, tenant_id, tenant_path, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)`,
      [
        newId('aud'),
        principal.tokenId,
        principal.tenantId,
        change.action,
        change.kind,
        change.resourceId,
        change.tenant.id,
        change.tenant.path,
        change.before === null ? null : JSON.stringify(redact(change.before)),
        change.after === null ? null : JSON.stringify(redact(change.after)),
      ],
    );
  }

  /** Entries of the subtree at `path`, newest first; `before` is an entry id to page from. */
  async list(path: string, limit: number, before?: string): Promise<AuditEntry[]> {
    const params: unknown[] = [path, `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`, limit];
    let cursor = '';
    if (before) {
      params.push(before);
      cursor = `AND seq < COALESCE((SELECT seq FROM audit_log WHERE id = $4), 0)`;
    }
    const { rows } = await this.db.query<AuditRow>(`SELECT * FROM audit_log WHERE (tenant_path = $1 OR tenant_path LIKE $2) ${cursor} ORDER BY seq DESC LIMIT $3`, params);
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      tokenId: r.token_id,
      actorTenantId: r.actor_tenant_id,
      action: r.action,
      kind: r.kind,
      resourceId: r.resource_id,
      tenantId: r.tenant_id,
      before: r.before,
      after: r.after,
    }));
  }
}
