/**
 * Redis's password (`auth_enabled`): a generated secret that exists only while a boolean of the
 * model is true (`enabledBy`), sealed to the back-end (replicas and Sentinel log in with it). Shown
 * once: in the answer to the create, to the update that turns auth on, or to a rotation.
 */
import { HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { failure, startTestService, TestService, waitFor } from './helpers';

interface Redis {
  id: string;
  authEnabled: boolean;
  password: string | null;
  status: string;
}

const REDIS = '/v1/redis';
const PASSWORD = /^[A-Za-z0-9_-]{32}$/;
let t: TestService;
let api: HikubeClient;
let tenant: Tenant;

async function row(id: string): Promise<{ sealed: unknown; held: Record<string, string> | undefined; text: string }> {
  const r = await t.service.store.query<{ secret_input: Record<string, unknown>; text: string }>('SELECT secret_input, r::text AS text FROM resources r WHERE id = $1', [id]);
  const d = await t.service.store.query<{ held_secrets: Record<string, string> }>('SELECT held_secrets FROM sim_driver_objects WHERE id = $1', [id]);
  return { sealed: r.rows[0].secret_input.password, held: d.rows[0]?.held_secrets, text: r.rows[0].text };
}

beforeAll(async () => {
  t = await startTestService();
  api = t.client;
  tenant = await api.createTenant({ name: 'cache' });
}, 60_000);
afterAll(() => t?.stop());

test('auth on by default: the password in the create answer alone, sealed in the row, held by the back-end', async () => {
  const made = await api.createResource<Redis>(REDIS, { tenantId: tenant.id, name: 'sessions' });
  expect(made).toMatchObject({ authEnabled: true, password: expect.stringMatching(PASSWORD) });
  expect((await api.getResource<Redis>(REDIS, made.id)).password).toBeNull();
  await waitFor(api, REDIS, made.id);
  const stored = await row(made.id);
  expect(stored.sealed).toMatch(/^sealed\$/);
  expect(stored.text).not.toContain(made.password);
  expect(stored.held).toEqual({ password: made.password });
});

test('auth turned off drops the password; turned on again, the update answers a new one; rotation gives another', async () => {
  const made = await api.createResource<Redis>(REDIS, { tenantId: tenant.id, name: 'queue' });
  await waitFor(api, REDIS, made.id);
  const off = await api.updateResource<Redis>(REDIS, made.id, { authEnabled: false });
  expect(off).toMatchObject({ authEnabled: false, password: null });
  await waitFor(api, REDIS, made.id);
  expect(await row(made.id)).toMatchObject({ sealed: null, held: {} });

  const rotatedWhileOff = await api.rotateResource<Redis>(REDIS, made.id);
  expect(rotatedWhileOff.password).toBeNull();
  await waitFor(api, REDIS, made.id);
  expect((await row(made.id)).held).toEqual({});

  const on = await api.updateResource<Redis>(REDIS, made.id, { authEnabled: true });
  expect(on.password).toMatch(PASSWORD);
  expect(on.password).not.toBe(made.password);
  expect((await api.getResource<Redis>(REDIS, made.id)).password).toBeNull();
  await waitFor(api, REDIS, made.id);
  expect((await row(made.id)).held).toEqual({ password: on.password });

  const other = await api.updateResource<Redis>(REDIS, made.id, { preset: 'small' });
  expect(other.password).toBeNull(); // other changes keep it, and do not show it
  await waitFor(api, REDIS, made.id);
  expect((await row(made.id)).held).toEqual({ password: on.password });

  const rotated = await api.rotateResource<Redis>(REDIS, made.id);
  expect(rotated.password).toMatch(PASSWORD);
  expect(rotated.password).not.toBe(on.password);
  await waitFor(api, REDIS, made.id);
  const stored = await row(made.id);
  expect(stored.held).toEqual({ password: rotated.password });
  expect(stored.text).not.toContain(rotated.password);
});

test('created without auth: no password anywhere; the audit log redacts the one made later', async () => {
  const made = await api.createResource<Redis>(REDIS, { tenantId: tenant.id, name: 'open', authEnabled: false });
  expect(made).toMatchObject({ authEnabled: false, password: null });
  await waitFor(api, REDIS, made.id);
  expect(await row(made.id)).toMatchObject({ sealed: null, held: {} });
  const on = await api.updateResource<Redis>(REDIS, made.id, { authEnabled: true });
  const { items } = await api.request<{ items: { action: string; resourceId: string; after: Record<string, unknown> }[] }>('GET', `/v1/tenants/${tenant.id}/audit`);
  const update = items.find((e) => e.resourceId === made.id && e.action === 'update')!;
  expect(update.after.password).toBe('(redacted)');
  expect(JSON.stringify(items)).not.toContain(on.password);
  await waitFor(api, REDIS, made.id);
});

test('a password supplied instead (password_wo): answered as null, held by the back-end; refused while auth is off', async () => {
  const made = await api.createResource<Redis>(REDIS, { tenantId: tenant.id, name: 'chosen', password: 'correct horse battery staple' });
  expect(made).toMatchObject({ authEnabled: true, password: null });
  await waitFor(api, REDIS, made.id);
  const stored = await row(made.id);
  expect(stored.sealed).toMatch(/^sealed\$/);
  expect(stored.text).not.toContain('correct horse battery staple');
  expect(stored.held).toEqual({ password: 'correct horse battery staple' });
  const off = await failure(api.createResource(REDIS, { tenantId: tenant.id, name: 'open-chosen', authEnabled: false, password: 'correct horse battery staple' }));
  expect(off.status).toBe(400);
  expect(off.problem.errors).toEqual([expect.objectContaining({ field: 'password', reason: expect.stringContaining('is only used while authEnabled is true') })]);
});
