/**
 * Tenants end to end: terraform -> our provider (gRPC, mTLS) -> the service (HTTP) -> PGlite.
 * The steps build on each other, in order.
 */
import { HikubeClient } from '../../client/client';
import { e2eSuite, PROVIDER_BLOCK, RunningService, startService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(180_000);

function config(opts: { prodDescription: string; prodLabels: string; devName: string; extra?: string }): string {
  return `${PROVIDER_BLOCK}
resource "hikube_tenant" "prod" {
  name        = "prod"
  description = "${opts.prodDescription}"
  labels      = ${opts.prodLabels}
}

resource "hikube_tenant" "web" {
  name      = "web"
  parent_id = hikube_tenant.prod.id
}

resource "hikube_tenant" "dev" {
  name = "${opts.devName}"
}

data "hikube_tenant" "web" {
  path = hikube_tenant.web.path
}

output "web_namespace" {
  value = data.hikube_tenant.web.namespace
}
${opts.extra ?? ''}`;
}

const initial = { prodDescription: 'Production', prodLabels: '{ env = "prod" }', devName: 'dev' };

describe('tenants with real terraform', () => {
  let ws: Workspace;
  let api: HikubeClient;

  const suite = e2eSuite('e2e-tenants');
  beforeAll(async () => {
    ({ ws, api } = suite);
  });

  test('init installs the provider from the filesystem mirror', async () => {
    ws.write(config(initial));
    const run = await ws.ok('init', '-no-color');
    expect(run.stdout).toContain('Installing hikube/hikube v0.1.0');
  });

  test('apply creates the tenants, sub-tenant and reads the data source', async () => {
    const run = await ws.ok('apply', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    expect(run.stdout).toContain('web_namespace = "tenant-acme-prod-web"');
    const web = await api.getTenantByPath('acme/prod/web');
    const prod = await api.getTenantByPath('acme/prod');
    expect(web.parentId).toBe(prod.id);
    expect(prod.labels).toEqual({ env: 'prod' });
  });

  test('a second plan is empty', async () => {
    const run = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(run.stdout).toContain('No changes.');
    expect(run.code).toBe(0);
  });

  test('description and labels update in place', async () => {
    const before = await api.getTenantByPath('acme/prod');
    ws.write(config({ ...initial, prodDescription: 'Production workloads', prodLabels: '{ env = "prod", tier = "gold" }' }));
    const plan = await ws.ok('plan', '-no-color');
    expect(plan.stdout).toContain('hikube_tenant.prod will be updated in-place');
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await ws.ok('apply', '-auto-approve', '-no-color');
    const after = await api.getTenantByPath('acme/prod');
    expect(after.id).toBe(before.id);
    expect(after.description).toBe('Production workloads');
    expect(after.labels).toEqual({ env: 'prod', tier: 'gold' });
    expect((await ws.tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('renaming replaces the tenant', async () => {
    const before = await api.getTenantByPath('acme/dev');
    ws.write(config({ ...initial, prodDescription: 'Production workloads', prodLabels: '{ env = "prod", tier = "gold" }', devName: 'development' }));
    const plan = await ws.ok('plan', '-no-color');
    expect(plan.stdout).toContain('hikube_tenant.dev must be replaced');
    expect(plan.stdout).toMatch(/name\s+= "dev" -> "development" # forces replacement/);
    await ws.ok('apply', '-auto-approve', '-no-color');
    await expect(api.getTenant(before.id)).rejects.toMatchObject({ status: 404 });
    expect((await api.getTenantByPath('acme/development')).namespace).toBe('tenant-acme-development');
  });

  test('a tenant deleted out of band is planned for creation', async () => {
    const web = await api.getTenantByPath('acme/prod/web');
    await api.deleteTenant(web.id);
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('hikube_tenant.web will be created');
    await ws.ok('apply', '-auto-approve', '-no-color');
    expect((await api.getTenantByPath('acme/prod/web')).id).not.toBe(web.id);
  });

  test('import by path and by id, then nothing to change', async () => {
    const byPath = await api.createTenant({ name: 'legacy', description: 'made by hand' });
    const byId = await api.createTenant({ name: 'sandbox' });
    const extra = `
resource "hikube_tenant" "legacy" {
  name        = "legacy"
  description = "made by hand"
}

resource "hikube_tenant" "sandbox" {
  name = "sandbox"
}
`;
    ws.write(config({ ...initial, prodDescription: 'Production workloads', prodLabels: '{ env = "prod", tier = "gold" }', devName: 'development', extra }));
    const imported = await ws.ok('import', '-no-color', 'hikube_tenant.legacy', 'acme/legacy');
    expect(imported.stdout).toContain('Import successful!');
    await ws.ok('import', '-no-color', 'hikube_tenant.sandbox', byId.id);
    const state = await ws.ok('state', 'show', '-no-color', 'hikube_tenant.legacy');
    expect(state.stdout).toContain(byPath.id);
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
  });

  test('importing a path that does not exist says so', async () => {
    const run = await ws.tf('import', '-no-color', 'hikube_tenant.legacy', 'acme/nope');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Tenant Not Found');
  });

  test('destroy leaves no tenant behind but the organisation root', async () => {
    const run = await ws.ok('destroy', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('Destroy complete! Resources: 5 destroyed.');
    const { items } = await api.listTenants();
    expect(items.map((t) => t.path)).toEqual(['acme']);
  });
});

describe('errors reach the user as diagnostics', () => {
  let service: RunningService;
  let ws: Workspace;

  beforeAll(async () => {
    service = await startService(tempDir('e2e-errors'));
    ws = workspace(service, 'e2e-errors');
    ws.write(`${PROVIDER_BLOCK}
resource "hikube_tenant" "bad" {
  name   = "Bad_Name"
  labels = { "-x" = "y" }
}
`);
    await ws.ok('init', '-no-color');
  });

  afterAll(async () => {
    await service?.stop();
  });

  test('validate names the attribute and the reason', async () => {
    const run = await ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = run.stderr.replace(/\s+/g, ' '); // terraform wraps long lines
    expect(text).toContain('Error: Invalid Name');
    expect(text).toContain('name: "Bad_Name" is invalid: expected 1 to 32 characters: lowercase letters, digits');
    expect(text).toContain('with hikube_tenant.bad');
    expect(text).toContain('Error: Invalid Labels');
    // The path names the entry (Terraform locates labels["-x"], not only labels).
    expect(text).toContain('labels["-x"]: key "-x" is invalid');
  });

  test('an unreachable service is reported plainly', async () => {
    ws.write(`${PROVIDER_BLOCK}
data "hikube_tenant" "root" {
  path = "acme"
}
`);
    const run = await ws.tf('plan', '-no-color');
    expect(run.code).toBe(0);
    const down = await ws.tfEnv({ HIKUBE_ENDPOINT: 'http://127.0.0.1:9' }, 'plan', '-no-color');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Cannot Reach the Hikube Service');
    expect(down.stderr).toContain('connection refused');
  });

  test('a rejected token is reported plainly', async () => {
    const run = await ws.tfEnv({ HIKUBE_TOKEN: 'hkb_wrong' }, 'plan', '-no-color');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Hikube Service Rejected the API Token');
  });
});
