import { HikubeClient } from '../../client/client';
import { failure, startTestService, TestService } from './helpers';

/**
 * Guardrails that derive from the kinds' registry: a count quota per top-level kind (here
 * `postgres`) and the engine policy (`allowedEngines`, `allowedEngineVersions`), on create,
 * update and /v1/validate, and how policies narrow down the tenant tree.
 */

let t: TestService;
let api: HikubeClient;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
});
afterAll(() => t?.stop());

const pg = (tenantId: string, name: string, extra: Record<string, unknown> = {}) =>
  api.createResource<{ id: string; version: string }>('/v1/postgres', { tenantId, name, replicas: 1, sizeGb: 1, preset: 'nano', ...extra });

describe('count quota per kind', () => {
  test('postgres clusters count against quotas.postgres of every ancestor; the error names quota, tenant and field', async () => {
    const data = await api.createTenant({ name: 'data', quotas: { postgres: 2 } });
    const team = await api.createTenant({ name: 'team', parentId: data.id });
    const a = await pg(team.id, 'a');
    await pg(data.id, 'b');
    const err = await failure(pg(team.id, 'c'));
    expect(err.status).toBe(400);
    expect(err.problem.title).toBe('Quota Exceeded');
    expect(err.problem.errors).toEqual([
      expect.objectContaining({ field: 'name', reason: 'quota postgres of acme/data exceeded: 2 in use, 1 requested, limit 2', policy: 'quotas.postgres', setBy: 'acme/data' }),
    ]);
    // Databases are billed with their cluster and count nothing; other kinds' counts are their own.
    for (const name of ['app', 'audit', 'events']) await api.createResource('/v1/postgres-databases', { postgresId: a.id, name });
    await api.createResource('/v1/vms', { tenantId: team.id, name: 'vm', instanceType: 's1.small' });
    // Updating a cluster does not count it again; deleting it frees the quota.
    await api.updateResource('/v1/postgres', a.id, { maxConnections: 200 });
    for (const db of (await api.listResources<{ id: string }>('/v1/postgres-databases', { tenantId: team.id })).items) await api.deleteResource('/v1/postgres-databases', db.id);
    await api.deleteResource('/v1/postgres', a.id);
    await expect(pg(team.id, 'c')).resolves.toEqual(expect.objectContaining({ id: expect.any(String) }));
  });

  test('a quota below what the subtree runs is refused; the count shows in /v1/validate', async () => {
    const small = await api.createTenant({ name: 'small' });
    await pg(small.id, 'one');
    await pg(small.id, 'two');
    const err = await failure(api.updateTenant(small.id, { quotas: { postgres: 1 } }));
    expect(err.problem.errors?.[0]).toEqual(
      expect.objectContaining({ field: 'quotas.postgres', reason: expect.stringMatching(/quota postgres of acme\/small cannot be 1: its subtree already uses 2/) }),
    );
    await api.updateTenant(small.id, { quotas: { postgres: 2, vms: 5 } });
    const answer = await api.validate({ kind: 'postgres', tenantId: small.id, spec: { name: 'three', replicas: 1, sizeGb: 1, preset: 'nano' } });
    expect(answer.problems.map((p) => [p.field, p.policy, p.setBy])).toEqual([['name', 'quotas.postgres', 'acme/small']]);
  });

  test('stored quotas without a newer key (written before the kind existed) leave it unlimited', async () => {
    const old = await api.createTenant({ name: 'old', quotas: { vms: 1 } });
    expect(old.quotas).toEqual({ vms: 1 });
    for (const name of ['x', 'y', 'z']) await pg(old.id, name);
  });
});

