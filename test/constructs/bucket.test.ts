import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { Bucket } from '../../constructs/index';
import { onlyBlock, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

describe('Bucket', () => {
  test('default: name from the id, locking and encryption left to the model defaults (Terraform plans them)', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    new Bucket(stack, 'Assets', { tenant });

    // THEN
    expect(onlyBlock(stack, 'hikube_bucket')).toEqual({ tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`, name: 'assets' });
  });

  test('tenant.addBucket() makes one in the tenant, as its child construct, with locking and encryption', () => {
    const { stack, tenant } = stackWithTenant();
    const bucket = tenant.addBucket('Backups', { locking: true, encrypted: true, timeouts: { delete: '30m' } });
    expect(bucket.node.scope).toBe(tenant);
    expect(bucket.tenant).toBe(tenant);
    expect(bucket.bucketName).toBe('backups');
    expect(onlyBlock(stack, 'hikube_bucket')).toEqual({
      tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`,
      name: 'backups',
      locking: true,
      encrypted: true,
      timeouts: { delete: '30m' },
    });
  });

  test('exposes the S3 name and endpoint as tokens for outputs', () => {
    const { stack, tenant } = stackWithTenant();
    const bucket = tenant.addBucket('Assets', { name: 'assets.eu-1' });
    new TerraformOutput(stack, 'bucket', { value: bucket.s3BucketName });
    new TerraformOutput(stack, 'endpoint', { value: bucket.endpoint });
    const out = JSON.parse(Testing.synth(stack)).output;
    expect(out.bucket.value).toBe(`\${hikube_bucket.${bucket.resource.friendlyUniqueId}.bucket_name}`);
    expect(out.endpoint.value).toBe(`\${hikube_bucket.${bucket.resource.friendlyUniqueId}.endpoint}`);
  });

  test.each([
    ['two characters', { name: 'ab' }, /invalid name: "ab" is invalid/],
    ['a capital letter', { name: 'Assets' }, /invalid name: "Assets" is invalid/],
    ['two adjacent periods', { name: 'my..assets' }, /invalid name: "my\.\.assets" is invalid/],
    ['a prefix S3 reserves', { name: 'xn--assets' }, /invalid name: "xn--assets" is invalid/],
    ['a name too long for its S3 name', { name: 'a'.repeat(55) }, /invalid name: "a{55}" is invalid: expected 3 to 54 characters/],
    ['a bad timeout', { timeouts: { create: 'soon' } }, /timeouts/],
  ])('refuses %s, naming the prop', (_what, options, message) => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => tenant.addBucket('Assets', options)).message).toMatch(message);
  });

  test('a construct id that makes no bucket name asks for a name', () => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => tenant.addBucket('X')).message).toMatch(/cannot derive a name from the construct id/);
  });
});
