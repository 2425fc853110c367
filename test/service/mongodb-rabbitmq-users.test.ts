/**
 * MongoDB and RabbitMQ users, on the same "user of a cluster" as PostgreSQL's and MariaDB's: a
 * generated password returned once and kept as the engine's own verifier (MongoDB's SCRAM-SHA-256
 * credential, RabbitMQ's rabbit_password_hashing_sha256), rotation, roles only on databases
 * (vhosts) of the cluster, which stay while a user has a role on them, and reserved names.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { failure, startTestService, TestService, waitFor } from './helpers';

interface User {
  id: string;
  databases?: Record<string, string> | null;
  vhosts?: Record<string, string> | null;
  password: string | null;
  status: string;
}

const PASSWORD = /^[A-Za-z0-9_-]{32}$/;
let t: TestService;
let api: HikubeClient;
let tenant: Tenant;

async function stored(id: string): Promise<string> {
  const { rows } = await t.service.store.query<{ secret_input: Record<string, unknown> }>('SELECT secret_input FROM resources WHERE id = $1', [id]);
  return String(rows[0].secret_input.password);
}

/** Whether MongoDB's SCRAM-SHA-256 credential was made from this password: what its login checks (RFC 7677). */
function mongoAccepts(credential: string, password: string): boolean {
  const c = JSON.parse(credential) as { iterationCount: number; salt: string; storedKey: string; serverKey: string };
  const salted = pbkdf2Sync(password, Buffer.from(c.salt, 'base64'), c.iterationCount, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest('base64');
  return storedKey === c.storedKey && createHmac('sha256', salted).update('Server Key').digest('base64') === c.serverKey;
}

/** Whether RabbitMQ's rabbit_password_hashing_sha256 hash (base64 of a 4-byte salt and SHA-256(salt + password)) is of this password. */
function rabbitAccepts(hash: string, password: string): boolean {
  const raw = Buffer.from(hash, 'base64');
  const salt = raw.subarray(0, 4);
  return raw.length === 36 && createHash('sha256').update(salt).update(password).digest().equals(raw.subarray(4));
}

beforeAll(async () => {
  t = await startTestService();
  api = t.client;
  tenant = await api.createTenant({ name: 'events' });
}, 60_000);
afterAll(() => t?.stop());

describe('MongoDB users', () => {
  const USERS = '/v1/mongodb-users';
  let cluster: string;
  beforeAll(async () => {
    cluster = (await api.createResource<{ id: string }>('/v1/mongodb', { tenantId: tenant.id, name: 'events' })).id;
    await api.createResource('/v1/mongodb-databases', { mongodbId: cluster, name: 'analytics' });
  });

  test("the password is in the create answer alone; the row keeps MongoDB's SCRAM-SHA-256 credential of it; rotation replaces both", async () => {
    const user = await api.createResource<User>(USERS, { mongodbId: cluster, name: 'ingest', databases: { analytics: 'admin' } });
    expect(user).toMatchObject({ databases: { analytics: 'admin' }, password: expect.stringMatching(PASSWORD) });
    const credential = await stored(user.id);
    expect(JSON.parse(credential)).toMatchObject({ iterationCount: 15000 });
    expect(credential).not.toContain(user.password);
    expect(mongoAccepts(credential, user.password!)).toBe(true);
    expect((await api.getResource<User>(USERS, user.id)).password).toBeNull();
    await waitFor(api, USERS, user.id);
    const rotated = await api.rotateResource<User>(USERS, user.id);
    expect(rotated.password).toMatch(PASSWORD);
    expect(rotated.password).not.toBe(user.password);
    expect(mongoAccepts(await stored(user.id), rotated.password!)).toBe(true);
    expect(mongoAccepts(await stored(user.id), user.password!)).toBe(false);
    expect(await waitFor<User>(api, USERS, user.id)).toMatchObject({ status: 'ready', password: null });
  });

  test('a password may be supplied instead (salted and iterated): nothing is generated, only its credential kept', async () => {
    const user = await api.createResource<User>(USERS, { mongodbId: cluster, name: 'chosen', databases: { analytics: 'readonly' }, password: 'correct horse battery staple' });
    expect(user.password).toBeNull();
    expect(mongoAccepts(await stored(user.id), 'correct horse battery staple')).toBe(true);
    await waitFor(api, USERS, user.id);
  });

  test('bad input names the attribute: a missing database, an unknown role, a reserved name', async () => {
    const missing = await failure(api.createResource(USERS, { mongodbId: cluster, name: 'ghost', databases: { orders: 'admin' } }));
    expect(missing.problem.errors).toEqual([
      expect.objectContaining({ path: ['databases', 'orders'], reason: expect.stringContaining('names no MongoDB database of this MongoDB cluster (it has analytics)') }),
    ]);
    const role = await failure(api.createResource(USERS, { mongodbId: cluster, name: 'owner', databases: { analytics: 'owner' } }));
    expect(role.problem.errors?.map((e) => e.field)).toEqual(['databases.analytics']);
    const reserved = await failure(api.createResource(USERS, { mongodbId: cluster, name: 'backup' }));
    expect(reserved.problem.errors).toEqual([expect.objectContaining({ field: 'name', reason: expect.stringContaining('is kept by MongoDB or the operator (backup)') })]);
  });

  test('a database stays while a user has a role on it', async () => {
    const [db] = (await api.listResources<{ id: string }>('/v1/mongodb-databases', { tenantId: tenant.id, name: 'events/analytics' })).items;
    const inUse = await failure(api.deleteResource('/v1/mongodb-databases', db.id));
    expect(inUse.status).toBe(409);
    expect(inUse.problem.detail).toContain('is still named in the databases of 2 MongoDB users: chosen, ingest');
  });
});

describe('RabbitMQ users', () => {
  const USERS = '/v1/rabbitmq-users';
  let cluster: string;
  beforeAll(async () => {
    cluster = (await api.createResource<{ id: string }>('/v1/rabbitmq', { tenantId: tenant.id, name: 'jobs' })).id;
    await api.createResource('/v1/rabbitmq-vhosts', { rabbitmqId: cluster, name: 'billing' });
  });

  test("roles are per vhost; the row keeps RabbitMQ's own salted SHA-256 of the password; rotation replaces it", async () => {
    const user = await api.createResource<User>(USERS, { rabbitmqId: cluster, name: 'worker', vhosts: { billing: 'readonly' } });
    expect(user).toMatchObject({ vhosts: { billing: 'readonly' }, password: expect.stringMatching(PASSWORD) });
    expect(rabbitAccepts(await stored(user.id), user.password!)).toBe(true);
    await waitFor(api, USERS, user.id);
    const changed = await api.updateResource<User>(USERS, user.id, { vhosts: { billing: 'admin' } });
    expect(changed).toMatchObject({ vhosts: { billing: 'admin' }, password: null });
    expect(rabbitAccepts(await stored(user.id), user.password!)).toBe(true);
    await waitFor(api, USERS, user.id);
    const rotated = await api.rotateResource<User>(USERS, user.id);
    expect(rabbitAccepts(await stored(user.id), rotated.password!)).toBe(true);
    expect(rabbitAccepts(await stored(user.id), user.password!)).toBe(false);
    await waitFor(api, USERS, user.id);
  });

  test('a password cannot be supplied (one fast hash round: generated ones only)', async () => {
    const err = await failure(api.createResource(USERS, { rabbitmqId: cluster, name: 'chosen', password: 'correct horse battery staple' }));
    expect(err.status).toBe(400);
    expect(err.problem.errors?.map((e) => e.field)).toEqual(['password']);
  });

  test("bad input names the attribute: a missing vhost, RabbitMQ's and the operator's names", async () => {
    const missing = await failure(api.createResource(USERS, { rabbitmqId: cluster, name: 'ghost', vhosts: { orders: 'admin' } }));
    expect(missing.problem.errors).toEqual([
      expect.objectContaining({ path: ['vhosts', 'orders'], reason: expect.stringContaining('names no RabbitMQ vhost of this RabbitMQ cluster (it has billing)') }),
    ]);
    for (const name of ['guest', 'default_user_x1']) {
      const reserved = await failure(api.createResource(USERS, { rabbitmqId: cluster, name }));
      expect(reserved.problem.errors).toEqual([
        expect.objectContaining({ field: 'name', reason: expect.stringContaining('is kept by RabbitMQ or the operator (guest, and every name starting with default_user_)') }),
      ]);
    }
  });

  test('a vhost stays while a user has a role on it; the cluster while it has users', async () => {
    const [vhost] = (await api.listResources<{ id: string }>('/v1/rabbitmq-vhosts', { tenantId: tenant.id, name: 'jobs/billing' })).items;
    const inUse = await failure(api.deleteResource('/v1/rabbitmq-vhosts', vhost.id));
    expect(inUse.status).toBe(409);
    expect(inUse.problem.detail).toContain('is still named in the vhosts of 1 RabbitMQ user: worker');
    expect((await failure(api.deleteResource('/v1/rabbitmq', cluster))).status).toBe(409);
  });
});
