import { ApiError, HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { TENANT_ID_PATTERN } from '../../model/tenant';
import { expectProblem, failure, raw, startTestService, TestService } from './helpers';

let t: TestService;
let api: HikubeClient;
let root: Tenant;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
  root = await api.getTenantByPath('acme');
});
afterAll(() => t?.stop());

describe('organisation root', () => {
  test('first start creates the root tenant', () => {
    expect(root).toMatchObject({ name: 'acme', path: 'acme', namespace: 'tenant-acme', parentId: null, labels: {}, deletionProtection: false });
    expect(root.id).toMatch(TENANT_ID_PATTERN);
  });

  test('the root can never be deleted', async () => {
    const err = await failure(api.deleteTenant(root.id));
    expect(err.status).toBe(409);
    expect(err.problem.detail).toMatch(/organisation root/);
  });
});

describe('create and read', () => {
  test('default parent is the organisation root; defaults applied', async () => {
    const created = await api.createTenant({ name: 'prod' });
    expect(created).toEqual({
      id: expect.stringMatching(TENANT_ID_PATTERN),
      name: 'prod',
      parentId: root.id,
      path: 'acme/prod',
      namespace: 'tenant-acme-prod',
      description: null,
      labels: {},
      deletionProtection: false,
      quotas: null,
      securityPolicy: null,
      networkPrefixLength: 16,
      networkCidr: expect.stringMatching(/^10\.\d+\.0\.0\/16$/),
      monitoringOwnerId: null,
      metricsAccountId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
    expect(await api.getTenant(created.id)).toEqual(created);
    expect(await api.getTenantByPath('acme/prod')).toEqual(created);
  });

  test('can configure description, labels and deletion protection', async () => {
    const created = await api.createTenant({
      name: 'labelled',
      description: 'Team A',
      labels: { team: 'a', 'app.kubernetes.io/part-of': 'shop' },
      deletionProtection: true,
    });
    expect(created).toMatchObject({ description: 'Team A', labels: { team: 'a', 'app.kubernetes.io/part-of': 'shop' }, deletionProtection: true });
    await api.updateTenant(created.id, { deletionProtection: false });
    await api.deleteTenant(created.id);
  });

  test('201 with a Location header', async () => {
    const res = await raw(t.url, 'POST', '/v1/tenants', {
      token: t.token,
      body: JSON.stringify({ name: 'located' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/tenants/${res.body.id}`);
  });

  test('nested sub-tenants get paths and namespaces from their ancestors', async () => {
    const staging = await api.createTenant({ name: 'staging' });
    const teamA = await api.createTenant({ name: 'team-a', parentId: staging.id });
    const svc = await api.createTenant({ name: 'svc', parentId: teamA.id });
    expect(teamA).toMatchObject({ parentId: staging.id, path: 'acme/staging/team-a', namespace: 'tenant-acme-staging-team-a' });
    expect(svc).toMatchObject({ parentId: teamA.id, path: 'acme/staging/team-a/svc', namespace: 'tenant-acme-staging-team-a-svc' });
    expect((await api.listChildren(staging.id)).items.map((c) => c.path)).toEqual(['acme/staging/team-a']);
    expect((await api.listChildren(svc.id)).items).toEqual([]);
    expect((await api.getTenantByPath('acme/staging/team-a/svc')).id).toBe(svc.id);
  });

  test('list returns every tenant ordered by path', async () => {
    const paths = (await api.listTenants()).items.map((x) => x.path);
    expect(paths[0]).toBe('acme');
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(['acme/prod', 'acme/staging/team-a/svc']));
  });

  test('list can be filtered by ids; unknown ids are left out', async () => {
    const prod = await api.getTenantByPath('acme/prod');
    const { items } = await api.getTenantsById([prod.id, root.id, 'tnt-aaaaaaaaaaaaaaaa']);
    expect(items.map((x) => x.path)).toEqual(['acme', 'acme/prod']);
  });

  test('concurrent findTenant calls share one request and agree with getTenant', async () => {
    const prod = await api.getTenantByPath('acme/prod');
    const [a, b, gone] = await Promise.all([api.findTenant(prod.id), api.findTenant(root.id), api.findTenant('tnt-aaaaaaaaaaaaaaaa')]);
    expect(a).toEqual(await api.getTenant(prod.id));
    expect(b?.path).toBe('acme');
    expect(gone).toBeUndefined();
  });

  test('a malformed id filter is 400 naming the parameter', async () => {
    const problem = expectProblem(await raw(t.url, 'GET', '/v1/tenants?id=nope', { token: t.token }), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ path: ['id', 0] })]);
    const many = Array.from({ length: 101 }, () => 'id=tnt-aaaaaaaaaaaaaaaa').join('&');
    const tooMany = expectProblem(await raw(t.url, 'GET', `/v1/tenants?${many}`, { token: t.token }), 400);
    expect(tooMany.errors?.[0]?.reason).toMatch(/at most 100 ids/);
  });

  test('unknown id, malformed id and unknown path are 404', async () => {
    expect((await failure(api.getTenant('tnt-aaaaaaaaaaaaaaaa'))).status).toBe(404);
    expect((await failure(api.getTenant('nope'))).status).toBe(404);
    expect((await failure(api.getTenantByPath('acme/nope'))).status).toBe(404);
    expect((await failure(api.listChildren('tnt-aaaaaaaaaaaaaaaa'))).status).toBe(404);
  });

  test('by-path without a path is 400 naming the parameter', async () => {
    const problem = expectProblem(await raw(t.url, 'GET', '/v1/tenants/by-path', { token: t.token }), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'path', path: ['path'] })]);
  });

  test('a parent that does not exist is 400 on parentId', async () => {
    const err = await failure(api.createTenant({ name: 'orphan', parentId: 'tnt-aaaaaaaaaaaaaaaa' }));
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual([expect.objectContaining({ field: 'parentId' })]);
  });
});

describe('conflicts', () => {
  test('sibling with the same name is 409', async () => {
    await api.createTenant({ name: 'dup' });
    const err = await failure(api.createTenant({ name: 'dup' }));
    expect(err.status).toBe(409);
    expect(err.problem.detail).toMatch(/acme already has a sub-tenant named dup/);
  });

  test('the same name under different parents is fine', async () => {
    const a = await api.createTenant({ name: 'blue' });
    const b = await api.createTenant({ name: 'green' });
    await api.createTenant({ name: 'web', parentId: a.id });
    await expect(api.createTenant({ name: 'web', parentId: b.id })).resolves.toMatchObject({ path: 'acme/green/web' });
  });

  test('namespace collision is 409 naming the other tenant and suggesting a rename', async () => {
    const prodA = await api.createTenant({ name: 'prod-a' });
    const b = await api.createTenant({ name: 'b', parentId: prodA.id }); // tenant-acme-prod-a-b
    const prod = await api.getTenantByPath('acme/prod');
    const err = await failure(api.createTenant({ name: 'a-b', parentId: prod.id })); // acme/prod/a-b -> same namespace
    expect(err.status).toBe(409);
    expect(err.problem.detail).toContain('tenant-acme-prod-a-b');
    expect(err.problem.detail).toContain(b.path);
    expect(err.problem.detail).toMatch(/rename/);
    expect((err.problem as unknown as Record<string, unknown>).conflictingTenant).toEqual({ id: b.id, path: 'acme/prod-a/b' });
  });

  test('concurrent creates of the same name: exactly one wins', async () => {
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => api.createTenant({ name: 'race' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as ApiError).status).toBe(409);
  });

  test('a namespace longer than 63 characters is 400 on name', async () => {
    let parent = await api.createTenant({ name: `deep-${'a'.repeat(20)}` });
    parent = await api.createTenant({ name: 'b'.repeat(24), parentId: parent.id });
    expect(parent.namespace).toHaveLength(62);
    const err = await failure(api.createTenant({ name: 'cc', parentId: parent.id }));
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual([{ field: 'name', path: ['name'], reason: expect.stringMatching(/65 characters.*63/) }]);
  });
});

describe('update', () => {
  test('changes description, labels and protection in place; null clears', async () => {
    const x = await api.createTenant({ name: 'upd', description: 'before', labels: { a: '1' } });
    const changed = await api.updateTenant(x.id, { description: 'after', labels: { b: '2' }, deletionProtection: true });
    expect(changed).toMatchObject({ id: x.id, path: 'acme/upd', description: 'after', labels: { b: '2' }, deletionProtection: true });
    expect(changed.createdAt).toBe(x.createdAt);
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(x.updatedAt));
    const cleared = await api.updateTenant(x.id, { description: null, labels: null });
    expect(cleared).toMatchObject({ description: null, labels: {}, deletionProtection: true });
    expect(await api.updateTenant(x.id, {})).toEqual(cleared);
    expect(await api.getTenant(x.id)).toEqual(cleared);
  });

  test('the root can be described', async () => {
    await expect(api.updateTenant(root.id, { description: 'ACME Corp' })).resolves.toMatchObject({ description: 'ACME Corp' });
  });

  test('unknown tenant is 404', async () => {
    expect((await failure(api.updateTenant('tnt-aaaaaaaaaaaaaaaa', { description: 'x' }))).status).toBe(404);
  });
});

describe('delete', () => {
  test('deletes a leaf: 204, then 404', async () => {
    const x = await api.createTenant({ name: 'gone' });
    const res = await raw(t.url, 'DELETE', `/v1/tenants/${x.id}`, { token: t.token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await failure(api.getTenant(x.id))).status).toBe(404);
    expect((await failure(api.deleteTenant(x.id))).status).toBe(404);
  });

  test('fails with 409 while children exist, naming them', async () => {
    const parent = await api.createTenant({ name: 'family' });
    const kid1 = await api.createTenant({ name: 'kid1', parentId: parent.id });
    const kid2 = await api.createTenant({ name: 'kid2', parentId: parent.id });
    const err = await failure(api.deleteTenant(parent.id));
    expect(err.status).toBe(409);
    expect(err.problem.detail).toContain('acme/family/kid1, acme/family/kid2');
    expect((err.problem as unknown as Record<string, unknown>).children).toEqual([
      { id: kid1.id, path: 'acme/family/kid1' },
      { id: kid2.id, path: 'acme/family/kid2' },
    ]);
    await api.deleteTenant(kid1.id);
    await api.deleteTenant(kid2.id);
    await api.deleteTenant(parent.id);
  });

  test('fails with 409 under deletion protection, saying how to lift it', async () => {
    const x = await api.createTenant({ name: 'guarded', deletionProtection: true });
    const err = await failure(api.deleteTenant(x.id));
    expect(err.status).toBe(409);
    expect(err.problem.detail).toMatch(/deletion_protection = false/);
    await api.updateTenant(x.id, { deletionProtection: false });
    await api.deleteTenant(x.id);
  });

  test('a name is free again after delete', async () => {
    const x = await api.createTenant({ name: 'reuse' });
    await api.deleteTenant(x.id);
    const again = await api.createTenant({ name: 'reuse' });
    expect(again.id).not.toBe(x.id);
  });
});
