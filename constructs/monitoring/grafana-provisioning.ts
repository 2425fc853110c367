/** Grafana datasources and dashboard folders, one set per tenant, provisioned by the chart's sidecars. */
import { GRAFANA_PLUGINS } from './charts';
import { DASHBOARDS, DashboardJson, DashboardScope, renderDashboard } from './dashboards';
import { OWNER_LOGS_PREFIX, TenantAccount } from './vmauth-config';

/** One tenant as Grafana shows it. */
export interface GrafanaTenant {
  /** Short stable key: datasource names, uids. */
  readonly key: string;
  /** Folder title, e.g. the tenant path. */
  readonly folder: string;
  readonly account: TenantAccount;
}

export const GLOBAL_SCOPE: DashboardScope = { key: '', metricsDatasource: 'Metrics (all tenants)', logsDatasource: 'Logs (own account)' };

export function tenantScope(key: string): DashboardScope {
  return { key, metricsDatasource: `Metrics ${key}`, logsDatasource: `Logs ${key}` };
}

function datasource(name: string, uid: string, type: string, url: string, account: TenantAccount): Record<string, unknown> {
  return {
    name,
    uid,
    type,
    access: 'proxy',
    url,
    basicAuth: true,
    basicAuthUser: account.username,
    secureJsonData: { basicAuthPassword: account.password },
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
  return {
    apiVersion: 1,
    datasources: [
      { ...datasource(GLOBAL_SCOPE.metricsDatasource, 'hikube-metrics-all', M, vmauth, owner), isDefault: true },
      datasource(GLOBAL_SCOPE.logsDatasource, 'hikube-logs-own', L, `${vmauth}/logs`, owner),
      ...members.flatMap((m) => {
        const scope = tenantScope(m.key);
        return [
          datasource(scope.metricsDatasource, `hikube-metrics-${m.key}`, M, vmauth, m.account),
          datasource(scope.logsDatasource, `hikube-logs-${m.key}`, L, `${vmauth}/logs`, m.account),
          datasource(`Logs ${m.key} (owner view)`, `hikube-logs-all-${m.key}`, L, `${vmauth}${OWNER_LOGS_PREFIX}/${m.account.accountId}`, owner),
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
