/**
 * Every hikube command against a real service (its own process, embedded store, simulated
 * back-end with short delays), run as users run it: the bundled CLI in a process of its own.
 * Each test checks the exit code and what was printed. Steps build on each other, in order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { HikubeClient } from '../../client/client';
import { Tenant } from '../../client/types';
import { instanceMonthlyPrice } from '../../model/pricing';
import { buildProgram } from '../../cli/program';
import { packageRoot } from '../../cli/paths';
import { version as cliVersion } from '../../cli/package.json';
import { freePort } from '../support/free-port';
import { waitUntil } from '../support/wait';
import { apiClient, RunningService, startService, tempDir } from '../e2e/harness';
import { Cli, cli, CLI } from './harness';

jest.setTimeout(120_000);

const DELAYS =
  'cluster.create=1500ms,cluster.update=300ms,cluster.delete=300ms,vm.create=600ms,vm.update=300ms,vm.delete=300ms,monitoring.create=300ms,monitoring.update=200ms,monitoring.delete=200ms,' +
  'postgres.create=300ms,postgres.update=200ms,postgres.delete=200ms,postgres-database.create=200ms,postgres-database.update=200ms,postgres-database.delete=200ms';
const FAILURE = 'vm.create:name=broken-*:no capacity in zone eu-1';

let service: RunningService;
let api: HikubeClient;
let c: Cli;

beforeAll(async () => {
  service = await startService(tempDir('cli-service'), ['--sim-delays', DELAYS, '--sim-fail', FAILURE]);
  api = apiClient(service);
  c = cli();
});

afterAll(async () => {
  api?.close();
  await service?.stop();
});

/** No escape sequences ever reach a pipe, and a failure is one line without a stack trace. */
function plain(run: { stdout: string; stderr: string }): void {
  expect(run.stdout).not.toContain('\x1b[');
  expect(run.stderr).not.toContain('\x1b[');
}
function oneLineError(run: { stderr: string }, command: string): void {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^hikube${command ? ` ${command}` : ''}: `));
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('help, version and usage errors', () => {
  test('--version and -v print the CLI package version', async () => {
    expect((await c.expect(0, ['--version'])).stdout).toBe(`${cliVersion}\n`);
    expect((await c.expect(0, ['-v'])).stdout).toBe(`${cliVersion}\n`);
  });

  test('every command has --help with examples', async () => {
    const paths: string[][] = [];
    const walk = (cmd: ReturnType<typeof buildProgram>, prefix: string[]) => {
      for (const sub of cmd.commands) {
        const p = [...prefix, sub.name()];
        if (sub.commands.length === 0) paths.push(p);
        walk(sub, p);
      }
    };
    walk(buildProgram(cliVersion), []);
    expect(paths.length).toBeGreaterThan(40);
    for (const p of paths.filter((x) => x.join(' ') !== 'service start')) {
      const r = await c.expect(0, [...p, '--help']);
      expect(r.stdout).toContain(`Usage: hikube ${p.join(' ')}`);
      expect(r.stdout).toMatch(/Examples:\n {2}\$ .*hikube /);
    }
    const root = await c.expect(0, ['--help']);
    for (const group of [
      'login',
      'context',
      'tenants',
      'members',
      'tokens',
      'clusters',
      'vms',
      'monitoring-stacks',
      'postgres',
      'postgres-databases',
      'usage',
      'audit',
      'catalog',
      'export',
      'completion',
      'service',
      'provider',
    ]) {
      expect(root.stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'));
    }
  });

  test('a reader that stops early (| head -1) ends the CLI quietly, without a stack trace', async () => {
    for (const args of [['clusters', 'create', '--help'], ['--version']]) {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first write: that write fails with EPIPE
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: '' });
    }
  });

  test('an unknown command, flag or missing argument is a one-line usage error, exit 2', async () => {
    const unknown = await c.expect(2, ['clusterz', 'list']);
    expect(unknown.stderr).toContain("unknown command 'clusterz'");
    expect(unknown.stderr).toContain('(Did you mean one of cluster, clusters?)');
    oneLineError(unknown, '');
    const flag = await c.expect(2, ['vms', 'list', '--frobnicate']);
    oneLineError(flag, 'vms list');
    expect(flag.stderr).toContain("unknown option '--frobnicate'");
    expect(flag.stderr).toContain('(fix: hikube vms list --help)');
    oneLineError(await c.expect(2, ['clusters', 'get']), 'clusters get');
    oneLineError(await c.expect(2, ['vms', 'create', 'x']), 'vms create'); // --tenant is required
    oneLineError(await c.expect(2, ['tenants', 'list', '-o', 'xml']), 'tenants list');
    const group = await c.expect(2, ['tenants']); // a group alone: its help, as a usage error
    expect(group.stderr).toMatch(/^Usage: hikube tenants\|tenant \[options\] \[command\]/);
    expect(group.stdout).toBe('');
  });
});

describe('login and contexts', () => {
  test('a wrong token is refused (exit 4) and nothing is saved', async () => {
    const r = await c.expect(4, ['login', '--endpoint', service.url, '--token', 'hkt_wrong']);
    oneLineError(r, 'login');
    expect(r.stderr).toContain('refused the token');
    expect(fs.existsSync(c.configFile)).toBe(false);
  });

  test('an endpoint nobody answers is a failure (exit 1) naming it', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await c.expect(1, ['login', '--endpoint', url, '--token', service.token]);
    oneLineError(r, 'login');
    expect(r.stderr).toContain(`cannot reach the Hikube service at ${url}`);
  });

  test('login checks the token, saves it 0600 under XDG_CONFIG_HOME, and never prints it', async () => {
    const r = await c.expect(0, ['login', '--endpoint', service.url, '--token', service.token]);
    expect(r.stderr).toContain(`Logged in to ${service.url} as context default (tenant acme)`);
    expect(r.stdout + r.stderr).not.toContain(service.token);
    expect(fs.statSync(c.configFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(c.configFile)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(fs.readFileSync(c.configFile, 'utf8'))).toEqual({ currentContext: 'default', contexts: { default: { endpoint: service.url, token: service.token } } });
    const list = await c.expect(0, ['tenants', 'list']); // uses the saved context
    expect(list.stdout).toMatch(/^PATH +NAMESPACE/);
    plain(list);
  });

  test('named contexts: --token-stdin, list without tokens, use, current, --context, delete', async () => {
    await c.expect(0, ['login', '--endpoint', service.url, '--token-stdin', '--context', 'second'], { input: `${service.token}\n` });
    const list = await c.expect(0, ['context', 'list']);
    expect(list.stdout).toMatch(/^CURRENT +NAME +ENDPOINT\n +default +http.*\n\* +second +http/);
    const json = await c.expect(0, ['context', 'list', '-o', 'json']);
    expect(json.stdout).not.toContain(service.token);
    expect(JSON.parse(json.stdout)).toMatchObject({
      currentContext: 'second',
      contexts: [
        { name: 'default', current: false },
        { name: 'second', current: true },
      ],
    });
    await c.expect(0, ['context', 'use', 'default']);
    expect((await c.expect(0, ['context', 'current'])).stdout).toBe('default\n');
    oneLineError(await c.expect(2, ['context', 'use', 'nope']), 'context use');
    oneLineError(await c.expect(2, ['tenants', 'list', '--context', 'nope']), 'tenants list');
    await c.expect(0, ['tenants', 'list', '--context', 'second']);
    await c.expect(0, ['context', 'delete', 'second']);
    expect((await c.expect(0, ['context', 'list', '-o', 'name'])).stdout).toBe('default\n');
    // logout forgets the current context; then no context is current (exit 3) and nothing is saved for it.
    await c.expect(0, ['login', '--endpoint', service.url, '--token', service.token, '--context', 'third']);
    expect((await c.expect(0, ['logout'])).stderr).toBe('Forgot context third\n');
    expect((await c.expect(3, ['context', 'current'])).stderr).toContain('no current context');
    expect(fs.readFileSync(c.configFile, 'utf8')).not.toContain('third');
    await c.expect(0, ['context', 'use', 'default']);
  });

  test('HIKUBE_CONFIG moves the file; HIKUBE_ENDPOINT and --endpoint override the context', async () => {
    const other = path.join(tempDir('cli-config'), 'elsewhere.json');
    await c.expect(0, ['login', '--endpoint', service.url, '--token', service.token, '--context', 'x'], { env: { HIKUBE_CONFIG: other } });
    expect(fs.statSync(other).mode & 0o777).toBe(0o600);
    const dead = `http://127.0.0.1:${await freePort()}`;
    expect((await c.expect(1, ['tenants', 'list'], { env: { HIKUBE_ENDPOINT: dead } })).stderr).toContain(dead);
    expect((await c.expect(1, ['tenants', 'list', '--endpoint', dead])).stderr).toContain(dead);
    const badToken = await c.expect(4, ['tenants', 'list', '--token', 'hkt_nope']);
    oneLineError(badToken, 'tenants list');
    expect(badToken.stderr).toContain('(fix: log in again');
  });
});

