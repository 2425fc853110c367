/**
 * The in-cluster part of a monitoring stack: VictoriaMetrics cluster, VictoriaLogs, vmauth and
 * Grafana in one namespace of the owner's cluster, plus per-tenant Grafana provisioning.
 */
import { ConfigMap } from '@cdktf/provider-kubernetes/lib/config-map';
import { Namespace } from '@cdktf/provider-kubernetes/lib/namespace';
import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Annotations, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { ICluster } from '../interfaces';
import { jsonText, literalDeep } from '../private/literal';
import { CHARTS, GRAFANA_PLUGINS } from './charts';
import { GLOBAL_SCOPE, GrafanaTenant, dashboardFiles, grafanaDatasources, tenantScope } from './grafana-provisioning';
import { RESTRICTED, chartRelease, resources } from './helm';
import { Backends, TenantAccount, vmauthConfig } from './vmauth-config';

export interface StorageSettings {
  readonly retention: string;
  readonly sizeGb: number;
}

export interface MonitoringServerProps {
  readonly cluster: ICluster;
  /** Namespace of the stack in the cluster. */
  readonly namespace: string;
  readonly metrics: StorageSettings;
  readonly logs: StorageSettings;
  readonly grafanaReplicas: number;
  readonly anonymousAccess: boolean;
  /** The owner tenant's account: global reads. */
  readonly owner: TenantAccount;
}

/** Service names, fixed with `fullnameOverride` so vmauth's routes do not depend on release names. */
export const SERVICES = { vminsert: 'vminsert', vmselect: 'vmselect', vmstorage: 'vmstorage', victoriaLogs: 'victoria-logs', vmauth: 'vmauth', grafana: 'grafana' };

const DASHBOARD_LABEL = { grafana_dashboard: '1' };
const DATASOURCE_LABEL = { grafana_datasource: '1' };
export const FOLDER_ANNOTATION = 'grafana_folder';

export class MonitoringServer extends Construct {
  /** vmauth as pods in the cluster reach it. */
  public readonly vmauthInternalUrl: string;
  private readonly members: GrafanaTenant[] = [];
  private readonly props: MonitoringServerProps;

  public constructor(scope: Construct, id: string, props: MonitoringServerProps) {
    super(scope, id);
    this.props = props;
    const ns = props.namespace;
    const svc = (name: string, port: number) => `http://${name}.${ns}.svc:${port}`;
    const backends: Backends = { vminsert: svc(SERVICES.vminsert, 8480), vmselect: svc(SERVICES.vmselect, 8481), victoriaLogs: svc(SERVICES.victoriaLogs, 9428) };
    this.vmauthInternalUrl = svc(SERVICES.vmauth, 8427);
    const kubernetes = props.cluster.kubernetesProvider(this);
    const helm = props.cluster.helmProvider(this);

    const namespace = new Namespace(this, 'Namespace', {
      provider: kubernetes,
      metadata: { name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'app.kubernetes.io/part-of': 'hikube-monitoring' } },
    });
    const after = [namespace];

    chartRelease(this, 'VictoriaMetrics', {
      provider: helm,
      name: 'victoria-metrics',
      namespace: ns,
      chart: CHARTS.victoriaMetricsCluster,
      dependsOn: after,
      values: victoriaMetricsValues(props.metrics),
    });
    chartRelease(this, 'VictoriaLogs', {
      provider: helm,
      name: 'victoria-logs',
      namespace: ns,
      chart: CHARTS.victoriaLogs,
      dependsOn: after,
      values: victoriaLogsValues(props.logs),
    });

    // Rendered at synth: tenants join with addMember() in any order.
    const vmauthSecret = new Secret(this, 'VmauthConfig', {
      provider: kubernetes,
      metadata: { name: 'vmauth-config', namespace: ns },
      data: {
        'auth.yml': Lazy.stringValue({
          produce: () =>
            jsonText(
              vmauthConfig(
                backends,
                props.owner,
                this.members.map((m) => m.account),
              ),
            ),
        }),
      },
      dependsOn: after,
    });
    chartRelease(this, 'Vmauth', {
      provider: helm,
      name: 'vmauth',
      namespace: ns,
      chart: CHARTS.vmauth,
      dependsOn: [vmauthSecret],
      values: {
        fullnameOverride: SERVICES.vmauth,
        replicaCount: 2,
        secretName: 'vmauth-config',
        extraArgs: { loggerFormat: 'json', configCheckInterval: '30s' },
        podDisruptionBudget: { enabled: true, minAvailable: 1 },
        resources: resources('100m', '128Mi'),
        ...RESTRICTED,
      },
    });

