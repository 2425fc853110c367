/**
 * Quickstart: four top-level tenants (production, staging, development, sandbox) with the
 * security policies and quotas of each environment, a few sub-tenants, a Kubernetes cluster and
 * a monitoring stack in production, the data services production's application needs (a
 * PostgreSQL cluster with its database and user, a Redis cache, an S3 bucket), and a development
 * VM, in one stack.
 *
 * In your own app, import from the package: `import { HikubeProvider, Tenant } from 'hikube-iac'`.
 * This example imports the sources relatively so it runs from this repository.
 */
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DatabaseRole, DiskSource, HikubeProvider, ITenant, Preset, Tenant } from '../../constructs/index';

/** Hikube's sizes of each series (`hikube catalog instance-types`, or the data source `hikube_instance_types`). */
const U1_SIZES = ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge'];
const M1_SIZES = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge'];
const types = (series: string, sizes: string[]) => sizes.map((size) => `${series}.${size}`);
/** Up to xlarge: s1 from 1 to 8 vCPUs, u1 from 1 to 4. */
const SMALL_TYPES = [...types('s1', ['small', 'medium', 'large', 'xlarge']), ...types('u1', ['medium', 'large', 'xlarge'])];

export class QuickstartStack extends TerraformStack {
  public constructor(scope: Construct, id: string) {
    super(scope, id);

    // Endpoint and token come from HIKUBE_ENDPOINT and HIKUBE_TOKEN when Terraform runs.
    new HikubeProvider(this, 'Hikube');

    // Guardrails differ per environment, as an organisation would set them. The service enforces
    // them when resources are created and the provider checks them at `terraform plan`; a
    // sub-tenant can only narrow its parent's policy, and a quota covers the whole subtree.
    const production = new Tenant(this, 'Production', {
      description: 'Customer-facing workloads',
      labels: { env: 'production', 'cost-center': 'cc-100' },
      deletionProtection: true,
      // Supported versions only (the oldest is out, the newest proves itself in staging first).
      securityPolicy: { allowedInstanceTypes: [...types('u1', U1_SIZES), ...types('m1', M1_SIZES)], allowedKubernetesVersions: ['v1.32', 'v1.33', 'v1.34'], externalIpsAllowed: true },
      quotas: { cpu: 512, memoryGib: 2048, storageGib: 20480, clusters: 10, vms: 50, subTenants: 20 },
    });
    const staging = new Tenant(this, 'Staging', {
      description: 'Pre-production copy of production',
      labels: { env: 'staging', 'cost-center': 'cc-100' },
      // Production's instance types; the next Kubernetes version is tried here first.
      securityPolicy: { allowedInstanceTypes: [...types('u1', U1_SIZES), ...types('m1', M1_SIZES)], allowedKubernetesVersions: ['v1.32', 'v1.33', 'v1.34', 'v1.35'], externalIpsAllowed: true },
      quotas: { cpu: 128, memoryGib: 512, storageGib: 4096, clusters: 3, vms: 20, subTenants: 5 },
    });
    const development = new Tenant(this, 'Development', {
      description: 'Team development environments',
      labels: { env: 'development', 'cost-center': 'cc-200' },
      // Small and mid-size machines; SSH from outside to the devboxes.
      securityPolicy: { allowedInstanceTypes: SMALL_TYPES, externalIpsAllowed: true },
      quotas: { cpu: 48, memoryGib: 192, storageGib: 2048, clusters: 4, vms: 30, subTenants: 10 },
    });
    const sandbox = new Tenant(this, 'Sandbox', {
      description: 'Short-lived experiments; anything here may be deleted',
      labels: { env: 'sandbox' },
      // Cheap machines, nothing reachable from outside, barely enough for a small cluster or two VMs.
      securityPolicy: { allowedInstanceTypes: types('s1', ['small', 'medium', 'large']), externalIpsAllowed: false },
      quotas: { cpu: 8, memoryGib: 16, storageGib: 200, clusters: 1, vms: 4, subTenants: 2 },
    });

    const teamA = development.addSubTenant('TeamA', { name: 'team-a', labels: { team: 'a' } });
    const data = production.addSubTenant('Data', {
      description: 'Databases and queues',
      labels: { tier: 'data' },
      deletionProtection: true,
      // Databases only talk to the private network: no egress to the internet.
      securityPolicy: { egressCidrs: ['10.0.0.0/8'] },
    });
    const tenants: Record<string, ITenant> = {
      production,
      staging,
      development,
      sandbox,
      'production-web': production.addSubTenant('Web', { description: 'Web frontends and APIs', labels: { tier: 'web' } }),
      'production-data': data,
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

    // The web tier: a public TCP load balancer in front of two VMs on a private subnet (their
    // addresses there are the load balancer's targets). Web1 keeps uploads on a standalone data
    // disk, which outlives the VM; a VM on standalone disks boots from the first one it attaches.
    const webTier = tenants['production-web'];
    const appSubnet = webTier.addVpc('Private').addSubnet('App', { cidr: '192.168.10.0/24' });
    const front = webTier.addLoadBalancer('Front', { external: true });
    const uploads = webTier.addDisk('Uploads', { sizeGb: 100 });
    const webVms = ['Web1', 'Web2'].map((id) => {
      const vm = webTier.addVm(id, { instanceType: 'u1.medium' });
      vm.connectTo(appSubnet);
      front.addTarget(vm);
      return vm;
    });
    webVms[0].attachDisk(webTier.addDisk('Web1System', { name: 'web1-system', sizeGb: 20, source: DiskSource.image('ubuntu-2404') }));
    webVms[0].attachDisk(uploads);

    const devbox = teamA.addVm('Devbox', { instanceType: 'u1.large', externalAccess: { method: 'PortList', ports: [22] } });
    devbox.addDataDisk('data', { sizeGb: 50 });

    const monitoring = production.addMonitoringStack('Monitoring');

    // The application's data: PostgreSQL with its database and the user the application logs in
    // as (its password is generated by the platform, returned once and kept in state as
    // sensitive), a Redis cache, and a bucket for uploaded assets.
    const orders = data.addPostgres('Orders', { replicas: 2, sizeGb: 20, preset: Preset.SMALL });
    orders.addDatabase('App', { extensions: ['pgcrypto'] });
    const appUser = orders.addUser('App', { databases: { app: DatabaseRole.ADMIN } });
    const cache = data.addRedis('Cache', { replicas: 2 });
    const assets = data.addBucket('Assets');

    new TerraformOutput(this, 'web-cluster-endpoint', { value: web.endpoint, description: 'Kubernetes API server of the web cluster' });
    new TerraformOutput(this, 'front-address', { value: front.externalIp, description: 'Public address of the web tier' });
    new TerraformOutput(this, 'devbox-private-ip', { value: devbox.privateIp, description: "Address of the devbox in team-a's network" });
    new TerraformOutput(this, 'orders-host', { value: orders.host, description: 'PostgreSQL primary, inside production/data' });
    new TerraformOutput(this, 'orders-app-user', { value: appUser.userName, description: 'The application user of the orders database' });
    new TerraformOutput(this, 'cache-host', { value: cache.host, description: 'Redis, inside production/data' });
    new TerraformOutput(this, 'assets-bucket', { value: assets.s3BucketName, description: 'S3 name of the assets bucket' });
    const costs: Record<string, number> = {
      'web-cluster': web.monthlyCostEstimate,
      devbox: devbox.monthlyCostEstimate,
      front: front.monthlyCostEstimate,
      uploads: uploads.monthlyCostEstimate,
      ...Object.fromEntries(webVms.map((vm) => [vm.vmName, vm.monthlyCostEstimate])),
      monitoring: monitoring.monthlyCostEstimate,
      orders: orders.monthlyCostEstimate,
      cache: cache.monthlyCostEstimate,
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
