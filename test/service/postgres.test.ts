import { ApiError } from '../../client';
import { startTestService, tempDir, TestService } from './helpers';
import { PgServer, startPgServer } from './pg-server';

/** The same service against a real PostgreSQL 15 server (DATABASE_URL) started here in a temp dir. */

describe('with a real PostgreSQL server (DATABASE_URL)', () => {
  let pg: PgServer | undefined;
  let databaseUrl: string;
  let t: TestService | undefined;

  beforeAll(async () => {
    pg = await startPgServer();
    databaseUrl = pg.databaseUrl;
    t = await startTestService({ databaseUrl, dir: tempDir(), organisation: 'pgorg' });
  });

  afterAll(async () => {
    await t?.stop();
    pg?.stop();
  });

  test('bootstraps the organisation and serves tenant CRUD', async () => {
    const api = t!.client;
    const root = await api.getTenantByPath('pgorg');
    expect(root).toMatchObject({ parentId: null, namespace: 'tenant-pgorg' });
    const prod = await api.createTenant({ name: 'prod', labels: { env: 'prod' } });
    const team = await api.createTenant({ name: 'team-a', parentId: prod.id, description: 'A' });
    expect(team).toMatchObject({ path: 'pgorg/prod/team-a', namespace: 'tenant-pgorg-prod-team-a', parentId: prod.id });
    expect(await api.getTenant(team.id)).toEqual(team);
    expect((await api.listChildren(prod.id)).items.map((x) => x.id)).toEqual([team.id]);
    expect((await api.listTenants()).items.map((x) => x.path)).toEqual(['pgorg', 'pgorg/prod', 'pgorg/prod/team-a']);
    const updated = await api.updateTenant(team.id, { labels: { owner: 'a' }, description: null });
    expect(updated).toMatchObject({ labels: { owner: 'a' }, description: null });

    const conflict = (await api.createTenant({ name: 'prod-team-a' }).catch((e: unknown) => e)) as ApiError;
    expect(conflict.status).toBe(409);
    expect(conflict.problem.detail).toContain('pgorg/prod/team-a');

    const dup = await Promise.allSettled([api.createTenant({ name: 'twin' }), api.createTenant({ name: 'twin' })]);
    expect(dup.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);

    const blocked = (await api.deleteTenant(prod.id).catch((e: unknown) => e)) as ApiError;
    expect(blocked.status).toBe(409);
    await api.deleteTenant(team.id);
    await api.deleteTenant(prod.id);
    expect(t!.logs.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ msg: 'listening', store: 'postgres' }));
  });

  test('a restart on the same database keeps data and the token', async () => {
    const before = (await t!.client.listTenants()).items;
    const { dir: serviceDir, token } = t!;
    await t!.stop();
    t = await startTestService({ databaseUrl, dir: serviceDir, organisation: 'pgorg' });
    expect(t.token).toBe(token);
    expect((await t.client.listTenants()).items).toEqual(before);
  });
});
