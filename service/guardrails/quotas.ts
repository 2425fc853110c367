/**
 * Quotas: what a resource weighs (its footprint) and whether adding it keeps every ancestor
 * within its limits. Pure: the caller reads usage under a lock on the ancestors' rows.
 */
import type { TenantQuotas } from '../../model/api/types';
import { footprintOf as kindFootprint, QUOTA_KEYS, quotaName, quotaUnit, ZERO_FOOTPRINT } from '../../model/guardrails';
import type { ApiSpec, Footprint, QuotaKey } from '../../model/kind';
import { isKindName, KINDS } from '../../model/kinds';
import type { GuardProblem } from './policy';

export { QUOTA_KEYS };
export type { Footprint, QuotaKey };
export const ZERO: Readonly<Footprint> = ZERO_FOOTPRINT;

/** A tenant's limit for `key`, if it set one (stored quotas predating a key lack it: unlimited). */
const limitOf = (quotas: TenantQuotas | null | undefined, key: QuotaKey): number | undefined => {
  const limit = (quotas as Readonly<Record<string, unknown>> | null | undefined)?.[key];
  return typeof limit === 'number' ? limit : undefined;
};

/** What an object of `kind` weighs (its descriptor says); nothing for a kind the store does not know. */
export function footprintOf(kind: string, spec: ApiSpec): Footprint {
  return isKindName(kind) ? kindFootprint(KINDS[kind], spec) : ZERO;
}

export function plus(a: Footprint, b: Footprint): Footprint {
  return Object.fromEntries(QUOTA_KEYS.map((k) => [k, a[k] + b[k]])) as Footprint;
}

export function minus(a: Footprint, b: Footprint): Footprint {
  return Object.fromEntries(QUOTA_KEYS.map((k) => [k, a[k] - b[k]])) as Footprint;
}

/** One ancestor's limits and what its subtree uses now. */
export interface QuotaHolder {
  readonly path: string;
  readonly quotas: TenantQuotas | null;
  readonly used: Footprint;
}

/**
 * Problems if adding `delta` exceeds any holder's quota. Only growth is checked: shrinking a
 * resource that is already over a (since lowered) quota is always allowed.
 */
export function checkQuotas(holders: readonly QuotaHolder[], delta: Footprint, fieldOf: (key: QuotaKey) => (string | number)[]): GuardProblem[] {
  const out: GuardProblem[] = [];
  for (const h of holders) {
    for (const key of QUOTA_KEYS) {
      const limit = limitOf(h.quotas, key);
      if (limit === undefined || !(delta[key] > 0)) continue;
      if (h.used[key] + delta[key] > limit) {
        const path = fieldOf(key);
        out.push({
          field: path.map(String).join('.'),
          path,
          reason: `quota ${quotaName(key)} of ${h.path} exceeded: ${fmt(h.used[key])}${quotaUnit(key)} in use, ${fmt(delta[key])} requested, limit ${limit}`,
          policy: `quotas.${quotaName(key)}`,
          setBy: h.path,
        });
      }
    }
  }
  return out;
}

/** New quotas for a tenant must not be below what its subtree uses already. */
export function checkQuotasCoverUse(quotas: TenantQuotas | null | undefined, path: string, used: Footprint): GuardProblem[] {
  if (!quotas) return [];
  return QUOTA_KEYS.flatMap((key) => {
    const limit = limitOf(quotas, key);
    if (limit === undefined || limit >= used[key]) return [];
    return [
      {
        field: `quotas.${key}`,
        path: ['quotas', key],
        reason: `quota ${quotaName(key)} of ${path} cannot be ${limit}: its subtree already uses ${fmt(used[key])}${quotaUnit(key)}; free some first`,
        policy: `quotas.${quotaName(key)}`,
        setBy: path,
      },
    ];
  });
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);
