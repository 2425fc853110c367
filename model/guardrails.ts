/**
 * What the guardrails derive from the registry: the quota keys (the size quotas, one count per
 * top-level kind that declares it, sub-tenants) and the data-service engines a security policy
 * can allow. The tenant's `quotas` and `security_policy` attributes, the service's checks and
 * bookkeeping, the provider's plan-time checks and the docs all read these lists; a new kind
 * only fills its descriptor (model/kind.ts).
 */
import { ApiSpec, Footprint, KindDescriptor, QuotaKey, SIZE_QUOTAS } from './kind';
import { KIND_LIST } from './kinds';
import { snakeCase } from './schema';

/** Count quotas of kinds, in registry order: the API key, the kind it counts, what it counts (plural). */
export const KIND_COUNT_QUOTAS: readonly { readonly key: string; readonly kind: string; readonly counts: string }[] = KIND_LIST.flatMap((k) =>
  k.quota.count ? [{ key: k.quota.count.key, kind: k.name, counts: k.quota.count.counts }] : [],
);

/** The count of sub-tenants (all levels): the one count quota that is not a resource kind's. */
export const SUB_TENANTS = 'subTenants';

/** Every quota a tenant can set, in the order docs list them: sizes, kinds' counts, sub-tenants. */
export const QUOTA_KEYS: readonly QuotaKey[] = [...SIZE_QUOTAS, ...KIND_COUNT_QUOTAS.map((q) => q.key), SUB_TENANTS];

/** Units of the size quotas in messages; counts have none. */
const UNITS: Readonly<Record<string, string>> = { cpu: ' vCPUs', memoryGib: ' GiB', storageGib: ' GiB' };
export const quotaUnit = (key: QuotaKey): string => UNITS[key] ?? '';

/** The quota's Terraform name (`memory_gib`, `sub_tenants`), as users write it and errors name it. */
export const quotaName = (key: QuotaKey): string => snakeCase(key);

/** What the tenant's `quotas.<name>` attribute limits, for its description: what, and the unit. */
export const QUOTA_DOCS: Readonly<Record<QuotaKey, { what: string; unit: string }>> = {
  cpu: { what: 'vCPUs', unit: '' },
  memoryGib: { what: 'memory', unit: ', in GiB' },
  storageGib: { what: 'disk storage', unit: ', in GiB' },
  ...Object.fromEntries(KIND_COUNT_QUOTAS.map((q) => [q.key, { what: q.counts, unit: '' }])),
  [SUB_TENANTS]: { what: 'sub-tenants', unit: ' (all levels)' },
};

export const ZERO_FOOTPRINT: Readonly<Footprint> = Object.freeze(Object.fromEntries(QUOTA_KEYS.map((k) => [k, 0])));

/** What one object of a kind weighs against quotas: its size and its count. */
export function footprintOf(kind: KindDescriptor, spec: ApiSpec): Footprint {
  const size = kind.quota.size?.(spec) ?? {};
  const f: Footprint = { ...ZERO_FOOTPRINT };
  for (const key of SIZE_QUOTAS) f[key] = size[key] ?? 0;
  if (kind.quota.count) f[kind.quota.count.key] = 1;
  return f;
}

/** Data-service engines a security policy can allow (`allowed_engines`), by kind name, with their versions. */
export const ENGINES: readonly { readonly name: string; readonly noun: string; readonly versions: readonly string[] }[] = KIND_LIST.flatMap((k) =>
  k.engine ? [{ name: k.name, noun: k.model.noun, versions: k.engine.versions }] : [],
);
export const ENGINE_NAMES: readonly string[] = ENGINES.map((e) => e.name);
export const engineNamed = (name: string) => ENGINES.find((e) => e.name === name);

/**
 * The `policy` of a guard problem about references between objects (an unknown subnet, an
 * overlapping range): the request's own error, no tenant's setting, so a plain 400 on the field.
 */
export const REFERENCE_POLICY = 'network';

/** The `policy` of a guard problem about an id another object holds alone (a disk in another VM's disks): the apply's 409. */
export const HELD_POLICY = 'attached';
