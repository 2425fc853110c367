import { ApiError, HikubeClient } from '../../client';
import { startPgServer, PgServer } from '../service/pg-server';
import { expectProblem, raw, startTestService, tempDir, TestService } from '../service/helpers';

/**
 * A real PostgreSQL server stopped and started again under a running service: while it is
 * down the service answers 503 with Retry-After (not 500), stays alive (/healthz) but not
 * ready (/readyz), and a client waits the outage out instead of failing.
 */
describe('a PostgreSQL restart under the service', () => {
  let pg: PgServer;
  let t: TestService;

  beforeAll(async () => {
    pg = await startPgServer();
    t = await startTestService({ databaseUrl: pg.databaseUrl, dir: tempDir(), organisation: 'outage' });
  });

  afterAll(async () => {
    await t?.stop();
    pg?.stop();
  });

  test('503 + Retry-After while the database is down, alive but not ready, then everything is back', async () => {
    const before = await t.client.createTenant({ name: 'before' });
    expect((await raw(t.url, 'GET', '/readyz')).status).toBe(200);

    pg.halt();
    try {
      const list = await raw(t.url, 'GET', '/v1/tenants', { token: t.token });
      const problem = expectProblem(list, 503);
      expect(list.headers.get('retry-after')).toBe('2');
      expect(problem.detail).toMatch(/cannot reach its database/);
      expect(problem.requestId).toBe(list.headers.get('x-request-id'));
      // written deep in the request (the error handler), it carries the request id without being given it
      const fault = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'store fault');
      expect(fault).toMatchObject({ level: 'warn', requestId: problem.requestId });
      const write = await raw(t.url, 'POST', '/v1/tenants', { token: t.token, body: JSON.stringify({ name: 'during' }), headers: { 'content-type': 'application/json' } });
      expectProblem(write, 503);

      expect((await raw(t.url, 'GET', '/healthz')).status).toBe(200);
      const ready = await raw(t.url, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not ready', checks: { store: expect.stringMatching(/^unavailable/) } });
      expect(t.logs.some((l) => /"level":"error".*unexpected error/.test(l))).toBe(false);
    } finally {
      pg.restart();
    }
    expect((await raw(t.url, 'GET', '/readyz')).status).toBe(200);
    expect((await t.client.getTenant(before.id)).name).toBe('before');
    expect((await t.client.listTenants()).items.map((x) => x.name)).not.toContain('during');
  });

  test('a client waits out a 3-second outage within its budget, and fails with the 503 past it', async () => {
    pg.halt();
    const patient = new HikubeClient({ endpoint: t.url, token: t.token, retryUnavailableMs: 30_000 });
    const impatient = new HikubeClient({ endpoint: t.url, token: t.token, retryUnavailableMs: 0 });
    try {
      const waiting = patient.createTenant({ name: 'patient' });
      const failed = await impatient.listTenants().catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ApiError);
      expect((failed as ApiError).status).toBe(503);
      await new Promise((r) => setTimeout(r, 3000)); // a gap on purpose: the outage lasts 3 s
      pg.restart();
      expect(await waiting).toMatchObject({ name: 'patient', path: 'outage/patient' });
    } finally {
      patient.close();
      impatient.close();
    }
  });
});