describe('tenants', () => {
  test('create by path, nested, with flags and --set', async () => {
    const r = await c.expect(0, [
      'tenants',
      'create',
      'acme/shop',
      '--description',
      'Shop',
      '--labels',
      'team=web',
      '--labels',
      'env=prod',
      '--set',
      'securityPolicy.allowedInstanceTypes=["u1.small","u1.large"]',
    ]);
    expect(r.stdout).toMatch(/^PATH +NAMESPACE +NETWORK_CIDR +DESCRIPTION +AGE\nacme\/shop +tenant-acme-shop +10\.\d+\.0\.0\/16 +Shop/);
    await c.expect(0, ['tenants', 'create', 'acme/shop/dev']);
    await c.expect(0, ['tenants', 'create', 'acme/shop/tmp', '-o', 'name']).then((x) => expect(x.stdout).toBe('acme/shop/tmp\n'));
    const shop = await api.getTenantByPath('acme/shop');
    expect(shop).toMatchObject({ description: 'Shop', labels: { team: 'web', env: 'prod' }, securityPolicy: { allowedInstanceTypes: ['u1.small', 'u1.large'] } });
  });

  test('-o json and yaml carry the API objects with the API field names; -o name and wide', async () => {
    const fromApi = (await api.listTenants()).items.sort((a, b) => a.path.localeCompare(b.path));
    const json = JSON.parse((await c.expect(0, ['tenants', 'list', '-o', 'json'])).stdout) as { items: Tenant[] };
    expect(json.items).toEqual(fromApi);
    const yaml = parseYaml((await c.expect(0, ['tenants', 'list', '-o', 'yaml'])).stdout) as { items: Tenant[] };
    expect(yaml.items).toEqual(fromApi);
    expect((await c.expect(0, ['tenants', 'list', '-o', 'name'])).stdout).toBe(fromApi.map((t) => `${t.path}\n`).join(''));
    const wide = await c.expect(0, ['tenants', 'list', '-o', 'wide', '--tenant', 'acme/shop']);
    expect(wide.stdout).toMatch(/^PATH .* ID +LABELS +DELETION_PROTECTION +AGE\n/);
    expect(wide.stdout).toContain('env=prod,team=web');
    expect(wide.stdout.trim().split('\n')).toHaveLength(4); // header, shop, shop/dev, shop/tmp
    plain(wide);
  });

  test('get by path or id; update only what is given; delete', async () => {
    const shop = await api.getTenantByPath('acme/shop');
    const byPath = JSON.parse((await c.expect(0, ['tenants', 'get', 'acme/shop', '-o', 'json'])).stdout);
    expect(byPath).toEqual(shop);
    expect(JSON.parse((await c.expect(0, ['tenants', 'get', shop.id, '-o', 'json'])).stdout).path).toBe('acme/shop');
    await c.expect(0, ['tenants', 'update', 'acme/shop', '--description', 'The shop', '--deletion-protection']);
    expect(await api.getTenant(shop.id)).toMatchObject({ description: 'The shop', deletionProtection: true, labels: { team: 'web', env: 'prod' } });
    const refused = await c.expect(4, ['tenants', 'delete', 'acme/shop']);
    oneLineError(refused, 'tenants delete');
    await c.expect(0, ['tenants', 'update', 'acme/shop', '--no-deletion-protection']);
    const del = await c.expect(0, ['tenants', 'delete', 'acme/shop/tmp']);
    expect(del.stderr).toBe('tenant acme/shop/tmp deleted\n');
    const gone = await c.expect(3, ['tenants', 'get', 'acme/shop/tmp']);
    oneLineError(gone, 'tenants get');
    expect(gone.stderr).toContain('tenant acme/shop/tmp does not exist');
  });
});

