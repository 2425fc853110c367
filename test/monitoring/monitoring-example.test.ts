/**
 * examples/monitoring end to end, as far as real programs go on one machine:
 *
 * 1. the `platform` stack through the real terraform binary, the real hikube provider and the
 *    real service (validate, apply);
 * 2. the `platform-monitoring` stack through terraform (validate, plan) with STAND-INS for
 *    hashicorp/kubernetes and hashicorp/helm that record what Terraform sends: every
 *    dashboard must arrive byte for byte as generated;
 * 3. the vmauth config Terraform evaluated, loaded by the real vmauth (Debian 1.79.5) in front
 *    of recording backends: each credential x each route x escape attempts;
 * 4. vmagent (Debian 1.79.5) started with exactly the flags the chart renders from the planned
 *    values, scraping a real node-exporter, shipping through vmauth with a sub-tenant's
 *    credential into that sub-tenant's account only, stored in the real VictoriaMetrics single
 *    node; then every dashboard query evaluated against it.
 */
import { Testing } from 'cdktf';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import {
  DASHBOARDS,
  GLOBAL_SCOPE,
  GRAFANA_PLUGINS,
  LOGS_READ_PATHS,
  LOGS_WRITE_PATHS,
  METRICS_READ_PATHS,
  TenantAccount,
  dashboardFiles,
  grafanaDatasources,
  logCollectorValues,
  renderDashboard,
  tenantScope,
  vmagentValues,
  vmauthConfig,
} from '../../constructs/monitoring';
import { MonitoringExample } from '../../examples/monitoring/main';
import { RunningService, startService, tempDir } from '../e2e/harness';
import { freePort } from '../support/free-port';
import { Installed, Recorded, StackRun, installStandIns, stackDir } from '../support/stand-in-providers';
import { waitUntil } from '../support/wait';
import { vmagentArgs } from './chart-args';
import { Running, basic, get, recordingBackend, request, start } from './programs';

jest.setTimeout(120_000);

interface Account {
  account_id: number;
  username: string;
  password: string;
  tenant_path: string;
}

let base: string;
let installed: Installed;
let service: RunningService;
let platform: StackRun;
let inCluster: StackRun;
let validated: Recorded[];
let planned: Recorded[];
/** Accounts as the service issued them, by tenant path. */
let accounts: Record<string, Account>;
let vmauthUrl: string;

const byName = (records: Recorded[], type: string, name: string) => records.filter((r) => r.typeName === type && r.value.metadata?.[0]?.name === name);
const releases = (records: Recorded[], name: string) => records.filter((r) => r.typeName === 'helm_release' && r.value.name === name);

beforeAll(async () => {
  base = tempDir('monitoring-example');
  installed = installStandIns(path.join(base, 'terraform'));
  service = await startService(path.join(base, 'service'), ['--sim-delays', '0']);
  const app = Testing.app();
  const example = new MonitoringExample(app);
  app.synth();
  const state = path.join(base, 'platform', 'terraform.tfstate');
  const platformJson = JSON.parse(Testing.synth(example.platform));
  platformJson.terraform.backend = { local: { path: state } };
  const inClusterJson = JSON.parse(Testing.synth(example.inCluster));
  inClusterJson.terraform.backend = { local: { path: path.join(base, 'in-cluster', 'terraform.tfstate') } };
  for (const remote of Object.values<any>(inClusterJson.data.terraform_remote_state)) remote.config.path = state;

  platform = stackDir(installed, path.join(base, 'platform'), platformJson, { HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token });
  await platform.ok('init', '-input=false');
  await platform.ok('validate');
  await platform.ok('apply', '-auto-approve', '-input=false');
  const shown = JSON.parse((await platform.ok('show', '-json')).stdout);
  const stack = shown.values.root_module.resources.find((r: any) => r.type === 'hikube_monitoring_stack').values;
  // Keyed by path below the organisation root (`acme/production/web` -> `production/web`).
  accounts = Object.fromEntries(Object.values<any>(stack.accounts).map((a) => [a.tenant_path.split('/').slice(1).join('/'), a]));
  vmauthUrl = stack.vmauth_url;

  inCluster = stackDir(installed, path.join(base, 'in-cluster'), inClusterJson);
  await inCluster.ok('init', '-input=false');
  await inCluster.ok('validate');
  validated = inCluster.records().filter((r) => r.rpc === 'validate');
  await inCluster.ok('plan', '-input=false', '-out=plan.bin');
  planned = inCluster.records().filter((r) => r.rpc === 'plan');
});

