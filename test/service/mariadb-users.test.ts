/**
 * MariaDB users, built on the same "database user of a cluster" as PostgreSQL's: a generated
 * password returned once and kept as MariaDB's own verifier (what `IDENTIFIED BY PASSWORD` takes),
 * rotation, roles only on databases of the cluster, a connection limit in range.
 */
import { createHash } from 'node:crypto';
import { HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { failure, startTestService, TestService, waitFor } from './helpers';

interface User {
  id: string;
  databases: Record<string, string> | null;
  maxUserConnections: number;
  password: string | null;
  status: string;
}

const USERS = '/v1/mariadb-users';
let t: TestService;
let api: HikubeClient;
let tenant: Tenant;
let cluster: string;

/** MariaDB's mysql_native_password: `*` and the uppercase hex SHA-1 of the SHA-1 of the password. */
const nativePassword = (password: string) => `*${createHash('sha1').update(createHash('sha1').update(password).digest()).digest('hex').toUpperCase()}`;

async function stored(id: string): Promise<unknown> {
  const { rows } = await t.service.store.query<{ secret_input: Record<string, unknown> }>('SELECT secret_input FROM resources WHERE id = $1', [id]);
  return rows[0].secret_input.password;
}

beforeAll(async () => {
  t = await startTestService();
  api = t.client;
  tenant = await api.createTenant({ name: 'shop' });
  cluster = (await api.createResource<{ id: string }>('/v1/mariadb', { tenantId: tenant.id, name: 'shop' })).id;
  await api.createResource('/v1/mariadb-databases', { mariadbId: cluster, name: 'catalog' });
}, 60_000);
afterAll(() => t?.stop());

test("the password is in the create answer alone; the row keeps MariaDB's verifier of it; rotation replaces both", async () => {
  const user = await api.createResource<User>(USERS, { mariadbId: cluster, name: 'web', databases: { catalog: 'admin' }, maxUserConnections: 50 });
  expect(user).toMatchObject({ maxUserConnections: 50, databases: { catalog: 'admin' }, password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
  expect(await stored(user.id)).toBe(nativePassword(user.password!));
  expect((await api.getResource<User>(USERS, user.id)).password).toBeNull();
  await waitFor(api, USERS, user.id);
  const rotated = await api.rotateResource<User>(USERS, user.id);
  expect(rotated.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(rotated.password).not.toBe(user.password);
  expect(await stored(user.id)).toBe(nativePassword(rotated.password!));
  expect(await waitFor<User>(api, USERS, user.id)).toMatchObject({ status: 'ready', password: null });
  const changed = await api.updateResource<User>(USERS, user.id, { maxUserConnections: 0 });
  expect(changed).toMatchObject({ maxUserConnections: 0, password: null });
  expect(await stored(user.id)).toBe(nativePassword(rotated.password!));
  await waitFor(api, USERS, user.id);
});

test("a password cannot be supplied (MariaDB's verifier is unsalted: generated ones only)", async () => {
  const err = await failure(api.createResource(USERS, { mariadbId: cluster, name: 'chosen', password: 'correct horse battery staple' }));
  expect(err.status).toBe(400);
  expect(err.problem.errors?.map((e) => e.field)).toEqual(['password']);
});

test('bad input names the attribute: a missing database, a connection limit out of range, a reserved name', async () => {
  const missing = await failure(api.createResource(USERS, { mariadbId: cluster, name: 'ghost', databases: { orders: 'admin' } }));
  expect(missing.problem.errors).toEqual([
    expect.objectContaining({ path: ['databases', 'orders'], reason: expect.stringContaining('names no MariaDB database of this MariaDB cluster (it has catalog)') }),
  ]);
  const limit = await failure(api.createResource(USERS, { mariadbId: cluster, name: 'busy', maxUserConnections: 10001 }));
  expect(limit.problem.errors?.map((e) => e.field)).toEqual(['maxUserConnections']);
  const reserved = await failure(api.createResource(USERS, { mariadbId: cluster, name: 'root' }));
  expect(reserved.problem.errors).toEqual([expect.objectContaining({ field: 'name', reason: expect.stringContaining('is kept by MariaDB or the operator (root, mysql, repl)') })]);
});

test('a database stays while a user has a role on it; the cluster while it has users', async () => {
  const [db] = (await api.listResources<{ id: string }>('/v1/mariadb-databases', { tenantId: tenant.id, name: 'shop/catalog' })).items;
  const inUse = await failure(api.deleteResource('/v1/mariadb-databases', db.id));
  expect(inUse.status).toBe(409);
  expect(inUse.problem.detail).toContain('is still named in the databases of 1 MariaDB user: web');
  const parent = await failure(api.deleteResource('/v1/mariadb', cluster));
  expect(parent.status).toBe(409);
});
