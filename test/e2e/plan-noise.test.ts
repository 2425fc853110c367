/**
 * Clean plans (issue 9, items 4, 5 and 7): a monitoring stack and sub-tenants created in one
 * apply leave nothing stale (the second plan is empty, outputs included); an in-place update
 * keeps every computed value it cannot change; a nested attribute that forces replacement
 * (system_disk.image) replaces. Real terraform, provider and service.
 */
import { HikubeClient } from '../../client/client';
import { Vm } from '../../client/types';
import { e2eSuite, PROVIDER_BLOCK, Workspace } from './harness';

jest.setTimeout(240_000);

// The stack is born ready (no create delay): its answer comes before the sub-tenants' creates land.
const DELAYS = 'vm.create=300ms,vm.update=200ms,vm.delete=100ms,monitoring.create=0,monitoring.update=200ms,monitoring.delete=100ms';

interface Knobs {
  description: string;
  instanceType: string;
  image: string;
  grafanaReplicas: number;
}

function config(k: Knobs): string {
  return `${PROVIDER_BLOCK}
resource "hikube_tenant" "production" {
  name        = "production"
  description = "${k.description}"
}

resource "hikube_tenant" "web" {
  name      = "web"
  parent_id = hikube_tenant.production.id
}

resource "hikube_tenant" "data" {
  name      = "data"
  parent_id = hikube_tenant.production.id
}

# Sub-tenants created in parallel with the stack (the adverse orders: test/service/provider-relations.test.ts).
resource "hikube_tenant" "team" {
  count     = 6
  name      = "team-\${count.index}"
  parent_id = hikube_tenant.production.id
}

resource "hikube_monitoring_stack" "production" {
  tenant_id = hikube_tenant.production.id
  grafana   = { replicas = ${k.grafanaReplicas} }
}

resource "hikube_virtual_machine" "gw" {
  tenant_id       = hikube_tenant.web.id
  name            = "gw"
  instance_type   = "${k.instanceType}"
  system_disk     = { image = "${k.image}" }
  external_access = { ports = [443] }
}

# The docs' own example: each tenant of the subtree has its own account.
output "web_metrics_account" {
  value = hikube_monitoring_stack.production.accounts[hikube_tenant.web.id].account_id
}

output "data_owner" {
  value = hikube_tenant.data.monitoring_owner_id
}

output "web_account" {
  value = hikube_tenant.web.metrics_account_id
}

output "team_accounts" {
  value = { for t in hikube_tenant.team : t.name => hikube_monitoring_stack.production.accounts[t.id].account_id }
}

output "team_owners" {
  value = [for t in hikube_tenant.team : t.monitoring_owner_id]
}

output "gw_address" {
  value = "\${hikube_virtual_machine.gw.external_ip} (\${hikube_virtual_machine.gw.status})"
}
`;
}

const initial: Knobs = { description: 'Customer-facing', instanceType: 's1.small', image: 'ubuntu-24.04', grafanaReplicas: 1 };

describe('clean plans', () => {
  let ws: Workspace;
  let api: HikubeClient;

  const suite = e2eSuite('e2e-plan-noise', ['--sim-delays', DELAYS]);
  beforeAll(async () => {
    ({ ws, api } = suite);
    ws.write(config(initial));
    await ws.ok('init', '-no-color');
  });

  test('a stack and sub-tenants created in one apply: the second plan is empty, outputs included', async () => {
    await ws.ok('apply', '-auto-approve', '-no-color');
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    const out = JSON.parse((await ws.ok('output', '-json')).stdout) as Record<string, { value: unknown }>;
    expect(out.web_metrics_account.value).toBe(out.web_account.value);
    expect(out.data_owner.value).toMatch(/^tnt-/);
    expect(Object.keys(out.team_accounts.value as object)).toHaveLength(6);
    expect(new Set(out.team_owners.value as string[])).toEqual(new Set([out.data_owner.value]));
  });

  test('in-place updates keep stable computed values: nothing "known after apply" but the cost', async () => {
    ws.write(config({ ...initial, description: 'Customer-facing workloads', instanceType: 's1.medium', grafanaReplicas: 2 }));
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.stdout).toContain('3 to change');
    const unknown = plan.stdout.split('\n').filter((l) => l.includes('known after apply'));
    expect(unknown).toEqual([]);
    expect(plan.stdout).not.toContain('-> null');
    expect(plan.stdout).not.toContain('Changes to Outputs');
    await ws.ok('apply', '-auto-approve', '-no-color');
    const again = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(again.code).toBe(0);
  });

  test('a new system disk image forces a new VM (nested replace rule), and the apply makes one', async () => {
    const [before] = (await api.listResources<Vm>('/v1/vms', { name: 'gw' })).items;
    ws.write(config({ ...initial, description: 'Customer-facing workloads', instanceType: 's1.medium', grafanaReplicas: 2, image: 'debian-12' }));
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.stdout).toContain('hikube_virtual_machine.gw must be replaced');
    expect(plan.stdout).toMatch(/image\s+= "ubuntu-24.04" -> "debian-12" # forces replacement/);
    await ws.ok('apply', '-auto-approve', '-no-color');
    const [after] = (await api.listResources<Vm>('/v1/vms', { name: 'gw' })).items;
    expect(after.id).not.toBe(before.id);
    expect((after as unknown as { systemDisk: { image: string } }).systemDisk.image).toBe('debian-12');
  });

  test('destroy', async () => {
    await ws.ok('destroy', '-auto-approve', '-no-color');
  });
});