describe('members and tokens', () => {
  test('members: create, list, update the role, get, delete', async () => {
    const created = JSON.parse((await c.expect(0, ['members', 'create', 'alice@example.com', '--tenant', 'acme/shop', '--role', 'use', '-o', 'json'])).stdout);
    expect(created).toMatchObject({ user: 'alice@example.com', role: 'use' });
    const list = await c.expect(0, ['members', 'list', '--tenant', 'acme/shop']);
    expect(list.stdout).toMatch(new RegExp(`^ID +TENANT +USER +ROLE +AGE\n${created.id} +acme/shop +alice@example.com +use `));
    await c.expect(0, ['members', 'update', created.id, '--role', 'admin']);
    expect((await api.getMember(created.id)).role).toBe('admin');
    expect(JSON.parse((await c.expect(0, ['members', 'get', 'alice@example.com', '--tenant', 'acme/shop', '-o', 'json'])).stdout).role).toBe('admin');
    const bad = await c.expect(4, ['members', 'create', 'not-an-email', '--tenant', 'acme/shop', '--role', 'use']);
    oneLineError(bad, 'members create');
    expect(bad.stderr).toContain('USER (user):');
    await c.expect(0, ['members', 'delete', created.id]);
    await c.expect(3, ['members', 'get', created.id]);
  });

  test('tokens: the secret is printed once, alone on stdout; it works; revoking stops it', async () => {
    const r = await c.expect(0, ['tokens', 'create', '--tenant', 'acme/shop', '--role', 'view', '--description', 'ci']);
    expect(r.stdout).toMatch(/^hkt_\S+\n$/);
    expect(r.stderr).toMatch(/^Created API token tok-[a-z2-7]{16} \(view on acme\/shop\)\. Its secret, shown only this once:\n$/);
    const secret = r.stdout.trim();
    const id = /tok-[a-z2-7]{16}/.exec(r.stderr)![0];
    const asView = await c.expect(0, ['tenants', 'list', '-o', 'name', '--token', secret]);
    expect(asView.stdout).toBe('acme/shop\nacme/shop/dev\n');
    const listed = await c.expect(0, ['tokens', 'list', '-o', 'json']);
    expect(listed.stdout).not.toContain(secret);
    expect(JSON.parse(listed.stdout).items.find((t: { id: string }) => t.id === id)).toMatchObject({ role: 'view', description: 'ci' });
    // A view token is refused a change (exit 4), and tokens themselves never change (exit 2).
    oneLineError(await c.expect(4, ['tenants', 'update', 'acme/shop', '--description', 'x', '--token', secret]), 'tenants update');
    expect((await c.expect(2, ['tokens', 'get', 'acme/shop'])).stderr).toContain('name it by its id'); // never "some token of the tenant"
    const noUpdate = await c.expect(2, ['tokens', 'update', id]);
    expect(noUpdate.stderr).toContain('cannot be changed (fix: hikube tokens create a new one');
    expect((await c.expect(0, ['tokens', 'delete', id])).stderr).toBe(`API token ${id} revoked\n`);
    await c.expect(4, ['tenants', 'list', '--token', secret]);
    expect(JSON.parse((await c.expect(0, ['tokens', 'list', '-o', 'json'])).stdout).items.find((t: { id: string }) => t.id === id).revokedAt).not.toBeNull();
  });
});

describe('clusters', () => {
  const create = [
    'clusters',
    'create',
    'web',
    '--tenant',
    'acme/shop',
    '--version',
    'v1.33',
    '--set',
    'nodeGroups.workers.instanceType=u1.large',
    '--set',
    'nodeGroups.workers.minReplicas=2',
    '--set',
    'nodeGroups.workers.maxReplicas=4',
  ];

  test('create --wait follows the operation until ready (one line per status off a terminal)', async () => {
    const r = await c.expect(0, [...create, '--wait']);
    expect(r.stderr).toMatch(/^cluster acme\/shop\/web: pending\n(cluster acme\/shop\/web: provisioning\n)?cluster acme\/shop\/web: ready\n✓ cluster acme\/shop\/web ready in \d+s\n$/);
    expect(r.stdout).toMatch(/^NAME +TENANT +VERSION +NODE_GROUPS +STATUS +MONTHLY_COST +AGE\nweb +acme\/shop +v1\.33 +workers:2-4xu1\.large +ready +€\d+\.\d\d /);
    plain(r);
  });

  test('without --wait off a terminal, create returns at once with the pending object', async () => {
    const r = await c.expect(0, [
      'clusters',
      'create',
      'batch',
      '--tenant',
      'acme/shop',
      '--set',
      'nodeGroups.w.instanceType=u1.small',
      '--set',
      'nodeGroups.w.minReplicas=1',
      '--set',
      'nodeGroups.w.maxReplicas=1',
      '-o',
      'json',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'batch', status: 'pending' });
    expect(r.stderr).toBe('');
    const waited = await c.expect(0, ['clusters', 'get', 'acme/shop/batch', '--wait', '-o', 'json']);
    expect(JSON.parse(waited.stdout).status).toBe('ready');
  });

  test('a rule the service enforces is refused (exit 4) naming the field; a duplicate name too', async () => {
    const r = await c.expect(4, [
      'clusters',
      'create',
      'bad',
      '--tenant',
      'acme/shop',
      '--set',
      'nodeGroups.w.instanceType=u1.large',
      '--set',
      'nodeGroups.w.minReplicas=5',
      '--set',
      'nodeGroups.w.maxReplicas=4',
    ]);
    oneLineError(r, 'clusters create');
    expect(r.stderr).toContain('nodeGroups.w.maxReplicas: must be >= minReplicas (5), got 4');
    const policy = await c.expect(4, [
      'clusters',
      'create',
      'big',
      '--tenant',
      'acme/shop',
      '--set',
      'nodeGroups.w.instanceType=m1.8xlarge',
      '--set',
      'nodeGroups.w.minReplicas=1',
      '--set',
      'nodeGroups.w.maxReplicas=1',
    ]);
    oneLineError(policy, 'clusters create');
    expect(policy.stderr).toContain('nodeGroups.w.instanceType');
    const dup = await c.expect(4, [...create, '--no-wait']);
    oneLineError(dup, 'clusters create');
    expect(dup.stderr).toContain('conflict');
  });

  test('list, get by path, by name with --tenant and by id; update with --set; not found is exit 3', async () => {
    const list = await c.expect(0, ['clusters', 'list', '-o', 'name']);
    expect(list.stdout).toBe('acme/shop/batch\nacme/shop/web\n');
    const web = JSON.parse((await c.expect(0, ['clusters', 'get', 'acme/shop/web', '-o', 'json'])).stdout);
    expect(JSON.parse((await c.expect(0, ['clusters', 'get', 'web', '--tenant', 'acme/shop', '-o', 'json'])).stdout).id).toBe(web.id);
    expect(JSON.parse((await c.expect(0, ['cluster', 'get', web.id, '-o', 'json'])).stdout).name).toBe('web');
    const up = await c.expect(0, ['clusters', 'update', 'acme/shop/web', '--set', 'nodeGroups.workers.maxReplicas=6', '--wait', '-o', 'json']);
    expect(JSON.parse(up.stdout)).toMatchObject({ status: 'ready', nodeGroups: { workers: { minReplicas: 2, maxReplicas: 6, instanceType: 'u1.large' } } });
    oneLineError(await c.expect(3, ['clusters', 'get', 'acme/shop/nope']), 'clusters get');
    oneLineError(await c.expect(3, ['clusters', 'get', 'kc-aaaaaaaaaaaaaaaa']), 'clusters get');
    oneLineError(await c.expect(2, ['clusters', 'get', 'web']), 'clusters get'); // which tenant?
  });

  test('kubeconfig prints it; --merge adds it to the kubeconfig, keeps what was there, 0600', async () => {
    const printed = await c.expect(0, ['clusters', 'kubeconfig', 'acme/shop/web']);
    const kc = parseYaml(printed.stdout) as { 'current-context': string; clusters: { name: string }[] };
    expect(kc.clusters[0].name).toBe(kc['current-context']);
    fs.mkdirSync(path.dirname(c.kubeconfig), { recursive: true });
    fs.writeFileSync(
      c.kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster: {server: "https://other:6443"}\nusers: []\ncontexts:\n- name: other\n  context: {cluster: other, user: other}\ncurrent-context: other\n',
    );
    const merged = await c.expect(0, ['clusters', 'kubeconfig', 'acme/shop/web', '--merge']);
    expect(merged.stderr).toContain(`Merged cluster acme/shop/web into ${c.kubeconfig}`);
    const after = parseYaml(fs.readFileSync(c.kubeconfig, 'utf8')) as { 'current-context': string; clusters: { name: string }[]; contexts: { name: string }[] };
    expect(after.clusters.map((x) => x.name)).toEqual(['other', kc['current-context']]);
    expect(after.contexts.map((x) => x.name)).toEqual(['other', kc['current-context']]);
    expect(after['current-context']).toBe(kc['current-context']);
    expect(fs.statSync(c.kubeconfig).mode & 0o777).toBe(0o600);
    // Merging twice replaces, never duplicates; KUBECONFIG names the file.
    const elsewhere = path.join(c.home, 'k2');
    await c.expect(0, ['clusters', 'kubeconfig', 'acme/shop/web', '--merge'], { env: { KUBECONFIG: elsewhere } });
    await c.expect(0, ['clusters', 'kubeconfig', 'acme/shop/web', '--merge'], { env: { KUBECONFIG: elsewhere } });
    expect((parseYaml(fs.readFileSync(elsewhere, 'utf8')) as { clusters: unknown[] }).clusters).toHaveLength(1);
  });

  test('delete --wait until gone', async () => {
    const r = await c.expect(0, ['clusters', 'delete', 'acme/shop/batch', '--wait']);
    expect(r.stderr).toMatch(/✓ cluster acme\/shop\/batch deleted in \d+s\n$/);
    await c.expect(3, ['clusters', 'get', 'acme/shop/batch']);
  });
});

