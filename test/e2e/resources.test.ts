/**
 * Clusters, VMs and monitoring stacks end to end: real terraform, our provider, the service
 * with its simulated driver (short delays), PGlite. The steps build on each other, in order.
 */
import { HikubeClient } from '../../client/client';
import { Cluster, MonitoringStack, Vm } from '../../client/types';
import { clusterMonthlyCost, monitoringMonthlyCost, vmMonthlyCost } from '../../model/pricing';
import { e2eSuite, PROVIDER_BLOCK, RunningService, startService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const DELAYS =
  'cluster.create=1500ms,cluster.update=300ms,cluster.delete=300ms,vm.create=800ms,vm.update=300ms,vm.delete=300ms,monitoring.create=500ms,monitoring.update=200ms,monitoring.delete=200ms';

interface Knobs {
  workersMin: number;
  vmType: string;
  extra?: string;
}

function config(k: Knobs): string {
  return `${PROVIDER_BLOCK}
resource "hikube_tenant" "platform" {
  name = "platform"
}

resource "hikube_kubernetes_cluster" "main" {
  tenant_id = hikube_tenant.platform.id
  name      = "main"
  version   = "v1.33"

  node_groups = {
    system = {
      min_replicas  = 1
      max_replicas  = 3
      instance_type = "u1.large"
    }
    workers = {
      min_replicas  = ${k.workersMin}
      max_replicas  = 6
      instance_type = "u1.xlarge"
      disk_size_gb  = 50
      roles         = ["ingress-nginx"]
    }
  }

  addons = {
    cert_manager  = true
    ingress_nginx = true
  }
}

resource "hikube_virtual_machine" "db" {
  tenant_id     = hikube_tenant.platform.id
  name          = "db"
  instance_type = "${k.vmType}"

  data_disks = [
    { name = "data", size_gb = 100 },
  ]

  external_access = {
    ports = [22]
  }
}

resource "hikube_monitoring_stack" "obs" {
  tenant_id = hikube_tenant.platform.id
}
${k.extra ?? ''}`;
}

function clusterCost(workersMin: number): number {
  return clusterMonthlyCost({
    controlPlaneReplicas: 2,
    storageClass: 'replicated',
    nodeGroups: {
      system: { minReplicas: 1, instanceType: 'u1.large', diskSizeGb: 20 },
      workers: { minReplicas: workersMin, instanceType: 'u1.xlarge', diskSizeGb: 50 },
    },
  });
}

function vmCost(instanceType: string, runStrategy = 'Always'): number {
  return vmMonthlyCost({
    instanceType,
    runStrategy,
    systemDisk: { sizeGb: 20, storageClass: 'replicated' },
    dataDisks: [{ sizeGb: 100, storageClass: 'replicated' }],
    externalAccess: { method: 'PortList' },
  });
}

describe('clusters, VMs and monitoring stacks with real terraform', () => {
  let ws: Workspace;
  let api: HikubeClient;
  const initial: Knobs = { workersMin: 2, vmType: 'u1.large' };

  const one = async <T>(collection: string, name: string): Promise<T> => {
    const { items } = await api.listResources<T & { name: string }>(collection, { name });
    expect(items).toHaveLength(1);
    return items[0];
  };

  const suite = e2eSuite('e2e-resources', ['--sim-delays', DELAYS]);
  beforeAll(async () => {
    ({ ws, api } = suite);
    ws.write(config(initial));
    await ws.ok('init', '-no-color');
  });

  test('plan shows what each resource costs per month', async () => {
    const plan = await ws.ok('plan', '-no-color');
    expect(plan.stdout).toContain(`monthly_cost_estimate  = ${clusterCost(2)}`);
    expect(plan.stdout).toContain(`monthly_cost_estimate = ${vmCost('u1.large')}`);
    const stackCost = monitoringMonthlyCost({ metricsStorages: [{ sizeGb: 10 }], logsStorage: { sizeGb: 10 }, grafana: { replicas: 1 } });
    expect(plan.stdout).toContain(`monthly_cost_estimate = ${stackCost}`);
    expect(plan.stdout).toContain('Plan: 4 to add, 0 to change, 0 to destroy.');
  });

  test('apply waits until everything is ready', async () => {
    const run = await ws.ok('apply', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
    const cluster = await one<Cluster>('/v1/clusters', 'main');
    expect(cluster.status).toBe('ready');
    expect(cluster.endpoint).toMatch(/^https:\/\//);
    expect(Object.keys(cluster.nodeGroups).sort()).toEqual(['system', 'workers']);
    const vm = await one<Vm>('/v1/vms', 'db');
    expect(vm.status).toBe('ready');
    expect(vm.privateIp).toMatch(/^10\./);
    expect(vm.dataDisks).toEqual([expect.objectContaining({ name: 'data', sizeGb: 100 })]);
    const stack = (await api.listResources<MonitoringStack>('/v1/monitoring-stacks')).items;
    expect(stack).toHaveLength(1);
    expect(Object.keys(stack[0].accounts)).toHaveLength(1);
    const state = await ws.ok('state', 'show', '-no-color', 'hikube_kubernetes_cluster.main');
    expect(state.stdout).toMatch(/kubeconfig\s+= \(sensitive value\)/);
  });

  test('a second plan is empty', async () => {
    const run = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(run.stdout).toContain('No changes.');
    expect(run.code).toBe(0);
  });

  test('resizing a node group is an in-place update with its new cost', async () => {
    const before = await one<Cluster>('/v1/clusters', 'main');
    ws.write(config({ ...initial, workersMin: 3 }));
    const plan = await ws.ok('plan', '-no-color');
    expect(plan.stdout).toContain('hikube_kubernetes_cluster.main will be updated in-place');
    expect(plan.stdout).toContain(`monthly_cost_estimate  = ${clusterCost(2)} -> ${clusterCost(3)}`);
    await ws.ok('apply', '-auto-approve', '-no-color');
    const after = await one<Cluster>('/v1/clusters', 'main');
    expect(after.id).toBe(before.id);
    expect(after.nodeGroups.workers.minReplicas).toBe(3);
    expect(after.monthlyCostEstimate).toBe(clusterCost(3));
    expect((await ws.tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('changing the instance type updates the VM in place', async () => {
    const before = await one<Vm>('/v1/vms', 'db');
    ws.write(config({ workersMin: 3, vmType: 'u1.xlarge' }));
    const plan = await ws.ok('plan', '-no-color');
    expect(plan.stdout).toContain('hikube_virtual_machine.db will be updated in-place');
    expect(plan.stdout).toContain('instance_type         = "u1.large" -> "u1.xlarge"');
    await ws.ok('apply', '-auto-approve', '-no-color');
    const after = await one<Vm>('/v1/vms', 'db');
    expect(after.id).toBe(before.id);
    expect(after.instanceType).toBe('u1.xlarge');
  });

  test('a VM stopped and a node group resized out of band show up as changes', async () => {
    const vm = await one<Vm>('/v1/vms', 'db');
    const cluster = await one<Cluster>('/v1/clusters', 'main');
    await api.updateResource('/v1/vms', vm.id, { runStrategy: 'Halted' });
    await api.updateResource('/v1/clusters', cluster.id, {
      nodeGroups: { ...cluster.nodeGroups, workers: { ...cluster.nodeGroups.workers, maxReplicas: 9 } },
    });
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/run_strategy\s+= "Halted" -> "Always"/);
    expect(plan.stdout).toMatch(/max_replicas\s+= 9 -> 6/);
    await ws.ok('apply', '-auto-approve', '-no-color');
    expect((await one<Vm>('/v1/vms', 'db')).runStrategy).toBe('Always');
    expect((await ws.tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('each resource imports, by id and by path, with nothing to change afterwards', async () => {
    const cluster = await one<Cluster>('/v1/clusters', 'main');
    const vm = await one<Vm>('/v1/vms', 'db');
    for (const address of ['hikube_kubernetes_cluster.main', 'hikube_virtual_machine.db', 'hikube_monitoring_stack.obs']) {
      await ws.ok('state', 'rm', '-no-color', address);
    }
    await ws.ok('import', '-no-color', 'hikube_kubernetes_cluster.main', cluster.id);
    await ws.ok('import', '-no-color', 'hikube_virtual_machine.db', 'acme/platform/db');
    await ws.ok('import', '-no-color', 'hikube_monitoring_stack.obs', 'acme/platform');
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    expect((await one<Vm>('/v1/vms', 'db')).id).toBe(vm.id);
  });

  test('a tenant that still owns resources cannot be deleted, and says which', async () => {
    const tenant = await api.getTenantByPath('acme/platform');
    await expect(api.deleteTenant(tenant.id)).rejects.toMatchObject({
      status: 409,
      problem: expect.objectContaining({ detail: expect.stringMatching(/main.*db|db.*main/s) }),
    });
  });

  test('destroy leaves nothing behind, in the service or in its back-end', async () => {
    const run = await ws.ok('destroy', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('Destroy complete! Resources: 4 destroyed.');
    for (const collection of ['/v1/clusters', '/v1/vms', '/v1/monitoring-stacks']) {
      expect((await api.listResources(collection)).items).toEqual([]);
    }
    const driver = await api.request<{ items: unknown[] }>('GET', '/v1/admin/driver-objects');
    expect(driver.items).toEqual([]);
  });
});

describe('a failed operation is a clear diagnostic', () => {
  let service: RunningService;
  let ws: Workspace;

  beforeAll(async () => {
    service = await startService(tempDir('e2e-fail'), ['--sim-delays', 'vm.create=100ms', '--sim-fail', 'vm.create:name=broken-*:no capacity for this instance type in zone gva-1']);
    ws = workspace(service, 'e2e-fail');
  });

  afterAll(async () => {
    await service?.stop();
  });

  test("apply fails with the driver's reason and keeps the VM as tainted", async () => {
    ws.write(`${PROVIDER_BLOCK}
resource "hikube_tenant" "t" {
  name = "lab"
}

resource "hikube_virtual_machine" "vm" {
  tenant_id     = hikube_tenant.t.id
  name          = "broken-1"
  instance_type = "s1.small"
}
`);
    await ws.ok('init', '-no-color');
    const run = await ws.tf('apply', '-auto-approve', '-no-color');
    expect(run.code).toBe(1);
    const text = run.stderr.replace(/\s+/g, ' ');
    expect(text).toContain('Virtual Machine Creation Failed');
    expect(text).toContain('no capacity for this instance type in zone gva-1');
    const list = await ws.ok('state', 'list');
    expect(list.stdout).toContain('hikube_virtual_machine.vm');
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.stdout).toContain('hikube_virtual_machine.vm is tainted, so must be replaced');
  });

  test('validation names the node group and the rule', async () => {
    ws.write(`${PROVIDER_BLOCK}
resource "hikube_kubernetes_cluster" "c" {
  tenant_id = "tnt-aaaaaaaaaaaaaaaa"
  name      = "c"
  node_groups = {
    workers = { min_replicas = 3, max_replicas = 1, instance_type = "u1.huge" }
  }
}
`);
    const run = await ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = run.stderr.replace(/\s+/g, ' ');
    expect(text).toContain('Invalid Node Group Size');
    expect(text).toContain('max_replicas must be >= min_replicas (3), got 1');
    expect(text).toContain('"u1.huge" is not one of');
  });
});
