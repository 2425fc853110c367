/**
 * MariaDB users through the real terraform, provider and service: a user with a role on a
 * database made in the same apply, its generated password in state (sensitive), a second plan
 * empty, its connection limit changed in place, rotation by `rotation_triggers`, import by path
 * (password null), a role on a missing database refused on the attribute, destroy in order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { spawnService } from '../../cli/service-process';
import { freePort } from '../support/free-port';
import { apiClient, PROVIDER_BLOCK, RunningService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const config = (user: string, extra = '') => `${PROVIDER_BLOCK}
resource "hikube_tenant" "shop" {
  name = "shop"
}

resource "hikube_mariadb" "shop" {
  tenant_id = hikube_tenant.shop.id
  name      = "shop"
  replicas  = 1
}

resource "hikube_mariadb_database" "catalog" {
  mariadb_id = hikube_mariadb.shop.id
  name       = "catalog"
}

resource "hikube_mariadb_user" "web" {
  mariadb_id = hikube_mariadb.shop.id
  name       = "web"
  databases  = { (hikube_mariadb_database.catalog.name) = "admin" }
${user}
}
${extra}`;

const PASSWORD = /^[A-Za-z0-9_-]{32}$/;

describe('hikube_mariadb_user', () => {
  let service: RunningService;
  let ws: Workspace;
  let api: HikubeClient;
  const ok = async (...args: string[]) => {
    const run = await ws.tf(...args);
    if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
    return run;
  };
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const instance = () =>
    (
      JSON.parse(fs.readFileSync(path.join(ws.dir, 'terraform.tfstate'), 'utf8')) as {
        resources: { type: string; instances: { attributes: Record<string, unknown>; sensitive_attributes: unknown[] }[] }[];
      }
    ).resources.find((r) => r.type === 'hikube_mariadb_user')!.instances[0];
  const applyClean = async (user: string) => {
    ws.write(config(user));
    await ok('apply', '-auto-approve', '-no-color');
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  };

  beforeAll(async () => {
    service = await spawnService({ home: tempDir('e2e-mariadb-users'), port: await freePort(), args: ['--sim-delays', '0'], env: { DATABASE_URL: '' } });
    api = apiClient(service);
    ws = workspace(service, 'e2e-mariadb-users');
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

  test('made with its database in one apply: the password in state, sensitive, null in the API; the next plan is empty', async () => {
    await applyClean('');
    first = String(instance().attributes.password);
    expect(first).toMatch(PASSWORD);
    expect(instance().attributes).toMatchObject({ databases: { catalog: 'admin' }, max_user_connections: 0 });
    expect(JSON.stringify(instance().sensitive_attributes)).toContain('password');
    expect((await api.listResources<{ password: string | null; status: string }>('/v1/mariadb-users')).items[0]).toMatchObject({ password: null, status: 'ready' });
  });

  test('max_user_connections changes in place and keeps the password; rotation_triggers rotates it', async () => {
    await applyClean('  max_user_connections = 25');
    expect(instance().attributes).toMatchObject({ max_user_connections: 25, password: first });
    ws.write(config('  max_user_connections = 25\n  rotation_triggers = { rotated = "2026-12" }'));
    expect(plain((await ok('plan', '-no-color')).stdout)).toContain('~ password = (sensitive value)');
    await applyClean('  max_user_connections = 25\n  rotation_triggers = { rotated = "2026-12" }');
    expect(instance().attributes.password).toMatch(PASSWORD);
    expect(instance().attributes.password).not.toBe(first);
  });

  test('a role on a database the cluster does not have is refused, naming databases["..."]; out-of-range limits fail validation', async () => {
    ws.write(
      config('  max_user_connections = 25', `\nresource "hikube_mariadb_user" "ghost" {\n  mariadb_id = hikube_mariadb.shop.id\n  name       = "ghost"\n  databases  = { orders = "admin" }\n}\n`),
    );
    const run = await ws.tf('apply', '-auto-approve', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('databases["orders"]');
    expect(plain(run.stderr)).toContain('names no MariaDB database of this MariaDB cluster (it has catalog)');
    ws.write(config('  max_user_connections = 10001'));
    const invalid = await ws.tf('validate', '-no-color');
    expect(invalid.code).toBe(1);
    expect(plain(invalid.stderr)).toContain('max_user_connections');
  });

  test('import by tenant path, cluster and name: the password is null', async () => {
    ws.write(config('  max_user_connections = 25\n  rotation_triggers = { rotated = "2026-12" }'));
    await ok('state', 'rm', 'hikube_mariadb_user.web');
    await ok('import', '-no-color', 'hikube_mariadb_user.web', 'acme/shop/shop/web');
    expect(instance().attributes).toMatchObject({ password: null, max_user_connections: 25, databases: { catalog: 'admin' } });
  });

  test('destroy: the user, then the database, then the cluster', async () => {
    ws.write(PROVIDER_BLOCK);
    await ok('apply', '-auto-approve', '-no-color');
    for (const c of ['/v1/mariadb-users', '/v1/mariadb-databases', '/v1/mariadb']) expect((await api.listResources(c)).items).toEqual([]);
  });
});
