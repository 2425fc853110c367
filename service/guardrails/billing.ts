/**
 * The bill of a subtree over a period, from usage intervals. Money is added in integer cents:
 * each resource line is rounded to the cent once (monthly cost / 730 x hours), every other
 * figure is a sum of lines, so the parts always add up to the total exactly.
 */
import type { TenantUsage } from '../../model/api/types';
import { CURRENCY, HOURS_PER_MONTH } from '../../model/pricing';
import type { IntervalRow } from './store';

const HOUR_MS = 3_600_000;

export function billOf(tenant: { id: string; path: string }, intervals: readonly IntervalRow[], from: Date, to: Date, tenantIds: ReadonlyMap<string, string>): TenantUsage {
  interface Line {
    kind: string;
    id: string;
    name: string;
    tenantId: string;
    tenantPath: string;
    hours: number;
    exactCost: number;
  }
  const lines = new Map<string, Line>();
  for (const iv of intervals) {
    const start = Math.max(iv.started_at.getTime(), from.getTime());
    const end = Math.min((iv.ended_at ?? to).getTime(), to.getTime());
    if (end <= start) continue;
    const hours = (end - start) / HOUR_MS;
    const line = lines.get(iv.resource_id) ?? { kind: iv.kind, id: iv.resource_id, name: iv.name, tenantId: iv.tenant_id, tenantPath: iv.tenant_path, hours: 0, exactCost: 0 };
    line.hours += hours;
    line.exactCost += (iv.monthly_cost / HOURS_PER_MONTH) * hours;
    lines.set(iv.resource_id, line);
  }
  const resources = [...lines.values()].map((l) => ({ ...l, cents: Math.round(l.exactCost * 100) }));
  const byTenant = new Map<string, { tenantId: string; path: string; cents: number }>();
  byTenant.set(tenant.path, { tenantId: tenant.id, path: tenant.path, cents: 0 });
  for (const r of resources) {
    const t = byTenant.get(r.tenantPath) ?? { tenantId: tenantIds.get(r.tenantPath) ?? r.tenantId, path: r.tenantPath, cents: 0 };
    t.cents += r.cents;
    byTenant.set(r.tenantPath, t);
  }
  for (const [path, id] of tenantIds) if (!byTenant.has(path)) byTenant.set(path, { tenantId: id, path, cents: 0 });
  const total = resources.reduce((s, r) => s + r.cents, 0);
  return {
    tenantId: tenant.id,
    from: from.toISOString(),
    to: to.toISOString(),
    currency: CURRENCY,
    totalCost: total / 100,
    resources: resources.map((r) => ({ kind: r.kind, id: r.id, name: r.name, tenantId: r.tenantId, hours: Math.round(r.hours * 10_000) / 10_000, cost: r.cents / 100 })),
    subTenants: [...byTenant.values()].sort((a, b) => (a.path < b.path ? -1 : 1)).map((t) => ({ tenantId: t.tenantId, path: t.path, cost: t.cents / 100 })),
  };
}

/** `from`/`to` query parameters: defaults, RFC 3339 only, from before to, at most ~13 months. */
export function parseRange(query: { from?: unknown; to?: unknown }, now: Date): { from: Date; to: Date } | { error: { field: string; reason: string } } {
  const at = (name: 'from' | 'to', fallback: Date) => {
    const v = query[name];
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(v)) return name;
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? name : d;
  };
  const from = at('from', new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)));
  const to = at('to', now);
  if (typeof from === 'string') return { error: { field: 'from', reason: 'must be an RFC 3339 time such as 2026-01-01T00:00:00Z' } };
  if (typeof to === 'string') return { error: { field: 'to', reason: 'must be an RFC 3339 time such as 2026-02-01T00:00:00Z' } };
  if (to.getTime() <= from.getTime()) return { error: { field: 'to', reason: `must be after from (${from.toISOString()})` } };
  if (to.getTime() - from.getTime() > 400 * 24 * HOUR_MS) return { error: { field: 'to', reason: 'the period may span at most 400 days' } };
  return { from, to };
}
