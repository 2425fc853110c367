/**
 * JSON shapes of the REST API (camelCase). Resource bodies are generated from the model
 * (./generated/resources.ts); the rest (lists, catalog, usage, audit, validation) are written
 * here, the one place client and service both take them from.
 */
import type { Role } from '../access';
import type { Status } from '../common';
import { triggeredActions } from '../kind';
import { KIND_LIST, KIND_NAMES, KindName } from '../kinds';
import type { Cluster, ClusterCreate, MonitoringStack, MonitoringStackCreate, TenantCreate, Vm, VmCreate } from './generated/resources';
import type { FieldError } from './problem';

export type * from './generated/resources';
export type { FieldError, Problem } from './problem';
export type { Role, Status };

// ---- parts of resource bodies, named for code that handles them alone ----

/** A tenant's quotas as sent (and as the service stores them): a null or absent field is unlimited. */
export type TenantQuotas = NonNullable<TenantCreate['quotas']>;
export type SecurityPolicy = NonNullable<TenantCreate['securityPolicy']>;
/** Fields every operation-backed resource carries. */
export type Provisioned = Pick<Cluster, 'id' | 'status' | 'statusReason' | 'monthlyCostEstimate' | 'createdAt' | 'updatedAt'>;
export type NodeGroup = Cluster['nodeGroups'][string];
export type ClusterAddons = Cluster['addons'];
export type ClusterSpec = ClusterCreate;
export type SystemDisk = NonNullable<Vm['systemDisk']>;
export type DataDisk = NonNullable<Vm['dataDisks']>[number];
export type VmSpec = VmCreate;
/** A tenant's account in a monitoring stack; `password` is null for tokens below admin and when credentials are not kept. */
export type MonitoringAccount = MonitoringStack['accounts'][string];
export type MonitoringStackSpec = MonitoringStackCreate;

// ---- lists ----

export interface List<T> {
  readonly items: T[];
}

/** One page of a list; pass `nextCursor` as `?cursor=` for the next (null on the last page). */
export interface Page<T> extends List<T> {
  readonly nextCursor: string | null;
}

// ---- catalog ----

export interface InstanceTypeInfo {
  readonly name: string;
  readonly series: string;
  readonly size: string;
  readonly cpu: number;
  readonly memoryGib: number;
  readonly monthlyPrice: number;
  /** What to use instead: present only for a deprecated name, which still works. */
  readonly deprecated?: string;
}

export interface KubernetesVersions {
  readonly versions: string[];
  readonly defaultVersion: string;
  readonly latestVersion: string;
}

/** `GET /v1/catalog/presets`: one data-service engine's preset. */
export interface PresetInfo {
  readonly engine: string;
  readonly name: string;
  readonly cpu: number;
  readonly memoryGib: number;
  readonly monthlyPrice: number;
}

/** `GET /v1/catalog/images`: one distribution of the platform images (model/catalog.ts `CLOUD_IMAGES`). */
export interface ImageInfo {
  readonly name: string;
  readonly displayName: string;
  readonly versions: string[];
  /** The names an `image` attribute takes: `<name>-<version>`. */
  readonly images: string[];
  readonly minSizeGib: number;
  readonly iso: boolean;
}

/** `GET /v1/catalog/gpus`: one GPU of the catalog (model/catalog.ts `GPUS`). */
export interface GpuInfo {
  readonly name: string;
  readonly displayName: string;
  readonly memoryGb: number;
  readonly available: boolean;
  readonly monthlyPrice: number;
  /** What to use instead: present only for a deprecated name, which still works. */
  readonly deprecated?: string;
}

export interface PostgresExtensions {
  readonly extensions: string[];
}

/** One SKU of the published price list (model/prices.ts). */
export interface PriceItem {
  readonly sku: string;
  readonly description: string;
  readonly unit: string;
  readonly monthly: number;
  readonly hourly: number;
}

/** `GET /v1/prices/{category}`. */
export interface PriceSheet {
  readonly category: string;
  readonly description: string;
  readonly currency: string;
  readonly exchangeRate: number;
  readonly hoursPerMonth: number;
  readonly items: PriceItem[];
}

// ---- billing and audit ----

export interface TenantUsage {
  readonly tenantId: string;
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly totalCost: number;
  readonly resources: { kind: string; id: string; name: string; tenantId: string; hours: number; cost: number }[];
  readonly subTenants: { tenantId: string; path: string; cost: number }[];
}

/** What an audit entry's `kind` names: tenants, members, API tokens, and each resource kind by its label. */
export const AUDIT_KINDS: readonly string[] = ['tenant', 'member', 'api-token', ...KIND_LIST.map((k) => k.label)];

/**
 * What an audit entry's `action` names: besides create, update and delete, every triggered
 * action of the registry's kinds (`rotate`: generated secrets replaced; a VM's `restart`...).
 */
export const AUDIT_ACTIONS: readonly string[] = ['create', 'update', 'delete', ...new Set(KIND_LIST.flatMap((k) => triggeredActions(k).map((a) => a.name)))];

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** Who: the token's id and the tenant it is bound to. */
  readonly tokenId: string;
  readonly actorTenantId: string;
  /** One of AUDIT_ACTIONS. */
  readonly action: string;
  readonly kind: string;
  readonly resourceId: string;
  readonly tenantId: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

// ---- guardrails ----

/** What POST /v1/validate judges: tenants, and every resource kind (model/kinds.ts). */
export const VALIDATION_KINDS: readonly ('tenant' | KindName)[] = ['tenant', ...KIND_NAMES];

/** POST /v1/validate: would this create or change be allowed by policies and quotas? */
export interface ValidationRequest {
  kind: 'tenant' | KindName;
  tenantId: string;
  /** Desired spec in API JSON (camelCase), as the create or update would send it. */
  spec: Record<string, unknown>;
  /** Set when the object exists already (an update): its current use is not counted twice. */
  resourceId?: string;
}

/** POST /v1/validate with a plan's batch: one result per request, in order. */
export interface ValidationBatch {
  requests: ValidationRequest[];
  /** Changes accepted earlier in the same plan: counted against quotas, not judged again. */
  context?: ValidationRequest[];
}

export interface ValidationBatchAnswer {
  readonly results: readonly (ValidationAnswer & { readonly error?: { status: number; title: string; detail: string } })[];
}

export interface ValidationAnswer {
  /** Empty when allowed; each names the field, the policy or quota and the tenant that set it. */
  readonly problems: (FieldError & { policy?: string; setBy?: string })[];
}
