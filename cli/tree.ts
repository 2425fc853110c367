/** The tenant tree as text, read back from the API, with what each tenant runs and costs. */
import { byText } from './order';
import type { Cluster, MonitoringStack, Tenant, Vm } from '../client/types';
import { KIND_LIST, KindName } from '../model/kinds';

/** Something a tenant runs, as one line under it. */
export interface TreeItem {
  readonly tenantId: string;
  readonly label: string;
  readonly monthlyCost?: number;
}

const money = (n: number) => `€${n.toFixed(2)}/month`;

export function formatTenantTree(tenants: readonly Tenant[], items: readonly TreeItem[] = []): string {
  const children = new Map<string | null, Tenant[]>();
  for (const t of tenants) {
    const siblings = children.get(t.parentId) ?? [];
    siblings.push(t);
    children.set(t.parentId, siblings);
  }
  for (const list of children.values()) list.sort((a, b) => byText(a.name, b.name));
  const owned = new Map<string, TreeItem[]>();
  for (const item of items) owned.set(item.tenantId, [...(owned.get(item.tenantId) ?? []), item]);

  /** Cost of a tenant's own resources plus its whole subtree: what its bill shows. */
  const subtreeCost = (t: Tenant): number => (owned.get(t.id) ?? []).reduce((s, i) => s + (i.monthlyCost ?? 0), 0) + (children.get(t.id) ?? []).reduce((s, k) => s + subtreeCost(k), 0);

  const ids = new Set(tenants.map((t) => t.id));
  const roots = tenants.filter((t) => t.parentId === null || !ids.has(t.parentId)).sort((a, b) => byText(a.path, b.path));
  const lines: string[] = [];
  const walk = (t: Tenant, prefix: string, last: boolean, top: boolean) => {
    const cost = items.length > 0 && subtreeCost(t) > 0 ? `  [${money(subtreeCost(t))}]` : '';
    const label = `${t.name}  (${t.namespace}${t.description ? ` - ${t.description}` : ''})${cost}`;
    lines.push(top ? label : `${prefix}${last ? '└── ' : '├── '}${label}`);
    const inner = top ? '' : `${prefix}${last ? '    ' : '│   '}`;
    const kids = children.get(t.id) ?? [];
    const mine = owned.get(t.id) ?? [];
    mine.forEach((item) => lines.push(`${inner}${kids.length > 0 ? '│' : ' '}   • ${item.label}${item.monthlyCost !== undefined ? `, ${money(item.monthlyCost)}` : ''}`));
    kids.forEach((k, i) => walk(k, inner, i === kids.length - 1, false));
  };
  roots.forEach((r) => walk(r, '', true, true));
  return lines.join('\n');
}

type Painter = (s: string) => string;

/**
 * How a kind's object reads as a tree line. Without an entry: a data service (a kind with an
 * engine) as dataServiceLine(), a sub-resource as `<label> <parent>/<name>: <status>`, anything
 * else as `<label> <name>: <status>`.
 */
const LINES: { readonly [Name in KindName]?: (item: never, status: Painter) => string } = {
  cluster: (c: Cluster, status) =>
    `cluster ${c.name}: Kubernetes ${c.version}, node groups ${Object.entries(c.nodeGroups)
      .map(([n, g]) => `${n} ${g.minReplicas}-${g.maxReplicas}x${g.instanceType}`)
      .join(', ')}, ${status(c.status)}`,
  vm: (v: Vm, status) => `vm ${v.name}: ${v.instanceType}, ${v.privateIp ?? 'no address yet'}, ${v.runStrategy}, ${status(v.status)}`,
  'vpc-subnet': (s: { name: string; cidr: string; status: string }, status) => `subnet ${s.name}: ${s.cidr}, ${status(s.status)}`,
  'load-balancer': (l: { name: string; replicas: number; mode: string; externalIp: string | null; endpoints: string[] | null; status: string }, status) =>
    `load-balancer ${l.name}: ${l.replicas} x ${l.mode}${l.externalIp ? `, ${l.externalIp}` : ''}, ${(l.endpoints ?? []).length} targets, ${status(l.status)}`,
  monitoring: (m: MonitoringStack, status) => `monitoring stack: ${Object.keys(m.accounts).length} tenants with their own metrics account, ${status(m.status)}`,
};

/** What the tree shows of a managed data service. */
interface DataService {
  readonly name: string;
  readonly version: string;
  readonly replicas: number;
  readonly preset: string;
  readonly sizeGb: number;
  readonly status: string;
  readonly sharding?: { readonly shards: Readonly<Record<string, unknown>> } | null;
}

/** `redis cache: v8, 2 x micro, 1 GiB each, ready`; a sharded MongoDB counts its shards instead. */
function dataServiceLine(label: string, d: DataService, status: Painter): string {
  const size = d.sharding ? `${Object.keys(d.sharding.shards).length} shards, ${d.preset}` : `${d.replicas} x ${d.preset}, ${d.sizeGb} GiB each`;
  return `${label} ${d.name}: ${d.version}, ${size}, ${status(d.status)}`;
}

export type Running = Readonly<Record<string, unknown>> & { readonly tenantId: string; readonly status: string; readonly monthlyCostEstimate: number; readonly name?: string };

/** What tenants run (by kind, model/kinds.ts) as tree lines, each with its status (painted by `status`) and cost. */
export function treeItems(running: { readonly [Name in KindName]?: readonly Running[] }, status: Painter = (s) => s): TreeItem[] {
  const nameById = new Map(Object.values(running).flatMap((items) => (items ?? []).map((i) => [String(i.id), String(i.name ?? i.id)] as const)));
  const lineOf = (kind: (typeof KIND_LIST)[number], item: Running): string => {
    const line = LINES[kind.name];
    if (line) return line(item as never, status);
    if (kind.engine) return dataServiceLine(kind.label, item as unknown as DataService, status);
    const parent = kind.parent ? `${nameById.get(String(item[kind.parent.field])) ?? '?'}/` : '';
    return `${kind.label} ${parent}${item.name ?? ''}: ${status(item.status)}`;
  };
  return KIND_LIST.flatMap((kind) => (running[kind.name] ?? []).map((item) => ({ tenantId: item.tenantId, label: lineOf(kind, item), monthlyCost: item.monthlyCostEstimate })));
}
