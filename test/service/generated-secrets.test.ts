/**
 * Platform-generated secrets (a kind's `secrets`), on PostgreSQL users: returned once (create and
 * rotation answers only), kept only as verifiers, supplied write-only instead, redacted in the
 * audit log, rotation authorized as a change; and the user's `databases` must name databases of
 * its cluster, which stay while a user has a role on them.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { failure, startTestService, TestService, waitFor } from './helpers';

interface User {
  id: string;
  name: string;
  databases: Record<string, string> | null;
  replication: boolean;
  password: string | null;
  status: string;
}

const USERS = '/v1/postgres-users';
let t: TestService;
let api: HikubeClient;
let tenant: Tenant;
let cluster: string;

/** What a user's row keeps of its password. */
async function stored(id: string): Promise<unknown> {
  const { rows } = await t.service.store.query<{ secret_input: Record<string, unknown> }>('SELECT secret_input FROM resources WHERE id = $1', [id]);
  return rows[0].secret_input.password;
}

/** Whether a SCRAM-SHA-256 verifier (PostgreSQL's form) was made from this password: what a login checks. */
function scramAccepts(verifier: string, password: string): boolean {
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (!m) return false;
  const salted = pbkdf2Sync(password, Buffer.from(m[2], 'base64'), Number(m[1]), 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest('base64');
  return storedKey === m[3];
}

beforeAll(async () => {
  t = await startTestService();
  api = t.client;
  tenant = await api.createTenant({ name: 'data' });
  cluster = (await api.createResource<{ id: string }>('/v1/postgres', { tenantId: tenant.id, name: 'orders' })).id;
  await api.createResource('/v1/postgres-databases', { postgresId: cluster, name: 'app' });
}, 60_000);
afterAll(() => t?.stop());

describe('a generated password', () => {
  let user: User;

  test('is in the answer to the create only; the row keeps a SCRAM verifier of it', async () => {
    user = await api.createResource<User>(USERS, { postgresId: cluster, name: 'app', databases: { app: 'admin' } });
    expect(user.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const verifier = String(await stored(user.id));
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect(verifier).not.toContain(user.password);
    expect(scramAccepts(verifier, user.password!)).toBe(true);
    expect((await api.getResource<User>(USERS, user.id)).password).toBeNull();
    expect((await api.listResources<User>(USERS, { id: [user.id] })).items[0].password).toBeNull();
    expect(await waitFor<User>(api, USERS, user.id)).toMatchObject({ status: 'ready', password: null });
  });

  test('another user gets another one', async () => {
    const other = await api.createResource<User>(USERS, { postgresId: cluster, name: 'reporting', databases: { app: 'readonly' } });
    expect(other.password).not.toBe(user.password);
    await waitFor(api, USERS, other.id);
  });

  test('rotation: a new one in the answer, a new verifier; the old password no longer matches', async () => {
    const before = String(await stored(user.id));
    const rotated = await api.rotateResource<User>(USERS, user.id);
    expect(rotated).toMatchObject({ id: user.id, status: 'updating', databases: { app: 'admin' } });
    expect(rotated.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(rotated.password).not.toBe(user.password);
    const after = String(await stored(user.id));
    expect(after).not.toBe(before);
    expect(scramAccepts(after, rotated.password!)).toBe(true);
    expect(scramAccepts(after, user.password!)).toBe(false);
    expect(await waitFor<User>(api, USERS, user.id)).toMatchObject({ status: 'ready', password: null });
  });

  test('the audit log has the create and the rotation, the password redacted in both', async () => {
    const { items } = await api.request<{ items: { action: string; resourceId: string; after: Record<string, unknown> }[] }>('GET', `/v1/tenants/${tenant.id}/audit`);
    const mine = items.filter((e) => e.resourceId === user.id);
    expect(mine.map((e) => e.action)).toEqual(['rotate', 'create']);
    for (const e of mine) expect(e.after.password).toBe('(redacted)');
    const { rows } = await t.service.store.query<{ text: string }>('SELECT before::text || after::text AS text FROM audit_log');
    expect(rows.map((r) => r.text).join('\n')).not.toMatch(/SCRAM-SHA-256/);
  });

  test('only admins rotate (as they change objects); below admin the answer would hide it anyway', async () => {
    const viewer = t.clientWith((await api.createToken({ tenantId: tenant.id, role: 'use' })).secret);
    const refused = await failure(viewer.rotateResource(USERS, user.id));
    expect(refused.status).toBe(403);
    expect(refused.problem.detail).toContain('to change resources it needs admin');
  });
});

describe('a supplied password (password_wo)', () => {
  test('nothing is generated nor returned; the row keeps its verifier; sending it again changes the verifier', async () => {
    const supplied = 'correct horse battery staple';
    const user = await api.createResource<User>(USERS, { postgresId: cluster, name: 'etl', password: supplied });
    expect(user.password).toBeNull();
    const first = String(await stored(user.id));
    expect(scramAccepts(first, supplied)).toBe(true);
    await waitFor(api, USERS, user.id);
    const again = await api.updateResource<User>(USERS, user.id, { password: 'another long passphrase' });
    expect(again.password).toBeNull();
    expect(scramAccepts(String(await stored(user.id)), 'another long passphrase')).toBe(true);
    await waitFor(api, USERS, user.id);
    await api.updateResource(USERS, user.id, { replication: true });
    expect(scramAccepts(String(await stored(user.id)), 'another long passphrase')).toBe(true); // other changes keep it
    await waitFor(api, USERS, user.id);
  });
});

describe("a user's databases", () => {
  test('a role on a database the cluster does not have is refused, naming the key', async () => {
    const err = await failure(api.createResource(USERS, { postgresId: cluster, name: 'ghost', databases: { app: 'admin', missing: 'readonly' } }));
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual([
      expect.objectContaining({ path: ['databases', 'missing'], reason: expect.stringContaining('names no PostgreSQL database of this PostgreSQL cluster (it has app)') }),
    ]);
    const user = (await api.listResources<User>(USERS, { tenantId: tenant.id, name: 'orders/app' })).items[0];
    expect((await failure(api.updateResource(USERS, user.id, { databases: { nope: 'admin' } }))).problem.errors?.[0].path).toEqual(['databases', 'nope']);
  });

  test('a database another cluster has does not count', async () => {
    const other = (await api.createResource<{ id: string }>('/v1/postgres', { tenantId: tenant.id, name: 'other' })).id;
    await api.createResource('/v1/postgres-databases', { postgresId: other, name: 'elsewhere' });
    const err = await failure(api.createResource(USERS, { postgresId: cluster, name: 'x', databases: { elsewhere: 'admin' } }));
    expect(err.problem.errors?.map((e) => e.field)).toEqual(['databases.elsewhere']);
  });

  test('a database stays while users have a role on it (409 naming them); once they let go it can go', async () => {
    const [db] = (await api.listResources<{ id: string; postgresId: string }>('/v1/postgres-databases', { tenantId: tenant.id, name: 'orders/app' })).items;
    const refused = await failure(api.deleteResource('/v1/postgres-databases', db.id));
    expect(refused.status).toBe(409);
    expect(refused.problem.type).toMatch(/\/postgres-database-in-use$/);
    expect(refused.problem.detail).toContain('is still named in the databases of 2 PostgreSQL users: app, reporting; remove it from their databases (or delete them) first');
    for (const name of ['orders/app', 'orders/reporting']) {
      const user = (await api.listResources<User>(USERS, { tenantId: tenant.id, name })).items[0];
      await api.updateResource(USERS, user.id, { databases: {} });
    }
    expect((await api.deleteResource<{ status: string }>('/v1/postgres-databases', db.id))?.status).toBe('deleting');
  });
});
