/**
 * What Hikube offers: instance types, Kubernetes versions, storage classes, OS profiles,
 * GPUs and cluster add-ons. The service validates against it and serves it; the provider's
 * data sources read it back.
 */

export const KUBERNETES_VERSIONS = ['v1.31', 'v1.32', 'v1.33', 'v1.34', 'v1.35'] as const;
export const DEFAULT_KUBERNETES_VERSION = 'v1.33';

/** Series and their vCPU:memory ratio (GiB per vCPU). */
export const INSTANCE_SERIES = {
  s1: { memoryPerCpu: 2, description: 'standard: 1 vCPU : 2 GiB, for compute-bound work' },
  u1: { memoryPerCpu: 4, description: 'universal: 1 vCPU : 4 GiB, for general workloads' },
  m1: { memoryPerCpu: 8, description: 'memory: 1 vCPU : 8 GiB, for caches and databases' },
} as const;
export type InstanceSeries = keyof typeof INSTANCE_SERIES;
export const INSTANCE_SERIES_NAMES = Object.keys(INSTANCE_SERIES) as InstanceSeries[];

/**
 * Hikube's instance types as its docs publish them: per series, each size's vCPUs, in Hikube's
 * order; memory is the series' ratio times the vCPUs, as every published figure is (Hikube writes
 * GB, the VM gets GiB as KubeVirt's instance types give it). A size is not the same number of
 * vCPUs in every series: `s1.large` is 4 vCPUs, `u1.large` 2; `s1.3large` (12) sits between
 * `s1.xlarge` and `s1.2xlarge`.
 */
export const INSTANCE_SIZES: Readonly<Record<InstanceSeries, Readonly<Record<string, number>>>> = {
  s1: { small: 1, medium: 2, large: 4, xlarge: 8, '3large': 12, '2xlarge': 16, '3xlarge': 24, '4xlarge': 32, '8xlarge': 64 },
  u1: { medium: 1, large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32 },
  m1: { large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32 },
};

/**
 * Our names that Hikube does not offer, from before the catalog was aligned (every series had
 * every size, `small` with half the series' memory): still accepted and billed at the size they
 * always had, with a warning naming the nearest Hikube type. `s1` sizes Hikube does offer took
 * Hikube's size (`s1.large`: 2 vCPUs then, 4 now).
 */
const FORMER_INSTANCE_TYPES: readonly { readonly name: string; readonly cpu: number; readonly memoryGib: number }[] = [
  { name: 's1.6xlarge', cpu: 24, memoryGib: 48 },
  { name: 'u1.small', cpu: 1, memoryGib: 2 },
  { name: 'u1.3xlarge', cpu: 12, memoryGib: 48 },
  { name: 'u1.6xlarge', cpu: 24, memoryGib: 96 },
  { name: 'm1.small', cpu: 1, memoryGib: 4 },
  { name: 'm1.medium', cpu: 1, memoryGib: 8 },
  { name: 'm1.3xlarge', cpu: 12, memoryGib: 96 },
  { name: 'm1.6xlarge', cpu: 24, memoryGib: 192 },
];

export interface InstanceType {
  readonly name: string;
  readonly series: InstanceSeries;
  readonly size: string;
  readonly cpu: number;
  readonly memoryGib: number;
  /** Why it should no longer be used and what to use instead; absent for a type Hikube offers. */
  readonly deprecated?: string;
}

const splitName = (name: string) => {
  const [series, size] = name.split('.');
  return { series: series as InstanceSeries, size };
};

const HIKUBE_INSTANCE_TYPES: readonly InstanceType[] = INSTANCE_SERIES_NAMES.flatMap((series) =>
  Object.entries(INSTANCE_SIZES[series]).map(([size, cpu]) => ({ name: `${series}.${size}`, series, size, cpu, memoryGib: cpu * INSTANCE_SERIES[series].memoryPerCpu })),
);

/** The Hikube type a former one is nearest: the smallest of its series that holds its vCPUs and memory, else the series' largest. */
function nearestHikubeType(former: { name: string; cpu: number; memoryGib: number }): InstanceType {
  const series = HIKUBE_INSTANCE_TYPES.filter((t) => t.series === splitName(former.name).series);
  return series.find((t) => t.cpu >= former.cpu && t.memoryGib >= former.memoryGib) ?? series[series.length - 1];
}

