import { ApiError, HikubeClient } from '../../client';
import { MonitoringStack, Tenant } from '../../client/types';
import { MONITORING_STACK_ID_PATTERN } from '../../model/monitoring';
import { monitoringMonthlyCost } from '../../model/pricing';
import { startTestService, TestService, waitFor } from './helpers';

/** Monitoring stacks and ownership: nearest ancestor-or-self with a stack owns a tenant. */

let t: TestService;
let api: HikubeClient;
const STACKS = '/v1/monitoring-stacks';

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
});
afterAll(() => t?.stop());

async function tenants(...paths: string[]): Promise<Tenant[]> {
  return Promise.all(paths.map((p) => api.getTenantByPath(p)));
}

test('stack: defaults, cost, URLs; at most one per tenant', async () => {
  const solo = await api.createTenant({ name: 'solo' });
  const stack = await api.createResource<MonitoringStack>(STACKS, { tenantId: solo.id });
  expect(stack).toMatchObject({
    id: expect.stringMatching(MONITORING_STACK_ID_PATTERN),
    status: 'pending',
    metricsStorages: [{ name: 'default', retention: '30d', sizeGb: 10 }],
    logsStorage: { retention: '14d', sizeGb: 10 },
    grafana: { replicas: 1, anonymousAccess: false },
    grafanaUrl: null,
  });
  expect(stack.monthlyCostEstimate).toBe(monitoringMonthlyCost(stack));
  expect(Object.keys(stack.accounts)).toEqual([solo.id]);
  expect(await waitFor(api, STACKS, stack.id)).toMatchObject({
    status: 'ready',
    grafanaUrl: 'https://grafana.tenant-acme-solo.hikube.local',
    vmauthUrl: 'https://vmauth.tenant-acme-solo.hikube.local',
  });
  const err = (await api.createResource(STACKS, { tenantId: solo.id }).catch((e: unknown) => e)) as ApiError;
  expect(err.status).toBe(409);
  expect(err.problem.detail).toMatch(/already has a monitoring stack/);

  const refused = (await api.deleteTenant(solo.id).catch((e: unknown) => e)) as ApiError;
  expect(refused.status).toBe(409);
  expect((refused.problem as unknown as { resources: unknown }).resources).toEqual([{ kind: 'monitoring-stack', id: stack.id, name: 'monitoring' }]);
});

test('nested stacks: nearest ancestor wins; new sub-tenants get accounts; deleting a stack reassigns', async () => {
  const a = await api.createTenant({ name: 'org-a' });
  const b = await api.createTenant({ name: 'b', parentId: a.id });
  const c = await api.createTenant({ name: 'c', parentId: b.id });
  const d = await api.createTenant({ name: 'd', parentId: a.id });
  expect(await api.getTenant(c.id)).toMatchObject({ monitoringOwnerId: null, metricsAccountId: null });

  const top = await api.createResource<MonitoringStack>(STACKS, { tenantId: a.id });
  expect(Object.keys(top.accounts).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
  expect(top.accounts[c.id]).toEqual({ tenantPath: 'acme/org-a/b/c', accountId: expect.any(Number), username: 'tenant-acme-org-a-b-c', password: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/) });
  const dAccount = top.accounts[d.id].accountId;

  const nested = await api.createResource<MonitoringStack>(STACKS, { tenantId: b.id });
  expect(Object.keys(nested.accounts).sort()).toEqual([b.id, c.id].sort());
  const topNow = await api.getResource<MonitoringStack>(STACKS, top.id);
  expect(Object.keys(topNow.accounts).sort()).toEqual([a.id, d.id].sort());
  expect(topNow.accounts[d.id].accountId).toBe(dAccount); // unaffected tenants keep theirs
  const [ta, tb, tc, td] = await tenants('acme/org-a', 'acme/org-a/b', 'acme/org-a/b/c', 'acme/org-a/d');
  expect([ta, tb, tc, td].map((x) => x.monitoringOwnerId)).toEqual([a.id, b.id, b.id, a.id]);
  expect(tc.metricsAccountId).toBe(nested.accounts[c.id].accountId);

  const e = await api.createTenant({ name: 'e', parentId: c.id });
  expect(e).toMatchObject({ monitoringOwnerId: b.id, metricsAccountId: expect.any(Number) });
  expect(Object.keys((await api.getResource<MonitoringStack>(STACKS, nested.id)).accounts)).toContain(e.id);

  await waitFor(api, STACKS, nested.id);
  const deleting = await api.deleteResource<MonitoringStack>(STACKS, nested.id);
  expect(deleting).toMatchObject({ status: 'deleting', accounts: {} });
  const after = await api.getResource<MonitoringStack>(STACKS, top.id);
  expect(Object.keys(after.accounts).sort()).toEqual([a.id, b.id, c.id, d.id, e.id].sort());
  const all = (await api.listTenants()).items.filter((x) => x.path.startsWith('acme/org-a'));
  expect(all.every((x) => x.monitoringOwnerId === a.id)).toBe(true);
  const ids = all.map((x) => x.metricsAccountId as number);
  expect(new Set(ids).size).toBe(ids.length); // unique
  expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
  await waitFor(api, STACKS, nested.id, ['gone']);

  await api.deleteResource(STACKS, top.id);
  expect(await api.getTenant(d.id)).toMatchObject({ monitoringOwnerId: null, metricsAccountId: null });
});
