/**
 * Quotas: what a resource weighs (its footprint) and whether adding it keeps every ancestor
 * within its limits. Pure: the caller reads usage under a lock on the ancestors' rows.
 */
import type { TenantQuotas } from '../../model/api/types';
import { ApiSpec, Footprint, footprintOf as kindFootprint, QUOTA_KEYS, QuotaKey, ZERO_FOOTPRINT } from '../../model/kind';
import { isKindName, KINDS } from '../../model/kinds';
import type { GuardProblem } from './policy';

export { QUOTA_KEYS };
export type { Footprint, QuotaKey };
export const ZERO: Footprint = ZERO_FOOTPRINT;

const UNITS: Record<QuotaKey, string> = { cpu: ' vCPUs', memoryGib: ' GiB', storageGib: ' GiB', clusters: '', vms: '', subTenants: '' };
/** Terraform-facing quota names, as users wrote them. */
export const QUOTA_NAMES: Record<QuotaKey, string> = { cpu: 'cpu', memoryGib: 'memory_gib', storageGib: 'storage_gib', clusters: 'clusters', vms: 'vms', subTenants: 'sub_tenants' };

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
      const limit = h.quotas?.[key];
      if (typeof limit !== 'number' || delta[key] <= 0) continue;
      if (h.used[key] + delta[key] > limit) {
        const path = fieldOf(key);
        out.push({
          field: path.map(String).join('.'),
          path,
          reason: `quota ${QUOTA_NAMES[key]} of ${h.path} exceeded: ${fmt(h.used[key])}${UNITS[key]} in use, ${fmt(delta[key])} requested, limit ${limit}`,
          policy: `quotas.${QUOTA_NAMES[key]}`,
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
    const limit = quotas[key];
    if (typeof limit !== 'number' || limit >= used[key]) return [];
    return [
      {
        field: `quotas.${key}`,
        path: ['quotas', key],
        reason: `quota ${QUOTA_NAMES[key]} of ${path} cannot be ${limit}: its subtree already uses ${fmt(used[key])}${UNITS[key]}; free some first`,
        policy: `quotas.${QUOTA_NAMES[key]}`,
        setBy: path,
      },
    ];
  });
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);