/** Every instance type accepted: Hikube's, by series in its order, then our former names (deprecated). */
export const INSTANCE_TYPES: readonly InstanceType[] = [
  ...HIKUBE_INSTANCE_TYPES,
  ...FORMER_INSTANCE_TYPES.map((f) => {
    const near = nearestHikubeType(f);
    return { ...f, ...splitName(f.name), deprecated: `not in Hikube's catalog; use ${near.name} (${near.cpu} vCPU, ${near.memoryGib} GiB) instead` };
  }),
];
/** Every name `instance_type` accepts, deprecated ones included (they keep working, with a warning). */
export const INSTANCE_TYPE_NAMES: readonly string[] = INSTANCE_TYPES.map((t) => t.name);
/** The instance types Hikube offers: what error messages and docs list. */
export const CURRENT_INSTANCE_TYPE_NAMES: readonly string[] = HIKUBE_INSTANCE_TYPES.map((t) => t.name);
/** Deprecated instance type names and their message, for `Validation.deprecatedValues`. */
export const DEPRECATED_INSTANCE_TYPES: Readonly<Record<string, string>> = Object.fromEntries(INSTANCE_TYPES.flatMap((t) => (t.deprecated ? [[t.name, t.deprecated]] : [])));
/** One line for attribute descriptions: Hikube's sizes per series. */
export const INSTANCE_TYPES_SUMMARY = INSTANCE_SERIES_NAMES.map((s) => {
  const sizes = Object.keys(INSTANCE_SIZES[s]);
  return `\`${s}\` (1 vCPU : ${INSTANCE_SERIES[s].memoryPerCpu} GiB) \`${sizes[0]}\` to \`${sizes[sizes.length - 1]}\``;
}).join(', ');

export function instanceType(name: string): InstanceType | undefined {
  return INSTANCE_TYPES.find((t) => t.name === name);
}

export const STORAGE_CLASSES = ['replicated', 'local'] as const;
export const DEFAULT_STORAGE_CLASS = 'replicated';

/** Guest OS profiles (KubeVirt preferences) a VM can boot. */
export const INSTANCE_PROFILES = ['ubuntu', 'debian', 'fedora', 'centos.stream9', 'rhel.9', 'alpine', 'windows.2k22.virtio', 'windows.11'] as const;

/**
 * GPUs, by the name a VM's or node group's `gpus` takes (the device name Hikube's API uses).
 * Hikube's public docs name three devices: `nvidia.com/AD102GL_L40S` (L40S, 48 GB),
 * `nvidia.com/GA100_A100_PCIE_80GB` (A100, 80 GB) and `nvidia.com/H100_94GB` (H100; its tables
 * say 80 GB HBM3 while the device name says 94, we show the tables' figure). The A100 SXM4 and
 * RTX PRO 6000 are in Hikube's catalog but not in those docs: their device names follow the
 * vendor scheme of the others and their memory is the vendor's, ours to check when Hikube
 * documents them. The last two were ours before the catalog was aligned: still accepted and
 * billed, not offered, each with a warning that names its replacement (`deprecated`), shown at
 * plan by the provider and in `GET /v1/catalog/gpus`. Prices: `PRICES.gpu` (model/pricing.ts).
 */
export interface Gpu {
  readonly name: string;
  readonly displayName: string;
  /** GPU memory in GB, as Hikube publishes it. */
  readonly memoryGb: number;
  /** Offered for new VMs and node groups. */
  readonly available: boolean;
  /** Why it should no longer be used and what to use instead; absent for a current GPU. */
  readonly deprecated?: string;
}

export const GPUS: readonly Gpu[] = [
  { name: 'nvidia.com/AD102GL_L40S', displayName: 'NVIDIA L40S', memoryGb: 48, available: true },
  { name: 'nvidia.com/GA100_A100_PCIE_80GB', displayName: 'NVIDIA A100 PCIe 80GB', memoryGb: 80, available: true },
  { name: 'nvidia.com/GA100_A100_SXM4_80GB', displayName: 'NVIDIA A100 SXM4 80GB', memoryGb: 80, available: true },
  { name: 'nvidia.com/GB202GL_RTX_PRO_6000', displayName: 'NVIDIA RTX PRO 6000', memoryGb: 96, available: true },
  { name: 'nvidia.com/H100_94GB', displayName: 'NVIDIA H100', memoryGb: 80, available: true },
  {
    name: 'nvidia.com/GH100_H100_PCIE',
    displayName: 'NVIDIA H100 PCIe 80GB',
    memoryGb: 80,
    available: false,
    deprecated: 'Hikube names its H100 differently; use nvidia.com/H100_94GB (80 GB) instead',
  },
  { name: 'nvidia.com/GA102GL_A10', displayName: 'NVIDIA A10', memoryGb: 24, available: false, deprecated: "not in Hikube's GPU catalog; use nvidia.com/AD102GL_L40S (48 GB) instead" },
];
/** Every name `gpus` accepts, deprecated ones included (they keep working, with a warning). */
export const GPU_MODELS: readonly string[] = GPUS.map((g) => g.name);
/** The GPUs Hikube offers today: what error messages and docs list. */
export const CURRENT_GPU_MODELS: readonly string[] = GPUS.filter((g) => !g.deprecated).map((g) => g.name);
/** Deprecated GPU names and their message, for `Validation.deprecatedValues`. */
export const DEPRECATED_GPU_MODELS: Readonly<Record<string, string>> = Object.fromEntries(GPUS.flatMap((g) => (g.deprecated ? [[g.name, g.deprecated]] : [])));

