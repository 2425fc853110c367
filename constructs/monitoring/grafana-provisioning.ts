/** Grafana datasources and dashboard folders, one set per tenant, provisioned by the chart's sidecars. */
import { GRAFANA_PLUGINS } from './charts';
import { DASHBOARDS, DashboardJson, DashboardScope, escapeRegex, renderDashboard } from './dashboards';
import { TenantAccount, ownerLogsUsername } from './vmauth-config';

/** One tenant as Grafana shows it. */
export interface GrafanaTenant {
  /** Short stable key: datasource names, uids. */
  readonly key: string;
  /** Folder title, e.g. the tenant path. */
  readonly folder: string;
  readonly account: TenantAccount;
}

const OWN_LOGS = 'Logs (own account)';
/** Name of the owner's view of one tenant's logs. */
export const ownerViewName = (key: string) => `Logs ${key} (owner view)`;

/**
 * The owner's copy: metrics of every tenant through the global view; logs of its own account
 * and of every tenant's (one datasource each, log panels repeat over them).
 */
export const GLOBAL_SCOPE: DashboardScope = {
  key: '',
  metricsDatasource: 'Metrics (all tenants)',
  logsDatasource: OWN_LOGS,
  logsDatasourcePattern: `^(${escapeRegex(OWN_LOGS)}|${escapeRegex(ownerViewName('KEY')).replace('KEY', '.+')})$`,
};

export function tenantScope(key: string): DashboardScope {
  return { key, metricsDatasource: `Metrics ${key}`, logsDatasource: `Logs ${key}` };
}

function datasource(name: string, uid: string, type: string, url: string, username: string, password: string): Record<string, unknown> {
  return {
    name,
    uid,
    type,
    access: 'proxy',
    url,
    basicAuth: true,
    basicAuthUser: username,
    secureJsonData: { basicAuthPassword: password },
    editable: false,
  };
}

/**
 * The datasources file. Each tenant's datasources carry that tenant's own credential, so a
 * dashboard in its folder can only ever read its account, whatever its queries say. The owner
 * gets the global metrics view and, VictoriaLogs having no multitenant read, one logs
 * datasource per tenant through its per-account routes.
 */
export function grafanaDatasources(vmauth: string, owner: TenantAccount, members: GrafanaTenant[]): Record<string, unknown> {
  const M = GRAFANA_PLUGINS.metrics;
  const L = GRAFANA_PLUGINS.logs;
  const as = (a: TenantAccount) => [a.username, a.password] as const;
  return {
    apiVersion: 1,
    datasources: [
      { ...datasource(GLOBAL_SCOPE.metricsDatasource, 'hikube-metrics-all', M, vmauth, ...as(owner)), isDefault: true },
      datasource(GLOBAL_SCOPE.logsDatasource, 'hikube-logs-own', L, vmauth, ...as(owner)),
      ...members.flatMap((m) => {
        const scope = tenantScope(m.key);
        return [
          datasource(scope.metricsDatasource, `hikube-metrics-${m.key}`, M, vmauth, ...as(m.account)),
          datasource(scope.logsDatasource, `hikube-logs-${m.key}`, L, vmauth, ...as(m.account)),
          datasource(ownerViewName(m.key), `hikube-logs-all-${m.key}`, L, vmauth, ownerLogsUsername(owner, m.account), owner.password),
        ];
      }),
    ],
  };
}

/** The six dashboards of one scope, by file name. */
export function dashboardFiles(scope: DashboardScope): Record<string, string> {
  return Object.fromEntries(
    DASHBOARDS.map((spec): [string, string] => {
      const json: DashboardJson = renderDashboard(spec, scope);
      return [`${spec.uid}.json`, JSON.stringify(json)];
    }),
  );
}
