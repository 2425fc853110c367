import { Router } from 'express';
import type { FieldError } from '../../model/api/types';
import { PAGE_LIMITS } from '../../model/api/limits';
import { TENANT_ID_PATTERN } from '../../model/tenant';
import { authorize } from '../auth/authorize';
import { principalOf } from '../auth/middleware';
import { encodeCursor, pageOf as pageRequest } from '../http/pagination';
import { fieldError, NotFoundError, ValidationError } from '../http/problem';
import { declaredRoute } from '../http/routes';
import { Queryable } from '../store/store';
import { TenantStore } from '../tenants/store';
import { AuditStore } from './store';

/** The same page sizes as every list. */
export const DEFAULT_AUDIT_LIMIT = PAGE_LIMITS.default;
export const MAX_AUDIT_LIMIT = PAGE_LIMITS.max;
const AUDIT_ID_PATTERN = /^aud-[a-z2-7]{16}$/;

/**
 * GET /v1/tenants/{id}/audit?limit=&before=: the subtree's changes, newest first, for admins of
 * the tenant. Read-only: any other method is 405, whoever asks.
 */
export function auditRouter(db: Queryable): Router {
  const router = Router({ mergeParams: true });
  declaredRoute(router, '/v1/tenants/{id}/audit', '/', {
    get: async (req, res) => {
      const id = (req.params as { id: string }).id;
      const notFound = () => new NotFoundError(`tenant ${id} does not exist or is outside this token's tenant`);
      const tenant = TENANT_ID_PATTERN.test(id) ? await new TenantStore(db).get(id) : undefined;
      if (!tenant) throw notFound();
      authorize(principalOf(req), 'audit.read', tenant, notFound);
      const { limit, before } = pageOf(req.query);
      const entries = await new AuditStore(db).list(tenant.path, limit + 1, before);
      const items = entries.slice(0, limit);
      res.json({ items, nextCursor: entries.length > limit ? encodeCursor(items[items.length - 1].id) : null });
    },
  });
  return router;
}

function cursorEntry(cursor: unknown): string | undefined {
  if (typeof cursor !== 'string') return undefined;
  try {
    return pageRequest({ cursor }).after ?? undefined;
  } catch {
    return 'invalid';
  }
}

function pageOf(query: Record<string, unknown>): { limit: number; before?: string } {
  const problems: FieldError[] = [];
  const limit = query.limit === undefined ? DEFAULT_AUDIT_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_LIMIT) problems.push(fieldError(['limit'], `must be a whole number from 1 to ${MAX_AUDIT_LIMIT}`));
  // `cursor` (the previous page's nextCursor, as on every list) or `before` (an entry id).
  const before = query.cursor !== undefined ? cursorEntry(query.cursor) : query.before;
  if (before !== undefined && (typeof before !== 'string' || !AUDIT_ID_PATTERN.test(before))) {
    problems.push(fieldError(['before'], 'must be the id of an audit entry (aud-...), the last one of the previous page'));
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { limit, before: before as string | undefined };
}