/**
 * Platform ("golden") images a disk or a VM's system disk is filled from, as Hikube publishes
 * them: per distribution, its versions and the smallest disk it fits on (GiB; Hikube gives one
 * figure per distribution, so where its versions differ the larger is kept). An image is named
 * `<name>-<version>` (`ubuntu-2404`). `iso`: an installer, not a ready cloud image.
 */
export interface CloudImage {
  readonly name: string;
  readonly displayName: string;
  readonly versions: readonly string[];
  readonly minSizeGib: number;
  readonly iso?: boolean;
}

export const CLOUD_IMAGES: readonly CloudImage[] = [
  { name: 'almalinux', displayName: 'AlmaLinux', versions: ['8', '9', '10'], minSizeGib: 11 },
  { name: 'rocky', displayName: 'Rocky Linux', versions: ['8', '9', '10'], minSizeGib: 11 },
  { name: 'debian', displayName: 'Debian', versions: ['11', '12', '13'], minSizeGib: 4 },
  { name: 'ubuntu', displayName: 'Ubuntu LTS', versions: ['2204', '2404'], minSizeGib: 4 },
  { name: 'centos-stream', displayName: 'CentOS Stream', versions: ['9', '10'], minSizeGib: 11 },
  { name: 'oracle', displayName: 'Oracle Linux', versions: ['8', '9', '10'], minSizeGib: 40 },
  { name: 'opensuse', displayName: 'openSUSE Leap', versions: ['156', '160'], minSizeGib: 2 },
  { name: 'cloudlinux', displayName: 'CloudLinux', versions: ['8', '9'], minSizeGib: 9 },
  { name: 'proxmox', displayName: 'Proxmox VE', versions: ['8', '9'], minSizeGib: 2, iso: true },
  { name: 'talos', displayName: 'Talos Linux', versions: ['112'], minSizeGib: 8 },
];

/** Every image name Hikube offers, `<name>-<version>`, in the catalog's order. */
export const IMAGE_NAMES: readonly string[] = CLOUD_IMAGES.flatMap((i) => i.versions.map((v) => `${i.name}-${v}`));

/** Our names from before the catalog was aligned, by Hikube's name for the same image (`Validation.sameAs`: a switch between the two is no change). */
export const RENAMED_IMAGES: Readonly<Record<string, string>> = { 'ubuntu-24.04': 'ubuntu-2404', 'ubuntu-22.04': 'ubuntu-2204' };
/** Those old names, still accepted, with the warning naming Hikube's (`Validation.deprecatedValues`). */
export const DEPRECATED_IMAGE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RENAMED_IMAGES).map(([old, now]) => [old, `Hikube names this image ${now}; use that instead`]),
);
/** Every name an `image` attribute accepts: Hikube's, then the deprecated ones. */
export const ACCEPTED_IMAGE_NAMES: readonly string[] = [...IMAGE_NAMES, ...Object.keys(RENAMED_IMAGES)];

/** The catalog entry of an image name (an old name maps to Hikube's), or undefined. */
export function cloudImage(image: string): CloudImage | undefined {
  const name = RENAMED_IMAGES[image] ?? image;
  return CLOUD_IMAGES.find((i) => i.versions.some((v) => `${i.name}-${v}` === name));
}

export const RUN_STRATEGIES = ['Always', 'Halted', 'Manual', 'RerunOnFailure', 'Once'] as const;
export const EXTERNAL_ACCESS_METHODS = ['PortList', 'WholeIP'] as const;

/**
 * Add-ons of a Kubernetes cluster, as Hikube offers them (Cozystack's `addons.<name>.enabled`;
 * the API names are Hikube's: `certManager`, `gpuOperator`, `gatewayAPI`...).
 */
export const CLUSTER_ADDONS = ['cert_manager', 'ingress_nginx', 'monitoring_agents', 'fluxcd', 'vertical_pod_autoscaler', 'gpu_operator', 'velero', 'gateway_api'] as const;
export type ClusterAddon = (typeof CLUSTER_ADDONS)[number];

/**
 * Resource presets of the managed data services (per replica), as Cozystack names them:
 * `nano` to `2xlarge`, from a quarter vCPU and 128 MiB to 8 vCPUs and 8 GiB.
 */
export const RESOURCE_PRESETS = {
  nano: { cpu: 0.25, memoryGib: 0.125 },
  micro: { cpu: 0.5, memoryGib: 0.25 },
  small: { cpu: 1, memoryGib: 0.5 },
  medium: { cpu: 1, memoryGib: 1 },
  large: { cpu: 2, memoryGib: 2 },
  xlarge: { cpu: 4, memoryGib: 4 },
  '2xlarge': { cpu: 8, memoryGib: 8 },
} as const;
export type ResourcePreset = keyof typeof RESOURCE_PRESETS;
export const RESOURCE_PRESET_NAMES = Object.keys(RESOURCE_PRESETS) as ResourcePreset[];
