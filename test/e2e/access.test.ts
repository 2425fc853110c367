/**
 * Members and API tokens end to end with real terraform: a member and a token applied, the
 * token's secret used by a second Terraform run (its subtree readable, the rest refused), a
 * role changed in place, a destroyed token revoked at once, a member imported.
 * The steps build on each other, in order.
 */
import { ApiError, HikubeClient } from '../../client/client';
import { e2eSuite, PROVIDER_BLOCK, RunningService, Workspace, workspace } from './harness';

jest.setTimeout(180_000);

function config(opts: { aliceRole: string; withToken: boolean; withBob?: boolean }): string {
  return `${PROVIDER_BLOCK}
resource "hikube_tenant" "prod" {
  name = "prod"
}

resource "hikube_tenant" "web" {
  name      = "web"
  parent_id = hikube_tenant.prod.id
}

resource "hikube_tenant" "dev" {
  name = "dev"
}

resource "hikube_tenant_member" "alice" {
  tenant_id = hikube_tenant.prod.id
  user      = "alice@example.com"
  role      = "${opts.aliceRole}"
}
${
  opts.withToken
    ? `
resource "hikube_api_token" "ci" {
  tenant_id   = hikube_tenant.prod.id
  role        = "use"
  description = "prod pipeline"
  expires_at  = "2099-01-01T00:00:00Z"
}

output "ci_secret" {
  value     = hikube_api_token.ci.secret
  sensitive = true
}
`
    : ''
}${
    opts.withBob
      ? `
resource "hikube_tenant_member" "bob" {
  tenant_id = hikube_tenant.web.id
  user      = "bob@example.com"
  role      = "use"
}
`
      : ''
  }`;
}

/** What the pipeline's own Terraform configuration reads with the token. */
const pipelineConfig = (path: string) => `${PROVIDER_BLOCK}
data "hikube_tenant" "target" {
  path = "${path}"
}

output "namespace" {
  value = data.hikube_tenant.target.namespace
}
`;

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
}

describe('members and API tokens with real terraform', () => {
  let service: RunningService;
  let ws: Workspace;
  let api: HikubeClient;
  let secret: string;
  let tokenId: string;
  let aliceId: string;

  const suite = e2eSuite('e2e-access');
  beforeAll(async () => {
    ({ service, ws, api } = suite);
  });

  test('apply creates a member and a token; the secret is in state, once', async () => {
    ws.write(config({ aliceRole: 'admin', withToken: true }));
    await ws.ok('init', '-no-color');
    const run = await ws.ok('apply', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.');
    secret = (await ws.ok('output', '-raw', 'ci_secret')).stdout.trim();
    expect(secret).toMatch(/^hkt_/);
    const prod = await api.getTenantByPath('acme/prod');
    const [alice] = (await api.listMembers({ tenantId: prod.id, user: 'alice@example.com' })).items;
    expect(alice).toMatchObject({ role: 'admin' });
    aliceId = alice.id;
    const [token] = (await api.listTokens({ tenantId: prod.id })).items;
    expect(token).toMatchObject({ role: 'use', description: 'prod pipeline', expiresAt: '2099-01-01T00:00:00.000Z', revokedAt: null });
    expect(token).not.toHaveProperty('secret');
    tokenId = token.id;
  });

  test('a second plan is empty (the secret stays in state although the service never shows it again)', async () => {
    const run = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(run.stdout).toContain('No changes.');
    expect(run.code).toBe(0);
    expect((await ws.ok('output', '-raw', 'ci_secret')).stdout.trim()).toBe(secret);
  });

  test("the token's secret drives another Terraform run: its subtree is readable, the rest is refused", async () => {
    const pipeline = workspace({ url: service.url, token: secret }, 'e2e-access-pipeline');
    pipeline.write(pipelineConfig('acme/prod/web'));
    await pipeline.ok('init', '-no-color');
    const plan = await pipeline.ok('plan', '-no-color');
    expect(plan.stdout).toContain('namespace = "tenant-acme-prod-web"');
    pipeline.write(pipelineConfig('acme/dev'));
    const refused = await pipeline.tf('plan', '-no-color');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/acme\/dev/);
    expect(pipeline.logProblems()).toEqual([]);
  });

  test('a role change is an update in place', async () => {
    ws.write(config({ aliceRole: 'view', withToken: true }));
    const plan = await ws.ok('plan', '-no-color');
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    await ws.ok('apply', '-auto-approve', '-no-color');
    expect(await api.getMember(aliceId)).toMatchObject({ id: aliceId, role: 'view' });
  });

  test('a member made elsewhere is imported by <tenant path>/<user>', async () => {
    const web = await api.getTenantByPath('acme/prod/web');
    const bob = await api.createMember({ tenantId: web.id, user: 'bob@example.com', role: 'use' });
    ws.write(config({ aliceRole: 'view', withToken: true, withBob: true }));
    await ws.ok('import', '-no-color', 'hikube_tenant_member.bob', 'acme/prod/web/bob@example.com');
    const run = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(run.stdout).toContain('No changes.');
    expect((await ws.ok('state', 'show', '-no-color', 'hikube_tenant_member.bob')).stdout).toContain(bob.id);
  });

  test('destroying the token revokes it: the secret gets 401 at once', async () => {
    const client = new HikubeClient({ endpoint: service.url, token: secret });
    expect(await statusOf(client.listTenants())).toBe(200);
    ws.write(config({ aliceRole: 'view', withToken: false, withBob: true }));
    const run = await ws.ok('apply', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('0 added, 0 changed, 1 destroyed.');
    expect((await api.getToken(tokenId)).revokedAt).toEqual(expect.any(String));
    expect(await statusOf(client.listTenants())).toBe(401);
    client.close();
  });

  test('a token revoked outside Terraform is gone: the next plan creates a new one', async () => {
    ws.write(config({ aliceRole: 'view', withToken: true, withBob: true }));
    await ws.ok('apply', '-auto-approve', '-no-color');
    const id = (await ws.ok('state', 'show', '-no-color', 'hikube_api_token.ci')).stdout.match(/tok-[a-z2-7]{16}/)?.[0];
    expect(id).toBeDefined();
    await api.revokeToken(id!);
    const plan = await ws.ok('plan', '-no-color');
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    await ws.ok('apply', '-auto-approve', '-no-color');
  });

  test('a token is imported by id, without its secret (the service never shows it again)', async () => {
    const prod = await api.getTenantByPath('acme/prod');
    const made = await api.createToken({ tenantId: prod.id, role: 'view' });
    ws.write(config({ aliceRole: 'view', withToken: true, withBob: true }) + `\nresource "hikube_api_token" "imported" {\n  tenant_id = hikube_tenant.prod.id\n  role      = "view"\n}\n`);
    await ws.ok('import', '-no-color', 'hikube_api_token.imported', made.id);
    const run = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(run.stdout).toContain('No changes.');
    const shown = JSON.parse((await ws.ok('show', '-json')).stdout) as { values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } } };
    const imported = shown.values.root_module.resources.find((r) => r.address === 'hikube_api_token.imported');
    expect(imported?.values).toMatchObject({ id: made.id, secret: null });
  });

  test('destroy removes members and revokes tokens', async () => {
    await ws.ok('destroy', '-auto-approve', '-no-color');
    expect((await api.listMembers()).items).toEqual([]);
    expect((await api.listTokens()).items.filter((t) => t.revokedAt === null).map((t) => t.description)).toEqual(['organisation admin, created at first start']);
  });
});
