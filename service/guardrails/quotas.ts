/**
 * Quotas: what a resource weighs (its footprint) and whether adding it keeps every ancestor
 * within its limits. Pure: the caller reads usage under a lock on the ancestors' rows.
 */
import type { TenantQuotas } from '../../client/types';
import { instanceType } from '../../model/catalog';
import type { GuardProblem } from './policy';

export const QUOTA_KEYS = ['cpu', 'memoryGib', 'storageGib', 'clusters', 'vms', 'subTenants'] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];
export type Footprint = Record<QuotaKey, number>;

export const ZERO: Footprint = { cpu: 0, memoryGib: 0, storageGib: 0, clusters: 0, vms: 0, subTenants: 0 };

const UNITS: Record<QuotaKey, string> = { cpu: ' vCPUs', memoryGib: ' GiB', storageGib: ' GiB', clusters: '', vms: '', subTenants: '' };
/** Terraform-facing quota names, as users wrote them. */
export const QUOTA_NAMES: Record<QuotaKey, string> = { cpu: 'cpu', memoryGib: 'memory_gib', storageGib: 'storage_gib', clusters: 'clusters', vms: 'vms', subTenants: 'sub_tenants' };

const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
const obj = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/** A VM: its instance type's vCPUs and memory, system plus data disks. */
export function vmFootprint(spec: Record<string, unknown>): Footprint {
  const type = typeof spec.instanceType === 'string' ? instanceType(spec.instanceType) : undefined;
  const disks = Array.isArray(spec.dataDisks) ? spec.dataDisks : [];
  const storage = num(obj(spec.systemDisk).sizeGb) + disks.reduce((s: number, d) => s + num(obj(d).sizeGb), 0);
  return { ...ZERO, cpu: type?.cpu ?? 0, memoryGib: type?.memoryGib ?? 0, storageGib: storage, vms: 1 };
}

/** A cluster: each node group at its minimum size (what is always running), node disks included. */
export function clusterFootprint(spec: Record<string, unknown>): Footprint {
  const f = { ...ZERO, clusters: 1 };
  for (const group of Object.values(obj(spec.nodeGroups))) {
    const g = obj(group);
    const n = num(g.minReplicas);
    const type = typeof g.instanceType === 'string' ? instanceType(g.instanceType) : undefined;
    f.cpu += n * (type?.cpu ?? 0);
    f.memoryGib += n * (type?.memoryGib ?? 0);
    f.storageGib += n * num(g.diskSizeGb);
  }
  return f;
}

export function footprintOf(kind: string, spec: Record<string, unknown>): Footprint {
  if (kind === 'vm') return vmFootprint(spec);
  if (kind === 'cluster') return clusterFootprint(spec);
  return ZERO; // monitoring stacks are billed, not counted against quotas
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
    return [{
      field: `quotas.${key}`,
      path: ['quotas', key],
      reason: `quota ${QUOTA_NAMES[key]} of ${path} cannot be ${limit}: its subtree already uses ${fmt(used[key])}${UNITS[key]}; free some first`,
      policy: `quotas.${QUOTA_NAMES[key]}`,
      setBy: path,
    }];
  });
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);
