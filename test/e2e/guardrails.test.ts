/**
 * Policies and quotas fail at `terraform plan` (the provider asks the service during planning),
 * and the usage data source adds up: real terraform, our provider, the service.
 */
import { HikubeClient } from '../../client/client';
import { Vm } from '../../client/types';
import { e2eSuite, PROVIDER_BLOCK, Workspace } from './harness';

jest.setTimeout(180_000);

const TENANT = `
resource "hikube_tenant" "restricted" {
  name = "restricted"
  security_policy = {
    allowed_instance_types = ["s1.small", "s1.medium"]
    external_ips_allowed   = false
  }
  quotas = {
    vms = 1
  }
}
`;

function vm(name: string, instanceType: string, extra = ''): string {
  return `
resource "hikube_virtual_machine" "${name}" {
  tenant_id     = hikube_tenant.restricted.id
  name          = "${name}"
  instance_type = "${instanceType}"${extra}
}
`;
}

const USAGE = `
data "hikube_tenant_usage" "restricted" {
  tenant_id = hikube_tenant.restricted.id
  depends_on = [hikube_virtual_machine.one]
}

output "usage_total" {
  value = data.hikube_tenant_usage.restricted.total_cost
}

output "usage_lines" {
  value = sum(concat([0], [for r in data.hikube_tenant_usage.restricted.resources : r.cost]))
}

output "usage_tenants" {
  value = sum(concat([0], [for t in data.hikube_tenant_usage.restricted.sub_tenants : t.cost]))
}

output "usage_resources" {
  value = length(data.hikube_tenant_usage.restricted.resources)
}
`;

describe('security policies and quotas at plan time', () => {
  let ws: Workspace;
  let api: HikubeClient;
  const plain = (s: string) => s.replace(/\s+/g, ' ');

  const suite = e2eSuite('e2e-guardrails', ['--sim-delays', '0']);
  beforeAll(async () => {
    ({ ws, api } = suite);
    ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await ws.ok('init', '-no-color');
    await ws.ok('apply', '-auto-approve', '-no-color');
  });

  test('an instance type outside the policy fails the plan, naming the policy and the tenant that set it', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('big', 'u1.large')}`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('Security Policy Violation');
    expect(text).toContain('u1.large');
    expect(text).toContain('acme/restricted');
    expect(text).toContain('with hikube_virtual_machine.big');
    expect((await api.listResources<Vm>('/v1/vms')).items).toEqual([]);
  });

  test('external access where the policy forbids external IPs fails the plan', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('exposed', 's1.small', '\n  external_access = { ports = [22] }')}`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('Security Policy Violation');
    expect(text).toContain('acme/restricted');
  });

  test('a VM within the policy and quota plans and applies', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('one', 's1.small')}${USAGE}`);
    const run = await ws.ok('apply', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('Apply complete! Resources: 1 added');
  });

  test('one VM more than the quota fails the plan, with use and limit', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('one', 's1.small')}${vm('two', 's1.small')}${USAGE}`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('Quota Exceeded');
    expect(text).toContain('acme/restricted');
    expect(text).toContain('with hikube_virtual_machine.two');
    expect((await api.listResources<Vm>('/v1/vms')).items.map((v) => v.name)).toEqual(['one']);
  });

  test('the usage data source: per-resource and per-tenant lines sum to the total', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('one', 's1.small')}${USAGE}`);
    await ws.ok('apply', '-auto-approve', '-no-color');
    const out = JSON.parse((await ws.ok('output', '-json')).stdout) as Record<string, { value: number }>;
    expect(out.usage_resources.value).toBe(1);
    expect(out.usage_total.value).toBeCloseTo(out.usage_lines.value, 2);
    expect(out.usage_total.value).toBeCloseTo(out.usage_tenants.value, 2);
    expect(out.usage_total.value).toBeGreaterThanOrEqual(0);
  });

  test('destroy cleans up', async () => {
    const run = await ws.ok('destroy', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('Destroy complete!');
  });
});
