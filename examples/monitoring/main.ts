/**
 * Monitoring: a monitoring stack in the production tenant collecting the metrics and logs of
 * two sub-tenants, each isolated from the other. Two stacks, because Helm and Kubernetes
 * resources cannot be planned before their cluster exists:
 *
 * - `platform`: tenants, clusters and the `hikube_monitoring_stack` (the Hikube provider only);
 * - `platform-monitoring`: everything inside the clusters (the helm and kubernetes providers),
 *   reading the clusters' credentials and the tenants' accounts from `platform` through cdktf
 *   cross-stack references.
 *
 * `cdktf deploy '*'` applies `platform` first, then `platform-monitoring`.
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { HikubeProvider, Tenant } from '../../constructs/index';

export class MonitoringExample {
  public readonly platform: TerraformStack;
  public readonly inCluster: TerraformStack;

  public constructor(scope: Construct, id = 'platform') {
    this.platform = new TerraformStack(scope, id);
    this.inCluster = new TerraformStack(scope, `${id}-monitoring`);
    new HikubeProvider(this.platform, 'Hikube');

    const production = new Tenant(this.platform, 'Production', { description: 'Customer-facing workloads', deletionProtection: true });
    const web = production.addSubTenant('Web', { description: 'Web frontends and APIs' });
    const data = production.addSubTenant('Data', { description: 'Databases and queues' });

    // The stack runs in a cluster of its own, in the main tenant.
    const ops = production.addCluster('Ops', {
      name: 'ops',
      nodeGroups: { monitoring: { minReplicas: 3, maxReplicas: 4, instanceType: 'u1.xlarge', diskSizeGb: 50 } },
    });
    const monitoring = production.addMonitoringStack('Monitoring', {
      metricsStorages: [{ name: 'default', retention: '90d', sizeGb: 200 }],
      logsStorage: { retention: '30d', sizeGb: 100 },
      cluster: ops,
      inClusterScope: this.inCluster,
    });

    // web: the monitoring-agents add-on is enough, the stack above finds the cluster.
    web.addCluster('WebCluster', {
      name: 'web',
      nodeGroups: { workers: { minReplicas: 2, maxReplicas: 6, instanceType: 'u1.large', roles: ['ingress-nginx'] } },
      addons: { ingressNginx: true, monitoringAgents: true },
    });
    // data: collected explicitly, with every cluster it has or will have.
    data.addCluster('DataCluster', { name: 'data', nodeGroups: { db: { minReplicas: 3, maxReplicas: 3, instanceType: 'm1.large' } } });
    monitoring.collectFrom(data);

    new TerraformOutput(this.platform, 'grafana-url', { value: monitoring.grafanaUrl, description: 'Grafana of the production monitoring stack' });
    new TerraformOutput(this.platform, 'monitoring-monthly-cost', { value: monitoring.monthlyCostEstimate, description: 'Estimated monthly cost in EUR' });
  }
}

if (require.main === module) {
  const app = new App();
  new MonitoringExample(app);
  app.synth();
}
