import { DASHBOARDS, GLOBAL_SCOPE, GRAFANA_PLUGINS, LOGS_QUERY_TYPES, SCHEMA_VERSION, dashboardFiles, ownerViewName, renderDashboard, tenantScope } from '../../constructs/monitoring';
import { GRAFANA_UNITS } from './grafana-units';
import { KNOWN_METRIC_NAMES } from './known-metrics';
import { checkLogsQL } from './logsql-checker';

const { parser } = require('@prometheus-io/lezer-promql');

/** Grafana's variables are not PromQL: substitute what Grafana would before parsing. */
function asPromQL(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval|\$__range/g, '5m');
}

/** Metric names in a query, from the parse tree (identifiers in vector selectors, __name__ matchers). */
function metricNames(expr: string): { errors: string[]; names: string[] } {
  const q = asPromQL(expr);
  const tree = parser.parse(q);
  const errors: string[] = [];
  const names: string[] = [];
  tree.iterate({
    enter: (n: { type: { name: string; isError: boolean }; from: number; to: number }) => {
      if (n.type.isError) errors.push(`syntax error at ${n.from}: ${q.slice(Math.max(0, n.from - 20), n.to + 20)}`);
      if (n.type.name === 'Identifier' && q.slice(0, n.from).match(/(^|[^a-zA-Z_:])$/)) {
        // Identifiers inside a VectorSelector's metric position are metric names.
        const parent = tree.resolve(n.from, 1).parent;
        if (parent?.type.name === 'VectorSelector') names.push(q.slice(n.from, n.to));
      }
    },
  });
  for (const m of q.matchAll(/__name__=~"([^"]+)"/g)) names.push(...m[1].split('|'));
  return { errors, names };
}

const rendered = DASHBOARDS.flatMap((spec) => [renderDashboard(spec, GLOBAL_SCOPE), renderDashboard(spec, tenantScope('web-abc123'))]);
const panels = rendered.flatMap((d) => d.panels.filter((p: any) => p.type !== 'row').map((p: any) => ({ dashboard: d.uid, ...p })));
const targets = panels.flatMap((p: any) => p.targets.map((t: any) => ({ dashboard: p.dashboard, panel: p.title, panelType: p.type, ...t })));
/** Grafana's `label_values(selector, label)` is not PromQL: its selector is, so check that. */
function variableSelector(definition: string): string {
  const m = /^label_values\((.*), *[a-zA-Z_][a-zA-Z0-9_]*\)$/.exec(definition);
  if (!m) throw new Error(`unexpected variable query ${definition}`);
  return m[1];
}
const variableQueries = rendered.flatMap((d) => d.templating.list.filter((v: any) => v.type === 'query').map((v: any) => ({ dashboard: d.uid, expr: variableSelector(v.definition) })));
// The datasource type picks the language, as it does in Grafana.
const promql = [...targets.filter((t) => t.datasource.type === GRAFANA_PLUGINS.metrics), ...variableQueries];
const logsql = targets.filter((t) => t.datasource.type === GRAFANA_PLUGINS.logs);

