import { HikubeClient } from '../../client/client';
import { Tenant } from '../../client/types';
import { failure, startTestService, TestService } from './helpers';

/** Security policies, quotas, networks, plan-time validation and usage over real HTTP. */

let t: TestService;
let api: HikubeClient;
let root: Tenant;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
  root = await api.getTenantByPath('acme');
});
afterAll(() => t?.stop());

const vm = (tenantId: string, name: string, extra: Record<string, unknown> = {}) =>
  api.createResource<{ id: string; monthlyCostEstimate: number }>('/v1/vms', { tenantId, name, instanceType: 'u1.large', ...extra });

describe('security policy', () => {
  let production: Tenant;
  beforeAll(async () => {
    production = await api.createTenant({
      name: 'production',
      securityPolicy: { allowedInstanceTypes: ['u1.large', 'u1.xlarge'], externalIpsAllowed: false, egressCidrs: ['10.0.0.0/8', '192.168.0.0/16'] },
    });
  });

  test('is stored and returned', () => {
    expect(production.securityPolicy).toEqual(expect.objectContaining({ allowedInstanceTypes: ['u1.large', 'u1.xlarge'], externalIpsAllowed: false }));
  });

  test('a VM with a forbidden instance type is refused, naming the policy and the tenant that set it', async () => {
    const err = await failure(vm(production.id, 'big', { instanceType: 'u1.8xlarge' }));
    expect(err.status).toBe(400);
    expect(err.problem.title).toBe('Security Policy Violation');
    expect(err.problem.errors?.[0]).toEqual(
      expect.objectContaining({
        field: 'instanceType',
        reason: 'instance type u1.8xlarge is not allowed by the security policy of acme/production (allowed: u1.large, u1.xlarge)',
        setBy: 'acme/production',
      }),
    );
  });

  test('is inherited: a sub-tenant without a policy is bound by its parent, external access refused', async () => {
    const web = await api.createTenant({ name: 'web', parentId: production.id });
    const err = await failure(vm(web.id, 'exposed', { externalAccess: { method: 'PortList', ports: [22] } }));
    expect(err.problem.errors?.[0].reason).toMatch(/external access \(PortList\) is not allowed by the security policy of acme\/production/);
    await expect(vm(web.id, 'fine')).resolves.toEqual(expect.objectContaining({ id: expect.any(String) }));
  });

  test('can only be tightened: a wider child policy is a 400 naming the field and the ancestor', async () => {
    const err = await failure(
      api.createTenant({ name: 'wide', parentId: production.id, securityPolicy: { allowedInstanceTypes: ['u1.large', 'm1.large'], externalIpsAllowed: true, egressCidrs: ['0.0.0.0/0'] } }),
    );
    expect(err.status).toBe(400);
    expect(err.problem.errors?.map((e) => e.field).sort()).toEqual(['securityPolicy.allowedInstanceTypes.1', 'securityPolicy.egressCidrs.0', 'securityPolicy.externalIpsAllowed']);
    expect(err.problem.detail).toMatch(/acme\/production/);
    const narrow = await api.createTenant({ name: 'narrow', parentId: production.id, securityPolicy: { allowedInstanceTypes: ['u1.large'], egressCidrs: ['10.1.0.0/16'] } });
    expect((await failure(vm(narrow.id, 'xl', { instanceType: 'u1.xlarge' }))).problem.errors?.[0].reason).toMatch(/security policy of acme\/production\/narrow \(allowed: u1.large\)/);
  });

  test('cluster versions and node group instance types are checked on create and update', async () => {
    const k8s = await api.createTenant({ name: 'k8s', securityPolicy: { allowedKubernetesVersions: ['v1.33'], allowedInstanceTypes: ['u1.large'] } });
    const body = { tenantId: k8s.id, name: 'c', version: 'v1.32', nodeGroups: { w: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.xlarge' } } };
    const err = await failure(api.createResource('/v1/clusters', body));
    expect(err.problem.errors?.map((e) => e.field).sort()).toEqual(['nodeGroups.w.instanceType', 'version']);
    const ok = await api.createResource<{ id: string }>('/v1/clusters', { ...body, version: 'v1.33', nodeGroups: { w: { ...body.nodeGroups.w, instanceType: 'u1.large' } } });
    expect((await failure(api.updateResource('/v1/clusters', ok.id, { version: 'v1.34' }))).problem.errors?.[0].reason).toMatch(
      /Kubernetes version v1.34 is not allowed by the security policy of acme\/k8s/,
    );
  });
});

describe('quotas', () => {
  test('cover the subtree: VM count and cpu; the error names quota, tenant, use, request and limit', async () => {
    const team = await api.createTenant({ name: 'team', quotas: { cpu: 4, vms: 3 } });
    const sub = await api.createTenant({ name: 'sub', parentId: team.id });
    await vm(sub.id, 'a'); // 2 vCPUs
    await vm(team.id, 'b'); // 4
    const err = await failure(vm(sub.id, 'c'));
    expect(err.status).toBe(400);
    expect(err.problem.title).toBe('Quota Exceeded');
    expect(err.problem.errors?.[0].reason).toBe('quota cpu of acme/team exceeded: 4 vCPUs in use, 2 requested, limit 4');
  });

  test('lowering a quota below current use is a 400; raising is fine', async () => {
    const t2 = await api.createTenant({ name: 'lower', quotas: { storageGib: 100 } });
    await vm(t2.id, 'disk', { systemDisk: { sizeGb: 30 } });
    const err = await failure(api.updateTenant(t2.id, { quotas: { storageGib: 10 } }));
    expect(err.status).toBe(400);
    expect(err.problem.errors?.[0]).toEqual(expect.objectContaining({ field: 'quotas.storageGib', reason: expect.stringMatching(/already uses 30 GiB/) }));
    expect((await api.updateTenant(t2.id, { quotas: { storageGib: 40 } })).quotas).toEqual(expect.objectContaining({ storageGib: 40 }));
  });

  test('sub-tenants count at every level', async () => {
    const org = await api.createTenant({ name: 'org', quotas: { subTenants: 2 } });
    const a = await api.createTenant({ name: 'a', parentId: org.id });
    await api.createTenant({ name: 'b', parentId: a.id });
    const err = await failure(api.createTenant({ name: 'c', parentId: org.id }));
    expect(err.problem.errors?.[0]).toEqual(expect.objectContaining({ field: 'parentId', reason: 'quota sub_tenants of acme/org exceeded: 2 in use, 1 requested, limit 2' }));
  });

  test('a deleted VM frees its quota', async () => {
    const one = await api.createTenant({ name: 'one', quotas: { vms: 1 } });
    const first = await vm(one.id, 'first');
    await failure(vm(one.id, 'second'));
    await api.deleteResource('/v1/vms', first.id);
    await expect(vm(one.id, 'second')).resolves.toBeDefined();
  });
});

describe('networks', () => {
  test('root holds 10.0.0.0/8; top-level tenants get the first free aligned /16, their children /20', async () => {
    expect(root.networkCidr).toBe('10.0.0.0/8');
    const a = await api.createTenant({ name: 'net-a' });
    const b = await api.createTenant({ name: 'net-b' });
    expect(a.networkPrefixLength).toBe(16);
    expect(a.networkCidr).not.toBe(b.networkCidr);
    const child = await api.createTenant({ name: 'x', parentId: a.id });
    expect(child.networkCidr.startsWith(a.networkCidr.split('.').slice(0, 2).join('.'))).toBe(true);
    expect(child.networkPrefixLength).toBe(20);
  });

  test('far more than 16 top-level tenants fit by default, each its own /16', async () => {
    const made = await Promise.all(Array.from({ length: 40 }, (_, i) => api.createTenant({ name: `many-${i}` })));
    expect(new Set(made.map((t) => t.networkCidr)).size).toBe(40);
    expect(made.every((t) => t.networkPrefixLength === 16)).toBe(true);
  });

  test('exhaustion is a 409 naming the parent and its range; a delete frees the block', async () => {
    const small = await api.createTenant({ name: 'small', networkPrefixLength: 26 });
    const kids = [];
    for (let i = 0; i < 4; i++) kids.push(await api.createTenant({ name: `k${i}`, parentId: small.id }));
    expect(kids.map((k) => k.networkPrefixLength)).toEqual([28, 28, 28, 28]);
    const err = await failure(api.createTenant({ name: 'k4', parentId: small.id }));
    expect(err.status).toBe(409);
    expect(err.problem.detail).toMatch(new RegExp(`no free /28 left in acme/small's ${small.networkCidr.replace(/\./g, '\\.')}: 4 of 4 in use`));
    await api.deleteTenant(kids[1].id);
    expect((await api.createTenant({ name: 'k4', parentId: small.id })).networkCidr).toBe(kids[1].networkCidr);
  });

  test("a prefix not longer than the parent's is a 400", async () => {
    const err = await failure(api.createTenant({ name: 'huge', networkPrefixLength: 8 }));
    expect(err.status).toBe(400);
    expect(err.problem.errors?.[0].field).toBe('networkPrefixLength');
  });
});

describe('POST /v1/validate', () => {
  test('reports the same problems as a create, without writing', async () => {
    const strict = await api.createTenant({ name: 'strict', securityPolicy: { allowedInstanceTypes: ['s1.small'] }, quotas: { vms: 0 } });
    const answer = await api.validate({ kind: 'vm', tenantId: strict.id, spec: { name: 'x', instanceType: 'u1.large' } });
    expect(answer.problems.map((p) => [p.field, p.policy, p.setBy])).toEqual([
      ['instanceType', 'allowedInstanceTypes', 'acme/strict'],
      ['name', 'quotas.vms', 'acme/strict'],
    ]);
    expect((await api.validate({ kind: 'tenant', tenantId: strict.id, spec: { name: 'y', securityPolicy: { allowedInstanceTypes: ['u1.large'] } } })).problems[0].setBy).toBe('acme/strict');
    expect((await api.validate({ kind: 'tenant', tenantId: strict.id, resourceId: strict.id, spec: { quotas: { vms: 5 } } })).problems).toEqual([]);
    expect((await api.listResources('/v1/vms', { tenantId: strict.id })).items).toEqual([]);
  });
});

describe('usage', () => {
  test('per resource and per sub-tenant, summing exactly to the total', async () => {
    const billed = await api.createTenant({ name: 'billed' });
    const kid = await api.createTenant({ name: 'kid', parentId: billed.id });
    const from = new Date(Date.now() - 1000).toISOString();
    await vm(billed.id, 'one');
    const two = await vm(kid.id, 'two', { instanceType: 'm1.2xlarge' });
    await api.updateResource('/v1/vms', two.id, { instanceType: 'm1.4xlarge' });
    // A deliberate gap: the resize closes one billing interval and opens the next; 50 ms of the new size is billed too.
    await new Promise((r) => setTimeout(r, 50));
    const usage = await api.tenantUsage(billed.id, { from, to: new Date(Date.now() + 3_600_000).toISOString() });
    expect(usage.resources.map((r) => r.name).sort()).toEqual(['one', 'two']);
    expect(usage.subTenants.map((s) => s.path)).toEqual(['acme/billed', 'acme/billed/kid']);
    const cents = (xs: number[]) => xs.reduce((s, x) => s + Math.round(x * 100), 0);
    expect(cents(usage.resources.map((r) => r.cost))).toBe(Math.round(usage.totalCost * 100));
    expect(cents(usage.subTenants.map((s) => s.cost))).toBe(Math.round(usage.totalCost * 100));
    expect(usage.totalCost).toBeGreaterThan(0);
    expect(usage.resources.every((r) => r.hours > 0.9 && r.hours <= 1.01)).toBe(true);
  });

  test('bad ranges are 400', async () => {
    expect((await failure(api.tenantUsage(root.id, { from: 'yesterday' }))).status).toBe(400);
    expect((await failure(api.tenantUsage(root.id, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }))).status).toBe(400);
  });
});
