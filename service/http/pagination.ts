import type { FieldError } from '../../model/api/types';
import { PAGE_LIMITS } from '../../model/api/limits';
import { fieldError, ValidationError } from './problem';

/**
 * Cursor pagination, the same on every list: `?limit=` (1 to 1000, default 100) and
 * `?cursor=` (the `nextCursor` of the previous page, opaque). Each list orders by a unique key
 * (ids; tenants by path) and a page starts after the last key of the previous one, so pages
 * never skip or repeat an item when others are created or deleted meanwhile, and a page costs
 * the same however many items exist (an index range scan, not an offset).
 */

export const DEFAULT_PAGE_SIZE = PAGE_LIMITS.default;
export const MAX_PAGE_SIZE = PAGE_LIMITS.max;

export interface PageRequest {
  readonly limit: number;
  /** The sort key of the last item of the previous page. */
  readonly after?: string;
}

export interface Paged<T> {
  readonly items: T[];
  /** Pass as `?cursor=` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

const CURSOR_PREFIX = 'k1:';

export function encodeCursor(key: string): string {
  return Buffer.from(CURSOR_PREFIX + key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,1400}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith(CURSOR_PREFIX) && !text.includes('\u0000') ? text.slice(CURSOR_PREFIX.length) : undefined;
}

/** `?limit=&cursor=` of a list request; 400 naming the parameter when either is malformed. */
export function pageOf(query: Record<string, unknown>): PageRequest {
  const problems: FieldError[] = [];
  const limit = query.limit === undefined ? DEFAULT_PAGE_SIZE : typeof query.limit === 'string' && /^\d{1,5}$/.test(query.limit) ? Number(query.limit) : NaN;
  if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) problems.push(fieldError(['limit'], `must be given once, a whole number from 1 to ${MAX_PAGE_SIZE}`));
  let after: string | undefined;
  if (query.cursor !== undefined) {
    after = typeof query.cursor === 'string' ? decodeCursor(query.cursor) : undefined;
    if (after === undefined) problems.push(fieldError(['cursor'], 'must be the nextCursor of a previous page of this list, unchanged'));
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { limit, after };
}

/** Rows fetched with `limit + 1`: the extra row only says there is a next page. */
export function toPage<R, T>(rows: readonly R[], page: PageRequest, keyOf: (row: R) => string, map: (rows: R[]) => T[] | Promise<T[]>): Promise<Paged<T>> {
  const shown = rows.slice(0, page.limit);
  const more = rows.length > page.limit;
  return Promise.resolve(map(shown)).then((items) => ({ items, nextCursor: more ? encodeCursor(keyOf(shown[shown.length - 1])) : null }));
}

/** SQL pieces for a keyset page: `AND key > $n` and `ORDER BY key LIMIT $m`, appended to params. */
export function keysetSql(column: string, page: PageRequest, params: unknown[]): { where: string; tail: string } {
  let where = '';
  if (page.after !== undefined) {
    params.push(page.after);
    where = ` AND ${column} > $${params.length}`;
  }
  params.push(page.limit + 1);
  return { where, tail: ` ORDER BY ${column} LIMIT $${params.length}` };
}