afterAll(async () => {
  await service?.stop();
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

const folderScope = (name: string) => (name === 'dashboards-all-tenants' ? GLOBAL_SCOPE : tenantScope(name.slice('dashboards-'.length)));

describe('examples/monitoring through terraform', () => {
  test('the service issued an account for the owner and each sub-tenant', () => {
    expect(Object.keys(accounts).sort()).toEqual(['production', 'production/data', 'production/web']);
  });

  test.each([
    ['validate', () => validated],
    ['plan', () => planned],
  ])('every dashboard reaches the kubernetes provider byte for byte (%s)', (_rpc, records) => {
    const maps = records().filter((r) => r.typeName === 'kubernetes_config_map');
    expect(maps.map((m) => m.value.metadata[0].name.replace(/-[a-z0-9]{6}$/, '')).sort()).toEqual(['dashboards-all-tenants', 'dashboards-data', 'dashboards-web']);
    for (const m of maps) {
      const expected = dashboardFiles(folderScope(m.value.metadata[0].name));
      expect(Object.keys(m.value.data).sort()).toEqual(Object.keys(expected).sort());
      for (const [file, json] of Object.entries(expected)) expect([file, m.value.data[file] === json]).toEqual([file, true]);
    }
  });

  test('folders are named after the tenant paths the service returned', () => {
    const folders = planned.filter((r) => r.typeName === 'kubernetes_config_map').map((m) => m.value.metadata[0].annotations.grafana_folder);
    expect(folders.sort()).toEqual(['All tenants', accounts['production/data'].tenant_path, accounts['production/web'].tenant_path].sort());
  });

  test("Helm values arrive as the JSON documents we generated, the agents with their tenant's username", () => {
    for (const r of planned.filter((x) => x.typeName === 'helm_release')) expect(() => JSON.parse(r.value.values[0])).not.toThrow();
    const usernames = releases(planned, 'vmagent').map((r) => JSON.parse(r.value.values[0]).remoteWrite[0]['basicAuth.username']);
    expect(usernames.sort()).toEqual([accounts['production/data'].username, accounts['production/web'].username].sort());
    const passwords = Object.values(accounts).map((a) => a.password);
    for (const r of planned.filter((x) => x.typeName === 'helm_release')) for (const p of passwords) expect(r.value.values[0]).not.toContain(p);
  });

  const account = (t: string): TenantAccount => ({ username: accounts[t].username, password: accounts[t].password, accountId: accounts[t].account_id });
  const members = ['production/web', 'production/data'];

  test("the agents' Helm values are the documents we generate for the accounts the service issued", () => {
    for (const [t, cluster] of [
      ['production/web', 'web'],
      ['production/data', 'data'],
    ]) {
      const props = { vmauthUrl, account: account(t), clusterName: cluster };
      const find = (name: string) =>
        releases(planned, name)
          .map((r) => JSON.parse(r.value.values[0]))
          .find((v) => v.remoteWrite[0]['basicAuth.username'] === accounts[t].username);
      expect(find('vmagent')).toEqual(vmagentValues(props));
      expect(find('log-collector')).toEqual(logCollectorValues(props));
    }
  });

  test('the vmauth config and Grafana datasources are the documents we generate, credentials filled in by Terraform', () => {
    const backends = {
      vminsert: 'http://vminsert.hikube-monitoring.svc:8480',
      vmselect: 'http://vmselect.hikube-monitoring.svc:8481',
      victoriaLogs: 'http://victoria-logs.hikube-monitoring.svc:9428',
    };
    const auth = JSON.parse(byName(planned, 'kubernetes_secret', 'vmauth-config')[0].value.data['auth.yml']);
    const expected = vmauthConfig(backends, account('production'), members.map(account));
    const byUser = (users: { username: string }[]) => [...users].sort((a, b) => a.username.localeCompare(b.username));
    expect(byUser(auth.users)).toEqual(byUser(JSON.parse(JSON.stringify(expected.users))));
    // Each tenant's dashboards folder is named after its path; its key is in the ConfigMap's name.
    const folders = planned.filter((r) => r.typeName === 'kubernetes_config_map' && r.value.metadata[0].name !== 'dashboards-all-tenants');
    const grafanaMembers = members.map((t) => {
      const map = folders.find((m) => m.value.metadata[0].annotations.grafana_folder === accounts[t].tenant_path)!;
      return { key: map.value.metadata[0].name.slice('dashboards-'.length), folder: accounts[t].tenant_path, account: account(t) };
    });
    const datasources = JSON.parse(byName(planned, 'kubernetes_secret', 'grafana-datasources')[0].value.data['datasources.yaml']);
    const byName2 = (list: { name: string }[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName2(datasources.datasources)).toEqual(byName2((grafanaDatasources('http://vmauth.hikube-monitoring.svc:8427', account('production'), grafanaMembers) as any).datasources));
  });

  test("the agents' Secrets carry the password Terraform read from the service", () => {
    const secrets = byName(planned, 'kubernetes_secret', 'monitoring-credentials').map((s) => s.value.data.password);
    expect(secrets.sort()).toEqual([accounts['production/data'].password, accounts['production/web'].password].sort());
  });
});

/** The vmauth config as Terraform evaluated it, the in-cluster backends replaced by `to`. */
function plannedVmauthConfig(to: Record<'vminsert' | 'vmselect' | 'victoriaLogs', string>): string {
  const [secret] = byName(planned, 'kubernetes_secret', 'vmauth-config');
  const text: string = secret.value.data['auth.yml'];
  return text
    .replaceAll('http://vminsert.hikube-monitoring.svc:8480', to.vminsert)
    .replaceAll('http://vmselect.hikube-monitoring.svc:8481', to.vmselect)
    .replaceAll('http://victoria-logs.hikube-monitoring.svc:9428', to.victoriaLogs);
}

describe('the planned vmauth config in the real vmauth (Debian 1.79.5)', () => {
  let backends: Record<'vminsert' | 'vmselect' | 'victoriaLogs', Awaited<ReturnType<typeof recordingBackend>>>;
  let vmauth: Running;

  beforeAll(async () => {
    backends = { vminsert: await recordingBackend(), vmselect: await recordingBackend(), victoriaLogs: await recordingBackend() };
    const file = path.join(base, 'auth.yml');
    fs.writeFileSync(file, plannedVmauthConfig({ vminsert: backends.vminsert.url, vmselect: backends.vmselect.url, victoriaLogs: backends.victoriaLogs.url }));
    // Every key of the config is known to vmauth 1.79.5: it refuses unknown keys at start-up.
    vmauth = await start('vmauth', (port) => [`-auth.config=${file}`, `-httpListenAddr=127.0.0.1:${port}`, '-loggerLevel=ERROR']);
  });

  afterAll(async () => {
    await vmauth?.stop();
    for (const b of Object.values(backends ?? {})) await b.close();
  });

  /** Sends one request and returns what reached which backend (nothing when refused). */
  async function through(method: string, pathAndQuery: string, headers: Record<string, string>) {
    for (const b of Object.values(backends)) b.hits.length = 0;
    const answer = await request(method, `${vmauth.url}${pathAndQuery}`, headers, method === 'POST' ? 'x' : undefined);
    // vmauth re-encodes query arguments (`*` -> `%2A`): compare them decoded.
    const reached = Object.entries(backends).flatMap(([name, b]) => b.hits.map((h) => ({ backend: name, ...h, url: decodeURIComponent(h.url) })));
    return { status: answer.status, reached };
  }

  const tenants = ['production', 'production/web', 'production/data'];
  const cred = (t: string) => basic(accounts[t].username, accounts[t].password);
  const id = (t: string) => String(accounts[t].account_id);

  test.each(tenants)('%s writes metrics into its own account only', async (t) => {
    const { status, reached } = await through('POST', '/api/v1/write', cred(t));
    expect(status).toBe(200);
    expect(reached).toEqual([{ backend: 'vminsert', method: 'POST', url: `/insert/${id(t)}/prometheus/api/v1/write` }]);
  });

  test.each(tenants)("%s ships logs with the collector's protocol into its own account, whatever tenant headers it sends", async (t) => {
    // The chart renders -remoteWrite.headers with AccountID:0 and ProjectID:0 by default.
    const { status, reached } = await through('POST', LOGS_WRITE_PATHS[0], { ...cred(t), AccountID: '0', ProjectID: '0' });
    expect(status).toBe(200);
    expect(reached).toEqual([expect.objectContaining({ backend: 'victoriaLogs', url: '/insert/native', accountId: id(t), projectId: '0' })]);
  });

  test.each(['production/web', 'production/data'])('the log collector planned for %s reaches VictoriaLogs in its account with its URL and credential', async (t) => {
    const values = releases(planned, 'log-collector')
      .map((r) => JSON.parse(r.value.values[0]))
      .find((v) => v.remoteWrite[0]['basicAuth.username'] === accounts[t].username)!;
    const url = new URL(values.remoteWrite[0].url);
    expect(url.origin).toBe(vmauthUrl);
    // The chart renders -remoteWrite.headers=AccountID:0^^ProjectID:0 unless told otherwise.
    const { status, reached } = await through('POST', url.pathname, { ...basic(values.remoteWrite[0]['basicAuth.username'], accounts[t].password), AccountID: '0', ProjectID: '0' });
    expect(status).toBe(200);
    expect(reached).toEqual([expect.objectContaining({ backend: 'victoriaLogs', url: '/insert/native', accountId: id(t), projectId: '0' })]);
  });

  test.each(['production/web', 'production/data'])('%s reads metrics and logs of its own account only, on every read route', async (t) => {
    for (const p of METRICS_READ_PATHS.map((x) => x.replace('[^/]+', 'job'))) {
      const { status, reached } = await through('GET', `${p}?query=up`, cred(t));
      expect([p, status, reached.map((r) => r.url)]).toEqual([p, 200, [`/select/${id(t)}/prometheus${p}?query=up`]]);
    }
    for (const p of LOGS_READ_PATHS) {
      const { status, reached } = await through('GET', `${p}?query=*`, { ...cred(t), AccountID: id('production') });
      expect([p, status, reached.map((r) => [r.backend, r.url, r.accountId])]).toEqual([p, 200, [['victoriaLogs', `${p}?query=*`, id(t)]]]);
    }
  });

  test("the owner reads metrics of every account, and each tenant's logs only through its view of that tenant", async () => {
    const own = await through('GET', '/api/v1/query?query=up', cred('production'));
    expect(own.reached.map((r) => r.url)).toEqual(['/select/multitenant/prometheus/api/v1/query?query=up']);
    for (const t of ['production/web', 'production/data']) {
      const view = basic(`${accounts.production.username}.logs-${id(t)}`, accounts.production.password);
      const logs = await through('GET', '/select/logsql/query?query=*', view);
      expect(logs.reached.map((r) => [r.backend, r.accountId])).toEqual([['victoriaLogs', id(t)]]);
      // A view reads logs, nothing else.
      for (const [method, p] of [
        ['POST', '/api/v1/write'],
        ['GET', '/api/v1/query?query=up'],
        ['POST', '/insert/native'],
      ]) {
        const refused = await through(method, p, view);
        expect([p, refused.reached]).toEqual([p, []]);
      }
    }
  });

  const escapes: [string, string, string][] = [
    ['multitenant read', 'GET', '/select/multitenant/prometheus/api/v1/query?query=up'],
    ["another account's path", 'GET', '/select/0/prometheus/api/v1/query?query=up'],
    ['path traversal', 'GET', '/api/v1/../../select/multitenant/prometheus/api/v1/query?query=up'],
    ['encoded traversal', 'GET', '/api/v1/%2e%2e/%2e%2e/select/multitenant/prometheus/api/v1/query?query=up'],
    ['encoded slashes', 'GET', '/select%2Fmultitenant%2Fprometheus%2Fapi%2Fv1%2Fquery?query=up'],
    ['encoded slashes into a listed path', 'GET', '/api/v1/query%2F..%2F..%2F..%2Fselect%2Fmultitenant%2Fprometheus%2Fapi%2Fv1%2Fquery?query=up'],
    ['admin API', 'GET', '/api/v1/admin/tsdb/delete_series?match[]=up'],
    ['export', 'GET', '/api/v1/export?match[]=up'],
    ['unlisted logs endpoint', 'GET', '/select/logsql/delete?query=*'],
    ['internal insert', 'POST', '/internal/insert'],
  ];

  test.each(escapes)('a sub-tenant cannot escape: %s', async (_name, method, p) => {
    const { reached } = await through(method, p, cred('production/web'));
    expect(reached).toEqual([]);
  });

  test("a path vmauth decodes into a listed one stays in the tenant's account", async () => {
    const { reached } = await through('GET', '/api%2Fv1%2Fquery?query=up', cred('production/web'));
    for (const r of reached) expect(r.url).toMatch(new RegExp(`^/select/${id('production/web')}/prometheus/api/v1/query`));
  });

  test('filter arguments only narrow within the pinned account', async () => {
    const p = '/api/v1/query?query=up&extra_label=vm_account_id%3D0&extra_filters%5B%5D=%7Bvm_account_id%3D%220%22%7D';
    const { reached } = await through('GET', p, { ...cred('production/web'), AccountID: '0' });
    expect(reached.map((r) => r.url.split('?')[0])).toEqual([`/select/${id('production/web')}/prometheus/api/v1/query`]);
  });

  test.each([
    ['no credential', {}],
    ['a wrong password', basic('x', 'y')],
    ["web's username with data's password", 'mixed'],
  ] as const)('refuses %s', async (_name, h) => {
    const headers = h === 'mixed' ? basic(accounts['production/web'].username, accounts['production/data'].password) : h;
    for (const [method, p] of [
      ['POST', '/api/v1/write'],
      ['GET', '/api/v1/query?query=up'],
      ['POST', '/insert/native'],
      ['GET', '/select/logsql/query?query=*'],
    ]) {
      const { status, reached } = await through(method, p, headers as Record<string, string>);
      expect([p, reached]).toEqual([p, []]);
      expect(status).toBeGreaterThanOrEqual(400);
    }
  });

  test("every planned Grafana datasource passes its plugin's health check and live tail through vmauth", async () => {
    const [secret] = byName(planned, 'kubernetes_secret', 'grafana-datasources');
    const { datasources } = JSON.parse(secret.value.data['datasources.yaml']);
    expect(datasources.length).toBe(2 + 3 * 2);
    for (const ds of datasources) {
      expect(ds.url).toBe('http://vmauth.hikube-monitoring.svc:8427');
      const auth = basic(ds.basicAuthUser, ds.secureJsonData.basicAuthPassword);
      // victorialogs-datasource's CheckHealth: GET <url>/select/logsql/query?query=*&limit=1&start=-5m; live tail: /select/logsql/tail.
      const checks = ds.type === GRAFANA_PLUGINS.logs ? ['/select/logsql/query?query=*&limit=1&start=-5m', '/select/logsql/tail?query=*'] : ['/api/v1/query?query=1', '/api/v1/status/buildinfo'];
      for (const p of checks) {
        const { status, reached } = await through('GET', p, auth);
        expect([ds.name, p, status, reached.length]).toEqual([ds.name, p, 200, 1]);
      }
    }
  });
});

describe('vmagent with the flags the chart renders, through vmauth, into VictoriaMetrics', () => {
  let vm: Running;
  let nodeExporter: Running;
  let vmauth: Running;
  let vmagent: Running;
  let gateway: http.Server;
  const web = () => accounts['production/web'];

  beforeAll(async () => {
    vm = await start('victoria-metrics', (port) => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${path.join(base, 'vm-data')}`,
      '-retentionPeriod=1d',
      '-loggerLevel=ERROR',
      '-search.latencyOffset=0s',
    ]);
    nodeExporter = await start('prometheus-node-exporter', (port) => [`--web.listen-address=127.0.0.1:${port}`, '--log.level=error'], '/metrics');
    // vminsert's role, played by a small gateway: the account in the path becomes the
    // vm_account_id label, as the cluster's multitenant view shows it (the single node has no accounts).
    const gatewayPort = await freePort();
    gateway = http.createServer((req, res) => {
      const m = /^\/insert\/(\d+)\/prometheus\/api\/v1\/write$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      const out = http.request(`${vm.url}/api/v1/write?extra_label=vm_account_id=${m[1]}`, { method: 'POST', headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502);
        r.pipe(res);
      });
      req.pipe(out);
    });
    await new Promise<void>((resolve) => gateway.listen(gatewayPort, '127.0.0.1', resolve));
    const authFile = path.join(base, 'auth-vm.yml');
    fs.writeFileSync(authFile, plannedVmauthConfig({ vminsert: `http://127.0.0.1:${gatewayPort}`, vmselect: vm.url, victoriaLogs: vm.url }));
    vmauth = await start('vmauth', (port) => [`-auth.config=${authFile}`, `-httpListenAddr=127.0.0.1:${port}`, '-loggerLevel=ERROR']);

    // The chart's arguments from the planned values of web's vmagent, pod paths mapped to local files.
    const release = releases(planned, 'vmagent').find((r) => r.value.values[0].includes(`"${web().username}"`))!;
    const values = JSON.parse(release.value.values[0]);
    const rendered = vmagentArgs(values);
    const scrape = path.join(base, 'scrape.yml');
    fs.writeFileSync(scrape, `scrape_configs:\n  - job_name: node-exporter\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:${nodeExporter.port}']\n`);
    const passwordFile = path.join(base, 'password');
    fs.writeFileSync(
      passwordFile,
      byName(planned, 'kubernetes_secret', 'monitoring-credentials')
        .map((s) => s.value.data.password)
        .find((p) => p === web().password)!,
    );
    const local = (a: string) =>
      a
        .replace(/^--promscrape\.config=.*/, `--promscrape.config=${scrape}`)
        .replace(/^--remoteWrite\.tmpDataPath=.*/, `--remoteWrite.tmpDataPath=${path.join(base, 'vmagent-data')}`)
        .replace(/^--remoteWrite\.basicAuth\.passwordFile=.*/, `--remoteWrite.basicAuth.passwordFile=${passwordFile}`)
        .replace(/^--remoteWrite\.url=.*\/api\/v1\/write$/, `--remoteWrite.url=${vmauth.url}/api/v1/write`);
    // vmagent exits on any flag it does not define, such as the -remoteWrite.basicAuth a map would render.
    // Added by the test: the listen address, quieter logs, and a 1 s flush (the default is 1 s too in v1.150).
    vmagent = await start('vmagent', (port) => [...rendered.map(local), `-httpListenAddr=127.0.0.1:${port}`, '-loggerLevel=ERROR', '-remoteWrite.flushInterval=1s']);
    expect(rendered).toEqual(
      expect.arrayContaining([
        `--remoteWrite.basicAuth.username=${web().username}`,
        '--remoteWrite.basicAuth.passwordFile=/etc/hikube/monitoring/password',
        `--remoteWrite.url=${vmauthUrl}/api/v1/write`,
      ]),
    );
    // Enough samples for rate() over the dashboards' window.
    await waitUntil(
      'node-exporter samples',
      async () => {
        const r = JSON.parse((await get(`${vm.url}/api/v1/query?query=${encodeURIComponent('count_over_time(node_cpu_seconds_total[1m])')}`)).body);
        return r.data?.result?.some((s: any) => Number(s.value[1]) >= 4);
      },
      { timeoutMs: 30_000, intervalMs: 500, detail: () => `vmagent: ${vmagent.output()}\nvmauth: ${vmauth.output()}` },
    );
  });

  afterAll(async () => {
    for (const p of [vmagent, vmauth, nodeExporter, vm]) await p?.stop();
    await new Promise((resolve) => gateway?.close(resolve));
  });

  test('the real vmagent refuses the flag a basicAuth map renders (the check above can fail)', async () => {
    const rendered = vmagentArgs({ remoteWrite: [{ url: `${vmauth.url}/api/v1/write`, basicAuth: { username: 'x' } }] });
    expect(rendered).toContain('--remoteWrite.basicAuth=/config/rw/0-basicAuth.yaml');
    await expect(start('vmagent', (port) => [...rendered, `-httpListenAddr=127.0.0.1:${port}`])).rejects.toThrow(/flag provided but not defined: -remoteWrite\.basicAuth/);
  });

  test("every sample is in the sub-tenant's account, labelled with its cluster", async () => {
    const series = JSON.parse((await get(`${vm.url}/api/v1/series?match[]=${encodeURIComponent('{__name__=~".+"}')}`)).body).data;
    expect(series.length).toBeGreaterThan(50);
    expect([...new Set(series.map((s: any) => s.vm_account_id))]).toEqual([String(web().account_id)]);
    expect([...new Set(series.map((s: any) => s.cluster))]).toEqual(['web']);
  });

  /** Grafana's variables, as the owner's "All" selection expands them. */
  const expand = (expr: string) =>
    expr
      .replace(/\$__rate_interval/g, '1m')
      .replace(/\$__interval|\$__range/g, '1m')
      .replace(/=~"\$[a-z]+"/g, '=~".*"');

  const dashboards = DASHBOARDS.map((d) => renderDashboard(d, GLOBAL_SCOPE));
  const queries = dashboards.flatMap((d) =>
    d.panels.filter((p: any) => p.datasource?.type === GRAFANA_PLUGINS.metrics).flatMap((p: any) => p.targets.map((t: any) => ({ dashboard: d.uid, panel: p.title, expr: t.expr as string }))),
  );

  test('the dashboards have metric queries to check', () => {
    expect(queries.length).toBeGreaterThan(60);
  });

  test.each(queries.map((q) => [`${q.dashboard} / ${q.panel}: ${q.expr}`, q.expr]))('VictoriaMetrics evaluates %s', async (_name, expr) => {
    const answer = await get(`${vm.url}/api/v1/query?query=${encodeURIComponent(expand(expr as string))}`);
    expect([answer.status, JSON.parse(answer.body).status]).toEqual([200, 'success']);
  });

  test.each(queries.filter((q) => /\bnode_/.test(q.expr)).map((q) => [`${q.dashboard} / ${q.panel}: ${q.expr}`, q.expr]))('node-exporter data answers %s', async (_name, expr) => {
    const answer = JSON.parse((await get(`${vm.url}/api/v1/query?query=${encodeURIComponent(expand(expr as string))}`)).body);
    expect(answer.data.result.length).toBeGreaterThan(0);
  });

  test('the tenant variable lists the accounts that wrote', async () => {
    const answer = JSON.parse((await get(`${vm.url}/api/v1/label/vm_account_id/values?match[]=up`)).body);
    expect(answer.data).toEqual([String(web().account_id)]);
  });
});
