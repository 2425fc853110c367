/**
 * A small builder for Grafana dashboard JSON (schemaVersion 39): panels laid out on a grid,
 * datasource and tenant variables, every query tagged with its language so tests can parse it.
 */
import { GRAFANA_PLUGINS } from '../charts';

export const SCHEMA_VERSION = 39;

/** The variable every metrics query filters on; on a sub-tenant's datasource it matches all. */
export const TENANT = 'vm_account_id=~"$tenant"';

export interface Query {
  /** PromQL (metrics) or LogsQL (logs). */
  readonly expr: string;
  readonly legend?: string;
  /**
   * Logs only: how the VictoriaLogs plugin runs the query (its `QueryType`): `instant` lists
   * log lines, `statsRange` turns a `| stats ...` pipe into series over time.
   * @default 'instant'
   */
  readonly queryType?: LogsQueryType;
}

/** The VictoriaLogs Grafana plugin's query types (`pkg/plugin/query.go` of victorialogs-datasource). */
export const LOGS_QUERY_TYPES = ['instant', 'stats', 'statsRange', 'hits'] as const;
export type LogsQueryType = (typeof LOGS_QUERY_TYPES)[number];

export interface PanelSpec {
  readonly title: string;
  readonly type?: 'timeseries' | 'stat' | 'gauge' | 'table' | 'logs';
  readonly unit?: string;
  readonly description?: string;
  /** Metrics queries (PromQL). */
  readonly metrics?: Query[];
  /** Log queries (LogsQL); the panel uses the logs datasource. */
  readonly logs?: Query[];
  /** Grid width, 1 to 24. @default 12 */
  readonly width?: number;
}

export interface RowSpec {
  readonly title: string;
  readonly panels: PanelSpec[];
}

export interface DashboardSpec {
  /** Base uid, at most 30 characters; a tenant's copy appends `-<key>`. */
  readonly uid: string;
  readonly title: string;
  readonly tags: string[];
  readonly rows: RowSpec[];
  /** Extra query variables, e.g. `namespace` from `label_values(kube_pod_info, namespace)`. */
  readonly variables?: { name: string; query: string; label?: string }[];
}

/** Which copy of a dashboard: the owner's (global) or a tenant's, by datasource names. */
export interface DashboardScope {
  /** Appended to uids and titles, e.g. a short key of the tenant; empty for the owner. */
  readonly key: string;
  /** Name of the metrics datasource the copy queries. */
  readonly metricsDatasource: string;
  /** Name of the logs datasource the copy queries by default. */
  readonly logsDatasource: string;
  /**
   * Regex (without slashes) of every logs datasource the copy offers. When it matches several
   * (the owner: its own account and one view per tenant), the `logs` variable selects all of
   * them and log panels repeat once per datasource, so "All tenants" shows every tenant's logs.
   * @default - exactly `logsDatasource`
   */
  readonly logsDatasourcePattern?: string;
}

/** Grafana's JSON model, loosely typed: it is data for Grafana, not for us. */
export type DashboardJson = Record<string, any>;

const METRICS_DS = { type: GRAFANA_PLUGINS.metrics, uid: '${datasource}' };
const LOGS_DS = { type: GRAFANA_PLUGINS.logs, uid: '${logs}' };

export function renderDashboard(spec: DashboardSpec, scope: DashboardScope): DashboardJson {
  let id = 1;
  let y = 0;
  const panels: DashboardJson[] = [];
  for (const row of spec.rows) {
    panels.push({ id: id++, type: 'row', title: row.title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: y++ }, panels: [] });
    let x = 0;
    for (const p of row.panels) {
      const w = p.width ?? 12;
      if (x + w > 24) {
        x = 0;
        y += 8;
      }
      panels.push(renderPanel(p, id++, { h: 8, w, x, y }));
      x += w;
    }
    y += 8;
  }
  return {
    uid: scope.key ? `${spec.uid}-${scope.key}` : spec.uid,
    title: spec.title,
    tags: ['hikube', ...spec.tags],
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    editable: false,
    graphTooltip: 1,
    time: { from: 'now-6h', to: 'now' },
    refresh: '1m',
    timezone: 'browser',
    templating: { list: [...datasourceVariables(scope), tenantVariable(), ...(spec.variables ?? []).map(queryVariable)] },
    annotations: { list: [] },
    panels,
  };
}