describe('vms and monitoring stacks', () => {
  test("create --wait; stop and start change the run strategy; restart and reload-cloud-init are the VM's actions", async () => {
    const r = await c.expect(0, ['vms', 'create', 'box', '--tenant', 'acme/shop/dev', '--instance-type', 'u1.small', '--ssh-keys', 'ssh-ed25519 AAAA me', '--wait', '-o', 'json']);
    const vm = JSON.parse(r.stdout);
    expect(vm).toMatchObject({ name: 'box', status: 'ready', instanceType: 'u1.small', runStrategy: 'Always', sshKeys: ['ssh-ed25519 AAAA me'] });
    expect(JSON.parse((await c.expect(0, ['vms', 'stop', 'acme/shop/dev/box', '--wait', '-o', 'json'])).stdout)).toMatchObject({ runStrategy: 'Halted', status: 'ready' });
    expect(JSON.parse((await c.expect(0, ['vm', 'start', 'acme/shop/dev/box', '--wait', '-o', 'json'])).stdout)).toMatchObject({ runStrategy: 'Always', status: 'ready' });
    const list = await c.expect(0, ['vms', 'list', '--tenant', 'acme/shop', '-o', 'wide']);
    expect(list.stdout).toMatch(
      new RegExp(`^NAME .* EXTERNAL_IP +INSTANCE_PROFILE +ID +STATUS_REASON +AGE\nbox +acme/shop/dev +u1\\.small +Always +10\\.[\\d.]+ +ready +€\\d+\\.\\d\\d +- +\\S+ +${vm.id} `),
    );
    expect(JSON.parse((await c.expect(0, ['vms', 'get', vm.id, '-o', 'json'])).stdout).name).toBe('box');
    const updated = await c.expect(0, ['vms', 'update', 'box', '--tenant', 'acme/shop/dev', '--ssh-keys', 'ssh-ed25519 BBBB you', '--wait', '-o', 'json']);
    expect(JSON.parse(updated.stdout)).toMatchObject({ status: 'ready', sshKeys: ['ssh-ed25519 BBBB you'] });
    // restart and reload-cloud-init are the VM's own actions (POST .../restart): one audit entry each, the run strategy untouched.
    const actions = async () => (await api.audit((await api.getTenantByPath('acme/shop/dev')).id, 100)).items.filter((e) => e.resourceId === vm.id).map((e) => e.action);
    const before = await actions();
    const restarted = await c.expect(0, ['vms', 'restart', 'acme/shop/dev/box', '--wait']);
    expect(restarted.stdout).toMatch(/^NAME +TENANT +INSTANCE_TYPE +RUN_STRATEGY +PRIVATE_IP +STATUS +MONTHLY_COST +AGE\nbox +acme\/shop\/dev +u1\.small +Always +10\..* ready /);
    await c.expect(0, ['vms', 'reload-cloud-init', 'acme/shop/dev/box', '--wait']);
    const after = await actions();
    expect(after.slice(0, after.length - before.length)).toEqual(['reload-cloud-init', 'restart']);
  });

  test('create from a spec file (-f -: YAML on standard input), flags on top of it', async () => {
    const spec = 'instanceType: u1.small\ndataDisks:\n  - name: data\n    sizeGb: 20\nrunStrategy: Halted\n';
    const r = await c.expect(0, ['vms', 'create', 'fromfile', '--tenant', 'acme/shop/dev', '-f', '-', '--run-strategy', 'Always', '--wait', '-o', 'yaml'], { input: spec });
    expect(parseYaml(r.stdout)).toMatchObject({ name: 'fromfile', instanceType: 'u1.small', runStrategy: 'Always', dataDisks: [{ name: 'data', sizeGb: 20 }], status: 'ready' });
    oneLineError(await c.expect(2, ['vms', 'create', 'x', '--tenant', 'acme/shop/dev', '-f', path.join(c.home, 'missing.yaml')]), 'vms create');
    const required = await c.expect(4, ['vms', 'create', 'x', '--tenant', 'acme/shop/dev']);
    expect(required.stderr).toBe('hikube vms create: invalid request: --instance-type (instanceType): is required\n');
    await c.expect(0, ['vms', 'delete', 'acme/shop/dev/fromfile', '--wait']);
  });

  test('a failed operation exits 1 with the back-end reason', async () => {
    const r = await c.expect(1, ['vms', 'create', 'broken-1', '--tenant', 'acme/shop/dev', '--instance-type', 'u1.small', '--wait']);
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^hikube vms create: virtual machine acme\/shop\/dev\/broken-1 failed after \d+s: no capacity in zone eu-1$/);
    await c.expect(0, ['vms', 'delete', 'acme/shop/dev/broken-1', '--wait']);
  });

  test('a policy the tenant sets refuses the flag by name (exit 4)', async () => {
    const r = await c.expect(4, ['vms', 'create', 'huge', '--tenant', 'acme/shop/dev', '--instance-type', 'm1.8xlarge']);
    oneLineError(r, 'vms create');
    expect(r.stderr).toContain('--instance-type (instanceType): ');
  });

  test('monitoring stacks: create by tenant, get by tenant path, list, update, delete', async () => {
    const r = await c.expect(0, ['monitoring-stacks', 'create', '--tenant', 'acme/shop', '--wait']);
    expect(r.stdout).toMatch(/^TENANT +ACCOUNTS +STATUS +MONTHLY_COST +AGE\nacme\/shop +2 +ready +€/);
    const got = JSON.parse((await c.expect(0, ['monitoring', 'get', 'acme/shop', '-o', 'json'])).stdout);
    expect(Object.keys(got.accounts)).toHaveLength(2);
    expect((await c.expect(0, ['monitoring-stacks', 'list', '-o', 'name'])).stdout).toBe('acme/shop\n');
    const up = await c.expect(0, ['monitoring-stacks', 'update', 'acme/shop', '--set', 'grafana.replicas=2', '--wait', '-o', 'json']);
    expect(JSON.parse(up.stdout).grafana.replicas).toBe(2);
  });

  test('tenants tree shows what each tenant runs and the cost of each subtree', async () => {
    const r = await c.expect(0, ['tenants', 'tree', '--tenant', 'acme/shop']);
    expect(r.stdout).toMatch(/^shop {2}\(tenant-acme-shop - The shop\) {2}\[€\d+\.\d\d\/month\]\n/);
    expect(r.stdout).toContain('• cluster web: Kubernetes v1.33, node groups workers 2-6xu1.large, ready, €');
    expect(r.stdout).toMatch(/└── dev {2}\(tenant-acme-shop-dev\) {2}\[€\d+\.\d\d\/month\]\n +• vm box: u1\.small, 10\.[\d.]+, Always, ready, €/);
    plain(r);
  });
});

