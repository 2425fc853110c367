import type { FieldError } from '../../model/api/types';
import { TENANT_ID_PATTERN } from '../../model/tenant';
import { MAX_IDS_PER_LIST } from '../../model/api/limits';
import { fieldError, ValidationError } from './problem';

/** `?id=a&id=b` (at most 100), `?tenantId=`, and named single-valued filters; all optional, ANDed. */
export function listQuery<K extends string>(
  query: Record<string, unknown>,
  idPattern: RegExp,
  idExample: string,
  singles: Partial<Record<K, RegExp>> = {},
): { ids?: string[]; tenantId?: string } & Partial<Record<K, string>> {
  const problems: FieldError[] = [];
  const out: Record<string, unknown> = {};
  if (query.id !== undefined) {
    const list = Array.isArray(query.id) ? query.id : [query.id];
    list.forEach((id, i) => {
      if (typeof id !== 'string' || !idPattern.test(id)) problems.push(fieldError(['id', i], `must be an id such as ${idExample}`));
    });
    if (list.length > MAX_IDS_PER_LIST) problems.push(fieldError(['id'], `at most ${MAX_IDS_PER_LIST} ids per request, got ${list.length}`));
    out.ids = list;
  }
  const patterns: Record<string, RegExp | undefined> = { tenantId: TENANT_ID_PATTERN, ...singles };
  for (const [name, pattern] of Object.entries(patterns)) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) problems.push(fieldError([name], `must be given once, matching ${String(pattern)}`));
    else out[name] = value;
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return out as { ids?: string[]; tenantId?: string } & Partial<Record<K, string>>;
}
