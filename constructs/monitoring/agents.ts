/** vmagent and vlagent in a collected cluster, shipping to the owner's vmauth as one tenant. */
import { Namespace } from '@cdktf/provider-kubernetes/lib/namespace';
import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Construct } from 'constructs';
import { ICluster } from '../interfaces';
import { CHARTS } from './charts';
import { RESTRICTED, chartRelease, resources } from './helm';
import { LOGS_WRITE_PATHS, METRICS_WRITE_PATHS, TenantAccount } from './vmauth-config';

export const AGENTS_NAMESPACE = 'hikube-monitoring';
const CREDENTIALS = 'monitoring-credentials';

export interface MonitoringAgentsProps {
  /** The cluster the agents run in. */
  readonly cluster: ICluster;
  /** The account the cluster's tenant writes into. */
  readonly account: TenantAccount;
  /** Public URL of the owner's vmauth. */
  readonly vmauthUrl: string;
}

/** Where the agents find their password: the Secret, mounted read-only into each agent. */
export const PASSWORD_DIR = '/etc/hikube/monitoring';
export const PASSWORD_FILE = `${PASSWORD_DIR}/password`;

/**
 * The remote-write entry of both agents' charts. Both charts turn each scalar key of a
 * `remoteWrite` item into `-remoteWrite.<key>=<value>` and a map into a file path flag
 * (`-remoteWrite.basicAuth=/config/rw/0-basicAuth.yaml`, which no agent defines), so the
 * credential is given as the agents' own flag names: `basicAuth.username` and
 * `basicAuth.passwordFile` (re-read every second, so a rotated password needs no restart).
 */
export function remoteWrite(url: string, account: TenantAccount): Record<string, string> {
  return { url, 'basicAuth.username': account.username, 'basicAuth.passwordFile': PASSWORD_FILE };
}

/** The chart values of vmagent in a collected cluster (chart `victoria-metrics-agent`). */
export function vmagentValues(props: { vmauthUrl: string; account: TenantAccount; clusterName: string }): Record<string, unknown> {
  return {
    // The chart's default scrape config covers the API server, kubelets, cAdvisor and
    // annotated service endpoints (kube-state-metrics, node-exporter, exporters).
    remoteWrite: [remoteWrite(`${props.vmauthUrl}${METRICS_WRITE_PATHS[0]}`, props.account)],
    extraArgs: {
      loggerFormat: 'json',
      'remoteWrite.label': `cluster=${props.clusterName}`,
      // Survive a vmauth outage of about an hour without losing samples.
      'remoteWrite.maxDiskUsagePerURL': '1GB',
    },
    ...passwordVolume(),
    resources: resources('100m', '256Mi'),
    ...RESTRICTED,
  };
}

/** The chart values of the log collector (chart `victoria-logs-collector`, vlagent). */
export function logCollectorValues(props: { vmauthUrl: string; account: TenantAccount; clusterName: string }): Record<string, unknown> {
  return {
    // The chart posts to exactly this path (it only fills in `/insert/native` when the path is empty).
    remoteWrite: [remoteWrite(`${props.vmauthUrl}${LOGS_WRITE_PATHS[0]}`, props.account)],
    collector: { extraFields: JSON.stringify({ cluster: props.clusterName }) },
    ...passwordVolume(),
    resources: resources('50m', '128Mi'),
  };
}

function passwordVolume(): Record<string, unknown> {
  return {
    extraVolumes: [{ name: 'monitoring-credentials', secret: { secretName: CREDENTIALS, defaultMode: 0o440 } }],
    extraVolumeMounts: [{ name: 'monitoring-credentials', mountPath: PASSWORD_DIR, readOnly: true }],
  };
}

/**
 * Agents of one cluster. The password sits in a Secret mounted as a file, never in Helm
 * values, which anyone with `helm get values` could read.
 */
export class MonitoringAgents extends Construct {
  public constructor(scope: Construct, id: string, props: MonitoringAgentsProps) {
    super(scope, id);
    const { cluster, account } = props;
    const kubernetes = cluster.kubernetesProvider(this);
    const helm = cluster.helmProvider(this);
    const namespace = new Namespace(this, 'Namespace', {
      provider: kubernetes,
      metadata: { name: AGENTS_NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
    });
    const secret = new Secret(this, 'Credentials', {
      provider: kubernetes,
      metadata: { name: CREDENTIALS, namespace: AGENTS_NAMESPACE },
      data: { password: account.password },
      dependsOn: [namespace],
    });
    const values = { vmauthUrl: props.vmauthUrl, account, clusterName: cluster.clusterName };
    chartRelease(this, 'Vmagent', { provider: helm, name: 'vmagent', namespace: AGENTS_NAMESPACE, chart: CHARTS.vmagent, dependsOn: [secret], values: vmagentValues(values) });
    chartRelease(this, 'LogCollector', {
      provider: helm,
      name: 'log-collector',
      namespace: AGENTS_NAMESPACE,
      chart: CHARTS.logCollector,
      dependsOn: [secret],
      values: logCollectorValues(values),
    });
  }
}
