/**
 * A VM's restart and cloud-init reload declared in configuration, through the real terraform,
 * provider and service: a value whose change triggers the action (like the random provider's
 * `keepers`), never at creation, once per change, audited as the action, the VM kept.
 */
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const config = (restart: string, reload: string) => `${PROVIDER_BLOCK}
resource "hikube_tenant" "ops" {
  name = "ops"
}

resource "hikube_virtual_machine" "box" {
  tenant_id                  = hikube_tenant.ops.id
  name                       = "box"
  instance_type              = "u1.small"
  restart_triggers           = { at = "${restart}" }
  cloud_init_reload_triggers = { cloud_init = "${reload}" }
}
`;

describe('VM actions from trigger maps', () => {
  const suite = e2eSuite('e2e-vm-actions', ['--sim-delays', 'vm.update=300ms']);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const actions = async () => {
    const tenant = await suite.api.getTenantByPath('acme/ops');
    const [vm] = (await suite.api.listResources<{ id: string }>('/v1/vms')).items;
    return { vm, actions: (await suite.api.audit(tenant.id, 100)).items.filter((e) => e.resourceId === vm.id).map((e) => e.action) };
  };

  test('created with triggers: no action; a changed restart trigger restarts once, in place; a changed reload trigger reloads cloud-init', async () => {
    suite.ws.write(config('1', 'a'));
    await suite.ws.ok('init', '-no-color');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const created = await actions();
    expect(created.actions).toEqual(['create']);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);

    suite.ws.write(config('2', 'a'));
    const plan = plain((await suite.ws.ok('plan', '-no-color')).stdout);
    expect(plan).toContain('~ restart_triggers = { ~ "at" = "1" -> "2" }');
    expect(plan).toContain('0 to add, 1 to change, 0 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const restarted = await actions();
    expect(restarted.vm.id).toBe(created.vm.id);
    expect(restarted.actions).toEqual(['restart', 'create']);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);

    suite.ws.write(config('2', 'b'));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await actions()).actions).toEqual(['reload-cloud-init', 'restart', 'create']);
    const [vm] = (await suite.api.listResources<{ status: string; runStrategy: string }>('/v1/vms')).items;
    expect(vm).toMatchObject({ status: 'ready', runStrategy: 'Always' });
  });

  test('destroy', async () => {
    suite.ws.write(PROVIDER_BLOCK);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources('/v1/vms')).items).toEqual([]);
  });
});
