/** vmagent and vlagent in a collected cluster, shipping to the owner's vmauth as one tenant. */
import { Namespace } from '@cdktf/provider-kubernetes/lib/namespace';
import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Construct } from 'constructs';
import type { ICluster } from '../cluster';
import { CHARTS } from './charts';
import { RESTRICTED, chartRelease, resources } from './helm';
import { TenantAccount } from './vmauth-config';

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

/**
 * Agents of one cluster. The password sits in a Secret the agents read as an environment
 * variable (envflag), never in Helm values, which anyone with `helm get values` could read.
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
    const passwordEnv = (name: string) => [{ name, valueFrom: { secretKeyRef: { name: CREDENTIALS, key: 'password' } } }];

    chartRelease(this, 'Vmagent', {
      provider: helm,
      name: 'vmagent',
      namespace: AGENTS_NAMESPACE,
      chart: CHARTS.vmagent,
      dependsOn: [secret],
      values: {
        // The chart's default scrape config covers the API server, kubelets, cAdvisor and
        // annotated service endpoints (kube-state-metrics, node-exporter, exporters).
        remoteWrite: [{ url: `${props.vmauthUrl}/api/v1/write`, basicAuth: { username: account.username } }],
        env: passwordEnv('VM_remoteWrite_basicAuth_password'),
        extraArgs: {
          'envflag.enable': true,
          'envflag.prefix': 'VM_',
          loggerFormat: 'json',
          'remoteWrite.label': `cluster=${cluster.clusterName}`,
          // Survive a vmauth outage of about an hour without losing samples.
          'remoteWrite.maxDiskUsagePerURL': '1GB',
        },
        resources: resources('100m', '256Mi'),
        ...RESTRICTED,
      },
    });

    chartRelease(this, 'LogCollector', {
      provider: helm,
      name: 'log-collector',
      namespace: AGENTS_NAMESPACE,
      chart: CHARTS.logCollector,
      dependsOn: [secret],
      values: {
        remoteWrite: [{ url: `${props.vmauthUrl}/logs`, basicAuth: { username: account.username } }],
        env: passwordEnv('VL_remoteWrite_basicAuth_password'),
        collector: { extraFields: JSON.stringify({ cluster: cluster.clusterName }) },
        resources: resources('50m', '128Mi'),
      },
    });
  }
}
