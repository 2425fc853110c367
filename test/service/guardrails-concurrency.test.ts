import { Tenant } from '../../client/types';
import { startTestService, TestService } from './helpers';
import { PgServer, startPgServer } from './pg-server';

/**
 * Quotas hold under concurrency: many parallel creates against a quota of N make exactly N,
 * on PGlite and on a real PostgreSQL server (where the ancestor row locks do the work).
 */

async function race(t: TestService): Promise<void> {
  const team = await t.client.createTenant({ name: 'race', quotas: { vms: 5, subTenants: 4 } });
  const kid = await t.client.createTenant({ name: 'kid', parentId: team.id });
  const vms = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => t.client.createResource('/v1/vms', { tenantId: i % 2 ? team.id : kid.id, name: `vm-${i}`, instanceType: 's1.small' })));
  expect(vms.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
  const tenants = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => t.client.createTenant({ name: `t-${i}`, parentId: i % 2 ? team.id : kid.id })));
  expect(tenants.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
  const made = tenants.flatMap((r) => (r.status === 'fulfilled' ? [(r.value as Tenant).networkCidr] : []));
  expect(new Set(made).size).toBe(made.length);
  // A kind's count quota from the registry holds the same way (PostgreSQL clusters here).
  const data = await t.client.createTenant({ name: 'race-pg', quotas: { postgres: 3 } });
  const sub = await t.client.createTenant({ name: 'kid', parentId: data.id });
  const pgs = await Promise.allSettled(
    Array.from({ length: 16 }, (_, i) => t.client.createResource('/v1/postgres', { tenantId: i % 2 ? data.id : sub.id, name: `pg-${i}`, replicas: 1, sizeGb: 1, preset: 'nano' })),
  );
  expect(pgs.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
  for (const r of [...vms, ...tenants, ...pgs]) if (r.status === 'rejected') expect((r.reason as { status: number }).status).toBe(400);
}

describe('PGlite', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ organisation: 'acme' });
  });
  afterAll(() => t?.stop());
  test('parallel creates never exceed a quota', () => race(t));
});

describe('PostgreSQL server', () => {
  let pg: PgServer;
  let t: TestService;
  beforeAll(async () => {
    pg = await startPgServer();
    t = await startTestService({ organisation: 'acme', databaseUrl: pg.databaseUrl });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    pg?.stop();
  });
  test('parallel creates never exceed a quota', () => race(t));
  test('parallel sibling creates get distinct networks', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => t.client.createTenant({ name: `n-${i}` })));
    const cidrs = results.map((r) => r.networkCidr);
    expect(new Set(cidrs).size).toBe(12);
  });
});
