/**
 * `hikube export` round trip with real programs: objects made through the API (by hand, as far
 * as Terraform knows), exported as HCL and as a CDKTF program, then the real terraform binary with
 * the real provider (installed from the release) plans them: every object is imported, nothing
 * is added, changed or destroyed; after the import apply, a plan finds no changes and the
 * service saw no change at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as ts from 'typescript';
import { HikubeClient } from '../../client/client';
import { packageRoot } from '../../cli/paths';
import { apiClient, RunningService, startService, tempDir, workspace } from '../e2e/harness';
import { Cli, cli } from './harness';

jest.setTimeout(300_000);

let service: RunningService;
let api: HikubeClient;
let c: Cli;
let prodId: string;

beforeAll(async () => {
  service = await startService(tempDir('export-service'), ['--sim-delays', '0']);
  api = apiClient(service);
  c = cli('export');
  await c.expect(0, ['login', '--endpoint', service.url, '--token', service.token]);
  const root = await api.getTenantByPath('acme');
  const prod = await api.createTenant({
    name: 'prod',
    parentId: root.id,
    description: 'Made by hand: "quotes", ${not_interpolated} and %{ directives }',
    labels: { env: 'production', 'app.kubernetes.io/part-of': 'shop' },
    quotas: { cpu: 64, vms: 10 },
    securityPolicy: { allowedInstanceTypes: ['u1.large', 'u1.xlarge', 's1.small'], externalIpsAllowed: true },
  });
  prodId = prod.id;
  const web = await api.createTenant({ name: 'web', parentId: prod.id, deletionProtection: true });
  await api.createTenant({ name: 'data', parentId: prod.id, networkPrefixLength: 24 });
  await api.createMember({ tenantId: prod.id, user: 'alice@example.com', role: 'admin' });
  await api.createToken({ tenantId: web.id, role: 'use', description: 'deploys' });
  const made = await Promise.all([
    api.createResource<{ id: string }>('/v1/clusters', {
      tenantId: prod.id,
      name: 'main',
      version: 'v1.34',
      controlPlaneReplicas: 3,
      nodeGroups: {
        system: { minReplicas: 1, maxReplicas: 3, instanceType: 'u1.large' },
        workers: { minReplicas: 2, maxReplicas: 6, instanceType: 'u1.xlarge', diskSizeGb: 50, roles: ['ingress-nginx'] },
      },
      addons: { certManager: true, ingressNginx: true },
    }),
    api.createResource<{ id: string }>('/v1/vms', {
      tenantId: web.id,
      name: 'db',
      instanceType: 's1.small',
      dataDisks: [{ name: 'data', sizeGb: 100 }],
      externalAccess: { ports: [22, 5432] },
      sshKeys: ['ssh-ed25519 AAAAC3Nza me@laptop'],
      cloudInit: '#cloud-config\npackages: [postgresql]\n',
    }),
    api.createResource<{ id: string }>('/v1/monitoring-stacks', { tenantId: prod.id, grafana: { replicas: 2, anonymousAccess: false } }),
    api.createResource<{ id: string }>('/v1/postgres', { tenantId: web.id, name: 'orders', version: 'v16', replicas: 3, sizeGb: 20, preset: 'small' }),
  ]);
  const collections = ['/v1/clusters', '/v1/vms', '/v1/monitoring-stacks', '/v1/postgres'];
  await Promise.all(made.map((m, i) => api.waitForResource(collections[i], m.id, 'ready', 20_000)));
  // Sub-resources: a database with extensions and one with none, exported with their cluster as parent.
  const dbs = await Promise.all([
    api.createResource<{ id: string }>('/v1/postgres-databases', { postgresId: made[3].id, name: 'app', extensions: ['pgcrypto', 'citext'] }),
    api.createResource<{ id: string }>('/v1/postgres-databases', { postgresId: made[3].id, name: 'reports' }),
  ]);
  await Promise.all(dbs.map((d) => api.waitForResource('/v1/postgres-databases', d.id, 'ready', 20_000)));
  // Outside the exported subtree: must not appear.
  const other = await api.createTenant({ name: 'other', parentId: root.id });
  await api.createResource('/v1/vms', { tenantId: other.id, name: 'outsider', instanceType: 'u1.small' });
});

afterAll(async () => {
  api?.close();
  await service?.stop();
});

/** Changes the service recorded: an import must make none. */
async function auditCount(): Promise<number> {
  return (await api.audit(prodId, 1000)).items.length;
}

