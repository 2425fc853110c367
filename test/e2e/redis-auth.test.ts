/**
 * Redis's generated password through the real terraform, provider and service: in state and
 * sensitive, a second plan empty, rotated by `rotation_triggers`, dropped when `auth_enabled`
 * turns off and a new one taken from the update when it turns on again, null after import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { spawnService } from '../../cli/service-process';
import { freePort } from '../support/free-port';
import { apiClient, PROVIDER_BLOCK, RunningService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const config = (extra: string) => `${PROVIDER_BLOCK}
resource "hikube_tenant" "cache" {
  name = "cache"
}

resource "hikube_redis" "sessions" {
  tenant_id = hikube_tenant.cache.id
  name      = "sessions"
  replicas  = 1
${extra}
}
`;

const PASSWORD = /^[A-Za-z0-9_-]{32}$/;

describe('hikube_redis password', () => {
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
    ).resources.find((r) => r.type === 'hikube_redis')!.instances[0];
  const password = () => instance().attributes.password as string | null;
  const applyClean = async (text: string) => {
    ws.write(config(text));
    await ok('apply', '-auto-approve', '-no-color');
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  };

  beforeAll(async () => {
    service = await spawnService({ home: tempDir('e2e-redis-auth'), port: await freePort(), args: ['--sim-delays', '0'], env: { DATABASE_URL: '' } });
    api = apiClient(service);
    ws = workspace(service, 'e2e-redis-auth');
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

  test('auth on by default: the password in state, sensitive; the API answers null; the next plan is empty', async () => {
    expect(plain((await ok('plan', '-no-color')).stdout)).toContain('+ password = (sensitive value)');
    await applyClean('');
    first = password()!;
    expect(first).toMatch(PASSWORD);
    expect(instance().attributes.auth_enabled).toBe(true);
    expect(JSON.stringify(instance().sensitive_attributes)).toContain('password');
    expect((await api.listResources<{ password: string | null }>('/v1/redis')).items[0].password).toBeNull();
  });

  test('rotation_triggers rotates it in place', async () => {
    ws.write(config('  rotation_triggers = { rotated = "2026-12" }'));
    expect(plain((await ok('plan', '-no-color')).stdout)).toContain('~ password = (sensitive value)');
    await applyClean('  rotation_triggers = { rotated = "2026-12" }');
    expect(password()).toMatch(PASSWORD);
    expect(password()).not.toBe(first);
    first = password()!;
  });

  test('auth_enabled = false drops it; true again takes the new one from the update', async () => {
    await applyClean('  rotation_triggers = { rotated = "2026-12" }\n  auth_enabled = false');
    expect(instance().attributes).toMatchObject({ auth_enabled: false, password: null });
    await applyClean('  rotation_triggers = { rotated = "2026-12" }\n  auth_enabled = true');
    expect(password()).toMatch(PASSWORD);
    expect(password()).not.toBe(first);
  });

  test('import: the password is null; changing rotation_triggers gives one', async () => {
    await ok('state', 'rm', 'hikube_redis.sessions');
    await ok('import', '-no-color', 'hikube_redis.sessions', 'acme/cache/sessions');
    expect(instance().attributes).toMatchObject({ password: null, auth_enabled: true });
    await applyClean('  rotation_triggers = { rotated = "2027-01" }');
    expect(password()).toMatch(PASSWORD);
  });

  test('destroy', async () => {
    ws.write(PROVIDER_BLOCK);
    await ok('apply', '-auto-approve', '-no-color');
    expect((await api.listResources('/v1/redis')).items).toEqual([]);
  });
});