describe('data services: PostgreSQL clusters and their databases (a sub-resource)', () => {
  test('a cluster: create --wait in a tenant; its reference is TENANT/PATH/NAME', async () => {
    const r = await c.expect(0, ['postgres', 'create', 'orders', '--tenant', 'acme/shop', '--replicas', '1', '--wait']);
    expect(r.stderr).toMatch(/✓ PostgreSQL cluster acme\/shop\/orders ready in \d+s\n$/);
    expect(r.stdout).toMatch(/^NAME +TENANT +STATUS +MONTHLY_COST +ID +AGE\norders +acme\/shop +ready +€\d+\.\d\d +pg-[a-z2-7]{16} /);
    expect((await c.expect(0, ['postgres', 'list', '-o', 'name'])).stdout).toBe('acme/shop/orders\n');
    const up = await c.expect(0, ['postgres', 'update', 'orders', '--tenant', 'acme/shop', '--max-connections', '200', '--wait', '-o', 'json']);
    expect(JSON.parse(up.stdout)).toMatchObject({ name: 'orders', maxConnections: 200, status: 'ready' });
    plain(r);
  });

  test('a database: create under its cluster by reference (--postgres), with --wait; no --tenant', async () => {
    const r = await c.expect(0, ['postgres-databases', 'create', 'app', '--postgres', 'acme/shop/orders', '--extensions', 'pgcrypto', '--wait']);
    expect(r.stderr).toMatch(/^PostgreSQL database acme\/shop\/orders\/app: pending\n(.*\n)*✓ PostgreSQL database acme\/shop\/orders\/app ready in \d+s\n$/);
    expect(r.stdout).toMatch(/^NAME +POSTGRES +TENANT +STATUS +ID +AGE\napp +orders +acme\/shop +ready +pgdb-[a-z2-7]{16} /);
    // By the cluster's id too (the singular alias is the kind's name), and with the raw field.
    const pg = await api.listResources<{ id: string }>('/v1/postgres', { tenantId: (await api.getTenantByPath('acme/shop')).id, name: 'orders' });
    const byId = await c.expect(0, ['postgres-database', 'create', 'reports', '--postgres', pg.items[0].id, '--no-wait', '-o', 'name']);
    expect(byId.stdout).toBe('acme/shop/orders/reports\n');
    await c.expect(0, ['postgres-databases', 'create', 'raw', '--postgres-id', pg.items[0].id, '--wait', '-o', 'name']);
    const refused = await c.expect(2, ['postgres-databases', 'create', 'x', '--tenant', 'acme/shop']);
    expect(refused.stderr).toContain("unknown option '--tenant'");
    const noParent = await c.expect(2, ['postgres-databases', 'create', 'x']);
    oneLineError(noParent, 'postgres-databases create');
    expect(noParent.stderr).toContain('--postgres is required: the PostgreSQL cluster it belongs to (fix: hikube postgres-databases create app --postgres acme/production/orders');
  });

  test('a missing parent is exit 3; a parent of another kind is not one', async () => {
    const missing = await c.expect(3, ['postgres-databases', 'create', 'x', '--postgres', 'acme/shop/nope']);
    oneLineError(missing, 'postgres-databases create');
    expect(missing.stderr).toContain('PostgreSQL cluster acme/shop/nope does not exist');
    await c.expect(3, ['postgres-databases', 'create', 'x', '--postgres', 'acme/nowhere/orders']);
    await c.expect(3, ['postgres-databases', 'create', 'x', '--postgres', 'pg-aaaaaaaaaaaaaaaa']);
    await c.expect(3, ['postgres-databases', 'create', 'x', '--postgres', 'acme/shop/web']); // a Kubernetes cluster's name
  });

  test('get by TENANT/PATH/PARENT/NAME, by PARENT/NAME --tenant and by id; -o name is accepted back', async () => {
    const byPath = JSON.parse((await c.expect(0, ['postgres-databases', 'get', 'acme/shop/orders/app', '-o', 'json'])).stdout);
    expect(byPath).toMatchObject({ name: 'app', extensions: ['pgcrypto'], status: 'ready' });
    expect(JSON.parse((await c.expect(0, ['postgres-databases', 'get', 'orders/app', '--tenant', 'acme/shop', '-o', 'json'])).stdout).id).toBe(byPath.id);
    expect(JSON.parse((await c.expect(0, ['postgres-databases', 'get', byPath.id, '-o', 'json'])).stdout).id).toBe(byPath.id);
    const names = (await c.expect(0, ['postgres-databases', 'list', '-o', 'name'])).stdout.trim().split('\n');
    expect(names).toEqual(['acme/shop/orders/app', 'acme/shop/orders/raw', 'acme/shop/orders/reports']);
    for (const ref of names) expect((await c.expect(0, ['postgres-databases', 'get', ref, '-o', 'name'])).stdout).toBe(`${ref}\n`);
  });

  test('a reference of the wrong shape is exit 2 saying the right one; a missing database exit 3', async () => {
    for (const args of [['app'], ['app', '--tenant', 'acme/shop'], ['shop/orders/app', '--tenant', 'acme'], ['acme//orders/app']]) {
      const r = await c.expect(2, ['postgres-databases', 'get', ...args]);
      oneLineError(r, 'postgres-databases get');
      expect(r.stderr).toContain('(fix: TENANT/PATH/POSTGRES/NAME');
    }
    oneLineError(await c.expect(3, ['postgres-databases', 'get', 'acme/shop/orders/nope']), 'postgres-databases get');
    await c.expect(3, ['postgres-databases', 'get', 'acme/shop/other/app']);
    await c.expect(3, ['postgres-databases', 'get', 'pgdb-aaaaaaaaaaaaaaaa']);
  });

  test('list: --tenant keeps the subtree, --postgres one cluster; update; delete --wait', async () => {
    const mine = await c.expect(0, ['postgres-databases', 'list', '--tenant', 'acme/shop']);
    expect(mine.stdout.trim().split('\n')).toHaveLength(4);
    expect((await c.expect(0, ['postgres-databases', 'list', '--tenant', 'acme/shop/dev'])).stderr).toBe('No postgres-databases found.\n');
    expect((await c.expect(0, ['postgres-databases', 'list', '--postgres', 'acme/shop/orders', '-o', 'name'])).stdout.split('\n')).toHaveLength(4);
    const up = await c.expect(0, ['postgres-databases', 'update', 'orders/app', '--tenant', 'acme/shop', '--extensions', 'pgcrypto', '--extensions', 'citext', '--wait', '-o', 'json']);
    expect(JSON.parse(up.stdout)).toMatchObject({ extensions: ['pgcrypto', 'citext'], status: 'ready' });
    const bad = await c.expect(4, ['postgres-databases', 'update', 'acme/shop/orders/app', '--extensions', 'nope']);
    oneLineError(bad, 'postgres-databases update');
    expect(bad.stderr).toContain('--extensions (extensions');
    // The cluster goes only once its databases are gone.
    expect((await c.expect(4, ['postgres', 'delete', 'acme/shop/orders'])).stderr).toContain('delete them first');
    for (const db of ['acme/shop/orders/raw', 'acme/shop/orders/reports'])
      expect((await c.expect(0, ['postgres-databases', 'delete', db, '--wait'])).stderr).toMatch(/✓ PostgreSQL database .* deleted/);
    expect((await c.expect(0, ['postgres-databases', 'rm', 'acme/shop/orders/app', '--no-wait', '-o', 'name'])).stdout).toBe('acme/shop/orders/app\n');
    await waitUntil('the database to be gone', async () => (await c.run(['postgres-databases', 'get', 'acme/shop/orders/app'])).code === 3, { timeoutMs: 30_000 });
    expect((await c.expect(0, ['postgres', 'delete', 'acme/shop/orders', '--wait'])).stderr).toMatch(/✓ PostgreSQL cluster acme\/shop\/orders deleted/);
  });

  test('lists page through the service: a page of one item still lists everything', async () => {
    const all = (await c.expect(0, ['tenants', 'list', '-o', 'name'])).stdout;
    expect(all.split('\n').length).toBeGreaterThan(3);
    expect((await c.expect(0, ['tenants', 'list', '-o', 'name'], { env: { HIKUBE_PAGE_SIZE: '1' } })).stdout).toBe(all);
  });
});