    const datasources = new Secret(this, 'GrafanaDatasources', {
      provider: kubernetes,
      metadata: { name: 'grafana-datasources', namespace: ns, labels: DATASOURCE_LABEL },
      data: { 'datasources.yaml': Lazy.stringValue({ produce: () => jsonText(grafanaDatasources(this.vmauthInternalUrl, props.owner, this.members)) }) },
      dependsOn: after,
    });
    this.dashboards('Dashboards', 'dashboards-all-tenants', 'All tenants', dashboardFiles(GLOBAL_SCOPE));
    chartRelease(this, 'Grafana', {
      provider: helm,
      name: 'grafana',
      namespace: ns,
      chart: CHARTS.grafana,
      dependsOn: [datasources],
      values: grafanaValues(props),
    });
  }

  /** A tenant of the subtree gets a vmauth user, its datasources and its folder of dashboards. */
  public addMember(member: GrafanaTenant): void {
    this.members.push(member);
    this.dashboards(`Dashboards-${member.key}`, `dashboards-${member.key}`, member.folder, dashboardFiles(tenantScope(member.key)));
  }

  private dashboards(id: string, name: string, folder: string, files: Record<string, string>): ConfigMap {
    return new ConfigMap(this, id, {
      provider: this.props.cluster.kubernetesProvider(this),
      metadata: { name, namespace: this.props.namespace, labels: DASHBOARD_LABEL, annotations: literalDeep({ [FOLDER_ANNOTATION]: folder }) },
      // Grafana's own `${datasource}` must reach the ConfigMap as written, not as Terraform's.
      data: literalDeep(files),
    });
  }
}

function victoriaMetricsValues(metrics: StorageSettings): Record<string, unknown> {
  return {
    vmstorage: {
      fullnameOverride: SERVICES.vmstorage,
      replicaCount: 2,
      retentionPeriod: metrics.retention,
      // Each vmstorage keeps a full copy (replicationFactor 2 on 2 nodes): the stack's size per pod.
      persistentVolume: { enabled: true, size: `${metrics.sizeGb}Gi` },
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      resources: resources('250m', '1Gi'),
      ...RESTRICTED,
    },
    vminsert: {
      fullnameOverride: SERVICES.vminsert,
      replicaCount: 2,
      extraArgs: { replicationFactor: 2, loggerFormat: 'json' },
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      resources: resources('100m', '256Mi'),
      ...RESTRICTED,
    },
    vmselect: {
      fullnameOverride: SERVICES.vmselect,
      replicaCount: 2,
      // With replication, vmselect must deduplicate the copies it reads.
      extraArgs: { 'dedup.minScrapeInterval': '1ms', loggerFormat: 'json', 'search.maxQueryDuration': '60s' },
      podDisruptionBudget: { enabled: true, minAvailable: 1 },
      resources: resources('250m', '512Mi'),
      ...RESTRICTED,
    },
  };
}

function victoriaLogsValues(logs: StorageSettings): Record<string, unknown> {
  return {
    server: {
      fullnameOverride: SERVICES.victoriaLogs,
      retentionPeriod: logs.retention,
      // Drop the oldest days before the volume fills up, whatever the retention says.
      retentionDiskSpaceUsage: `${Math.max(1, Math.floor(logs.sizeGb * 0.9))}GiB`,
      persistentVolume: { enabled: true, size: `${logs.sizeGb}Gi` },
      extraArgs: { loggerFormat: 'json' },
      resources: resources('250m', '512Mi'),
      ...RESTRICTED,
    },
  };
}

function grafanaValues(props: MonitoringServerProps): Record<string, unknown> {
  return {
    fullnameOverride: SERVICES.grafana,
    replicas: props.grafanaReplicas,
    plugins: [GRAFANA_PLUGINS.metrics, GRAFANA_PLUGINS.logs],
    persistence: { enabled: true, size: '10Gi' },
    resources: resources('100m', '256Mi'),
    securityContext: { runAsNonRoot: true, runAsUser: 472, runAsGroup: 472, fsGroup: 472, seccompProfile: { type: 'RuntimeDefault' } },
    containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    'grafana.ini': {
      'auth.anonymous': { enabled: props.anonymousAccess, org_role: 'Viewer' },
      users: { allow_sign_up: false, viewers_can_edit: false },
      security: { cookie_secure: true, disable_gravatar: true },
      analytics: { reporting_enabled: false, check_for_updates: false },
      plugins: { allow_loading_unsigned_plugins: '' },
    },
    sidecar: {
      dashboards: { enabled: true, label: 'grafana_dashboard', labelValue: '1', folderAnnotation: FOLDER_ANNOTATION, provider: { foldersFromFilesStructure: true, allowUiUpdates: false } },
      datasources: { enabled: true, label: 'grafana_datasource', labelValue: '1' },
    },
  };
}

/** Grafana replicas share no database: say so rather than let sessions and users diverge. */
export function warnIfGrafanaReplicated(scope: Construct, replicas: number): void {
  if (replicas > 1) {
    Annotations.of(scope).addWarning(
      `Grafana runs ${replicas} replicas on their own SQLite files: point grafana.ini [database] at a shared PostgreSQL (escape hatch on the Grafana release) or use 1 replica.`,
    );
  }
}
