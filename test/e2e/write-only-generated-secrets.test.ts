/**
 * Secrets the platform would generate, supplied write-only instead so that they never live in
 * state: a bucket user's S3 secret key (`secret_access_key_wo`) and Redis's password
 * (`password_wo`), each from an ephemeral variable, through the real terraform, provider and
 * service: null in state, absent from plan and state files, a new access key id when the version
 * sends a new secret, a password refused while auth is off, and a state of the schema before
 * (version 0) upgraded with no change planned.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2eSuite, PROVIDER_BLOCK, stateInstance } from './harness';

jest.setTimeout(240_000);

const S3_SECRET = 'supplied-s3-secret-0123456789-abcdefghij';
const REDIS_PASSWORD = 'supplied-redis-password-0123456789';

const config = (user: string, redis: string) => `${PROVIDER_BLOCK}
variable "s3_secret" {
  type      = string
  ephemeral = true
}

variable "redis_password" {
  type      = string
  ephemeral = true
}

resource "hikube_tenant" "media" {
  name = "media"
}

resource "hikube_bucket" "assets" {
  tenant_id = hikube_tenant.media.id
  name      = "assets"
}

resource "hikube_bucket_user" "uploader" {
  bucket_id            = hikube_bucket.assets.id
  name                 = "uploader"
  secret_access_key_wo = var.s3_secret
${user}
}

resource "hikube_redis" "cache" {
  tenant_id   = hikube_tenant.media.id
  name        = "cache"
  replicas    = 1
  password_wo = var.redis_password
${redis}
}
`;

const KEY_ID = /^HK[A-Z2-7]{18}$/;

describe('write-only secrets instead of generated ones', () => {
  const suite = e2eSuite('e2e-write-only-secrets', ['--sim-delays', '0']);
  const vars = { TF_VAR_s3_secret: S3_SECRET, TF_VAR_redis_password: REDIS_PASSWORD };
  const tf = (...args: string[]) => suite.ws.tfEnv(vars, ...args);
  const ok = async (...args: string[]) => {
    const run = await tf(...args);
    if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
    return run;
  };
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const stateFile = () => path.join(suite.ws.dir, 'terraform.tfstate');
  const instance = (type: string) => stateInstance(suite.ws, type);
  const applyClean = async (user: string, redis: string) => {
    suite.ws.write(config(user, redis));
    await ok('apply', '-auto-approve', '-no-color');
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  };

  beforeAll(async () => {
    suite.ws.write(config('  secret_access_key_wo_version = 1', '  password_wo_version = 1'));
    await ok('init', '-no-color');
  });

  let keyId: string;

  test('applied: the secrets are null in state, in neither the plan file nor the state; the key id issued; the next plan is empty', async () => {
    suite.ws.write(config('  secret_access_key_wo_version = 1', '  password_wo_version = 1'));
    await ok('plan', '-out=tfplan', '-no-color');
    expect(fs.readFileSync(path.join(suite.ws.dir, 'tfplan')).includes(S3_SECRET)).toBe(false);
    await applyClean('  secret_access_key_wo_version = 1', '  password_wo_version = 1');
    expect(instance('hikube_bucket_user').attributes).toMatchObject({ secret_access_key: null, secret_access_key_wo: null, access_key_id: expect.stringMatching(KEY_ID) });
    expect(instance('hikube_redis').attributes).toMatchObject({ password: null, password_wo: null, auth_enabled: true });
    const state = fs.readFileSync(stateFile(), 'utf8');
    expect(state).not.toContain(S3_SECRET);
    expect(state).not.toContain(REDIS_PASSWORD);
    keyId = String(instance('hikube_bucket_user').attributes.access_key_id);
    expect((await suite.api.listResources<{ accessKeyId: string; secretAccessKey: null }>('/v1/bucket-users')).items[0]).toMatchObject({ accessKeyId: keyId, secretAccessKey: null });
  });

  test('a new version sends the secret again: a new access key id, known after apply, still no secret in state', async () => {
    suite.ws.write(config('  secret_access_key_wo_version = 2', '  password_wo_version = 1'));
    expect(plain((await ok('plan', '-no-color')).stdout)).toContain('~ access_key_id = "' + keyId + '" -> (known after apply)');
    await applyClean('  secret_access_key_wo_version = 2', '  password_wo_version = 1');
    expect(instance('hikube_bucket_user').attributes.access_key_id).toMatch(KEY_ID);
    expect(instance('hikube_bucket_user').attributes.access_key_id).not.toBe(keyId);
    expect(fs.readFileSync(stateFile(), 'utf8')).not.toContain(S3_SECRET);
  });

  test('a password sent while auth is off is refused, naming password_wo', async () => {
    suite.ws.write(config('  secret_access_key_wo_version = 2', '  password_wo_version = 2\n  auth_enabled        = false'));
    const run = await tf('apply', '-auto-approve', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('password_wo');
    expect(plain(run.stderr)).toContain('is only used while auth_enabled is true');
  });

  test('a state of schema version 0 (before the write-only attributes) upgrades with no change planned', async () => {
    suite.ws.write(config('  secret_access_key_wo_version = 2', '  password_wo_version = 1'));
    const state = JSON.parse(fs.readFileSync(stateFile(), 'utf8')) as { resources: { type: string; instances: { schema_version: number; attributes: Record<string, unknown> }[] }[] };
    for (const r of state.resources.filter((x) => x.type === 'hikube_bucket_user' || x.type === 'hikube_redis')) {
      for (const i of r.instances) {
        i.schema_version = 0;
        for (const a of ['secret_access_key_wo', 'secret_access_key_wo_version', 'password_wo', 'password_wo_version']) delete i.attributes[a];
      }
    }
    fs.writeFileSync(stateFile(), JSON.stringify(state));
    // The versions are null after the upgrade, as in any state before them: setting them is then a change.
    suite.ws.write(config('', ''));
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('destroy', async () => {
    suite.ws.write(PROVIDER_BLOCK);
    await ok('apply', '-auto-approve', '-no-color');
    for (const c of ['/v1/bucket-users', '/v1/buckets', '/v1/redis']) expect((await suite.api.listResources(c)).items).toEqual([]);
  });
});