describe('data services: users with roles on a database or a vhost, and their passwords', () => {
  const PASSWORD = /^[A-Za-z0-9_-]{32}$/;

  test('a MongoDB user: create under its cluster (--mongodb) with its roles; --wait keeps the password the create alone answered', async () => {
    await c.expect(0, ['mongodb', 'create', 'events', '--tenant', 'acme/shop', '--replicas', '1', '--wait', '-o', 'name']);
    await c.expect(0, ['mongodb-databases', 'create', 'analytics', '--mongodb', 'acme/shop/events', '--wait', '-o', 'name']);
    const made = JSON.parse((await c.expect(0, ['mongodb-users', 'create', 'ingest', '--mongodb', 'acme/shop/events', '--databases', 'analytics=admin', '--wait', '-o', 'json'])).stdout);
    expect(made).toMatchObject({ name: 'ingest', databases: { analytics: 'admin' }, status: 'ready', password: expect.stringMatching(PASSWORD) });
    expect(JSON.parse((await c.expect(0, ['mongodb-users', 'get', 'acme/shop/events/ingest', '-o', 'json'])).stdout).password).toBeNull();
  });

  test('a RabbitMQ user: roles per vhost (--vhosts); a vhost the cluster lacks is refused on the flag', async () => {
    await c.expect(0, ['rabbitmq', 'create', 'jobs', '--tenant', 'acme/shop', '--replicas', '1', '--wait', '-o', 'name']);
    await c.expect(0, ['rabbitmq-vhosts', 'create', 'billing', '--rabbitmq', 'acme/shop/jobs', '--wait', '-o', 'name']);
    const made = JSON.parse((await c.expect(0, ['rabbitmq-users', 'create', 'worker', '--rabbitmq', 'acme/shop/jobs', '--vhosts', 'billing=readonly', '--wait', '-o', 'json'])).stdout);
    expect(made).toMatchObject({ vhosts: { billing: 'readonly' }, status: 'ready', password: expect.stringMatching(PASSWORD) });
    const refused = await c.expect(4, ['rabbitmq-users', 'create', 'ghost', '--rabbitmq', 'acme/shop/jobs', '--vhosts', 'orders=admin']);
    oneLineError(refused, 'rabbitmq-users create');
    expect(refused.stderr).toContain('--vhosts (vhosts.orders): names no RabbitMQ vhost of this RabbitMQ cluster (it has billing)');
  });
});

