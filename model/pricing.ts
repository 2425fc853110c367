/**
 * The price list and the monthly cost estimates. One function per resource, used by the
 * provider at plan time and by the service in its answers, so both always agree to the cent.
 * Prices are in EUR per month (730 hours).
 */
import { instanceType, InstanceSeries, RESOURCE_PRESETS, ResourcePreset } from './catalog';

export const CURRENCY = 'EUR';
export const HOURS_PER_MONTH = 730;
/** Currencies the price list is published in (`GET /v1/prices/{category}?currency=`). */
export const CURRENCIES = ['EUR', 'CHF'] as const;
export type Currency = (typeof CURRENCIES)[number];
/**
 * CHF per EUR. Our assumption, not a market feed: the list is kept in EUR (estimates and bills
 * are EUR) and published in CHF at this fixed rate, which changes only with this line.
 */
export const EUR_TO_CHF = 0.93;

export const PRICES = {
  /** per vCPU-month, by series (dedicated-leaning series cost more per vCPU). */
  cpu: { s1: 14.6, u1: 12.41, m1: 10.95 } as Record<InstanceSeries, number>,
  /** per GiB of memory-month. */
  memoryGib: 2.19,
  /** per GiB-month of disk, by storage class. */
  diskGib: { replicated: 0.16, local: 0.08 } as Record<string, number>,
  /**
   * per control-plane replica-month, besides its API server (etcd member, controller manager,
   * scheduler, Konnectivity): the API server is priced at its preset (controlPlaneReplicaPrice()).
   */
  controlPlaneBase: 7.3,
  /**
   * per GPU-month, by model. Hikube's public docs give no GPU prices: these are ours. The H100
   * (`nvidia.com/H100_94GB`) costs what our former H100 name did.
   */
  gpu: {
    'nvidia.com/AD102GL_L40S': 1168,
    'nvidia.com/GA100_A100_PCIE_80GB': 1752,
    'nvidia.com/GA100_A100_SXM4_80GB': 1898,
    'nvidia.com/GB202GL_RTX_PRO_6000': 1460,
    'nvidia.com/H100_94GB': 2555,
    'nvidia.com/GH100_H100_PCIE': 2555,
    'nvidia.com/GA102GL_A10': 584,
  } as Record<string, number>,
  /** a public IPv4 address (WholeIP) or a port list on the shared load balancer. */
  externalIp: { WholeIP: 3.65, PortList: 1.46 } as Record<string, number>,
  /** per GiB-month of metrics or logs storage, and the Grafana/vmauth base per replica. */
  observabilityStorageGib: 0.12,
  grafanaReplica: 7.3,
  /** per replica-month of a TCP load balancer (HAProxy) and of a VPN server (Outline). */
  loadBalancerReplica: 5.84,
  vpnReplica: 5.84,
};

/** Rounds a monthly amount to the cent, as every estimate is. */
export const cents = (x: number) => Math.round(x * 100) / 100;

/** A price as the docs show it: `21.90 EUR`. */
export const eur = (x: number) => `${x.toFixed(2)} ${CURRENCY}`;

/** Monthly price of one instance of an instance type; undefined for an unknown type. */
export function instanceMonthlyPrice(name: string): number | undefined {
  const t = instanceType(name);
  if (!t) return undefined;
  return cents(t.cpu * PRICES.cpu[t.series] + t.memoryGib * PRICES.memoryGib);
}

/** Monthly price of a disk (unrounded): per GiB by storage class, replicated when unset. */
export function diskPrice(sizeGb: number, storageClass: string | null | undefined): number {
  return sizeGb * (PRICES.diskGib[storageClass ?? 'replicated'] ?? PRICES.diskGib.replicated);
}

function gpuPrice(gpus: readonly string[] | null | undefined): number {
  return (gpus ?? []).reduce((sum, g) => sum + (PRICES.gpu[g] ?? 0), 0);
}

export interface NodeGroupCostInput {
  readonly minReplicas: number;
  readonly instanceType: string;
  readonly diskSizeGb: number;
  readonly gpus?: readonly string[] | null;
}

/** The API server's preset when a cluster sets none (Cozystack's chart default for `controlPlane.apiServer.resourcesPreset`). */
export const DEFAULT_CONTROL_PLANE_PRESET: ResourcePreset = 'medium';

/** Monthly price of one control-plane replica whose API server has this preset; undefined for an unknown preset. */
export function controlPlaneReplicaPrice(preset: string): number | undefined {
  const apiServer = presetMonthlyPrice(preset);
  return apiServer === undefined ? undefined : cents(PRICES.controlPlaneBase + apiServer);
}