test('HCL: terraform plan imports every object of the subtree and changes nothing; then no changes at all', async () => {
  const ws = workspace(service, 'export-hcl');
  const r = await c.expect(0, ['export', '--tenant', 'acme/prod', '--out', ws.dir]);
  expect(r.stderr).toBe(`Wrote ${path.join(ws.dir, 'main.tf')}: 3 tenants, 1 members, 1 tokens, 1 clusters, 1 vms, 1 monitoring-stacks, 1 postgres, 2 postgres-databases\n`);
  const hcl = fs.readFileSync(path.join(ws.dir, 'main.tf'), 'utf8');
  expect(hcl).toContain('parent_id             = hikube_tenant.prod.id');
  expect(hcl).toContain('data "hikube_tenant" "parent" {\n  path = "acme"\n}'); // the exported tenant's parent, by path
  expect(hcl).toContain('parent_id             = data.hikube_tenant.parent.id');
  expect(hcl).toContain('$${not_interpolated} and %%{ directives }');
  expect(hcl).not.toContain('outsider');
  expect(hcl).not.toContain('cloud_init'); // the service never gives it back
  expect(hcl.match(/^import \{$/gm)).toHaveLength(11);
  // Described kinds are imported by the path `terraform import` takes; a database references its cluster.
  expect(hcl).toContain(
    'resource "hikube_postgres_database" "prod_web_orders_app" {\n  postgres_id = hikube_postgres.prod_web_orders.id\n  name        = "app"\n  extensions  = ["pgcrypto", "citext"]\n}',
  );
  expect(hcl).toContain('import {\n  to = hikube_postgres_database.prod_web_orders_app\n  id = "acme/prod/web/orders/app"\n}');
  expect(hcl).toContain('import {\n  to = hikube_postgres.prod_web_orders\n  id = "acme/prod/web/orders"\n}');
  expect(hcl).toContain('import {\n  to = hikube_monitoring_stack.prod\n  id = "acme/prod"\n}');

  await ws.ok('init', '-input=false', '-no-color');
  const before = await auditCount();
  const plan = await ws.ok('plan', '-input=false', '-no-color');
  expect(plan.stdout).toContain('Plan: 11 to import, 0 to add, 0 to change, 0 to destroy.');
  expect(plan.stdout).not.toMatch(/ ~ | \+ | - |-\/\+/);
  const apply = await ws.ok('apply', '-auto-approve', '-input=false', '-no-color');
  expect(apply.stdout).toContain('Apply complete! Resources: 11 imported, 0 added, 0 changed, 0 destroyed.');
  const again = await ws.tf('plan', '-input=false', '-no-color', '-detailed-exitcode');
  expect({ code: again.code, out: again.stdout }).toEqual({ code: 0, out: expect.stringContaining('No changes.') });
  expect(await auditCount()).toBe(before);
  expect(ws.logProblems()).toEqual([]);
});

test('CDKTF: the exported program type-checks, synthesizes, and plans as imports only', async () => {
  const root = packageRoot();
  const app = tempDir('export-cdktf');
  const r = await c.expect(0, ['export', '--tenant', 'acme/prod', '--format', 'cdktf', '--out', app]);
  expect(r.stderr).toContain(path.join(app, 'main.ts'));
  const source = fs.readFileSync(path.join(app, 'main.ts'), 'utf8');
  expect(source).toContain('const parent = Tenant.fromTenantPath(stack, \'Parent\', "acme");');
  expect(source.match(/\.importFrom\("/g)).toHaveLength(11);
  expect(source).toContain('postgresId: prodWebOrdersPostgres.id,');
  expect(source).toContain('.importFrom("acme/prod/web/orders/app");');

  // Type-check as a user's tsc would, against the constructs package's sources.
  const program = ts.createProgram([path.join(app, 'main.ts')], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    baseUrl: root,
    paths: { '@hikube/constructs': ['constructs/index.ts'], cdktf: ['node_modules/cdktf'], constructs: ['node_modules/constructs'] },
    typeRoots: [path.join(root, 'node_modules', '@types')],
    types: ['node'], // as an app's tsconfig has: the constructs use node: modules
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(diagnostics).toEqual([]);

  // Run it with the built constructs (the one cdktf of the repository), then plan what it synthesized.
  const modules = path.join(app, 'node_modules');
  fs.mkdirSync(path.join(modules, '@hikube', 'constructs'), { recursive: true });
  fs.writeFileSync(path.join(modules, '@hikube', 'constructs', 'index.js'), `module.exports = require(${JSON.stringify(path.join(root, 'dist', 'constructs', 'index.js'))});\n`);
  fs.symlinkSync(path.join(root, 'node_modules', 'cdktf'), path.join(modules, 'cdktf'));
  fs.writeFileSync(path.join(app, 'main.js'), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText);
  execFileSync(process.execPath, ['main.js'], { cwd: app, env: { ...process.env, CDKTF_OUTDIR: path.join(app, 'cdktf.out') } });
  const stacks = fs.readdirSync(path.join(app, 'cdktf.out', 'stacks'));
  expect(stacks).toEqual(['acme-prod']);

  const ws = workspace(service, 'export-cdktf-tf');
  fs.copyFileSync(path.join(app, 'cdktf.out', 'stacks', 'acme-prod', 'cdk.tf.json'), path.join(ws.dir, 'cdk.tf.json'));
  await ws.ok('init', '-input=false', '-no-color');
  const plan = await ws.ok('plan', '-input=false', '-no-color');
  expect(plan.stdout).toContain('Plan: 11 to import, 0 to add, 0 to change, 0 to destroy.');
  expect(ws.logProblems()).toEqual([]);
});

test('a subtree that does not exist is exit 3; a missing --tenant is a usage error', async () => {
  expect((await c.expect(3, ['export', '--tenant', 'acme/nope'])).stderr).toContain('tenant acme/nope does not exist');
  expect((await c.expect(2, ['export'])).stderr).toContain("required option '--tenant <path>' not specified");
});
