/**
 * Bucket users: a secret the back-end must hold itself (`sealed-to-backend`). The secret access
 * key is in the answer to the create and to a rotation only; the resources table keeps it sealed
 * to the back-end's key (never in clear), the simulated back-end opens and holds it (as S3 must,
 * to check signatures); the access key id is in every answer and changes with the secret; the
 * audit log redacts the secret; bad input names the attribute.
 */
import { createHmac } from 'node:crypto';
import { HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { failure, startTestService, TestService, waitFor } from './helpers';

interface BucketUser {
  id: string;
  bucketId: string;
  name: string;
  access: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  status: string;
}

const USERS = '/v1/bucket-users';
let t: TestService;
let api: HikubeClient;
let tenant: Tenant;
let bucket: string;

/** Everything the service's own tables keep about resources (rows and audit), as text. */
async function serviceTables(): Promise<string> {
  const { rows } = await t.service.store.query<{ text: string }>(
    `SELECT (SELECT coalesce(string_agg(r::text, E'\\n'), '') FROM resources r) || (SELECT coalesce(string_agg(a::text, E'\\n'), '') FROM audit_log a) AS text`,
  );
  return rows[0].text;
}

/** What the simulated back-end holds for the user (its own table, as S3 keeps its keys). */
async function held(id: string): Promise<Record<string, string> | undefined> {
  const { rows } = await t.service.store.query<{ held_secrets: Record<string, string> }>('SELECT held_secrets FROM sim_driver_objects WHERE id = $1', [id]);
  return rows[0]?.held_secrets;
}

async function sealed(id: string): Promise<string> {
  const { rows } = await t.service.store.query<{ secret_input: Record<string, unknown> }>('SELECT secret_input FROM resources WHERE id = $1', [id]);
  return String(rows[0].secret_input.secretAccessKey);
}

/** What S3 does with the secret key (the last step of SigV4): the back-end can sign with it as the client does. */
function sign(secret: string, text: string): string {
  return createHmac('sha256', `AWS4${secret}`).update(text).digest('hex');
}

beforeAll(async () => {
  t = await startTestService();
  api = t.client;
  tenant = await api.createTenant({ name: 'assets' });
  bucket = (await api.createResource<{ id: string }>('/v1/buckets', { tenantId: tenant.id, name: 'media' })).id;
}, 60_000);
afterAll(() => t?.stop());

describe('a generated S3 key pair', () => {
  let user: BucketUser;

  test('the create answers the secret once; the row keeps it sealed; the back-end holds it in clear', async () => {
    user = await api.createResource<BucketUser>(USERS, { bucketId: bucket, name: 'uploader' });
    expect(user).toMatchObject({ access: 'readwrite', accessKeyId: expect.stringMatching(/^HK[A-Z2-7]{18}$/), secretAccessKey: expect.stringMatching(/^[A-Za-z0-9_-]{40}$/) });
    expect(await sealed(user.id)).toMatch(/^sealed\$[A-Za-z0-9+/]+=*$/);
    expect(await serviceTables()).not.toContain(user.secretAccessKey);
    const got = await api.getResource<BucketUser>(USERS, user.id);
    expect(got).toMatchObject({ accessKeyId: user.accessKeyId, secretAccessKey: null });
    expect((await api.listResources<BucketUser>(USERS, { id: [user.id] })).items[0]).toMatchObject({ accessKeyId: user.accessKeyId, secretAccessKey: null });
    expect(await waitFor<BucketUser>(api, USERS, user.id)).toMatchObject({ status: 'ready', secretAccessKey: null, accessKeyId: user.accessKeyId });
    const backend = await held(user.id);
    expect(backend).toEqual({ secretAccessKey: user.secretAccessKey });
    expect(sign(backend!.secretAccessKey, 'GET /media')).toBe(sign(user.secretAccessKey!, 'GET /media'));
  });

  test('another user gets another pair', async () => {
    const other = await api.createResource<BucketUser>(USERS, { bucketId: bucket, name: 'reader', access: 'readonly' });
    expect(other.accessKeyId).not.toBe(user.accessKeyId);
    expect(other.secretAccessKey).not.toBe(user.secretAccessKey);
    await waitFor(api, USERS, other.id);
  });

  test('a change of access keeps the pair', async () => {
    const sealedBefore = await sealed(user.id);
    const changed = await api.updateResource<BucketUser>(USERS, user.id, { access: 'readonly' });
    expect(changed).toMatchObject({ access: 'readonly', accessKeyId: user.accessKeyId, secretAccessKey: null });
    expect(await sealed(user.id)).toBe(sealedBefore);
    await waitFor(api, USERS, user.id);
    expect(await held(user.id)).toEqual({ secretAccessKey: user.secretAccessKey });
  });

  test('rotation: a new pair in the answer alone; the back-end holds the new secret, not the old one', async () => {
    const rotated = await api.rotateResource<BucketUser>(USERS, user.id);
    expect(rotated).toMatchObject({ id: user.id, status: 'updating', access: 'readonly', accessKeyId: expect.stringMatching(/^HK[A-Z2-7]{18}$/) });
    expect(rotated.accessKeyId).not.toBe(user.accessKeyId);
    expect(rotated.secretAccessKey).toMatch(/^[A-Za-z0-9_-]{40}$/);
    expect(rotated.secretAccessKey).not.toBe(user.secretAccessKey);
    expect(await waitFor<BucketUser>(api, USERS, user.id)).toMatchObject({ status: 'ready', accessKeyId: rotated.accessKeyId, secretAccessKey: null });
    expect(await held(user.id)).toEqual({ secretAccessKey: rotated.secretAccessKey });
    const tables = await serviceTables();
    expect(tables).not.toContain(rotated.secretAccessKey);
    expect(tables).not.toContain(user.secretAccessKey);
    user = rotated;
  });

  test('the audit log has the create, the change and the rotation: the secret redacted, the key id shown', async () => {
    const { items } = await api.request<{ items: { action: string; resourceId: string; after: Record<string, unknown> }[] }>('GET', `/v1/tenants/${tenant.id}/audit`);
    const mine = items.filter((e) => e.resourceId === user.id);
    expect(mine.map((e) => e.action)).toEqual(['rotate', 'update', 'create']);
    expect(mine[0].after).toMatchObject({ secretAccessKey: '(redacted)', accessKeyId: user.accessKeyId });
    expect(mine[2].after.secretAccessKey).toBe('(redacted)');
  });

  test('below admin: rotation is refused (a change), and reading shows the key id but no secret', async () => {
    const viewer = t.clientWith((await api.createToken({ tenantId: tenant.id, role: 'use' })).secret);
    expect((await failure(viewer.rotateResource(USERS, user.id))).status).toBe(403);
    expect(await viewer.getResource<BucketUser>(USERS, user.id)).toMatchObject({ accessKeyId: user.accessKeyId, secretAccessKey: null });
  });

  test('a secret supplied instead (secret_access_key_wo): answered as null, sealed, held by the back-end, with a new key id', async () => {
    const supplied = 'chosen-by-me-0123456789-abcdefghijklmnop';
    const changed = await api.updateResource<BucketUser>(USERS, user.id, { secretAccessKey: supplied });
    expect(changed).toMatchObject({ secretAccessKey: null, accessKeyId: expect.stringMatching(/^HK[A-Z2-7]{18}$/) });
    expect(changed.accessKeyId).not.toBe(user.accessKeyId);
    expect(await sealed(user.id)).toMatch(/^sealed\$/);
    expect(await serviceTables()).not.toContain(supplied);
    await waitFor(api, USERS, user.id);
    expect(await held(user.id)).toEqual({ secretAccessKey: supplied });
    // In a bucket of its own: the tests below count this bucket's users.
    const other = (await api.createResource<{ id: string }>('/v1/buckets', { tenantId: tenant.id, name: 'chosen' })).id;
    const made = await api.createResource<BucketUser>(USERS, { bucketId: other, name: 'chosen', secretAccessKey: supplied });
    expect(made).toMatchObject({ secretAccessKey: null, accessKeyId: expect.stringMatching(/^HK[A-Z2-7]{18}$/) });
    await waitFor(api, USERS, made.id);
    expect(await held(made.id)).toEqual({ secretAccessKey: supplied });
  });

  test('a supplied secret too short is refused, naming the field', async () => {
    const err = await failure(api.updateResource(USERS, user.id, { secretAccessKey: 'short' }));
    expect(err.status).toBe(400);
    expect(err.problem.errors?.map((e) => e.field)).toEqual(['secretAccessKey']);
  });
});

describe('bad input and the bucket', () => {
  test('an unknown access value is refused, naming the attribute and the values', async () => {
    const err = await failure(api.createResource(USERS, { bucketId: bucket, name: 'writer', access: 'write' }));
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual([expect.objectContaining({ field: 'access', reason: expect.stringMatching(/readwrite.*readonly/) })]);
  });

  test('a second user with the same name in the bucket is a conflict', async () => {
    expect((await failure(api.createResource(USERS, { bucketId: bucket, name: 'uploader' }))).status).toBe(409);
  });

  test('the bucket stays while it has users (409 naming them)', async () => {
    const refused = await failure(api.deleteResource('/v1/buckets', bucket));
    expect(refused.status).toBe(409);
    expect(refused.problem.detail).toContain('still has 2 bucket users: reader, uploader');
  });

  test('a deleted user leaves nothing in the back-end', async () => {
    const [reader] = (await api.listResources<BucketUser>(USERS, { tenantId: tenant.id, name: 'media/reader' })).items;
    await api.deleteResource(USERS, reader.id);
    await waitFor(api, USERS, reader.id, ['gone']);
    expect(await held(reader.id)).toBeUndefined();
  });
});
