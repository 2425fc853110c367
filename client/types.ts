/** JSON shapes of the REST API (camelCase, Kubernetes/Cozystack style). */
import type { KindName } from '../model/kinds';

export interface Tenant {
  readonly id: string;
  readonly name: string;
  /** null only for the organisation root. */
  readonly parentId: string | null;
  readonly path: string;
  readonly namespace: string;
  readonly description: string | null;
  readonly labels: Record<string, string>;
  readonly deletionProtection: boolean;
  /** Limits for the whole subtree; a null field is unlimited (within the parent's quota). */
  readonly quotas: TenantQuotas | null;
  readonly securityPolicy: SecurityPolicy | null;
  readonly networkPrefixLength: number;
  readonly networkCidr: string;
  /** Nearest ancestor-or-self with a monitoring stack; null when none. */
  readonly monitoringOwnerId: string | null;
  readonly metricsAccountId: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TenantQuotas {
  cpu?: number | null;
  memoryGib?: number | null;
  storageGib?: number | null;
  clusters?: number | null;
  vms?: number | null;
  subTenants?: number | null;
}

export interface SecurityPolicy {
  allowedInstanceTypes?: string[] | null;
  allowedKubernetesVersions?: string[] | null;
  externalIpsAllowed?: boolean | null;
  egressCidrs?: string[] | null;
}

export interface TenantCreate {
  name: string;
  parentId?: string;
  description?: string | null;
  labels?: Record<string, string> | null;
  deletionProtection?: boolean;
  quotas?: TenantQuotas | null;
  securityPolicy?: SecurityPolicy | null;
  networkPrefixLength?: number;
}

export type TenantUpdate = Partial<Pick<TenantCreate, 'description' | 'labels' | 'deletionProtection' | 'quotas' | 'securityPolicy'>>;

export interface List<T> {
  readonly items: T[];
}

/** One page of a list; pass `nextCursor` as `?cursor=` for the next (null on the last page). */
export interface Page<T> extends List<T> {
  readonly nextCursor: string | null;
}

/** One failing field of a request: `path` holds API (camelCase) names and map keys. */
export interface FieldError {
  readonly field: string;
  readonly path: (string | number)[];
  readonly reason: string;
}

/** RFC 9457 problem details, as every error response carries. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: FieldError[];
}

// ---- resources realized by long-running operations ----

export type Status = 'pending' | 'provisioning' | 'ready' | 'updating' | 'deleting' | 'failed';

/** Fields every operation-backed resource carries. */
export interface Provisioned {
  readonly id: string;
  readonly status: Status;
  /** The driver's reason when status is failed. */
  readonly statusReason: string | null;
  readonly monthlyCostEstimate: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NodeGroup {
  minReplicas: number;
  maxReplicas: number;
  instanceType: string;
  diskSizeGb: number;
  roles?: string[] | null;
  gpus?: string[] | null;
}

export interface ClusterAddons {
  certManager: boolean;
  ingressNginx: boolean;
  monitoringAgents: boolean;
  fluxcd: boolean;
  verticalPodAutoscaler: boolean;
}

export interface ClusterSpec {
  tenantId: string;
  name: string;
  version: string;
  controlPlaneReplicas: number;
  storageClass: string;
  nodeGroups: Record<string, NodeGroup>;
  addons: ClusterAddons;
}

export interface Cluster extends ClusterSpec, Provisioned {
  readonly endpoint: string | null;
  readonly caCertificate: string | null;
  readonly adminToken: string | null;
  readonly kubeconfig: string | null;
}

export interface Disk {
  sizeGb: number;
  storageClass: string;
  image?: string | null;
}

export interface DataDisk extends Disk {
  name: string;
}

export interface VmSpec {
  tenantId: string;
  name: string;
  instanceType: string;
  instanceProfile: string;
  systemDisk: Disk;
  dataDisks?: DataDisk[] | null;
  runStrategy: string;
  externalAccess?: { method: string; ports?: number[] | null } | null;
  sshKeys?: string[] | null;
  /** Accepted on create/update, never returned. */
  cloudInit?: string | null;
  gpus?: string[] | null;
}

export interface Vm extends Omit<VmSpec, 'cloudInit'>, Provisioned {
  readonly privateIp: string | null;
  readonly externalIp: string | null;
}

export interface MonitoringAccount {
  readonly tenantPath: string;
  readonly accountId: number;
  readonly username: string;
  readonly password: string;
}

export interface MonitoringStackSpec {
  tenantId: string;
  metricsStorages: { name: string; retention: string; sizeGb: number }[];
  logsStorage: { retention: string; sizeGb: number };
  grafana: { replicas: number; anonymousAccess: boolean };
}

export interface MonitoringStack extends MonitoringStackSpec, Provisioned {
  readonly grafanaUrl: string | null;
  readonly vmauthUrl: string | null;
  /** By tenant id: every tenant of the subtree this stack owns. */
  readonly accounts: Record<string, MonitoringAccount>;
}

export interface InstanceTypeInfo {
  readonly name: string;
  readonly series: string;
  readonly size: string;
  readonly cpu: number;
  readonly memoryGib: number;
  readonly monthlyPrice: number;
}

export interface KubernetesVersions {
  readonly versions: string[];
  readonly defaultVersion: string;
  readonly latestVersion: string;
}

// ---- access: members and API tokens ----

export type Role = 'view' | 'use' | 'admin' | 'super-admin';

export interface Member {
  readonly id: string;
  readonly tenantId: string;
  readonly user: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ApiToken {
  readonly id: string;
  readonly tenantId: string;
  readonly role: Role;
  readonly description: string | null;
  readonly expiresAt: string | null;
  /** Only in the answer to POST /v1/tokens; never again. */
  readonly secret?: string;
  readonly revokedAt: string | null;
  readonly createdAt: string;
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

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** Who: the token's id and the tenant it is bound to. */
  readonly tokenId: string;
  readonly actorTenantId: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly kind: string;
  readonly resourceId: string;
  readonly tenantId: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

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
