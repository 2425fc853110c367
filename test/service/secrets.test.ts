/** Credentials in answers (cluster admin token, kubeconfig, monitoring passwords) are for admins only. */
import { Cluster, MonitoringStack, Tenant } from '../../client/types';
import { startTestService, TestService } from './helpers';

let t: TestService;
let root: Tenant;

beforeAll(async () => {
  t = await startTestService();
  root = await t.client.getTenantByPath('acme');
  const cluster = await t.client.createResource<Cluster>('/v1/clusters', {
    tenantId: root.id,
    name: 'k',
    nodeGroups: { w: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.medium' } },
  });
  await t.client.waitForResource('/v1/clusters', cluster.id, 'ready', 15_000);
  const stack = await t.client.createResource<MonitoringStack>('/v1/monitoring-stacks', { tenantId: root.id });
  await t.client.waitForResource('/v1/monitoring-stacks', stack.id, 'ready', 15_000);
});
afterAll(() => t?.stop());

async function as(role: 'view' | 'use' | 'admin' | 'super-admin') {
  const secret = await t.service.issueToken({ tenantId: root.id, role });
  return t.clientWith(secret);
}

test.each(['view', 'use'] as const)('a %s token reads clusters and stacks without their credentials', async (role) => {
  const client = await as(role);
  const [cluster] = (await client.listResources<Cluster>('/v1/clusters')).items;
  expect(cluster.endpoint).toMatch(/^https:/);
  expect(cluster.adminToken).toBeNull();
  expect(cluster.kubeconfig).toBeNull();
  const one = await client.getResource<Cluster>('/v1/clusters', cluster.id);
  expect(one.adminToken).toBeNull();
  const [stack] = (await client.listResources<MonitoringStack>('/v1/monitoring-stacks')).items;
  const accounts = Object.values(stack.accounts);
  expect(accounts.length).toBeGreaterThan(0);
  for (const a of accounts) {
    expect(a.accountId).toBeGreaterThan(0);
    expect(a.password).toBeNull();
  }
  client.close();
});

test('an admin token gets the credentials', async () => {
  const client = await as('admin');
  const [cluster] = (await client.listResources<Cluster>('/v1/clusters')).items;
  expect(cluster.adminToken).toEqual(expect.any(String));
  expect(cluster.kubeconfig).toContain('server:');
  const [stack] = (await client.listResources<MonitoringStack>('/v1/monitoring-stacks')).items;
  expect(Object.values(stack.accounts)[0].password).toEqual(expect.any(String));
  client.close();
});
