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

/** vCPUs per size; `small` is one vCPU with half the series' memory. */
export const INSTANCE_SIZES: Readonly<Record<string, number>> = {
  small: 1,
  medium: 1,
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '3xlarge': 12,
  '4xlarge': 16,
  '6xlarge': 24,
  '8xlarge': 32,
};

export interface InstanceType {
  readonly name: string;
  readonly series: InstanceSeries;
  readonly size: string;
  readonly cpu: number;
  readonly memoryGib: number;
}

export const INSTANCE_TYPES: readonly InstanceType[] = (Object.keys(INSTANCE_SERIES) as InstanceSeries[]).flatMap((series) =>
  Object.entries(INSTANCE_SIZES).map(([size, cpu]) => ({
    name: `${series}.${size}`,
    series,
    size,
    cpu,
    memoryGib: cpu * INSTANCE_SERIES[series].memoryPerCpu * (size === 'small' ? 0.5 : 1),
  })),
);
export const INSTANCE_TYPE_NAMES: readonly string[] = INSTANCE_TYPES.map((t) => t.name);

export function instanceType(name: string): InstanceType | undefined {
  return INSTANCE_TYPES.find((t) => t.name === name);
}

export const STORAGE_CLASSES = ['replicated', 'local'] as const;
export const DEFAULT_STORAGE_CLASS = 'replicated';

/** Guest OS profiles (KubeVirt preferences) a VM can boot. */
export const INSTANCE_PROFILES = ['ubuntu', 'debian', 'fedora', 'centos.stream9', 'rhel.9', 'alpine', 'windows.2k22.virtio', 'windows.11'] as const;

/**
 * GPUs, by the name a VM's or node group's `gpus` takes (the device name Hikube's API uses).
 * The first four are Hikube's published catalog (its docs name the L40S and A100 PCIe devices;
 * the SXM4 and RTX PRO 6000 device names follow the same vendor scheme). The last two were ours
 * before the catalog was aligned: still accepted and billed, not offered, each with a warning that
 * names its replacement (`deprecated`), shown at plan by the provider and in `GET /v1/catalog/gpus`.
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
  {
    name: 'nvidia.com/GH100_H100_PCIE',
    displayName: 'NVIDIA H100 PCIe 80GB',
    memoryGb: 80,
    available: false,
    deprecated: "not in Hikube's GPU catalog; use nvidia.com/GA100_A100_SXM4_80GB (80 GB) instead",
  },
  { name: 'nvidia.com/GA102GL_A10', displayName: 'NVIDIA A10', memoryGb: 24, available: false, deprecated: "not in Hikube's GPU catalog; use nvidia.com/AD102GL_L40S (48 GB) instead" },
];
/** Every name `gpus` accepts, deprecated ones included (they keep working, with a warning). */
export const GPU_MODELS: readonly string[] = GPUS.map((g) => g.name);
/** The GPUs Hikube offers today: what error messages and docs list. */
export const CURRENT_GPU_MODELS: readonly string[] = GPUS.filter((g) => !g.deprecated).map((g) => g.name);
/** Deprecated GPU names and their message, for `Validation.deprecatedValues`. */
export const DEPRECATED_GPU_MODELS: Readonly<Record<string, string>> = Object.fromEntries(GPUS.flatMap((g) => (g.deprecated ? [[g.name, g.deprecated]] : [])));

export function gpu(name: string): Gpu | undefined {
  return GPUS.find((g) => g.name === name);
}

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

/** Our names from before the catalog was aligned, by Hikube's name for the same image. */
const RENAMED_IMAGES: Readonly<Record<string, string>> = { 'ubuntu-24.04': 'ubuntu-2404', 'ubuntu-22.04': 'ubuntu-2204' };
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
