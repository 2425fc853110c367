/**
 * Identity of what the provider creates (issue 9, items 1 and 2): a replacement always makes a
 * new object, create_before_destroy (with -replace or a taint) never destroys the object it was meant to replace, and a
 * second, unrelated state never takes over an object another state created. Real terraform,
 * the real provider process, the real service.
 */
import { HikubeClient } from '../../client/client';
import { Vm } from '../../client/types';
import { apiClient, PROVIDER_BLOCK, RunningService, startService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const TENANT = `
resource "hikube_tenant" "team" {
  name = "team"
}
`;

function vm(lifecycle: string): string {
  return `
resource "hikube_virtual_machine" "app" {
  tenant_id     = hikube_tenant.team.id
  name          = "app"
  instance_type = "s1.small"
${lifecycle}
}
`;
}

const CBD = '  lifecycle {\n    create_before_destroy = true\n  }';

describe('identity: replacements and other states', () => {
  let service: RunningService;
  let a: Workspace;
  let b: Workspace;
  let api: HikubeClient;
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const vms = async () => (await api.listResources<Vm>('/v1/vms', { name: 'app' })).items;
  const stateIds = async (ws: Workspace) => {
    const show = await ws.ok('show', '-json');
    const values = JSON.parse(show.stdout).values?.root_module?.resources ?? [];
    return values.filter((r: { type: string }) => r.type === 'hikube_virtual_machine').map((r: { values: { id: string } }) => r.values.id);
  };

  beforeAll(async () => {
    service = await startService(tempDir('e2e-identity'), ['--sim-delays', 'vm.create=300ms,vm.delete=200ms']);
    api = apiClient(service);
    a = workspace(service, 'e2e-identity-a');
    b = workspace(service, 'e2e-identity-b');
    a.write(`${PROVIDER_BLOCK}${TENANT}${vm(CBD)}`);
    await a.ok('init', '-no-color');
    await a.ok('apply', '-auto-approve', '-no-color');
  });

  afterAll(async () => {
    api?.close();
    await service?.stop();
  });

  afterEach(() => {
    expect(a.logProblems()).toEqual([]);
    expect(b.logProblems()).toEqual([]);
  });

  test('create_before_destroy with -replace never destroys the VM: the new one cannot take the name, and says so', async () => {
    const [before] = await vms();
    const run = await a.tf('apply', '-auto-approve', '-no-color', '-replace=hikube_virtual_machine.app');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Virtual Machine Already Exists');
    expect(plain(run.stderr)).toContain('create_before_destroy');
    const after = await vms();
    expect(after.map((v) => v.id)).toEqual([before.id]);
    expect(after[0].status).toBe('ready');
    expect(await stateIds(a)).toEqual([before.id]);
  });

  test('a tainted VM with create_before_destroy is not destroyed either: the apply stops at the name conflict', async () => {
    const [before] = await vms();
    await a.ok('taint', '-no-color', 'hikube_virtual_machine.app');
    const run = await a.tf('apply', '-auto-approve', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Virtual Machine Already Exists');
    expect(plain(run.stdout)).not.toContain('Destruction complete');
    const after = await vms();
    expect(after.map((v) => [v.id, v.status])).toEqual([[before.id, 'ready']]);
    // Still in state, still tainted: nothing was lost, and untainting brings back a clean plan.
    expect(await stateIds(a)).toEqual([before.id]);
    await a.ok('untaint', '-no-color', 'hikube_virtual_machine.app');
    expect((await a.tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a second state declaring an identical VM gets the name conflict and adopts nothing', async () => {
    const [original] = await vms();
    b.write(`${PROVIDER_BLOCK}
data "hikube_tenant" "team" {
  path = "acme/team"
}

resource "hikube_virtual_machine" "app" {
  tenant_id     = data.hikube_tenant.team.id
  name          = "app"
  instance_type = "s1.small"
}
`);
    await b.ok('init', '-no-color');
    const run = await b.tf('apply', '-auto-approve', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Virtual Machine Already Exists');
    expect(await stateIds(b)).toEqual([]);
    // Destroying the second state leaves the first one's VM alone.
    await b.ok('destroy', '-auto-approve', '-no-color');
    expect((await vms()).map((v) => v.id)).toEqual([original.id]);
  });

  test('-replace without create_before_destroy makes a new object with a new id', async () => {
    const [before] = await vms();
    a.write(`${PROVIDER_BLOCK}${TENANT}${vm('')}`);
    const run = await a.ok('apply', '-auto-approve', '-no-color', '-replace=hikube_virtual_machine.app');
    expect(run.stdout).toContain('1 added, 0 changed, 1 destroyed');
    const after = await vms();
    expect(after).toHaveLength(1);
    expect(after[0].id).not.toBe(before.id);
    expect(await stateIds(a)).toEqual([after[0].id]);
    const plan = await a.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.code).toBe(0);
  });

  test('destroy cleans up', async () => {
    await a.ok('destroy', '-auto-approve', '-no-color');
    expect(await vms()).toEqual([]);
  });
});