export interface ClusterCostInput {
  readonly controlPlaneReplicas: number;
  /** The API server's preset; the default when absent (a state from before presets). */
  readonly controlPlanePreset?: string | null;
  readonly storageClass?: string | null;
  readonly nodeGroups: Readonly<Record<string, NodeGroupCostInput>>;
}

/** Control plane plus each node group at its minimum size (autoscaling above it is billed as used). */
export function clusterMonthlyCost(c: ClusterCostInput): number {
  let total = c.controlPlaneReplicas * (controlPlaneReplicaPrice(c.controlPlanePreset ?? DEFAULT_CONTROL_PLANE_PRESET) ?? 0);
  for (const g of Object.values(c.nodeGroups)) {
    const node = (instanceMonthlyPrice(g.instanceType) ?? 0) + diskPrice(g.diskSizeGb, c.storageClass) + gpuPrice(g.gpus);
    total += g.minReplicas * node;
  }
  return cents(total);
}

export interface DiskCostInput {
  readonly sizeGb: number;
  readonly storageClass?: string | null;
}

export interface VmCostInput {
  readonly instanceType: string;
  readonly runStrategy?: string | null;
  /** Null when the VM boots from a standalone disk (`disks`), billed as a disk of its own. */
  readonly systemDisk?: DiskCostInput | null;
  readonly dataDisks?: readonly DiskCostInput[] | null;
  readonly externalAccess?: { readonly method?: string | null } | null;
  readonly gpus?: readonly string[] | null;
}

/** A halted VM pays for its disks and address only; standalone disks it uses are billed as disks. */
export function vmMonthlyCost(v: VmCostInput): number {
  const running = v.runStrategy !== 'Halted';
  let total = running ? (instanceMonthlyPrice(v.instanceType) ?? 0) + gpuPrice(v.gpus) : 0;
  if (v.systemDisk) total += diskPrice(v.systemDisk.sizeGb, v.systemDisk.storageClass);
  for (const d of v.dataDisks ?? []) total += diskPrice(d.sizeGb, d.storageClass);
  if (v.externalAccess) total += PRICES.externalIp[v.externalAccess.method ?? 'PortList'] ?? 0;
  return cents(total);
}

export interface MonitoringCostInput {
  readonly metricsStorages: readonly { readonly sizeGb: number }[];
  readonly logsStorage: { readonly sizeGb: number };
  readonly grafana: { readonly replicas: number };
}

export function monitoringMonthlyCost(m: MonitoringCostInput): number {
  const storage = m.metricsStorages.reduce((s, x) => s + x.sizeGb, 0) + m.logsStorage.sizeGb;
  return cents(storage * PRICES.observabilityStorageGib + m.grafana.replicas * PRICES.grafanaReplica);
}

/** Monthly price of one replica of a data service's resource preset; undefined for an unknown preset. */
export function presetMonthlyPrice(name: string): number | undefined {
  const preset = RESOURCE_PRESETS[name as ResourcePreset];
  return preset ? cents(preset.cpu * PRICES.cpu.u1 + preset.memoryGib * PRICES.memoryGib) : undefined;
}

/** Instances of a data service that share a volume size (MongoDB's shards, its config servers). */
export interface InstanceGroup {
  readonly count: number;
  /** Each instance's volume; 0 for instances without one (MongoDB's routers). */
  readonly sizeGb: number;
}

export interface DataServiceCostInput {
  readonly replicas: number;
  readonly preset: string;
  readonly sizeGb: number;
  readonly storageClass?: string | null;
  readonly external?: boolean | null;
  /** The instances, when they are not `replicas` of `sizeGb` each. */
  readonly groups?: readonly InstanceGroup[];
}

/**
 * A managed data service (PostgreSQL, MariaDB, Redis...): every instance's preset (priced, to the
 * cent, at the universal series' vCPU and memory prices, like an instance type) and its own
 * volume, plus a public address when external.
 */
export function dataServiceMonthlyCost(d: DataServiceCostInput): number {
  const instance = presetMonthlyPrice(d.preset) ?? 0;
  const groups = d.groups ?? [{ count: d.replicas, sizeGb: d.sizeGb }];
  const total = groups.reduce((sum, g) => sum + g.count * (instance + diskPrice(g.sizeGb, d.storageClass)), 0);
  return cents(total + (d.external ? PRICES.externalIp.WholeIP : 0));
}

export interface NetworkServiceCostInput {
  readonly replicas: number;
  readonly external?: boolean | null;
}

/** A TCP load balancer or a VPN: its replicas, plus its public addresses when external (one, or one per replica). */
export function networkServiceMonthlyCost(replicaPrice: number, n: NetworkServiceCostInput, addressPerReplica = false): number {
  return cents(n.replicas * replicaPrice + (n.external ? (addressPerReplica ? n.replicas : 1) * PRICES.externalIp.WholeIP : 0));
}
