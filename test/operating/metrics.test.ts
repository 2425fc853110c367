import { spawn } from 'node:child_process';
import { compiled } from '../../cli/paths';
import { controlPlaneDashboard } from '../../constructs/monitoring/dashboards/control-plane';
import { KNOWN_METRICS } from '../constructs/known-metrics';
import { freePort } from '../support/free-port';
import { waitUntil } from '../support/wait';
import { expectProblem, raw, startTestService, tempDir, TestService, waitFor } from '../service/helpers';

/** Samples of one metric as `labels -> value`, parsed from the exposition text. */
function samples(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m && m[1] === name) out.set(m[2] ?? '', Number(m[3]));
  }
  return out;
}

describe('/metrics', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService({ simDelays: 'vm.create=30s' });
  });

  afterAll(async () => {
    await t?.stop();
  });

  test('Prometheus text: requests by route and status, latency histograms, operations, worker lag, store latency, resources and cost per tenant', async () => {
    const team = await t.client.createTenant({ name: 'team' });
    await t.client.createResource('/v1/vms', { tenantId: team.id, name: 'slow', instanceType: 'u1.large' });
    await raw(t.url, 'GET', `/v1/tenants/${team.id}`, { token: t.token });
    await raw(t.url, 'GET', '/v1/tenants/tnt-aaaaaaaaaaaaaaaa', { token: t.token });
    await raw(t.url, 'GET', '/no/such/thing', { token: t.token });

    const res = await raw(t.url, 'GET', '/metrics', { token: t.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    const requests = samples(text, 'hikube_http_requests_total');
    expect(requests.get('{method="GET",route="/v1/tenants/:id",status="200"}')).toBe(1);
    expect(requests.get('{method="GET",route="/v1/tenants/:id",status="404"}')).toBe(1);
    expect(requests.get('{method="POST",route="/v1/vms",status="202"}')).toBe(1);
    expect(requests.get('{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect([...requests.keys()].every((k) => !/tnt-|vm-/.test(k))).toBe(true);
    expect(samples(text, 'hikube_http_request_duration_seconds_count').get('{method="POST",route="/v1/vms"}')).toBe(1);
    expect(samples(text, 'hikube_http_request_duration_seconds_bucket').get('{method="POST",route="/v1/vms",le="+Inf"}')).toBe(1);
    expect(samples(text, 'hikube_store_duration_seconds_count').get('{backend="pglite",op="transaction"}')).toBeGreaterThan(0);
    const ops = samples(text, 'hikube_operations');
    expect((ops.get('{kind="vm",action="create",state="running"}') ?? 0) + (ops.get('{kind="vm",action="create",state="pending"}') ?? 0)).toBe(1);
    expect(samples(text, 'hikube_worker_lag_seconds').has('{kind="vm"}')).toBe(true);
    expect(samples(text, 'hikube_resources').get('{tenant="acme/team",kind="vm"}')).toBe(1);
    expect(samples(text, 'hikube_monthly_cost').get('{tenant="acme/team",kind="vm"}')).toBeGreaterThan(0);
    expect(samples(text, 'hikube_store_up').get('')).toBe(1);
    // The process's own figures, as Prometheus clients name them: CPU grows with work, memory is the RSS.
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    const cpuBefore = samples(text, 'process_cpu_seconds_total').get('')!;
    expect(cpuBefore).toBeCloseTo(samples(text, 'process_cpu_user_seconds_total').get('')! + samples(text, 'process_cpu_system_seconds_total').get('')!, 2);
    for (let i = 0; i < 20; i++) await raw(t.url, 'GET', `/v1/tenants/${team.id}`, { token: t.token });
    const after = (await raw(t.url, 'GET', '/metrics', { token: t.token })).text;
    expect(samples(after, 'process_cpu_seconds_total').get('')!).toBeGreaterThan(cpuBefore);
    expect(samples(text, 'process_resident_memory_bytes').get('')!).toBeGreaterThan(10 * 1024 * 1024);
    expect(samples(text, 'process_start_time_seconds').get('')!).toBeLessThanOrEqual(Date.now() / 1000);

    // The "Hikube control plane" dashboard and the known-metrics list name only what a scrape has.
    const scraped = new Set(
      text
        .split('\n')
        .filter((l) => /^[a-z]/.test(l))
        .map((l) => /^[a-z_]+/.exec(l)![0]),
    );
    const used = new Set(JSON.stringify(controlPlaneDashboard).match(/hikube_[a-z_]+/g));
    const listed = KNOWN_METRICS['Hikube control plane (GET /metrics)'];
    expect([...used, ...listed].filter((n) => !scraped.has(n))).toEqual([]);
  });

  test('need a token of the organisation root', async () => {
    expectProblem(await raw(t.url, 'GET', '/metrics'), 401);
    const team = await t.client.createTenant({ name: 'other' });
    const teamToken = await t.service.issueToken({ tenantId: team.id, role: 'super-admin' });
    expectProblem(await raw(t.url, 'GET', '/metrics', { token: teamToken }), 403);
    const root = (await t.client.getTenantByPath('acme')).id;
    const viewToken = await t.service.issueToken({ tenantId: root, role: 'view' });
    expect((await raw(t.url, 'GET', '/metrics', { token: viewToken })).status).toBe(200);
  });

  test('a failed operation is counted by kind', async () => {
    const f = await startTestService({ simFailures: 'vm.create:name=broken-*:no capacity in zone' });
    try {
      const team = await f.client.createTenant({ name: 'team' });
      const vm = await f.client.createResource<{ id: string }>('/v1/vms', { tenantId: team.id, name: 'broken-1', instanceType: 'u1.large' });
      await waitFor(f.client, '/v1/vms', vm.id);
      const text = (await raw(f.url, 'GET', '/metrics', { token: f.token })).text;
      expect(samples(text, 'hikube_operations').get('{kind="vm",action="create",state="failed"}')).toBe(1);
    } finally {
      await f.stop();
    }
  });
});

describe('request ids and log levels', () => {
  test("a problem+json answer carries the request id of its response (the caller's when sane)", async () => {
    const t = await startTestService();
    try {
      const res = await raw(t.url, 'POST', '/v1/tenants', { token: t.token, body: '{"name":', headers: { 'content-type': 'application/json', 'x-request-id': 'req-abc-123' } });
      expect(expectProblem(res, 400).requestId).toBe('req-abc-123');
      expect(res.headers.get('x-request-id')).toBe('req-abc-123');
      const mine = await raw(t.url, 'GET', '/v1/tenants/tnt-aaaaaaaaaaaaaaaa', { token: t.token, headers: { 'x-request-id': 'bad id with spaces' } });
      expect(expectProblem(mine, 404).requestId).toBe(mine.headers.get('x-request-id'));
      expect(mine.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await t.stop();
    }
  });

  test('--log-level warn drops info lines; a bad level is a usage error', async () => {
    const home = tempDir();
    const port = await freePort();
    const child = spawn(process.execPath, [compiled('service/main.js'), '--port', String(port), '--data-dir', `${home}/data`, '--credentials-file', `${home}/c.json`, '--log-level', 'warn'], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    try {
      const up = await waitUntil(
        'the service to answer /healthz',
        () =>
          raw(`http://127.0.0.1:${port}`, 'GET', '/healthz').then(
            (r) => r.status === 200,
            () => false,
          ),
        { timeoutMs: 50_000, intervalMs: 100, detail: () => out },
      );
      expect(up).toBe(true);
      expect((await raw(`http://127.0.0.1:${port}`, 'GET', '/v1/tenants')).status).toBe(401);
    } finally {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
    expect(out.split('\n').filter((l) => l.includes('"level":"info"'))).toEqual([]);
    const bad = spawn(process.execPath, [compiled('service/main.js'), '--log-level', 'loud']);
    let err = '';
    bad.stderr.on('data', (c: Buffer) => (err += c));
    const code = await new Promise((resolve) => bad.on('close', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--log-level must be one of debug, info, warn, error, got "loud"/);
  });
});
