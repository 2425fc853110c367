import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { Bucket, BucketAccess } from '../../constructs/index';
import { blocks, onlyBlock, stackWithTenant, validationError } from './helpers';

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

describe('BucketUser', () => {
  const cluster = (tenant: ReturnType<typeof stackWithTenant>['tenant']) => tenant.addCluster('Apps', { nodeGroups: { workers: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.large' } } });

  test('bucket.addUser(): a hikube_bucket_user of the bucket, read-write by default, under its Users construct', () => {
    const { stack, tenant } = stackWithTenant();
    const bucket = tenant.addBucket('Assets');
    const user = bucket.addUser('Uploader', { rotationTriggers: { rotated: '2026-12' }, timeouts: { create: '2m' } });
    expect(user.node.scope?.node.id).toBe('Users');
    expect(user.node.scope?.node.scope).toBe(bucket);
    expect(user.access).toBe(BucketAccess.READ_WRITE);
    expect(onlyBlock(stack, 'hikube_bucket_user')).toEqual({
      bucket_id: `\${hikube_bucket.${bucket.resource.friendlyUniqueId}.id}`,
      name: 'uploader',
      access: 'readwrite',
      rotation_triggers: { rotated: '2026-12' },
      timeouts: { create: '2m' },
    });
  });

  test('s3Credentials(): endpoint, S3 bucket name, key id and secret as tokens; the secret is sensitive in outputs', () => {
    const { stack, tenant } = stackWithTenant();
    const bucket = tenant.addBucket('Assets');
    const user = bucket.addUser('Reader', { access: BucketAccess.READ_ONLY });
    const c = user.s3Credentials();
    const bucketRef = `hikube_bucket.${bucket.resource.friendlyUniqueId}`;
    const userRef = `hikube_bucket_user.${user.resource.friendlyUniqueId}`;
    new TerraformOutput(stack, 'creds', { value: c, sensitive: true });
    expect(JSON.parse(Testing.synth(stack)).output.creds.value).toEqual({
      endpoint: `\${${bucketRef}.endpoint}`,
      bucket: `\${${bucketRef}.bucket_name}`,
      accessKeyId: `\${${userRef}.access_key_id}`,
      secretAccessKey: `\${${userRef}.secret_access_key}`,
    });
  });

  test('credentialsSecret: a kubernetes_secret through the cluster kubernetes provider with the variables S3 SDKs read', () => {
    const { stack, tenant } = stackWithTenant();
    const bucket = tenant.addBucket('Assets', { name: 'assets.eu' });
    const user = bucket.addUser('Uploader');
    user.credentialsSecret(cluster(tenant), { namespace: 'shop', access: BucketAccess.READ_WRITE });
    const config = JSON.parse(Testing.synth(stack));
    const [provider] = config.provider.kubernetes;
    const bucketRef = `hikube_bucket.${bucket.resource.friendlyUniqueId}`;
    const userRef = `hikube_bucket_user.${user.resource.friendlyUniqueId}`;
    expect(Object.values(blocks(stack, 'kubernetes_secret'))[0]).toEqual({
      provider: `kubernetes.${provider.alias}`,
      metadata: { name: 'assets-eu-uploader', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'hikube-iac' } },
      type: 'Opaque',
      data: {
        AWS_ENDPOINT_URL_S3: `\${${bucketRef}.endpoint}`,
        BUCKET_NAME: `\${${bucketRef}.bucket_name}`,
        AWS_ACCESS_KEY_ID: `\${${userRef}.access_key_id}`,
        AWS_SECRET_ACCESS_KEY: `\${${userRef}.secret_access_key}`,
      },
    });
  });

  test('a read-only user cannot give an application write access; a read-only need is fine', () => {
    const { stack, tenant } = stackWithTenant();
    const user = tenant.addBucket('Assets').addUser('Reader', { access: BucketAccess.READ_ONLY });
    const k8s = cluster(tenant);
    const err = validationError(() => user.credentialsSecret(k8s, { namespace: 'shop', access: BucketAccess.READ_WRITE }));
    expect(err.message).toMatch(/invalid access: bucket user reader is read-only, so it cannot give the application write access to bucket assets/);
    expect(err.message).toMatch(/access: BucketAccess.READ_WRITE/);
    expect(user.credentialsSecret(k8s, { namespace: 'shop', access: BucketAccess.READ_ONLY, name: 'assets-read' }).node.id).toBe('CredentialsSecret-assets-read');
    expect(Object.keys(blocks(stack, 'kubernetes_secret'))).toHaveLength(1);
  });

  test.each([
    ['an unknown access value, naming the attribute', { access: 'write' as BucketAccess }, /invalid access: "write" is not one of readwrite, readonly. Use readwrite or readonly/],
    ['a user name with a capital letter', { name: 'Uploader' }, /invalid name: "Uploader" is invalid/],
    ['a user name ending with -', { name: 'up-' }, /invalid name: "up-" is invalid/],
  ])('refuses %s', (_, options, message) => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => tenant.addBucket('Assets').addUser('Uploader', options)).message).toMatch(message);
  });

  test('credentialsSecret needs a cluster and a namespace; an unknown access need is refused', () => {
    const { tenant } = stackWithTenant();
    const user = tenant.addBucket('Assets').addUser('Uploader');
    const k8s = cluster(tenant);
    expect(validationError(() => user.credentialsSecret(undefined as never, { namespace: 'shop' })).message).toMatch(/a cluster is required/);
    expect(validationError(() => user.credentialsSecret(k8s, { namespace: 'Shop!' })).message).toMatch(/invalid namespace: not a Kubernetes namespace name/);
    expect(validationError(() => user.credentialsSecret(k8s, { namespace: 'shop', access: 'all' as BucketAccess })).message).toMatch(/invalid access: "all" is not one of readwrite, readonly/);
  });
});