function renderPanel(p: PanelSpec, id: number, gridPos: Record<string, number>): DashboardJson {
  const logs = (p.logs ?? []).length > 0;
  const queries = logs ? p.logs! : (p.metrics ?? []);
  const refIds = 'ABCDEFGHIJ';
  const stats = logs && queries.some((q) => (q.queryType ?? 'instant') !== 'instant');
  return {
    id,
    type: p.type ?? (logs && !stats ? 'logs' : 'timeseries'),
    // One copy of a log panel per selected logs datasource (per tenant on the owner's dashboards).
    ...(logs ? { title: `${p.title} ($logs)`, repeat: 'logs', repeatDirection: 'h', maxPerRow: 2 } : { title: p.title }),
    description: p.description ?? '',
    gridPos,
    datasource: logs ? LOGS_DS : METRICS_DS,
    fieldConfig: { defaults: { unit: p.unit ?? 'short' }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom' } },
    targets: queries.map((q, i) => ({
      refId: refIds[i],
      datasource: logs ? LOGS_DS : METRICS_DS,
      expr: q.expr,
      legendFormat: q.legend ?? '',
      ...(logs ? { queryType: q.queryType ?? 'instant' } : {}),
    })),
  };
}

function datasourceVariables(scope: DashboardScope): DashboardJson[] {
  // The regex pins each copy to its scope's datasources: a tenant's folder never offers another's.
  const ds = (name: string, label: string, type: string, only: string) => ({
    name,
    label,
    type: 'datasource',
    query: type,
    regex: `/^${escapeRegex(only)}$/`,
    current: { text: only, value: only },
    hide: 0,
  });
  const logs = scope.logsDatasourcePattern
    ? {
        ...ds('logs', 'Logs', GRAFANA_PLUGINS.logs, scope.logsDatasource),
        regex: `/${scope.logsDatasourcePattern}/`,
        multi: true,
        includeAll: true,
        current: { text: 'All', value: '$__all' },
      }
    : ds('logs', 'Logs', GRAFANA_PLUGINS.logs, scope.logsDatasource);
  return [ds('datasource', 'Metrics', GRAFANA_PLUGINS.metrics, scope.metricsDatasource), logs];
}

function tenantVariable(): DashboardJson {
  // On the owner's global datasource, series carry vm_account_id; on a tenant's own datasource
  // they do not, the list is empty and "All" (.*) matches the absent label.
  return {
    ...queryVariable({ name: 'tenant', label: 'Tenant account', query: 'label_values(up, vm_account_id)' }),
    includeAll: true,
    allValue: '.*',
    current: { text: 'All', value: '$__all' },
  };
}

function queryVariable(v: { name: string; query: string; label?: string }): DashboardJson {
  return {
    name: v.name,
    label: v.label ?? v.name,
    type: 'query',
    datasource: METRICS_DS,
    query: { query: v.query, refId: `${v.name}-variable` },
    definition: v.query,
    refresh: 2,
    multi: true,
    includeAll: true,
    allValue: '.*',
    sort: 1,
  };
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** `rate(metric{TENANT, extra}[$__rate_interval])`, the usual shape. */
export function rate(metric: string, matchers = ''): string {
  return `rate(${metric}{${[TENANT, matchers].filter(Boolean).join(', ')}}[$__rate_interval])`;
}

/** `metric{TENANT, extra}`. */
export function sel(metric: string, matchers = ''): string {
  return `${metric}{${[TENANT, matchers].filter(Boolean).join(', ')}}`;
}