describe('engine policy', () => {
  test('allowedEngines refuses an engine on create, naming the policy and the tenant; validate says the same', async () => {
    const noDb = await api.createTenant({ name: 'no-db', securityPolicy: { allowedEngines: [] } });
    const err = await failure(pg(noDb.id, 'db'));
    expect(err.status).toBe(400);
    expect(err.problem.title).toBe('Security Policy Violation');
    expect(err.problem.errors).toEqual([
      expect.objectContaining({ field: '', reason: 'engine postgres is not allowed by the security policy of acme/no-db (allowed: none)', policy: 'allowedEngines', setBy: 'acme/no-db' }),
    ]);
    const answer = await api.validate({ kind: 'postgres', tenantId: noDb.id, spec: { name: 'db' } });
    expect(answer.problems.map((p) => [p.policy, p.setBy])).toEqual([['allowedEngines', 'acme/no-db']]);
    // VMs and clusters are no engines: the engine policy leaves them alone.
    await api.createResource('/v1/vms', { tenantId: noDb.id, name: 'vm', instanceType: 's1.small' });
  });

  test('allowedEngineVersions refuses other versions on create and on update (the version field blamed)', async () => {
    const pinned = await api.createTenant({ name: 'pinned', securityPolicy: { allowedEngines: ['postgres'], allowedEngineVersions: { postgres: ['v16', 'v17'] } } });
    const err = await failure(pg(pinned.id, 'old', { version: 'v15' }));
    expect(err.problem.errors).toEqual([
      expect.objectContaining({
        field: 'version',
        reason: 'postgres version v15 is not allowed by the security policy of acme/pinned (allowed: v16, v17)',
        policy: 'allowedEngineVersions',
        setBy: 'acme/pinned',
      }),
    ]);
    const ok = await pg(pinned.id, 'ok', { version: 'v16' });
    await api.updateResource('/v1/postgres', ok.id, { version: 'v17' });
    const up = await failure(api.updateResource('/v1/postgres', ok.id, { version: 'v18' }));
    expect(up.problem.errors?.[0]).toEqual(expect.objectContaining({ field: 'version', policy: 'allowedEngineVersions', setBy: 'acme/pinned' }));
    // The default version (v17) is judged like a written one.
    await expect(pg(pinned.id, 'default')).resolves.toEqual(expect.objectContaining({ version: 'v17' }));
  });

  test('policies intersect down the tree: a child narrows; a wider child is a 400 naming the field and the ancestor', async () => {
    const parent = await api.createTenant({ name: 'eng', securityPolicy: { allowedEngines: ['postgres'], allowedEngineVersions: { postgres: ['v16', 'v17'] } } });
    const wide = await failure(api.createTenant({ name: 'wide', parentId: parent.id, securityPolicy: { allowedEngineVersions: { postgres: ['v17', 'v18'] } } }));
    expect(wide.status).toBe(400);
    expect(wide.problem.errors).toEqual([
      expect.objectContaining({
        field: 'securityPolicy.allowedEngineVersions.postgres.1',
        reason: 'postgres version v18 is wider than the security policy of acme/eng allows (allowed: v16, v17): a sub-tenant can only narrow it',
        setBy: 'acme/eng',
      }),
    ]);
    const closed = await api.createTenant({ name: 'closed', parentId: parent.id, securityPolicy: { allowedEngines: [] } });
    const reopen = await failure(api.createTenant({ name: 'reopen', parentId: closed.id, securityPolicy: { allowedEngines: ['postgres'] } }));
    expect(reopen.problem.errors?.[0]).toEqual(expect.objectContaining({ field: 'securityPolicy.allowedEngines.0', setBy: 'acme/eng/closed' }));
    // Narrowing is fine, and the narrowest tenant is named; a grandchild without a policy inherits it.
    const narrow = await api.createTenant({ name: 'narrow', parentId: parent.id, securityPolicy: { allowedEngineVersions: { postgres: ['v17'] } } });
    const grandchild = await api.createTenant({ name: 'gc', parentId: narrow.id });
    expect((await failure(pg(grandchild.id, 'v16', { version: 'v16' }))).problem.errors?.[0].reason).toBe(
      'postgres version v16 is not allowed by the security policy of acme/eng/narrow (allowed: v17)',
    );
    await pg(grandchild.id, 'v17', { version: 'v17' });
    // A wider update of an existing child is refused the same way.
    const upd = await failure(api.updateTenant(narrow.id, { securityPolicy: { allowedEngineVersions: { postgres: ['v15'] } } }));
    expect(upd.problem.errors?.[0]).toEqual(expect.objectContaining({ field: 'securityPolicy.allowedEngineVersions.postgres.0', setBy: 'acme/eng' }));
  });

  test('unknown engines and versions are plain validation errors', async () => {
    const engine = await failure(api.createTenant({ name: 'bad-engine', securityPolicy: { allowedEngines: ['oracle' as 'postgres'] } }));
    expect(engine.status).toBe(400);
    expect(engine.problem.errors?.[0].field).toBe('securityPolicy.allowedEngines[0]');
    const key = await failure(api.createTenant({ name: 'bad-key', securityPolicy: { allowedEngineVersions: { oracle: ['19c'] } } }));
    expect(key.status).toBe(400);
    expect(JSON.stringify(key.problem.errors)).toMatch(/oracle/);
    const version = await failure(api.createTenant({ name: 'bad-version', securityPolicy: { allowedEngineVersions: { postgres: ['v9'] } } }));
    expect(version.problem.title).not.toBe('Security Policy Violation');
    expect(version.problem.errors?.[0]).toEqual(
      expect.objectContaining({ field: 'securityPolicy.allowedEngineVersions.postgres.0', reason: expect.stringMatching(/"v9" is not a known postgres version \(known: v15, v16, v17, v18\)/) }),
    );
  });

  test('external access of a data service needs the external-IP policy', async () => {
    const closed = await api.createTenant({ name: 'internal', securityPolicy: { externalIpsAllowed: false } });
    const err = await failure(pg(closed.id, 'public', { external: true }));
    expect(err.problem.errors?.[0]).toEqual(expect.objectContaining({ field: 'external', policy: 'externalIpsAllowed', setBy: 'acme/internal' }));
  });
});
