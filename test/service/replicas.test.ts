import { Vm } from '../../client/types';
import { startTestService, tempDir, TestService, waitFor } from './helpers';
import { PgServer, startPgServer } from './pg-server';

/**
 * Two service replicas on one real PostgreSQL: both accept requests and both run workers; every
 * operation must finish exactly once and every driver object be created and deleted once.
 */

let pg: PgServer | undefined;
let one: TestService | undefined;
let two: TestService | undefined;

beforeAll(async () => {
  pg = await startPgServer();
  const dir = tempDir();
  const common = { databaseUrl: pg.databaseUrl, organisation: 'pgorg', simDelays: 'vm.create=150ms,cluster.create=300ms,*.delete=50ms', workers: 4 };
  one = await startTestService({ ...common, dir });
  two = await startTestService({ ...common, dir: tempDir(), credentialsFile: one.credentialsFile });
});

afterAll(async () => {
  await one?.stop();
  await two?.stop();
  pg?.stop();
});

test('many operations across two replicas: each runs exactly once', async () => {
  const tenant = await one!.client.createTenant({ name: 'busy' });
  const clients = [one!.client, two!.client];
  const created = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      i % 4 === 3
        ? clients[i % 2].createResource<Vm>('/v1/clusters', { tenantId: tenant.id, name: `k${i}`, nodeGroups: { w: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.small' } } })
        : clients[i % 2].createResource<Vm>('/v1/vms', { tenantId: tenant.id, name: `vm${i}`, instanceType: 'u1.small' }),
    ),
  );
  const collection = (id: string) => (id.startsWith('kc-') ? '/v1/clusters' : '/v1/vms');
  for (const r of created) expect(await waitFor(clients[0], collection(r.id), r.id)).toMatchObject({ status: 'ready' });
  await Promise.all(created.map((r, i) => clients[i % 2].deleteResource(collection(r.id), r.id)));
  for (const r of created) expect(await waitFor(clients[1], collection(r.id), r.id, ['gone'])).toBe('gone');

  const db = one!.service.store;
  const ops = (await db.query<{ resource_id: string; action: string; state: string }>('SELECT resource_id, action, state FROM operations')).rows;
  expect(ops).toHaveLength(created.length * 2);
  for (const r of created) {
    expect(
      ops
        .filter((o) => o.resource_id === r.id)
        .map((o) => `${o.action}:${o.state}`)
        .sort(),
    ).toEqual(['create:succeeded', 'delete:succeeded']);
  }
  const events = (await db.query<{ object_id: string; event: string; n: number }>('SELECT object_id, event, count(*)::int AS n FROM sim_driver_log GROUP BY object_id, event')).rows;
  expect(events.filter((e) => e.event === 'created')).toHaveLength(created.length);
  expect(events.filter((e) => e.event === 'deleted')).toHaveLength(created.length);
  expect(events.every((e) => e.n === 1)).toBe(true);
  expect((await db.query('SELECT id FROM sim_driver_objects')).rows).toEqual([]);

  // Each operation finished once, by one replica; both replicas did work.
  const finished = [one!, two!].map((s) => s.logs.map((l) => JSON.parse(l) as { msg: string; operationId?: string }).filter((l) => l.msg === 'operation finished'));
  const finishedIds = finished.flat().map((l) => l.operationId);
  expect(new Set(finishedIds).size).toBe(finishedIds.length);
  expect(finishedIds).toHaveLength(created.length * 2);
  expect(finished.every((list) => list.length > 0)).toBe(true);
});
