/** The audit log: every change recorded with before/after, redacted, per subtree, append-only. */
import { ApiError, HikubeClient } from '../../client';
import type { AuditEntry, Tenant } from '../../client/types';
import { expectProblem, raw, startTestService, TestService, waitFor } from './helpers';

let t: TestService;
let api: HikubeClient;
let root: Tenant;
let team: Tenant;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
  root = await api.getTenantByPath('acme');
  team = await api.createTenant({ name: 'team', description: 'first' });
});
afterAll(() => t?.stop());

const entries = async (tenantId: string, client = api) => (await client.audit(tenantId, 1000)).items;
const find = (items: AuditEntry[], kind: string, action: string, resourceId: string) => items.find((e) => e.kind === kind && e.action === action && e.resourceId === resourceId);

describe('every change is recorded', () => {
  test('tenants, members, tokens, clusters, VMs and monitoring stacks: create, update, delete with before/after', async () => {
    const sub = await api.createTenant({ name: 'sub', parentId: team.id });
    await api.updateTenant(sub.id, { description: 'changed' });
    const member = await api.createMember({ tenantId: sub.id, user: 'alice@example.com', role: 'view' });
    await api.updateMember(member.id, { role: 'use' });
    await api.deleteMember(member.id);
    const token = await api.createToken({ tenantId: sub.id, role: 'view' });
    await api.revokeToken(token.id);
    const cluster = await api.createResource<{ id: string }>('/v1/clusters', { tenantId: sub.id, name: 'k', nodeGroups: { w: { minReplicas: 1, maxReplicas: 1, instanceType: 'u1.small' } } });
    await api.updateResource('/v1/clusters', cluster.id, { controlPlaneReplicas: 3 });
    const vm = await api.createResource<{ id: string }>('/v1/vms', { tenantId: sub.id, name: 'v', instanceType: 'u1.small', cloudInit: '#cloud-config\npassword: hunter2' });
    await api.updateResource('/v1/vms', vm.id, { runStrategy: 'Halted', cloudInit: '#cloud-config\npassword: hunter3' });
    const stack = await api.createResource<{ id: string }>('/v1/monitoring-stacks', { tenantId: sub.id });
    for (const [c, id] of [
      ['/v1/clusters', cluster.id],
      ['/v1/vms', vm.id],
      ['/v1/monitoring-stacks', stack.id],
    ]) {
      await api.deleteResource(c, id);
      await waitFor(api, c, id, ['gone']);
    }
    await api.deleteTenant(sub.id);

    const items = await entries(team.id);
    const tenantUpdate = find(items, 'tenant', 'update', sub.id);
    expect(tenantUpdate).toMatchObject({ tenantId: sub.id, actorTenantId: root.id, tokenId: expect.stringMatching(/^tok-/), before: { description: null }, after: { description: 'changed' } });
    expect(find(items, 'tenant', 'create', sub.id)).toMatchObject({ before: null, after: { path: 'acme/team/sub' } });
    expect(find(items, 'tenant', 'delete', sub.id)).toMatchObject({ before: { path: 'acme/team/sub' }, after: null });
    expect(find(items, 'member', 'update', member.id)).toMatchObject({ before: { role: 'view' }, after: { role: 'use' } });
    expect(find(items, 'member', 'create', member.id)).toBeDefined();
    expect(find(items, 'member', 'delete', member.id)).toMatchObject({ before: { user: 'alice@example.com' }, after: null });
    expect(find(items, 'api-token', 'create', token.id)?.after).not.toHaveProperty('secret');
    expect(find(items, 'api-token', 'delete', token.id)).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    expect(find(items, 'cluster', 'update', cluster.id)).toMatchObject({ before: { controlPlaneReplicas: 2 }, after: { controlPlaneReplicas: 3 } });
    expect(find(items, 'vm', 'update', vm.id)).toMatchObject({ before: { runStrategy: 'Always' }, after: { runStrategy: 'Halted' } });
    for (const [kind, id] of [
      ['cluster', cluster.id],
      ['vm', vm.id],
      ['monitoring-stack', stack.id],
    ]) {
      expect(find(items, kind, 'create', id)).toBeDefined();
      expect(find(items, kind, 'delete', id)).toMatchObject({ after: null });
    }
    // newest first
    const times = items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('a guardrail change (quotas, decided on the parent) is recorded with before and after', async () => {
    const sub = await api.createTenant({ name: 'guarded', parentId: team.id });
    await api.updateTenant(sub.id, { quotas: { vms: 3 } });
    const entry = find(await entries(team.id), 'tenant', 'update', sub.id);
    expect(entry?.before?.quotas).not.toEqual(entry?.after?.quotas);
    expect(entry?.after).toMatchObject({ quotas: { vms: 3 } });
  });

  test('secrets never reach the log: cloud-init, token secrets and hashes, cluster credentials', async () => {
    const { rows } = await t.service.store.query<{ t: string }>("SELECT string_agg(to_jsonb(a)::text, ' ') AS t FROM audit_log a");
    expect(rows[0].t).not.toMatch(/hunter[23]|hkt_|BEGIN CERTIFICATE PRIVATE|kubeconfig":"apiVersion/);
  });

  test('a change that fails leaves no entry (same transaction)', async () => {
    const before = (await entries(root.id)).length;
    await expect(api.createTenant({ name: 'team' })).rejects.toThrow(/already has a sub-tenant/);
    await expect(api.createMember({ tenantId: team.id, user: 'x@y.example', role: 'view' }).then(() => api.createMember({ tenantId: team.id, user: 'x@y.example', role: 'use' }))).rejects.toThrow(
      ApiError,
    );
    expect((await entries(root.id)).length).toBe(before + 1); // the first member only
  });
});

describe('reading', () => {
  test('a tenant admin sees its subtree only; view and use tokens are refused', async () => {
    const other = await api.createTenant({ name: 'other' });
    await api.updateTenant(other.id, { description: 'elsewhere' });
    const admin = t.clientWith(await t.service.issueToken({ tenantId: team.id, role: 'admin' }));
    const mine = await entries(team.id, admin);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.some((e) => e.resourceId === other.id)).toBe(false);
    expect(
      await admin.audit(other.id).then(
        () => 200,
        (e: ApiError) => e.status,
      ),
    ).toBe(404);
    const viewer = t.clientWith(await t.service.issueToken({ tenantId: team.id, role: 'use' }));
    expect(
      await viewer.audit(team.id).then(
        () => 200,
        (e: ApiError) => e.status,
      ),
    ).toBe(403);
  });

  test('paging with limit and before', async () => {
    const all = await entries(root.id);
    const first = (await api.audit(root.id, 2)).items;
    const next = (await api.audit(root.id, 2, first[1].id)).items;
    expect([...first, ...next].map((e) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
    expectProblem(await raw(t.url, 'GET', `/v1/tenants/${root.id}/audit?limit=0`, { token: t.token }), 400);
  });
});

describe('never editable', () => {
  test('no route changes it: PUT, PATCH, POST and DELETE are 405', async () => {
    for (const method of ['PUT', 'PATCH', 'POST', 'DELETE']) {
      expectProblem(await raw(t.url, method, `/v1/tenants/${root.id}/audit`, { token: t.token }), 405);
    }
  });

  test('the database refuses UPDATE, DELETE and TRUNCATE of the audit table', async () => {
    const db = t.service.store;
    await expect(db.query("UPDATE audit_log SET kind = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await entries(root.id)).length).toBeGreaterThan(0);
  });
});