describe('VPN users: what the create alone answers', () => {
  test('--wait keeps the password and the access URL holding it; a get shows neither', async () => {
    await c.expect(0, ['vpns', 'create', 'office', '--tenant', 'acme/shop', '--host', 'vpn.example.com', '--no-external', '--replicas', '1', '--wait', '-o', 'name']);
    const made = JSON.parse((await c.expect(0, ['vpn-users', 'create', 'alice', '--vpn', 'acme/shop/office', '--wait', '-o', 'json'])).stdout);
    expect(made).toMatchObject({ name: 'alice', status: 'ready', password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    expect(made.accessUrl).toBe(`ss://${Buffer.from(`chacha20-ietf-poly1305:${made.password}`).toString('base64url')}@vpn.example.com:40000/?outline=1#office`);
    expect(JSON.parse((await c.expect(0, ['vpn-users', 'get', 'acme/shop/office/alice', '-o', 'json'])).stdout)).toMatchObject({ password: null, accessUrl: null });
  });
});

describe('usage, audit and catalog', () => {
  test('usage: per tenant and resource, totals that add up; no chart off a terminal', async () => {
    const json = JSON.parse((await c.expect(0, ['usage', '--tenant', 'acme/shop', '-o', 'json'])).stdout);
    const sum = json.resources.reduce((s: number, r: { cost: number }) => s + Math.round(r.cost * 100), 0) / 100;
    expect(json.totalCost).toBeCloseTo(sum, 2);
    expect(json.resources.map((r: { name: string }) => r.name).sort()).toEqual(expect.arrayContaining(['box', 'web']));
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const table = await c.expect(0, ['usage', '--tenant', 'acme/shop', '--from', since]);
    expect(table.stdout).toMatch(new RegExp(`^Usage of acme/shop from ${since}T00:00:00`));
    expect(table.stdout).toMatch(/^TENANT +KIND +NAME +HOURS +COST$/m);
    expect(table.stdout).toMatch(/^TOTAL +€\d+\.\d\d$/m);
    expect(table.stdout).not.toContain('█');
    oneLineError(await c.expect(2, ['usage', '--from', 'yesterday-ish']), 'usage');
  });

  test('audit: a table of the latest entries, JSON with the API fields, and --follow', async () => {
    const r = await c.expect(0, ['audit', '--tenant', 'acme/shop', '--limit', '5']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^AT +ACTION +KIND +RESOURCE_ID +TENANT +TOKEN_ID$/);
    expect(lines).toHaveLength(6);
    const json = JSON.parse((await c.expect(0, ['audit', '--tenant', 'acme/shop', '--limit', '3', '-o', 'json'])).stdout);
    expect(json.items).toHaveLength(3);
    expect(Object.keys(json.items[0]).sort()).toEqual(['action', 'actorTenantId', 'after', 'at', 'before', 'id', 'kind', 'resourceId', 'tenantId', 'tokenId']);

    const follow = spawn(process.execPath, [CLI, 'audit', '--tenant', 'acme/shop', '--follow', '--limit', '1', '--endpoint', service.url, '--token', service.token], { cwd: c.home });
    let out = '';
    follow.stdout.on('data', (d: Buffer) => (out += d));
    expect(await waitUntil('the audit header', () => out.includes('RESOURCE_ID'), { timeoutMs: 30_000, detail: () => out })).toBe(true);
    const made = await api.createTenant({ name: 'followed', parentId: (await api.getTenantByPath('acme/shop')).id });
    expect(await waitUntil(`the audit entry of ${made.id}`, () => out.includes(made.id), { timeoutMs: 30_000, detail: () => out })).toBe(true);
    expect(out.split('\n').filter((l) => l.includes(made.id))[0]).toMatch(/ create +tenant +tnt-/);
    follow.kill('SIGINT');
    const code = await new Promise((res) => follow.on('exit', (c2) => res(c2)));
    expect(code).toBe(0);
  });

  test('catalog: instance types with prices, Kubernetes versions, the price list', async () => {
    const types = await c.expect(0, ['catalog', 'instance-types']);
    expect(types.stdout).toMatch(new RegExp(`^u1\\.large +u1 +large +2 +8 +€${instanceMonthlyPrice('u1.large')!.toFixed(2)} `, 'm'));
    expect(types.stdout).toMatch(new RegExp(`^s1\\.large +s1 +large +4 +8 +€${instanceMonthlyPrice('s1.large')!.toFixed(2)} +€[0-9.]+ *$`, 'm'));
    expect(types.stdout).toMatch(/^m1\.small +m1 +small +1 +4 .*deprecated: not in Hikube's catalog; use m1\.large \(2 vCPU, 16 GiB\) instead$/m);
    const json = JSON.parse((await c.expect(0, ['catalog', 'instance-types', '-o', 'json'])).stdout);
    expect(json).toEqual(await api.instanceTypes());
    expect((await c.expect(0, ['catalog', 'kubernetes-versions'])).stdout).toMatch(/^v1\.33 +default$/m);
    expect((await c.expect(0, ['catalog', 'prices'])).stdout).toMatch(/^cpu\.u1 +vCPU +€12\.41 +€0\.0170$/m);
    const gpus = (await c.expect(0, ['catalog', 'gpus'])).stdout;
    expect(gpus).toMatch(/^nvidia\.com\/GA100_A100_SXM4_80GB +NVIDIA A100 SXM4 80GB +80 +yes +€1898\.00 *$/m);
    expect(gpus).toMatch(/^nvidia\.com\/GA102GL_A10 +NVIDIA A10 +24 +no +€584\.00 +deprecated: .*use nvidia\.com\/AD102GL_L40S/m);
    expect(JSON.parse((await c.expect(0, ['catalog', 'gpus', '-o', 'json'])).stdout)).toEqual(await api.gpus());
    expect((await c.expect(0, ['catalog', 'images'])).stdout).toMatch(/^oracle +Oracle Linux +oracle-8, oracle-9, oracle-10 +40 +cloud *$/m);
  });
});

describe('completion, service and provider', () => {
  test('completion scripts are a few lines that ask the CLI; bash, zsh and fish complete commands, aliases, flags and flag values with them', async () => {
    // The shells run the CLI under test as `hikube`, as they would an installed one.
    const bin = path.join(c.home, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'hikube'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, HIKUBE_CONFIG: c.configFile };
    const scripts: Record<string, string> = {};
    for (const shell of ['bash', 'zsh', 'fish']) {
      scripts[shell] = (await c.expect(0, ['completion', shell])).stdout;
      expect(scripts[shell].length).toBeLessThan(2048); // sourced by every new shell: no command tree in it
      const file = path.join(c.home, `hikube.${shell}`);
      fs.writeFileSync(file, scripts[shell]);
      const check = spawnSync(shell, ['-n', file]);
      expect({ shell, status: check.status, stderr: check.stderr.toString() }).toEqual({ shell, status: 0, stderr: '' });
    }
    const lines = (out: Buffer | string) => out.toString().split('\n').filter(Boolean);

    const bash = (line: string) => {
      const words = line.split(' ');
      const script = `source ${path.join(c.home, 'hikube.bash')}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _hikube; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return lines(spawnSync('bash', ['-c', script], { env }).stdout);
    };
    expect(bash('hikube clu')).toEqual(['clusters', 'cluster']);
    expect(bash('hikube clusters kub')).toEqual(['kubeconfig']);
    expect(bash('hikube vms create x --instance-t')).toEqual(['--instance-type']);
    expect(bash('hikube vms list -o ')).toEqual(['table', 'wide', 'json', 'yaml', 'name']);
    expect(bash('hikube tenants list --tenant acme -')).toContain('--output');

    // zsh's completion system needs a terminal: its _describe is replaced by one printing what it is given.
    const zsh = (words: string[]) =>
      lines(
        spawnSync(
          'zsh',
          [
            '-c',
            `compdef() {}; _describe() { local arr=\${@[-1]}; print -l -- \${(P)arr} }; source ${path.join(c.home, 'hikube.zsh')}; words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _hikube`,
          ],
          { env },
        ).stdout,
      );
    expect(zsh(['hikube', 'clusters', 'kub'])).toEqual([expect.stringMatching(/^kubeconfig:print the cluster's admin kubeconfig/)]);
    expect(zsh(['hikube', 'vms', 'list', '-o', ''])).toEqual(['table:output format', 'wide:output format', 'json:output format', 'yaml:output format', 'name:output format']);

    // fish completes a command line for real: complete -C.
    const fish = (line: string) => lines(spawnSync('fish', ['-c', `source ${path.join(c.home, 'hikube.fish')}; complete -C '${line}'`], { env }).stdout).map((l) => l.split('\t')[0]);
    expect(fish('hikube clu').sort()).toEqual(['cluster', 'clusters']);
    expect(fish('hikube vms list -o ').sort()).toEqual(['json', 'name', 'table', 'wide', 'yaml']);
    expect(fish('hikube vms create x --instance-t')).toEqual(['--instance-type']);

    // The helper itself: never an error, whatever the words.
    expect((await c.expect(0, ['__complete', 'no-such-group', '--frobnicate', ''])).stderr).toBe('');
    oneLineError(await c.expect(2, ['completion', 'tcsh']), 'completion');
  });

  test('service start runs the service in the foreground and stops on Ctrl-C', async () => {
    const dir = tempDir('cli-service-start');
    const child = spawn(process.execPath, [CLI, 'service', 'start', '--port', '0', '--data-dir', path.join(dir, 'data'), '--credentials-file', path.join(dir, 'creds.json'), '--workers', '0'], {
      cwd: dir,
    });
    let logs = '';
    child.stdout.on('data', (d: Buffer) => (logs += d));
    child.stderr.on('data', (d: Buffer) => (logs += d));
    const listening = await waitUntil('the service to log "listening"', () => logs.split('\n').find((l) => l.includes('"listening"')), { timeoutMs: 60_000, intervalMs: 100, detail: () => logs });
    const url = JSON.parse(listening).url as string;
    const token = JSON.parse(fs.readFileSync(path.join(dir, 'creds.json'), 'utf8')).token;
    expect((await c.expect(0, ['tenants', 'list', '-o', 'name', '--endpoint', url, '--token', token])).stdout).toBe('acme\n');
    child.kill('SIGINT');
    expect(await new Promise((r) => child.on('exit', (code) => r(code)))).toBe(0);
    const help = await c.expect(0, ['service', 'start', '--help']);
    expect(help.stdout).toContain('Usage: hikube-service [options]');
  });

  test('installed outside this repository without @hikube/service, service start says how to get it', async () => {
    // The layout npm gives a global install: @hikube/cli with its dependencies beside it.
    const root = packageRoot();
    const modules = path.join(tempDir('cli-installed'), 'node_modules');
    const lib = path.join(modules, '@hikube', 'cli', 'lib');
    fs.mkdirSync(lib, { recursive: true });
    for (const file of ['hikube.js', 'run.js']) fs.copyFileSync(path.join(path.dirname(CLI), file), path.join(lib, file));
    fs.copyFileSync(path.join(root, 'cli', 'package.json'), path.join(modules, '@hikube', 'cli', 'package.json'));
    fs.symlinkSync(path.join(root, 'node_modules', 'yaml'), path.join(modules, 'yaml'));
    fs.symlinkSync(path.join(root, 'provider'), path.join(modules, '@hikube', 'provider'));
    const installed = (args: string[]) => spawnSync(process.execPath, [path.join(lib, 'hikube.js'), ...args], { cwd: c.home, encoding: 'utf8', env: { ...process.env, HIKUBE_CONFIG: c.configFile } });
    const start = installed(['service', 'start']);
    expect({ code: start.status, stderr: start.stderr }).toEqual({
      code: 1,
      stderr: 'hikube service start: the Hikube service is not installed (fix: npm install --global @hikube/service, next to @hikube/cli; or run hikube-service from it)\n',
    });
    expect(installed(['--version']).stdout).toBe(`${cliVersion}\n`);
    expect(parseYaml(installed(['context', 'list', '-o', 'yaml']).stdout)).toMatchObject({ contexts: expect.any(Array) }); // yaml loads from beside the CLI
    const tf = installed(['provider', 'install', '--dir', path.join(c.home, 'tf-installed')]);
    expect(tf.status).toBe(0);
    expect(tf.stdout).toContain('installed terraform-provider-hikube');
  });

  test('provider install writes the mirror and a CLI config', async () => {
    const dir = path.join(c.home, 'tf');
    const r = await c.expect(0, ['provider', 'install', '--dir', dir]);
    expect(r.stdout).toContain(`export TF_CLI_CONFIG_FILE=${path.join(dir, 'terraform.rc')}`);
    expect(fs.readdirSync(path.join(dir, 'mirror', 'registry.terraform.io', 'hikube', 'hikube'))).toEqual([expect.stringMatching(/^terraform-provider-hikube_.*_linux_amd64\.zip$/)]);
    const mirror = await c.expect(0, ['provider', 'mirror', '--dir', path.join(c.home, 'net')]);
    expect(mirror.stdout).toContain(`network mirror written to ${path.join(c.home, 'net')}:`);
    const ok = await c.expect(0, ['provider', 'check', '--dir', dir, '--workdir', c.home], { env: { TF_CLI_CONFIG_FILE: path.join(dir, 'terraform.rc') } });
    expect(ok.stdout).not.toContain('problem');
    const bad = await c.expect(1, ['provider', 'check', '--dir', dir, '--workdir', c.home], { env: { TF_CLI_CONFIG_FILE: '' } });
    expect(bad.stdout).toContain(`fix: export TF_CLI_CONFIG_FILE=${path.join(dir, 'terraform.rc')}`);
    expect(fs.existsSync(path.join(c.home, 'net', 'registry.terraform.io', 'hikube', 'hikube', 'index.json'))).toBe(true);
  });

  test('delete a monitoring stack and a VM, waiting until gone', async () => {
    expect((await c.expect(0, ['monitoring-stacks', 'delete', 'acme/shop', '--wait'])).stderr).toMatch(/✓ monitoring stack acme\/shop deleted/);
    expect((await c.expect(0, ['vms', 'delete', 'acme/shop/dev/box', '--no-wait', '-o', 'name'])).stdout).toBe('acme/shop/dev/box\n');
  });
});

describe('waiting through a service restart', () => {
  test('--wait waits out a service that goes away and comes back, then reports ready', async () => {
    const home = tempDir('cli-restart');
    const port = await freePort();
    const args = ['--sim-delays', 'cluster.create=4s'];
    const { spawnService } = await import('../../cli/service-process');
    let svc = await spawnService({ home, port, args, env: { DATABASE_URL: '' } });
    const env = { HIKUBE_ENDPOINT: svc.url, HIKUBE_TOKEN: svc.token };
    await c.expect(0, ['tenants', 'create', 'acme/r'], { env });
    const child = spawn(
      process.execPath,
      [CLI, 'clusters', 'create', 'web', '--tenant', 'acme/r', '--wait', '--set', 'nodeGroups.w.instanceType=u1.small', '--set', 'nodeGroups.w.minReplicas=1', '--set', 'nodeGroups.w.maxReplicas=1'],
      {
        cwd: c.home,
        env: { ...process.env, ...env, HIKUBE_CONFIG: path.join(home, 'none.json') },
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? -1)));
    await waitUntil('the CLI to report the cluster pending', () => err.includes('cluster acme/r/web: pending'), { timeoutMs: 30_000, detail: () => err });
    await svc.stop('SIGKILL');
    await waitUntil('the CLI to retry the unavailable service', () => err.includes('service unavailable, retrying'), { timeoutMs: 30_000, detail: () => err });
    expect(err).toContain('cluster acme/r/web: service unavailable, retrying (cannot reach the Hikube service at');
    svc = await spawnService({ home, port, args, env: { DATABASE_URL: '' } });
    try {
      expect(await exited).toBe(0);
      expect(err).toMatch(/✓ cluster acme\/r\/web ready in \d+s\n$/);
    } finally {
      await svc.stop();
    }
  });
});
