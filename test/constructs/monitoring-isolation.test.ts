import { LOGS_READ_PATHS, LOGS_WRITE_PATHS, METRICS_READ_PATHS, TenantAccount, VmauthConfig, ownerLogsUsername, vmauthConfig } from '../../constructs/monitoring';

const BACKENDS = { vminsert: 'http://vminsert:8480', vmselect: 'http://vmselect:8481', victoriaLogs: 'http://victoria-logs:9428' };
const owner: TenantAccount = { username: 'production', password: 'p0', accountId: 10 };
const web: TenantAccount = { username: 'web', password: 'p1', accountId: 11 };
const data: TenantAccount = { username: 'data', password: 'p2', accountId: 12 };
const config: VmauthConfig = JSON.parse(JSON.stringify(vmauthConfig(BACKENDS, owner, [web, data])));
const user = (name: string) => config.users.find((u) => u.username === name)!;

/** Every account ID a route can reach: in the backend path, or forced as the AccountID header. */
function accountsReached(entry: VmauthConfig['users'][number]['url_map'][number]): string[] {
  const ids: string[] = [];
  const m = /\/(insert|select)\/([^/]+)\/prometheus/.exec(entry.url_prefix);
  if (m) ids.push(m[2]);
  for (const h of entry.headers ?? []) {
    const a = /^AccountID: (.+)$/.exec(h);
    if (a) ids.push(a[1]);
  }
  return ids;
}

describe('vmauth isolation', () => {
  test("one user per tenant, the owner first, then its read-only view of each tenant's logs", () => {
    expect(config.users.map((u) => u.username)).toEqual(['production', 'production.logs-11', 'production.logs-12', 'web', 'data']);
    expect(new Set(config.users.map((u) => u.username)).size).toBe(5);
    expect(ownerLogsUsername(owner, web)).toBe('production.logs-11');
  });

  test.each([
    ['web', web],
    ['data', data],
  ])('sub-tenant %s reaches only its own account, on every route', (name, account) => {
    for (const entry of user(name).url_map) {
      const reached = accountsReached(entry);
      // Every route pins an account: nothing is left for the client to choose.
      expect(reached.length).toBeGreaterThan(0);
      expect(reached).toEqual(reached.map(() => String(account.accountId)));
    }
  });

  test('no sub-tenant user reaches /select/multitenant', () => {
    for (const u of [user('web'), user('data')]) {
      for (const entry of u.url_map) expect(entry.url_prefix).not.toMatch(/multitenant/);
    }
  });

  test('no user lets the client pass tenant filter overrides', () => {
    for (const u of config.users) {
      for (const entry of u.url_map) {
        // Nothing in the URL for a client to merge with: tenant filters are not in query args.
        expect(entry.url_prefix).not.toMatch(/[?&](extra_label|extra_filters|vm_account_id|AccountID)/i);
        // Routes are an allow-list of exact endpoints: no catch-all through which a path could reach another tenant.
        for (const p of entry.src_paths) expect(p).not.toMatch(/^\/?\.\*|\/\.\*$/);
      }
    }
  });

  test('logs routes force AccountID and ProjectID on every url_map entry (user-level headers are not inherited)', () => {
    for (const u of config.users) {
      expect(u).not.toHaveProperty('headers');
      for (const entry of u.url_map.filter((e) => e.url_prefix === BACKENDS.victoriaLogs)) {
        expect(entry.headers).toEqual([expect.stringMatching(/^AccountID: \d+$/), 'ProjectID: 0']);
      }
    }
  });

  test('no default route and no unauthenticated access', () => {
    expect(config).not.toHaveProperty('unauthorized_user');
    for (const u of config.users) expect(u).not.toHaveProperty('default_url');
  });

  test('every tenant, the owner included, writes only into its own account', () => {
    for (const [u, a] of [
      [user('production'), owner],
      [user('web'), web],
      [user('data'), data],
    ] as const) {
      const writes = u.url_map.filter((e) => e.src_paths.some((p) => p === '/api/v1/write' || LOGS_WRITE_PATHS.includes(p)));
      expect(writes).toHaveLength(2);
      for (const e of writes) expect(accountsReached(e)).toEqual([String(a.accountId)]);
    }
  });

  test("the owner reads all accounts: multitenant metrics, and each tenant's logs as a read-only user with its own password", () => {
    const routes = user('production').url_map;
    expect(routes).toContainEqual({ src_paths: METRICS_READ_PATHS, url_prefix: 'http://vmselect:8481/select/multitenant/prometheus' });
    for (const a of [web, data]) {
      const view = user(ownerLogsUsername(owner, a));
      expect(view.password).toBe(owner.password);
      expect(view.url_map).toEqual([{ src_paths: LOGS_READ_PATHS, url_prefix: BACKENDS.victoriaLogs, headers: [`AccountID: ${a.accountId}`, 'ProjectID: 0'] }]);
    }
  });

  test('no route needs a path rewrite: logs and metrics paths never overlap', () => {
    const metrics = new Set(config.users.flatMap((u) => u.url_map.filter((e) => e.url_prefix !== BACKENDS.victoriaLogs).flatMap((e) => e.src_paths)));
    for (const p of [...LOGS_READ_PATHS, ...LOGS_WRITE_PATHS]) expect(metrics.has(p)).toBe(false);
    for (const u of config.users) for (const e of u.url_map) expect(Object.keys(e).sort()).toEqual(e.headers ? ['headers', 'src_paths', 'url_prefix'] : ['src_paths', 'url_prefix']);
  });
});
