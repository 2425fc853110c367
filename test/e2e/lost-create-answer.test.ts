/**
 * A create whose answer never reaches state: terraform is SIGKILLed while a PostgreSQL user is
 * being created, after the service accepted it. The next apply sends the same request, which
 * the service answers by replaying the same user (no duplicate) without its password, shown
 * only in the lost answer. The provider rotates it once, says so, and state holds a password
 * that the service's verifier accepts. Real terraform, provider and service.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { spawnService } from '../../cli/service-process';
import { terraformEnv } from '../../cli/terraform';
import { openPgliteStore } from '../../service/store/pglite';
import { freePort } from '../support/free-port';
import { scramAccepts } from '../support/scram';
import { waitUntil } from '../support/wait';
import { apiClient, PROVIDER_BLOCK, RunningService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

// The user's create takes long enough to kill terraform in the middle of it; the rest is instant.
const DELAYS = '*.create=0,*.update=0,*.delete=0,postgres-user.create=6s';

const CLUSTER = `${PROVIDER_BLOCK}
resource "hikube_tenant" "lost" {
  name = "lost"
}

resource "hikube_postgres" "orders" {
  tenant_id = hikube_tenant.lost.id
  name      = "orders"
}

resource "hikube_postgres_database" "app" {
  postgres_id = hikube_postgres.orders.id
  name        = "app"
}
`;

const WITH_USER = `${CLUSTER}
resource "hikube_postgres_user" "app" {
  postgres_id = hikube_postgres.orders.id
  name        = "app"
  databases   = { (hikube_postgres_database.app.name) = "admin" }
}
`;

interface User {
  id: string;
  name: string;
  status: string;
}

describe('a create whose answer is lost', () => {
  let service: RunningService;
  let ws: Workspace;
  let api: HikubeClient;
  let home: string;
  let port: number;
  const start = async () => {
    service = await spawnService({ home, port, args: ['--sim-delays', DELAYS], env: { DATABASE_URL: '' } });
    api?.close();
    api = apiClient(service);
  };
  const users = async () => (await api.listResources<User>('/v1/postgres-users', { name: 'orders/app' })).items;
  const stateText = () => fs.readFileSync(path.join(ws.dir, 'terraform.tfstate'), 'utf8');

  beforeAll(async () => {
    home = tempDir('e2e-lost-answer');
    port = await freePort();
    await start();
    ws = workspace(service, 'e2e-lost-answer');
    ws.write(CLUSTER);
    await ws.ok('init', '-no-color');
    await ws.ok('apply', '-auto-approve', '-no-color');
  });

  afterAll(async () => {
    api?.close();
    await service?.stop();
  });

  afterEach(() => {
    expect(ws.logProblems()).toEqual([]);
  });

  test('terraform killed mid-create: the next apply finds the same user, rotates its password once, and state holds one the service accepts', async () => {
    ws.write(WITH_USER);
    const env = { ...terraformEnv({ cwd: ws.dir, cliConfigFile: ws.provider.cliConfigFile }), HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token };
    const killed = spawn('terraform', ['apply', '-auto-approve', '-no-color'], { cwd: ws.dir, env, stdio: 'ignore' });
    const exited = new Promise((resolve) => killed.on('exit', resolve));
    // The service has the user (its create running): the answer went to a provider about to die.
    await waitUntil('the user being created', async () => (await users()).some((u) => u.status !== 'ready'), { timeoutMs: 60_000 });
    killed.kill('SIGKILL');
    await exited;
    // Terraform died holding its state lock; what it wrote before (the cluster) is all there is.
    fs.rmSync(path.join(ws.dir, '.terraform.tfstate.lock.info'), { force: true });
    expect(stateText()).not.toContain('hikube_postgres_user');

    const run = await ws.ok('apply', '-auto-approve', '-no-color');
    const out = run.stdout.replace(/\s+/g, ' ');
    expect(out).toContain('Warning: Generated Secret Rotated');
    expect(out).toContain("the user's password it alone showed went with it");
    // The same user, not a second one.
    const found = await users();
    expect(found).toHaveLength(1);
    const state = JSON.parse(stateText()) as { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };
    const user = state.resources.find((r) => r.type === 'hikube_postgres_user')!.instances[0].attributes;
    expect(user.id).toBe(found[0].id);
    const password = String(user.password);
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);

    // What the service keeps is PostgreSQL's verifier of that very password.
    await service.stop();
    const store = await openPgliteStore(service.dataDir);
    let verifier: string;
    try {
      const { rows } = await store.query<{ secret_input: { password: string } }>("SELECT secret_input FROM resources WHERE kind = 'postgres-user' AND name = 'orders/app'");
      verifier = rows[0].secret_input.password;
    } finally {
      await store.close();
      await start();
    }
    expect(scramAccepts(verifier, password)).toBe(true);

    // Settled: nothing more to do, and no second rotation.
    expect((await ws.tfEnv({ HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token }, 'plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('destroy cleans up', async () => {
    await ws.tfEnv({ HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token }, 'destroy', '-auto-approve', '-no-color');
    expect(await users()).toEqual([]);
  });
});
