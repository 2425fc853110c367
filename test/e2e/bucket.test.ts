/**
 * An S3 bucket through the real terraform, provider and service: created with its S3 name and
 * endpoint (a cost of 0 at plan: what it stores is billed as stored), a second plan empty,
 * import by path, a replacement when Object Lock changes (fixed at creation), S3's naming rules
 * at validate, destroy; and the same bucket from the construct, synthesized and applied.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { HikubeProvider, Tenant } from '../../constructs/index';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const TENANT = `
resource "hikube_tenant" "media" {
  name = "media"
}
`;

const bucket = (args: string) => `${PROVIDER_BLOCK}${TENANT}
resource "hikube_bucket" "assets" {
  tenant_id = hikube_tenant.media.id
  name      = "assets"
${args}
}

output "s3" {
  value = { bucket = hikube_bucket.assets.bucket_name, endpoint = hikube_bucket.assets.endpoint }
}
`;

interface Bucket {
  id: string;
  name: string;
  tenantId: string;
  locking: boolean;
  encrypted: boolean;
  bucketName: string;
  endpoint: string;
  status: string;
  monthlyCostEstimate: number;
}

describe('hikube_bucket', () => {
  const suite = e2eSuite('e2e-bucket', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const only = async () => {
    const { items } = await suite.api.listResources<Bucket>('/v1/buckets');
    expect(items).toHaveLength(1);
    return items[0];
  };

  beforeAll(async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await suite.ws.ok('init', '-no-color');
  });

  test('the plan shows a cost of 0; apply creates it with its S3 name and the tenant endpoint; a second plan is empty', async () => {
    suite.ws.write(bucket('  encrypted = true'));
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('+ monthly_cost_estimate = 0');
    expect(plain(plan.stdout)).toContain('+ locking = false');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const made = await only();
    const tenant = await suite.api.getTenantByPath('acme/media');
    expect(made).toMatchObject({ name: 'assets', tenantId: tenant.id, locking: false, encrypted: true, status: 'ready', monthlyCostEstimate: 0 });
    expect(made.bucketName).toBe(`assets-${made.id.slice('bkt-'.length, 'bkt-'.length + 8)}`);
    expect(made.bucketName).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
    expect(made.endpoint).toBe('https://s3.tenant-acme-media.hikube.local');
    expect(JSON.parse((await suite.ws.ok('output', '-json', 's3')).stdout)).toEqual({ bucket: made.bucketName, endpoint: made.endpoint });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('import by tenant path and name gives a state with nothing to change', async () => {
    const made = await only();
    await suite.ws.ok('state', 'rm', 'hikube_bucket.assets');
    await suite.ws.ok('import', '-no-color', 'hikube_bucket.assets', 'acme/media/assets');
    const show = JSON.parse((await suite.ws.ok('show', '-json')).stdout) as { values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } } };
    expect(show.values.root_module.resources.find((r) => r.address === 'hikube_bucket.assets')?.values).toMatchObject({ id: made.id, bucket_name: made.bucketName, encrypted: true, locking: false });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('turning Object Lock on replaces the bucket: a new id and S3 name, the old one gone', async () => {
    const before = await only();
    suite.ws.write(bucket('  encrypted = true\n  locking = true'));
    const plan = plain((await suite.ws.ok('plan', '-no-color')).stdout);
    expect(plan).toContain('~ locking = false -> true # forces replacement');
    expect(plan).toContain('1 to add, 0 to change, 1 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const after = await only();
    expect(after).toMatchObject({ name: 'assets', locking: true, encrypted: true, status: 'ready' });
    expect(after.id).not.toBe(before.id);
    expect(after.bucketName).not.toBe(before.bucketName);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test("a name S3 refuses fails validation on the attribute, with S3's rules", async () => {
    suite.ws.write(bucket('  encrypted = true\n  locking = true').replace('name      = "assets"', 'name      = "my..assets"'));
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('hikube_bucket.assets');
    expect(text).toContain("no '..'");
    expect(text).toContain('name');
  });

  test('destroy removes it', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources<Bucket>('/v1/buckets')).items).toEqual([]);
  });

  test('tenant.addBucket(): the synthesized configuration validates, applies and plans clean', async () => {
    const stack = new TerraformStack(new App({ outdir: `${suite.ws.dir}/cdktf.out` }), 'buckets');
    new HikubeProvider(stack, 'hikube');
    new Tenant(stack, 'Archive').addBucket('Records', { locking: true, encrypted: true });
    suite.ws.write(JSON.parse(Testing.synth(stack)) as object);
    await suite.ws.ok('validate', '-no-color');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(await only()).toMatchObject({ name: 'records', locking: true, encrypted: true, status: 'ready' });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
    suite.ws.write(`${PROVIDER_BLOCK}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources<Bucket>('/v1/buckets')).items).toEqual([]);
  });
});
