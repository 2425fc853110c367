/**
 * GET /v1/prices/{category}: the price list as Hikube publishes its own, served from
 * model/prices.ts (which reads model/pricing.ts). Every category in EUR and CHF, the errors, and
 * the point of it: a resource's cost estimate is the sum of the published SKUs its spec uses.
 */
import type { Cluster, PriceSheet, Vm } from '../../model/api/types';
import { PRICE_CATEGORY_NAMES, skusOf } from '../../model/prices';
import { EUR_TO_CHF, HOURS_PER_MONTH } from '../../model/pricing';
import { expectProblem, raw, startTestService, TestService } from './helpers';

let t: TestService;
let tenantId: string;

beforeAll(async () => {
  t = await startTestService();
  tenantId = (await t.client.createTenant({ name: 'priced', securityPolicy: { externalIpsAllowed: true } })).id;
});

afterAll(async () => {
  await t.stop();
});

const sheet = async (category: string, currency?: string): Promise<PriceSheet> => t.client.prices(category, currency);
/** Monthly EUR price of each SKU, across every category, as served. */
async function served(): Promise<Map<string, number>> {
  const all = new Map<string, number>();
  for (const c of PRICE_CATEGORY_NAMES) for (const p of (await sheet(c)).items) all.set(p.sku, p.monthly);
  return all;
}
const cents = (x: number) => Math.round(x * 100) / 100;

describe('GET /v1/prices/{category}', () => {
  test.each(PRICE_CATEGORY_NAMES)('%s: every SKU of the list in EUR by default, monthly and hourly; storage per GiB', async (category) => {
    const s = await sheet(category);
    expect(s).toMatchObject({ category, currency: 'EUR', exchangeRate: 1, hoursPerMonth: HOURS_PER_MONTH });
    expect(s.items.map((p) => p.sku)).toEqual(skusOf(category).map((p) => p.sku));
    expect(s.items.length).toBeGreaterThan(0);
    for (const p of s.items) {
      expect(p.monthly).toBe(skusOf(category).find((x) => x.sku === p.sku)!.monthly);
      expect(p.monthly).toBeGreaterThan(0);
      expect(Math.abs(p.hourly * HOURS_PER_MONTH - p.monthly)).toBeLessThan(HOURS_PER_MONTH * 5e-7);
      if (category === 'storage') expect(p.unit).toBe('GiB');
    }
  });

  test.each(PRICE_CATEGORY_NAMES)('%s in CHF: the EUR list at the one rate, to 4 decimals', async (category) => {
    const [eur, chf] = [await sheet(category, 'EUR'), await sheet(category, 'CHF')];
    expect(chf).toMatchObject({ category, currency: 'CHF', exchangeRate: EUR_TO_CHF });
    expect(chf.items.map((p) => p.sku)).toEqual(eur.items.map((p) => p.sku));
    chf.items.forEach((p, i) => {
      expect(p.monthly).toBe(Math.round(eur.items[i].monthly * EUR_TO_CHF * 1e4) / 1e4);
      expect(p.hourly).toBe(Math.round((p.monthly / HOURS_PER_MONTH) * 1e6) / 1e6);
    });
  });

  test('an unknown category is a 404 problem naming the categories there are', async () => {
    const problem = expectProblem(await raw(t.url, 'GET', '/v1/prices/gpus', { token: t.token }), 404);
    expect(problem.detail).toBe(`no price category "gpus"; use one of ${PRICE_CATEGORY_NAMES.join(', ')} (GET /v1/prices/compute)`);
  });

  test('an unknown currency is a 400 problem on the currency field; a token is required', async () => {
    const problem = expectProblem(await raw(t.url, 'GET', '/v1/prices/compute?currency=USD', { token: t.token }), 400);
    expect(problem.errors).toEqual([{ field: 'currency', path: ['currency'], reason: 'must be one of EUR, CHF (got "USD")' }]);
    expectProblem(await raw(t.url, 'GET', '/v1/prices/compute'), 401);
  });

  test('a view token reads it, like the catalog', async () => {
    const view = await t.client.createToken({ tenantId, role: 'view', description: 'prices' });
    expect((await t.clientWith(view.secret).prices('network')).items.length).toBeGreaterThan(0);
  });
});

describe('estimates are sums of published SKUs', () => {
  test('a PostgreSQL cluster: replicas x (preset + volume GiB x disk class) + a public address', async () => {
    const sku = await served();
    const pg = await t.client.createResource<{ monthlyCostEstimate: number }>('/v1/postgres', {
      tenantId,
      name: 'orders',
      replicas: 3,
      preset: 'medium',
      sizeGb: 25,
      storageClass: 'local',
      external: true,
    });
    expect(pg.monthlyCostEstimate).toBe(cents(3 * (sku.get('preset.medium')! + 25 * sku.get('disk.local')!) + sku.get('external-access.WholeIP')!));
  });

  test('a VM: its instance type, every disk by class, its GPU and its ports on the load balancer', async () => {
    const sku = await served();
    const vm = await t.client.createResource<Vm>('/v1/vms', {
      tenantId,
      name: 'render',
      instanceType: 'u1.xlarge',
      systemDisk: { sizeGb: 30 },
      dataDisks: [{ name: 'scratch', sizeGb: 100, storageClass: 'local' }],
      gpus: ['nvidia.com/GA102GL_A10'],
      externalAccess: { method: 'PortList', ports: [22] },
    });
    const expected = sku.get('instance.u1.xlarge')! + 30 * sku.get('disk.replicated')! + 100 * sku.get('disk.local')! + sku.get('gpu.nvidia.com/GA102GL_A10')! + sku.get('external-access.PortList')!;
    expect(vm.monthlyCostEstimate).toBe(cents(expected));
  });

  test('a Kubernetes cluster: control-plane replicas plus each node group at its minimum', async () => {
    const sku = await served();
    const cluster = await t.client.createResource<Cluster>('/v1/clusters', {
      tenantId,
      name: 'web',
      controlPlaneReplicas: 3,
      nodeGroups: { workers: { minReplicas: 2, maxReplicas: 5, instanceType: 's1.2xlarge', diskSizeGb: 60 } },
    });
    const node = sku.get('instance.s1.2xlarge')! + 60 * sku.get(`disk.${cluster.storageClass}`)!;
    expect(cluster.monthlyCostEstimate).toBe(cents(3 * sku.get('kubernetes.control-plane')! + 2 * node));
  });

  test('a monitoring stack: metrics and logs GiB plus each Grafana replica', async () => {
    const sku = await served();
    const stack = await t.client.createResource<{ metricsStorages: { sizeGb: number }[]; logsStorage: { sizeGb: number }; grafana: { replicas: number }; monthlyCostEstimate: number }>(
      '/v1/monitoring-stacks',
      { tenantId },
    );
    const gib = stack.metricsStorages.reduce((s, m) => s + m.sizeGb, 0) + stack.logsStorage.sizeGb;
    expect(stack.monthlyCostEstimate).toBe(cents(gib * sku.get('observability.storage')! + stack.grafana.replicas * sku.get('grafana')!));
  });
});
