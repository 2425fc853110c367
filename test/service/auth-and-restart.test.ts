import * as fs from 'node:fs';
import { ApiError, HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { startService } from '../../service/server';
import { silentLogger } from '../../service/log';
import { expectProblem, raw, startTestService, TestService } from './helpers';

let t: TestService;
let team: Tenant;
let teamSub: Tenant;
let other: Tenant;

beforeAll(async () => {
  t = await startTestService({ organisation: 'example' });
  team = await t.client.createTenant({ name: 'team' });
  teamSub = await t.client.createTenant({ name: 'sub', parentId: team.id });
  other = await t.client.createTenant({ name: 'other' });
});
afterAll(() => t?.stop());

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
}

describe('first start', () => {
  test('writes the credentials file with mode 0600', () => {
    const stat = fs.statSync(t.credentialsFile);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(t.credentialsFile, 'utf8'))).toEqual({ endpoint: t.url, token: t.token, organisation: 'example' });
  });

  test('the admin token is a super-admin at the organisation root', async () => {
    expect((await t.client.getTenantByPath('example')).parentId).toBeNull();
    expect((await t.client.listTenants()).items.map((x) => x.path)).toEqual(['example', 'example/other', 'example/team', 'example/team/sub']);
  });
});

describe('a token sees only its tenant subtree', () => {
  let viewer: HikubeClient;
  let admin: HikubeClient;
  let superAdmin: HikubeClient;

  beforeAll(async () => {
    viewer = t.clientWith(await t.service.issueToken({ tenantId: team.id, role: 'view' }));
    admin = t.clientWith(await t.service.issueToken({ tenantId: team.id, role: 'admin' }));
    superAdmin = t.clientWith(await t.service.issueToken({ tenantId: team.id, role: 'super-admin' }));
  });

  test('list is the subtree; other tenants are 404', async () => {
    expect((await viewer.listTenants()).items.map((x) => x.path)).toEqual(['example/team', 'example/team/sub']);
    expect(await statusOf(viewer.getTenant(other.id))).toBe(404);
    expect(await statusOf(viewer.getTenantByPath('example'))).toBe(404);
    expect(await statusOf(viewer.listChildren(team.parentId!))).toBe(404);
    expect(await statusOf(admin.updateTenant(other.id, { description: 'x' }))).toBe(404);
    expect(await statusOf(superAdmin.deleteTenant(other.id))).toBe(404);
    await expect(viewer.getTenant(teamSub.id)).resolves.toMatchObject({ path: 'example/team/sub' });
  });

  test('roles: view reads, admin updates, super-admin creates and deletes', async () => {
    expect(await statusOf(viewer.updateTenant(team.id, { description: 'x' }))).toBe(403);
    expect(await statusOf(viewer.createTenant({ name: 'x', parentId: team.id }))).toBe(403);
    await expect(admin.updateTenant(teamSub.id, { labels: { owner: 'team' } })).resolves.toMatchObject({ labels: { owner: 'team' } });
    expect(await statusOf(admin.createTenant({ name: 'x', parentId: team.id }))).toBe(403);
    const made = await superAdmin.createTenant({ name: 'made', parentId: team.id });
    expect(made.path).toBe('example/team/made');
    await superAdmin.deleteTenant(made.id);
  });

  test('a scoped token must name its parent and cannot delete its own tenant', async () => {
    const err = (await superAdmin.createTenant({ name: 'top' }).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual([expect.objectContaining({ field: 'parentId', reason: expect.stringContaining('example/team') })]);
    expect(await statusOf(superAdmin.createTenant({ name: 'x', parentId: other.id }))).toBe(400);
    expect(await statusOf(superAdmin.deleteTenant(team.id))).toBe(403);
  });

  test('an expired token is 401', async () => {
    const expired = await t.service.issueToken({ tenantId: team.id, role: 'view', expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await raw(t.url, 'GET', '/v1/tenants', { token: expired }), 401);
  });
});

describe('restart', () => {
  test('a second process cannot open the same data dir', async () => {
    await expect(startService({ port: 0, dataDir: t.dataDir, credentialsFile: t.credentialsFile, log: silentLogger })).rejects.toThrow(/is in use by another service/);
  });

  test('keeps tenants, the token and the credentials file', async () => {
    const before = (await t.client.listTenants()).items;
    const credentials = fs.readFileSync(t.credentialsFile, 'utf8');
    await t.stop();

    t = await startTestService({ dir: t.dir, organisation: 'example' });
    expect(t.token).toBe(JSON.parse(credentials).token);
    expect((await t.client.listTenants()).items).toEqual(before);
    expect(fs.readFileSync(t.credentialsFile, 'utf8')).toBe(credentials);
    expect(fs.statSync(t.credentialsFile).mode & 0o777).toBe(0o600);
    const lines = t.logs.map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).not.toContain('created the organisation root tenant and its admin token');
    expect(lines.map((l) => l.msg)).not.toContain('applied migrations');
    await expect(t.client.createTenant({ name: 'after-restart', parentId: team.id })).resolves.toMatchObject({ path: 'example/team/after-restart' });
  });
});
