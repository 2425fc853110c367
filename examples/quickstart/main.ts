/**
 * Quickstart: four top-level tenants and a few sub-tenants, a Kubernetes cluster and a
 * monitoring stack in production, and a development VM, in one stack.
 *
 * In your own app, import from the package: `import { HikubeProvider, Tenant } from 'hikube-iac'`.
 * This example imports the sources relatively so it runs from this repository.
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { HikubeProvider, ITenant, Tenant } from '../../constructs';

export class QuickstartStack extends TerraformStack {
  public constructor(scope: Construct, id: string) {
    super(scope, id);

    // Endpoint and token come from HIKUBE_ENDPOINT and HIKUBE_TOKEN when Terraform runs.
    new HikubeProvider(this, 'Hikube');

    const production = new Tenant(this, 'Production', {
      description: 'Customer-facing workloads',
      labels: { env: 'production', 'cost-center': 'cc-100' },
      deletionProtection: true,
    });
    const staging = new Tenant(this, 'Staging', {
      description: 'Pre-production copy of production',
      labels: { env: 'staging', 'cost-center': 'cc-100' },
    });
    const development = new Tenant(this, 'Development', {
      description: 'Team development environments',
      labels: { env: 'development', 'cost-center': 'cc-200' },
    });
    const sandbox = new Tenant(this, 'Sandbox', {
      description: 'Short-lived experiments; anything here may be deleted',
      labels: { env: 'sandbox' },
    });

    const teamA = development.addSubTenant('TeamA', { name: 'team-a', labels: { team: 'a' } });
    const tenants: Record<string, ITenant> = {
      production,
      staging,
      development,
      sandbox,
      'production-web': production.addSubTenant('Web', { description: 'Web frontends and APIs', labels: { tier: 'web' } }),
      'production-data': production.addSubTenant('Data', {
        description: 'Databases and queues',
        labels: { tier: 'data' },
        deletionProtection: true,
      }),
      'development-team-a': teamA,
      'development-team-b': development.addSubTenant('TeamB', { name: 'team-b', labels: { team: 'b' } }),
      'sandbox-experiments': sandbox.addSubTenant('Experiments'),
    };

    for (const [key, tenant] of Object.entries(tenants)) {
      new TerraformOutput(this, `${key}-path`, { value: tenant.tenantPath, description: `Path of the ${key} tenant` });
      new TerraformOutput(this, `${key}-id`, { value: tenant.tenantId, description: `Id of the ${key} tenant` });
    }

    // The construct id 'Web' is taken by the sub-tenant, hence an explicit name.
    const web = production.addCluster('WebCluster', {
      name: 'web',
      nodeGroups: { system: { minReplicas: 2, maxReplicas: 3, instanceType: 'u1.large' } },
      addons: { certManager: true, ingressNginx: true },
    });
    // Groups can also be added later, from anywhere: they are rendered at synth.
    web.addNodeGroup('workers', { minReplicas: 2, maxReplicas: 6, instanceType: 'u1.xlarge', roles: ['ingress-nginx'] });

    const devbox = teamA.addVm('Devbox', { instanceType: 'u1.large', externalAccess: { method: 'PortList', ports: [22] } });
    devbox.addDataDisk('data', { sizeGb: 50 });

    const monitoring = production.addMonitoringStack('Monitoring');

    new TerraformOutput(this, 'web-cluster-endpoint', { value: web.endpoint, description: 'Kubernetes API server of the web cluster' });
    new TerraformOutput(this, 'devbox-private-ip', { value: devbox.privateIp, description: "Address of the devbox in team-a's network" });
    const costs: Record<string, number> = {
      'web-cluster': web.monthlyCostEstimate,
      devbox: devbox.monthlyCostEstimate,
      monitoring: monitoring.monthlyCostEstimate,
    };
    for (const [key, cost] of Object.entries(costs)) {
      new TerraformOutput(this, `${key}-monthly-cost`, { value: cost, description: `Estimated monthly cost of ${key} in EUR, known at plan time` });
    }
  }
}

if (require.main === module) {
  const app = new App();
  new QuickstartStack(app, 'quickstart');
  app.synth();
}
