/**
 * Bucket users through the real terraform, provider and service: the generated S3 key pair in
 * state (the secret sensitive), the secret never readable again from the API nor kept in clear by
 * the service while the simulated back-end holds it, a second plan empty, access changed in place
 * with the same keys, rotation declared by `rotation_triggers` (a new pair), import by path (the
 * secret null, the key id known), an unknown access value refused on the attribute, destroy in
 * order (users, then the bucket).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { spawnService } from '../../cli/service-process';
import { openPgliteStore } from '../../service/store/pglite';
import { freePort } from '../support/free-port';
import { apiClient, PROVIDER_BLOCK, RunningService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const config = (user: string, extra = '') => `${PROVIDER_BLOCK}
resource "hikube_tenant" "media" {
  name = "media"
}

resource "hikube_bucket" "assets" {
  tenant_id = hikube_tenant.media.id
  name      = "assets"
}

resource "hikube_bucket_user" "uploader" {
  bucket_id = hikube_bucket.assets.id
  name      = "uploader"
${user}
}

output "secret_access_key" {
  value     = hikube_bucket_user.uploader.secret_access_key
  sensitive = true
}
${extra}`;

interface BucketUser {
  id: string;
  name: string;
  access: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  status: string;
}

const KEY_ID = /^HK[A-Z2-7]{18}$/;
const SECRET = /^[A-Za-z0-9_-]{40}$/;

describe('hikube_bucket_user', () => {
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
  const ok = async (...args: string[]) => {
    const run = await ws.tf(...args);
    if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
    return run;
  };
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const stateOf = () =>
    (
      JSON.parse(fs.readFileSync(path.join(ws.dir, 'terraform.tfstate'), 'utf8')) as {
        resources: { type: string; instances: { attributes: Record<string, unknown>; sensitive_attributes: unknown[] }[] }[];
      }
    ).resources.find((r) => r.type === 'hikube_bucket_user')!.instances[0];
  const user = async () => (await api.listResources<BucketUser>('/v1/bucket-users', { name: 'assets/uploader' })).items[0];
  /** The service's tables as text, and what the simulated back-end holds (the service stops meanwhile). */
  const storage = async (): Promise<{ serviceTables: string; held: Record<string, string> | undefined }> => {
    await service.stop();
    const store = await openPgliteStore(service.dataDir);
    try {
      const tables = await store.query<{ text: string }>("SELECT (SELECT string_agg(r::text, E'\\n') FROM resources r) || (SELECT string_agg(a::text, E'\\n') FROM audit_log a) AS text");
      const held = await store.query<{ held_secrets: Record<string, string> }>("SELECT held_secrets FROM sim_driver_objects WHERE kind = 'bucket-user'");
      return { serviceTables: tables.rows[0].text, held: held.rows[0]?.held_secrets };
    } finally {
      await store.close();
      await start();
    }
  };

  beforeAll(async () => {
    home = tempDir('e2e-bucket-users');
    port = await freePort();
    await start();
    ws = workspace(service, 'e2e-bucket-users');
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

  let keyId: string;
  let secret: string;

  test('a user made with its bucket: the key pair in state, the secret sensitive and held only by the back-end; the next plan is empty', async () => {
    const plan = await ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('+ secret_access_key = (sensitive value)');
    expect(plain(plan.stdout)).toContain('+ access_key_id = (known after apply)');
    await ok('apply', '-auto-approve', '-no-color');
    const instance = stateOf();
    keyId = String(instance.attributes.access_key_id);
    secret = String(instance.attributes.secret_access_key);
    expect(keyId).toMatch(KEY_ID);
    expect(secret).toMatch(SECRET);
    expect(instance.attributes.access).toBe('readwrite');
    expect(JSON.stringify(instance.sensitive_attributes)).toContain('secret_access_key');
    expect(JSON.stringify(instance.sensitive_attributes)).not.toContain('access_key_id');
    expect(JSON.parse((await ok('output', '-json', 'secret_access_key')).stdout)).toBe(secret);
    expect(await user()).toMatchObject({ status: 'ready', access: 'readwrite', accessKeyId: keyId, secretAccessKey: null });
    const { serviceTables, held } = await storage();
    expect(serviceTables).not.toContain(secret);
    expect(held).toEqual({ secretAccessKey: secret });
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('access changes in place and keeps the pair', async () => {
    ws.write(config('  access = "readonly"'));
    const plan = await ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('1 to change, 0 to destroy');
    expect(plain(plan.stdout)).not.toContain('known after apply');
    await ok('apply', '-auto-approve', '-no-color');
    expect(stateOf().attributes).toMatchObject({ access: 'readonly', access_key_id: keyId, secret_access_key: secret });
    expect(await user()).toMatchObject({ access: 'readonly', accessKeyId: keyId });
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('rotation_triggers issues a new pair in place; the back-end holds the new secret only', async () => {
    ws.write(config('  access = "readonly"\n  rotation_triggers = { rotated = "2026-12" }'));
    const plan = await ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('1 to change, 0 to destroy');
    expect(plain(plan.stdout)).toContain('~ secret_access_key = (sensitive value)');
    expect(plain(plan.stdout)).toContain(`~ access_key_id = "${keyId}" -> (known after apply)`);
    await ok('apply', '-auto-approve', '-no-color');
    const attrs = stateOf().attributes;
    expect(attrs.access_key_id).toMatch(KEY_ID);
    expect(attrs.access_key_id).not.toBe(keyId);
    expect(attrs.secret_access_key).toMatch(SECRET);
    expect(attrs.secret_access_key).not.toBe(secret);
    const { serviceTables, held } = await storage();
    expect(held).toEqual({ secretAccessKey: attrs.secret_access_key });
    expect(serviceTables).not.toContain(String(attrs.secret_access_key));
    expect(await user()).toMatchObject({ accessKeyId: attrs.access_key_id, secretAccessKey: null });
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
    keyId = String(attrs.access_key_id);
    secret = String(attrs.secret_access_key);
  });

  test('an unknown access value fails validation on the attribute', async () => {
    ws.write(config('  access = "write"'));
    const run = await ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('access');
    expect(plain(run.stderr)).toMatch(/readwrite.*readonly/);
  });

  test('import by tenant path, bucket and name: the secret is null, the key id known; changing rotation_triggers gives a new pair', async () => {
    ws.write(config('  access = "readonly"\n  rotation_triggers = { rotated = "2027-01" }'));
    const made = await user();
    await ok('state', 'rm', 'hikube_bucket_user.uploader');
    await ok('import', '-no-color', 'hikube_bucket_user.uploader', 'acme/media/assets/uploader');
    expect(stateOf().attributes).toMatchObject({ id: made.id, access_key_id: keyId, secret_access_key: null, rotation_triggers: null, access: 'readonly' });
    const plan = await ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('1 to change, 0 to destroy');
    await ok('apply', '-auto-approve', '-no-color');
    const attrs = stateOf().attributes;
    expect(attrs.secret_access_key).toMatch(SECRET);
    expect(attrs.access_key_id).not.toBe(keyId);
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('destroy: the user, then the bucket', async () => {
    ws.write(PROVIDER_BLOCK);
    await ok('apply', '-auto-approve', '-no-color');
    expect((await api.listResources('/v1/bucket-users')).items).toEqual([]);
    expect((await api.listResources('/v1/buckets')).items).toEqual([]);
  });
});
