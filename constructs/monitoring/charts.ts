/**
 * Helm charts of the monitoring stack, pinned: an upgrade is a reviewed change of this file,
 * never a surprise on the next `terraform apply`. Versions as published in August 2026.
 */
export interface ChartRef {
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
}

const VICTORIA = 'https://victoriametrics.github.io/helm-charts';

export const CHARTS = {
  /** vminsert, vmselect, vmstorage: the multi-tenant metrics store (app v1.150.0). */
  victoriaMetricsCluster: { repository: VICTORIA, chart: 'victoria-metrics-cluster', version: '0.49.0' },
  /** VictoriaLogs, single node: multi-tenant through the AccountID/ProjectID headers (app v1.52.0). */
  victoriaLogs: { repository: VICTORIA, chart: 'victoria-logs-single', version: '0.13.9' },
  /** vmauth, the only door into both stores: authenticates and pins each user to its account (app v1.150.0). */
  vmauth: { repository: VICTORIA, chart: 'victoria-metrics-auth', version: '0.40.0' },
  /** vmagent, scraping a collected cluster and shipping to vmauth (app v1.150.0). */
  vmagent: { repository: VICTORIA, chart: 'victoria-metrics-agent', version: '0.46.0' },
  /** vlagent as a DaemonSet reading container logs and shipping to vmauth (app v1.52.0). */
  logCollector: { repository: VICTORIA, chart: 'victoria-logs-collector', version: '0.3.7' },
  /** Grafana from the community-maintained chart (app 13.2.0). */
  grafana: { repository: 'https://grafana-community.github.io/helm-charts', chart: 'grafana', version: '12.11.1' },
} satisfies Record<string, ChartRef>;

/** Grafana plugins of the two datasources, installed by the Grafana chart at start-up. */
export const GRAFANA_PLUGINS = {
  metrics: 'victoriametrics-metrics-datasource',
  logs: 'victoriametrics-logs-datasource',
} as const;
