/**
 * Brand checks, as aws-cdk's `Construct.isConstruct()`: each class marks its instances with a
 * symbol property, so a module recognises a tenant or a cluster without importing its class
 * (tenant.ts makes clusters and monitoring stacks, which would then import tenant.ts: a cycle).
 * `Symbol.for`: still true when an app loads two copies of the library. The classes expose them
 * as `Tenant.isTenant()`, `SubTenant.isSubTenant()` and `Cluster.isCluster()`.
 */
import type { HikubeTenant } from '../generated/tenant';
import type { ICluster, ITenant } from '../interfaces';

const TENANT = Symbol.for('@hikube/constructs.TenantBase');
const TENANT_MADE_HERE = Symbol.for('@hikube/constructs.Tenant');
const SUB_TENANT = Symbol.for('@hikube/constructs.SubTenant');
const CLUSTER = Symbol.for('@hikube/constructs.Cluster');

/** A Tenant or a SubTenant, as the constructs it makes see it. */
export interface TenantMadeHere extends ITenant {
  readonly resource: HikubeTenant;
  readonly tenantName: string;
}

/** A SubTenant, as the constructs it makes see it. */
export interface SubTenantMadeHere extends TenantMadeHere {
  readonly parent: ITenant;
}

/** A Cluster, as the constructs it makes see it. */
export interface ClusterMadeHere extends ICluster {
  readonly tenant: ITenant;
}

const has = (x: unknown, brand: symbol): boolean => typeof x === 'object' && x !== null && brand in x;
const mark = (x: object, brand: symbol): void => {
  Object.defineProperty(x, brand, { value: true });
};

/** Every tenant of this library: made here or imported. */
export function isTenant(x: unknown): x is ITenant {
  return has(x, TENANT);
}

/** A tenant made in this app (a Tenant or a SubTenant), not an imported one. */
export function isTenantMadeHere(x: unknown): x is TenantMadeHere {
  return has(x, TENANT_MADE_HERE);
}

export function isSubTenant(x: unknown): x is SubTenantMadeHere {
  return has(x, SUB_TENANT);
}

export function isCluster(x: unknown): x is ClusterMadeHere {
  return has(x, CLUSTER);
}

// Called by the constructors (TenantBase; Tenant and SubTenant; SubTenant; Cluster).
export const markTenant = (x: ITenant): void => mark(x, TENANT);
export const markTenantMadeHere = (x: TenantMadeHere): void => mark(x, TENANT_MADE_HERE);
export const markSubTenant = (x: SubTenantMadeHere): void => mark(x, SUB_TENANT);
export const markCluster = (x: ClusterMadeHere): void => mark(x, CLUSTER);

/** The parent of a sub-tenant made in this app; undefined for top-level and imported tenants. */
export function parentOf(tenant: ITenant): ITenant | undefined {
  return isSubTenant(tenant) ? tenant.parent : undefined;
}
