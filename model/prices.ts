/**
 * The price list as it is published (`GET /v1/prices/{category}`, data "hikube_prices", `hikube
 * catalog prices`): a price per SKU, monthly and hourly, in EUR or CHF; storage per GiB, the
 * rest per resource. Every SKU is read from model/pricing.ts, the list the cost estimates are
 * computed from, so an estimate is always the sum of published SKUs times their quantities.
 */
import { GPUS, INSTANCE_TYPES, RESOURCE_PRESET_NAMES, RESOURCE_PRESETS, STORAGE_CLASSES } from './catalog';
import { controlPlaneReplicaPrice, Currency, DEFAULT_CONTROL_PLANE_PRESET, EUR_TO_CHF, HOURS_PER_MONTH, instanceMonthlyPrice, presetMonthlyPrice, PRICES } from './pricing';

/** Price categories, as Hikube groups its own list. */
export const PRICE_CATEGORIES = {
  compute: 'Virtual machines and Kubernetes nodes: instance types (vCPU and memory), GPUs.',
  kubernetes: 'Managed Kubernetes: the control plane.',
  storage: 'Block storage by class (disks and volumes of VMs, nodes and data services) and observability storage, per GiB.',
  network: 'Public access (an address of its own or ports on the shared load balancer), TCP load balancers and VPNs.',
  'data-services': 'Managed databases (PostgreSQL and the other engines): one replica of each resource preset; volumes are storage.',
  observability: 'Monitoring stacks: each Grafana replica; metrics and logs are storage.',
} as const;
export type PriceCategory = keyof typeof PRICE_CATEGORIES;
export const PRICE_CATEGORY_NAMES = Object.keys(PRICE_CATEGORIES) as PriceCategory[];

export function isPriceCategory(x: unknown): x is PriceCategory {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(PRICE_CATEGORIES, x);
}

/** One SKU of the list, in EUR. */
export interface Sku {
  /** e.g. `instance.u1.large`, `disk.replicated`. */
  readonly sku: string;
  readonly description: string;
  /** What one unit is: `GiB` for storage (and memory), otherwise the resource (`instance`, `replica`, `GPU`...). */
  readonly unit: string;
  /** EUR per unit and month (730 hours). */
  readonly monthly: number;
}

const SHEETS: Record<PriceCategory, () => Sku[]> = {
  compute: () => [
    ...INSTANCE_TYPES.map((t) => ({ sku: `instance.${t.name}`, description: `Instance type ${t.name}: ${t.cpu} vCPU, ${t.memoryGib} GiB.`, unit: 'instance', monthly: instanceMonthlyPrice(t.name)! })),
    // What instance prices are made of, and what presets are priced at.
    ...Object.entries(PRICES.cpu).map(([series, p]) => ({ sku: `cpu.${series}`, description: `One vCPU of the ${series} series.`, unit: 'vCPU', monthly: p })),
    { sku: 'memory', description: 'One GiB of memory.', unit: 'GiB', monthly: PRICES.memoryGib },
    ...GPUS.map((g) => ({
      sku: `gpu.${g.name}`,
      description: `One ${g.displayName} (${g.memoryGb} GB) passed through to a VM or node${g.deprecated ? ' (deprecated)' : ''}.`,
      unit: 'GPU',
      monthly: PRICES.gpu[g.name],
    })),
  ],
  kubernetes: () => [
    {
      sku: 'kubernetes.control-plane',
      description: `One replica of a managed Kubernetes control plane, its API server at the default preset (${DEFAULT_CONTROL_PLANE_PRESET}).`,
      unit: 'replica',
      monthly: controlPlaneReplicaPrice(DEFAULT_CONTROL_PLANE_PRESET)!,
    },
    ...RESOURCE_PRESET_NAMES.map((p) => ({
      sku: `kubernetes.control-plane.${p}`,
      description: `One replica of a managed Kubernetes control plane, its API server at preset ${p} (${RESOURCE_PRESETS[p].cpu} vCPU, ${RESOURCE_PRESETS[p].memoryGib} GiB).`,
      unit: 'replica',
      monthly: controlPlaneReplicaPrice(p)!,
    })),
  ],
  storage: () => [
    ...STORAGE_CLASSES.map((c) => ({ sku: `disk.${c}`, description: `Block storage of class ${c}, per GiB provisioned.`, unit: 'GiB', monthly: PRICES.diskGib[c] })),
    { sku: 'observability.storage', description: 'Metrics and logs storage of a monitoring stack, per GiB provisioned.', unit: 'GiB', monthly: PRICES.observabilityStorageGib },
  ],
  network: () => [
    { sku: 'external-access.WholeIP', description: 'A public IPv4 address of its own (a VM with WholeIP, an external data service).', unit: 'address', monthly: PRICES.externalIp.WholeIP },
    { sku: 'external-access.PortList', description: 'Ports of a VM on the shared load balancer (PortList).', unit: 'VM', monthly: PRICES.externalIp.PortList },
    { sku: 'load-balancer.replica', description: 'One replica (HAProxy) of a TCP load balancer.', unit: 'replica', monthly: PRICES.loadBalancerReplica },
    { sku: 'vpn.replica', description: 'One replica (Outline server) of a VPN.', unit: 'replica', monthly: PRICES.vpnReplica },
  ],
  'data-services': () =>
    RESOURCE_PRESET_NAMES.map((p) => ({
      sku: `preset.${p}`,
      description: `One replica of preset ${p}: ${RESOURCE_PRESETS[p].cpu} vCPU, ${RESOURCE_PRESETS[p].memoryGib} GiB.`,
      unit: 'replica',
      monthly: presetMonthlyPrice(p)!,
    })),
  observability: () => [{ sku: 'grafana', description: 'One Grafana (and vmauth) replica of a monitoring stack.', unit: 'replica', monthly: PRICES.grafanaReplica }],
};

/** The SKUs of a category, in EUR. */
export function skusOf(category: PriceCategory): Sku[] {
  return SHEETS[category]();
}

/** The rate applied to the EUR list to publish it in `currency`: 1 for EUR. */
export const exchangeRate = (currency: Currency): number => (currency === 'CHF' ? EUR_TO_CHF : 1);

/** A monthly price in `currency`, to 4 decimals (EUR prices have at most 2, so they are unchanged). */
export const monthlyIn = (eurMonthly: number, currency: Currency): number => Math.round(eurMonthly * exchangeRate(currency) * 1e4) / 1e4;

/** An hourly price from a monthly one, to 6 decimals. */
export const hourlyOf = (monthly: number): number => Math.round((monthly / HOURS_PER_MONTH) * 1e6) / 1e6;
