/**
 * Quotas over the whole plan (issue 9, item 3): everything one plan creates in a tenant's
 * subtree counts against its quotas at `terraform plan`; a quota refused at apply is titled
 * and placed as a quota error; `terraform destroy` never judges quotas, even for instances the
 * configuration declares but that were never created. In-place growth counts too, and a destroy
 * is never judged by policies either. Real terraform, provider and service.
 */
import { HikubeClient } from '../../client/client';
import { Tenant, Vm } from '../../client/types';
import { e2eSuite, PROVIDER_BLOCK, Workspace } from './harness';

jest.setTimeout(240_000);

function config(count: number): string {
  return `${PROVIDER_BLOCK}
resource "hikube_tenant" "small" {
  name   = "small"
  quotas = { vms = 2 }
}

resource "hikube_virtual_machine" "app" {
  count         = ${count}
  tenant_id     = hikube_tenant.small.id
  name          = "app-\${count.index}"
  instance_type = "s1.small"
}
`;
}

describe('quotas over the whole plan', () => {
  let ws: Workspace;
  let api: HikubeClient;
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const vms = async () => (await api.listResources<Vm>('/v1/vms')).items.map((v) => v.name).sort();

  const suite = e2eSuite('e2e-plan-quotas', ['--sim-delays', '0']);
  beforeAll(async () => {
    ({ ws, api } = suite);
    ws.write(config(0));
    await ws.ok('init', '-no-color');
    await ws.ok('apply', '-auto-approve', '-no-color');
  });

  test('count = 3 against a quota of 2 fails the plan, as a quota error on the resource', async () => {
    ws.write(config(3));
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('Error: Quota Exceeded');
    expect(text).toContain('quota vms of acme/small exceeded');
    expect(text).toMatch(/with hikube_virtual_machine\.app\[[0-2]\]/);
    expect(text).not.toContain('Invalid Name');
    expect(text.match(/Error: Quota Exceeded/g)).toHaveLength(1);
    expect(await vms()).toEqual([]);
  });

  test('count = 2 fits: plan and apply', async () => {
    ws.write(config(2));
    await ws.ok('apply', '-auto-approve', '-no-color');
    expect(await vms()).toEqual(['app-0', 'app-1']);
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.code).toBe(0);
  });

  test('a quota taken between plan and apply: the apply error is a quota error, and destroy still works', async () => {
    ws.write(config(0));
    await ws.ok('apply', '-auto-approve', '-no-color');
    ws.write(config(2));
    await ws.ok('plan', '-out=two.tfplan', '-no-color');
    // Someone else takes one of the two VMs the plan counted on.
    const tenant = await api.getTenantByPath('acme/small');
    await api.createResource<Vm>('/v1/vms', { tenantId: (tenant as Tenant).id, name: 'intruder', instanceType: 's1.small' });
    const apply = await ws.tf('apply', '-no-color', 'two.tfplan');
    expect(apply.code).toBe(1);
    const text = plain(apply.stderr);
    expect(text).toContain('Error: Quota Exceeded');
    expect(text).not.toContain('Invalid Name');
    expect((await vms()).filter((n) => n.startsWith('app-'))).toHaveLength(1);

    // The destroy's refresh plans the instance that was never created (the quota is still full):
    // it must not be judged.
    const destroy = await ws.tf('destroy', '-auto-approve', '-no-color', '-target=hikube_virtual_machine.app');
    expect(destroy.stderr).toBe('');
    expect(destroy.code).toBe(0);
    expect(await vms()).toEqual(['intruder']);
    const [intruder] = (await api.listResources<Vm>('/v1/vms', { name: 'intruder' })).items;
    await api.deleteResource('/v1/vms', intruder.id);
    await api.waitForResource('/v1/vms', intruder.id, 'gone', 10_000).catch(() => undefined);
    await ws.ok('destroy', '-auto-approve', '-no-color');
  });

  /** Two VMs in a tenant limited to 6 vCPUs, and a policy allowing only the s1 series. */
  function growing(instanceType: string, extra = ''): string {
    return `${PROVIDER_BLOCK}
resource "hikube_tenant" "grow" {
  name            = "grow"
  quotas          = { cpu = 6 }
  security_policy = { allowed_instance_types = ["s1.small", "s1.large"] }
}

resource "hikube_virtual_machine" "web" {
  count         = 2
  tenant_id     = hikube_tenant.grow.id
  name          = "web-\${count.index}"
  instance_type = "${instanceType}"
}
${extra}`;
  }

  test('in-place growth counts over the whole plan: two resizes that each fit alone, together over the CPU quota, fail the plan', async () => {
    ws.write(growing('s1.small'));
    await ws.ok('apply', '-auto-approve', '-no-color');
    // 2 x 1 vCPU today; one VM at 4 vCPUs would fit (5 of 6), both do not (8 of 6).
    ws.write(growing('s1.large'));
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('Error: Quota Exceeded');
    expect(text).toContain('quota cpu of acme/grow exceeded');
    expect(text).toMatch(/with hikube_virtual_machine\.web\[[01]\]/);
    // The same growth for one VM alone passes.
    const one = await ws.tf('plan', '-no-color', '-target=hikube_virtual_machine.web[0]');
    expect(plain(one.stderr)).not.toContain('Quota Exceeded');
    expect(one.code).toBe(0);
  });

  test('a destroy is never judged by policies: a declared VM the policy refuses does not block terraform destroy', async () => {
    const refused = `
resource "hikube_virtual_machine" "refused" {
  tenant_id     = hikube_tenant.grow.id
  name          = "refused"
  instance_type = "u1.large"
}
`;
    ws.write(growing('s1.small', refused));
    // The check is live: planning the refused VM fails...
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    expect(plain(plan.stderr)).toContain('u1.large');
    expect(plain(plan.stderr)).toMatch(/allowed_instance_types/);
    // ...but destroying the rest, with that VM still declared and never created, is not judged.
    const destroy = await ws.tf('destroy', '-auto-approve', '-no-color');
    expect(destroy.stderr).toBe('');
    expect(destroy.code).toBe(0);
    expect(await vms()).toEqual([]);
  });
});
