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

export const GPU_MODELS = ['nvidia.com/AD102GL_L40S', 'nvidia.com/GH100_H100_PCIE', 'nvidia.com/GA102GL_A10'] as const;

export const RUN_STRATEGIES = ['Always', 'Halted', 'Manual', 'RerunOnFailure', 'Once'] as const;
export const EXTERNAL_ACCESS_METHODS = ['PortList', 'WholeIP'] as const;

export const CLUSTER_ADDONS = ['cert_manager', 'ingress_nginx', 'monitoring_agents', 'fluxcd', 'vertical_pod_autoscaler'] as const;

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
