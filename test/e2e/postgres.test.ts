/**
 * A managed PostgreSQL cluster through the real terraform, provider and service: plan-time cost,
 * the external-IP policy and quotas at plan, in-place changes, the change rules at plan (the
 * volume never shrinks, the replication mode and the version never go back), import by path, a
 * database in it (a sub-resource: the cluster's tenant, unique in the cluster, the cluster kept
 * while it has one), destroy.
 */
import { dataServiceMonthlyCost } from '../../model/pricing';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const TENANT = `
resource "hikube_tenant" "data" {
  name = "data"
  security_policy = { external_ips_allowed = false }
  quotas          = { storage_gib = 100 }
}
`;

const pg = (args: string) => `${PROVIDER_BLOCK}${TENANT}
resource "hikube_postgres" "orders" {
  tenant_id = hikube_tenant.data.id
  name      = "orders"
${args}
}

output "cost" {
  value = hikube_postgres.orders.monthly_cost_estimate
}

output "host" {
  value = hikube_postgres.orders.host
}
`;

interface Postgres {
  id: string;
  name: string;
  version: string;
  replicas: number;
  sizeGb: number;
  preset: string;
  maxConnections: number;
  host: string;
  port: number;
  status: string;
  monthlyCostEstimate: number;
}

describe('hikube_postgres', () => {
  const suite = e2eSuite('e2e-postgres', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const only = async () => {
    const { items } = await suite.api.listResources<Postgres>('/v1/postgres');
    expect(items).toHaveLength(1);
    return items[0];
  };

  beforeAll(async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await suite.ws.ok('init', '-no-color');
  });

  test('the plan shows the cost; apply creates it with the defaults, ready, at the cost the plan showed', async () => {
    suite.ws.write(pg('  replicas = 2\n  size_gb = 20\n  preset = "small"'));
    const expected = dataServiceMonthlyCost({ replicas: 2, preset: 'small', sizeGb: 20, storageClass: 'replicated', external: false });
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain(`+ monthly_cost_estimate = ${expected}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const made = await only();
    expect(made).toMatchObject({ name: 'orders', version: 'v17', replicas: 2, sizeGb: 20, preset: 'small', maxConnections: 100, port: 5432, status: 'ready', monthlyCostEstimate: expected });
    expect(made.host).toMatch(/^postgres-orders-rw\.tenant-[a-z0-9-]+\.svc$/);
    expect(JSON.parse((await suite.ws.ok('output', '-json', 'cost')).stdout)).toBe(expected);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('scaling, a bigger volume, a new preset and a setting change in place', async () => {
    const before = await only();
    suite.ws.write(pg('  replicas = 3\n  size_gb = 30\n  preset = "medium"\n  max_connections = 300'));
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('1 to change, 0 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const after = await only();
    expect(after).toMatchObject({ id: before.id, replicas: 3, sizeGb: 30, preset: 'medium', maxConnections: 300, status: 'ready' });
    expect(after.monthlyCostEstimate).toBe(dataServiceMonthlyCost({ replicas: 3, preset: 'medium', sizeGb: 30, storageClass: 'replicated', external: false }));
  });

  test('a shrinking volume, a switch to standalone and a downgrade fail the plan, each on its attribute', async () => {
    suite.ws.write(pg('  replicas = 1\n  size_gb = 10\n  preset = "medium"\n  max_connections = 300\n  version = "v16"'));
    const plan = await suite.ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('Volume Cannot Shrink');
    expect(text).toContain('size_gb volumes never shrink: 30 GiB now, got 10');
    expect(text).toContain('Replication Mode Cannot Change');
    expect(text).toContain('replicas cannot switch between a standalone server (1) and a replicated cluster (2 to 8) in place: 3 now, got 1');
    expect(text).toContain('Version Cannot Go Back');
    expect((await only()).sizeGb).toBe(30);
  });

  test('external access and quotas are judged at plan', async () => {
    suite.ws.write(pg('  replicas = 3\n  size_gb = 30\n  preset = "medium"\n  max_connections = 300\n  external = true'));
    const external = await suite.ws.tf('plan', '-no-color');
    expect(external.code).toBe(1);
    expect(plain(external.stderr)).toContain('Security Policy Violation');
    suite.ws.write(pg('  replicas = 3\n  size_gb = 40\n  preset = "medium"\n  max_connections = 300'));
    const quota = await suite.ws.tf('plan', '-no-color');
    expect(quota.code).toBe(1);
    expect(plain(quota.stderr)).toContain('Quota Exceeded');
    expect(plain(quota.stderr)).toContain('quota storage_gib of acme/data exceeded');
  });

  test('import by tenant path and name gives a state with nothing to change', async () => {
    const made = await only();
    suite.ws.write(pg('  replicas = 3\n  size_gb = 30\n  preset = "medium"\n  max_connections = 300'));
    await suite.ws.ok('state', 'rm', 'hikube_postgres.orders');
    await suite.ws.ok('import', '-no-color', 'hikube_postgres.orders', 'acme/data/orders');
    const show = JSON.parse((await suite.ws.ok('show', '-json')).stdout) as { values: { root_module: { resources: { address: string; values: { id: string } }[] } } };
    expect(show.values.root_module.resources.find((r) => r.address === 'hikube_postgres.orders')?.values.id).toBe(made.id);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  const CLUSTER = '  replicas = 3\n  size_gb = 30\n  preset = "medium"\n  max_connections = 300';
  const database = (extensions: string) => `${pg(CLUSTER)}
resource "hikube_postgres_database" "app" {
  postgres_id = hikube_postgres.orders.id
  name        = "app"
  extensions  = ${extensions}
}
`;

  test('a database: created in the cluster, in its tenant; extensions changed in place; imported by tenant, cluster and name', async () => {
    const cluster = await only();
    suite.ws.write(database('["pgcrypto"]'));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const [db] = (await suite.api.listResources<{ id: string; name: string; postgresId: string; tenantId: string; extensions: string[]; status: string }>('/v1/postgres-databases')).items;
    const tenant = await suite.api.getTenantByPath('acme/data');
    expect(db).toMatchObject({ name: 'app', postgresId: cluster.id, tenantId: tenant.id, extensions: ['pgcrypto'], status: 'ready' });

    suite.ws.write(database('["pgcrypto", "vector"]'));
    expect(plain((await suite.ws.ok('plan', '-no-color')).stdout)).toContain('1 to change, 0 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(await suite.api.getResource<{ id: string; extensions: string[] }>('/v1/postgres-databases', db.id)).toMatchObject({ id: db.id, extensions: ['pgcrypto', 'vector'] });

    await suite.ws.ok('state', 'rm', 'hikube_postgres_database.app');
    await suite.ws.ok('import', '-no-color', 'hikube_postgres_database.app', 'acme/data/orders/app');
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a duplicate extension fails validation; the cluster cannot go while it has a database, and the service says which', async () => {
    suite.ws.write(database('["pgcrypto", "pgcrypto"]'));
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Duplicate Extension');
    const cluster = await only();
    const refused = await suite.api.deleteResource('/v1/postgres', cluster.id).then(
      () => undefined,
      (err: { status: number; problem: { detail: string } }) => err,
    );
    expect(refused?.status).toBe(409);
    expect(refused?.problem.detail).toContain('still has 1 PostgreSQL database: app; delete it first');
    expect((await only()).status).toBe('ready');
  });

  test('destroy removes the database, then the cluster', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources<Postgres>('/v1/postgres')).items).toEqual([]);
    expect((await suite.api.listResources<{ id: string }>('/v1/postgres-databases')).items).toEqual([]);
  });
});
