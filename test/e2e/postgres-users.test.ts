/**
 * PostgreSQL users through the real terraform, provider and service: a user with a role on a
 * database created in the same apply, its generated password in state (sensitive) and never
 * readable again from the API, a second plan empty, rotation declared by `rotation_triggers`
 * (the service's stored verifier changes), a write-only password that never enters plan nor
 * state, import by path (password null, then a rotation gives one), a role on a missing
 * database refused on the attribute, destroy in order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { spawnService } from '../../cli/service-process';
import { openPgliteStore } from '../../service/store/pglite';
import { freePort } from '../support/free-port';
import { scramAccepts } from '../support/scram';
import { apiClient, PROVIDER_BLOCK, RunningService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const SUPPLIED = 'supplied-passphrase-5d1e';

const config = (app: string, extra = '') => `${PROVIDER_BLOCK}
variable "etl_password" {
  type      = string
  ephemeral = true
  default   = null
}

resource "hikube_tenant" "users" {
  name = "users"
}

resource "hikube_postgres" "orders" {
  tenant_id = hikube_tenant.users.id
  name      = "orders"
}

resource "hikube_postgres_database" "app" {
  postgres_id = hikube_postgres.orders.id
  name        = "app"
}

resource "hikube_postgres_user" "app" {
  postgres_id = hikube_postgres.orders.id
  name        = "app"
  databases   = { (hikube_postgres_database.app.name) = "admin" }
${app}
}

output "password" {
  value     = hikube_postgres_user.app.password
  sensitive = true
}
${extra}`;

const ETL = `
resource "hikube_postgres_user" "etl" {
  postgres_id         = hikube_postgres.orders.id
  name                = "etl"
  databases           = { (hikube_postgres_database.app.name) = "readonly" }
  replication         = true
  password_wo         = var.etl_password
  password_wo_version = 1
}
`;

interface User {
  id: string;
  name: string;
  databases: Record<string, string>;
  replication: boolean;
  password: string | null;
  status: string;
}

describe('hikube_postgres_user', () => {
  let service: RunningService;
  let ws: Workspace;
  let api: HikubeClient;
  let home: string;
  let port: number;
  const start = async () => {
    service = await spawnService({ home, port, args: ['--sim-delays', '0'], env: { DATABASE_URL: '' } });
    api?.close();
    api = apiClient(service);
  };
  const tf = (...args: string[]) => ws.tfEnv({ TF_VAR_etl_password: SUPPLIED }, ...args);
  const ok = async (...args: string[]) => {
    const run = await tf(...args);
    if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
    return run;
  };
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const stateText = () => fs.readFileSync(path.join(ws.dir, 'terraform.tfstate'), 'utf8');
  const stateOf = (name: string) =>
    (JSON.parse(stateText()) as { resources: { type: string; name: string; instances: { attributes: Record<string, unknown>; sensitive_attributes: unknown[] }[] }[] }).resources.find(
      (r) => r.type === 'hikube_postgres_user' && r.name === name,
    )!.instances[0];
  const user = async (name: string) => (await api.listResources<User>('/v1/postgres-users', { name: `orders/${name}` })).items[0];
  /** The verifiers the service keeps, read from its database (the service stops meanwhile). */
  const verifiers = async (): Promise<Record<string, string>> => {
    await service.stop();
    const store = await openPgliteStore(service.dataDir);
    try {
      const { rows } = await store.query<{ name: string; secret_input: { password: string } }>("SELECT name, secret_input FROM resources WHERE kind = 'postgres-user'");
      return Object.fromEntries(rows.map((r) => [r.name, r.secret_input.password]));
    } finally {
      await store.close();
      await start();
    }
  };

  beforeAll(async () => {
    home = tempDir('e2e-pg-users');
    port = await freePort();
    await start();
    ws = workspace(service, 'e2e-pg-users');
    ws.write(config(''));
    await ok('init', '-no-color');
  });

  afterAll(async () => {
    api?.close();
    await service?.stop();
  });

  afterEach(() => {
    expect(ws.logProblems()).toEqual([]);
  });

  let first: string;

  test('a user with a role on a database made in the same apply: its password in state, sensitive, never in the API again; the next plan is empty', async () => {
    const plan = await ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('+ password = (sensitive value)');
    await ok('apply', '-auto-approve', '-no-color');
    const made = await user('app');
    expect(made).toMatchObject({ name: 'app', databases: { app: 'admin' }, replication: false, status: 'ready', password: null });
    const instance = stateOf('app');
    first = String(instance.attributes.password);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(instance.sensitive_attributes)).toContain('password');
    expect(JSON.parse((await ok('output', '-json', 'password')).stdout)).toBe(first);
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('rotation_triggers rotates in place: a new password in state; the service keeps a new verifier that the old password no longer matches', async () => {
    const before = (await verifiers())['orders/app'];
    expect(scramAccepts(before, first)).toBe(true);
    ws.write(config('  rotation_triggers = { rotated = "2026-12" }'));
    const plan = await ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('1 to change, 0 to destroy');
    expect(plain(plan.stdout)).toContain('~ password = (sensitive value)');
    await ok('apply', '-auto-approve', '-no-color');
    const rotated = String(stateOf('app').attributes.password);
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(rotated).not.toBe(first);
    const after = (await verifiers())['orders/app'];
    expect(after).not.toBe(before);
    expect(scramAccepts(after, rotated)).toBe(true);
    expect(scramAccepts(after, first)).toBe(false);
    expect((await user('app')).password).toBeNull();
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
    first = rotated;
  });

  test('a write-only password never enters plan nor state; the service keeps its verifier; nothing is generated', async () => {
    ws.write(config('  rotation_triggers = { rotated = "2026-12" }', ETL));
    await ok('plan', '-out=etl.tfplan', '-no-color');
    expect((await ws.ok('show', '-json', 'etl.tfplan')).stdout).not.toContain(SUPPLIED);
    expect(fs.readFileSync(path.join(ws.dir, 'etl.tfplan')).includes(SUPPLIED)).toBe(false);
    await ok('apply', '-no-color', 'etl.tfplan');
    expect(stateText()).not.toContain(SUPPLIED);
    expect(stateOf('etl').attributes).toMatchObject({ password: null, password_wo: null, password_wo_version: 1, replication: true });
    expect(await user('etl')).toMatchObject({ replication: true, databases: { app: 'readonly' }, status: 'ready' });
    expect(scramAccepts((await verifiers())['orders/etl'], SUPPLIED)).toBe(true);
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('rotation_triggers with a write-only password fails validation on the attribute', async () => {
    ws.write(config('  rotation_triggers = { rotated = "2026-12" }', ETL.replace('password_wo_version = 1', 'password_wo_version = 1\n  rotation_triggers   = { r = "1" }')));
    const run = await tf('validate', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Conflicting Secret Settings');
    expect(plain(run.stderr)).toContain('rotation_triggers rotates a generated password; with password_wo you set it yourself');
  });

  test('a role on a database the cluster does not have is refused, naming databases["..."]', async () => {
    ws.write(
      config(
        '  rotation_triggers = { rotated = "2026-12" }',
        `${ETL}\nresource "hikube_postgres_user" "ghost" {\n  postgres_id = hikube_postgres.orders.id\n  name        = "ghost"\n  databases   = { missing = "admin" }\n}\n`,
      ),
    );
    const run = await tf('apply', '-auto-approve', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('databases["missing"]');
    expect(text).toContain('names no PostgreSQL database of this PostgreSQL cluster (it has app)');
    expect(await user('ghost')).toBeUndefined();
  });

  test('import by tenant path, cluster and name: the password is null (the service never shows it again); changing rotation_triggers gives one', async () => {
    ws.write(config('  rotation_triggers = { rotated = "2026-12" }', ETL));
    const made = await user('app');
    await ok('state', 'rm', 'hikube_postgres_user.app');
    await ok('import', '-no-color', 'hikube_postgres_user.app', 'acme/users/orders/app');
    expect(stateOf('app').attributes).toMatchObject({ id: made.id, password: null, rotation_triggers: null, databases: { app: 'admin' } });
    // The imported state has no triggers: the configured ones are a change, and rotate.
    const plan = await ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('1 to change, 0 to destroy');
    await ok('apply', '-auto-approve', '-no-color');
    const password = String(stateOf('app').attributes.password);
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(password).not.toBe(first);
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('destroy: users, then the database, then the cluster', async () => {
    ws.write(PROVIDER_BLOCK);
    await ok('apply', '-auto-approve', '-no-color');
    expect((await api.listResources('/v1/postgres-users')).items).toEqual([]);
    expect((await api.listResources('/v1/postgres-databases')).items).toEqual([]);
    expect((await api.listResources('/v1/postgres')).items).toEqual([]);
  });
});