describe('dashboards', () => {
  test('one per resource type', () => {
    expect(DASHBOARDS.map((d) => d.uid)).toEqual([
      'hikube-kubernetes',
      'hikube-virtual-machines',
      'hikube-databases',
      'hikube-applications',
      'hikube-network',
      'hikube-storage',
      'hikube-control-plane',
    ]);
  });

  test.each(rendered.map((d) => [d.uid, d]))('%s is a valid JSON model', (_uid, d: any) => {
    expect(d.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(d.schemaVersion).toBe(SCHEMA_VERSION);
    expect(d.uid.length).toBeLessThanOrEqual(40);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    const names = d.templating.list.map((v: any) => v.name);
    expect(names).toEqual(expect.arrayContaining(['datasource', 'logs', 'tenant']));
    const ids = d.panels.map((p: any) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of d.panels.filter((p: any) => p.type !== 'row')) {
      expect(p.targets.length).toBeGreaterThan(0);
      for (const t of p.targets) expect(t.expr).toMatch(/\S/);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  test('uids are unique across scopes and stable between renders', () => {
    const uids = rendered.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(DASHBOARDS.map((s) => renderDashboard(s, tenantScope('web-abc123')).uid)).toEqual(rendered.filter((_, i) => i % 2 === 1).map((d) => d.uid));
  });

  test("a tenant's copy offers only that tenant's datasources", () => {
    const d = renderDashboard(DASHBOARDS[0], tenantScope('web-abc123'));
    const ds = d.templating.list.filter((v: any) => v.type === 'datasource');
    expect(ds.map((v: any) => v.regex)).toEqual(['/^Metrics web-abc123$/', '/^Logs web-abc123$/']);
    expect(d.uid).toBe('hikube-kubernetes-web-abc123');
  });

  test.each(promql.map((t) => [`${t.dashboard}: ${t.expr}`, t.expr]))('parses as PromQL: %s', (_name, expr) => {
    expect(metricNames(expr as string).errors).toEqual([]);
  });

  test.each(promql.map((t) => [`${t.dashboard}: ${t.expr}`, t.expr]))('names only known exporter metrics: %s', (_name, expr) => {
    const { names } = metricNames(expr as string);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !KNOWN_METRIC_NAMES.has(n))).toEqual([]);
  });

  test('every metrics query is scoped by the tenant variable', () => {
    // The tenant variable itself lists the accounts, unfiltered.
    for (const t of promql.filter((q) => q.expr !== 'up')) expect(t.expr).toContain('vm_account_id=~"$tenant"');
  });

  test.each(logsql.map((t) => [`${t.dashboard}: ${t.expr}`, t.expr]))('parses as LogsQL: %s', (_name, expr) => {
    expect(checkLogsQL(expr as string)).toEqual([]);
  });

  test('the LogsQL checker rejects broken queries', () => {
    expect(checkLogsQL('error | stats by (a count()')).not.toEqual([]);
    expect(checkLogsQL('_time:5 error')).not.toEqual([]);
    expect(checkLogsQL('status:~5.. | limit 10')).not.toEqual([]);
    expect(checkLogsQL('"unterminated')).not.toEqual([]);
    expect(checkLogsQL('error | frobnicate')).not.toEqual([]);
    expect(checkLogsQL('_time:5m _stream:{app="web"} error OR "disk full" | stats by (host) count() as n | sort by (n) desc | limit 5')).toEqual([]);
  });

  test('the PromQL check rejects broken queries and unknown metrics', () => {
    expect(metricNames('sum(rate(up[5m])').errors).not.toEqual([]);
    expect(metricNames('rate(made_up_metric_total[5m])').names.filter((n) => !KNOWN_METRIC_NAMES.has(n))).toEqual(['made_up_metric_total']);
  });

  test('every panel unit is a Grafana unit id', () => {
    const units = [...new Set(panels.map((p: any) => p.fieldConfig.defaults.unit))];
    expect(units.filter((u) => !GRAFANA_UNITS.has(u))).toEqual([]);
    expect(GRAFANA_UNITS.has('qps')).toBe(false);
  });

  test('log queries use a query type of the VictoriaLogs plugin, and stats pipes are not shown as log lines', () => {
    expect(logsql.length).toBeGreaterThan(0);
    for (const t of logsql) {
      expect(LOGS_QUERY_TYPES).toContain(t.queryType);
      const stats = /\|\s*stats\b/.test(t.expr);
      expect([t.panel, stats ? ['stats', 'statsRange'].includes(t.queryType) : t.queryType === 'instant']).toEqual([t.panel, true]);
      expect([t.panel, t.panelType === 'logs']).toEqual([t.panel, t.queryType === 'instant']);
    }
    // Metrics targets carry no invented query type.
    for (const t of targets.filter((q) => q.datasource.type === GRAFANA_PLUGINS.metrics)) expect(t).not.toHaveProperty('queryType');
  });

  test("the owner's log panels repeat over its own logs and every tenant's owner view", () => {
    const d = renderDashboard(DASHBOARDS[0], GLOBAL_SCOPE);
    const logs = d.templating.list.find((v: any) => v.name === 'logs');
    expect(logs).toMatchObject({ multi: true, includeAll: true, current: { value: '$__all' } });
    const regex = new RegExp(logs.regex.slice(1, -1));
    for (const name of ['Logs (own account)', ownerViewName('web-abc123'), ownerViewName('data-xyz789')]) expect(name).toMatch(regex);
    for (const name of ['Logs web-abc123', 'Metrics (all tenants)', `x${ownerViewName('web-abc123')}`]) expect(name).not.toMatch(regex);
    const logPanels = d.panels.filter((p: any) => p.datasource?.type === GRAFANA_PLUGINS.logs);
    expect(logPanels.length).toBeGreaterThan(0);
    for (const p of logPanels) expect(p).toMatchObject({ repeat: 'logs', datasource: { uid: '${logs}' } });
  });

  test('ships as one JSON file per dashboard', () => {
    const files = dashboardFiles(GLOBAL_SCOPE);
    expect(Object.keys(files)).toHaveLength(7);
    for (const text of Object.values(files)) expect(JSON.parse(text).schemaVersion).toBe(39);
  });
});
