/** JSON shapes of the REST API (camelCase, Kubernetes/Cozystack style). */

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
  /** Nearest ancestor-or-self with a monitoring stack; null when none. */
  readonly monitoringOwnerId: string | null;
  readonly metricsAccountId: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TenantCreate {
  name: string;
  parentId?: string;
  description?: string | null;
  labels?: Record<string, string> | null;
  deletionProtection?: boolean;
}

export type TenantUpdate = Partial<Pick<TenantCreate, 'description' | 'labels' | 'deletionProtection'>>;

export interface List<T> {
  readonly items: T[];
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
