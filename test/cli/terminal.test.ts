/**
 * What people see in a terminal, checked in a real pseudo-terminal: tmux runs the bundled CLI
 * in a pane, and capture-pane reads the screen back with its colour attributes. Off a terminal
 * (every other test) output has no escape sequences; here tables are coloured, NO_COLOR turns
 * that off, --wait is the default with a live progress line, Ctrl-C stops waiting without
 * cancelling, and usage draws its bar chart.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { apiClient, RunningService, startService, tempDir } from '../e2e/harness';
import { waitUntil } from '../support/wait';
import { CLI, cli } from './harness';

jest.setTimeout(180_000);

const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

let service: RunningService;
let api: HikubeClient;
let socket: string;
let pane = 0;

/** tmux with its own server socket and no user configuration. */
function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-u', '-f', '/dev/null', '-S', socket, ...args], { encoding: 'utf8' });
}

interface Pane {
  readonly target: string;
  /** The screen as text; with `escapes`, with SGR sequences for colours and bold. */
  screen(escapes?: boolean): string;
  /** Waits until the screen (plain text) matches. */
  until(pattern: RegExp, timeoutMs?: number): Promise<string>;
  keys(...keys: string[]): void;
}

/** Runs `hikube ARGS` in a fresh 200x50 pane; the pane prints EXIT=<code> when it ends. */
function run(args: string[], env: Record<string, string> = {}): Pane {
  const name = `p${pane++}`;
  const home = tempDir('tty');
  const vars = { HOME: home, HIKUBE_CONFIG: path.join(home, 'config.json'), HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...env };
  const command = `${process.execPath} ${CLI} ${args.map((a) => `'${a}'`).join(' ')}; echo EXIT=$?; sleep 600`;
  tmux('new-session', '-d', '-s', name, '-x', '200', '-y', '50', ...Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]), command);
  const target = `${name}:0.0`;
  const p: Pane = {
    target,
    screen: (escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', target),
    until: (pattern, timeoutMs = 60_000) =>
      waitUntil(
        `the screen to match ${pattern}`,
        () => {
          const text = p.screen();
          return pattern.test(text) ? text : undefined;
        },
        { timeoutMs, detail: () => p.screen() },
      ),
    keys: (...keys) => void tmux('send-keys', '-t', target, ...keys),
  };
  return p;
}

beforeAll(async () => {
  socket = path.join(tempDir('tmux'), 'socket');
  service = await startService(tempDir('tty-service'), ['--sim-delays', 'cluster.create=5s,cluster.delete=200ms,vm.create=300ms']);
  api = apiClient(service);
  const c = cli('tty-setup');
  const env = { HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token };
  await c.expect(0, ['tenants', 'create', 'acme/tty'], { env });
  await c.expect(0, ['tenants', 'create', 'acme/tty/team'], { env });
  await c.expect(0, ['vms', 'create', 'box', '--tenant', 'acme/tty/team', '--instance-type', 'u1.large', '--wait'], { env });
  await c.expect(0, ['vms', 'create', 'small', '--tenant', 'acme/tty', '--instance-type', 'u1.small', '--wait'], { env });
});

afterAll(async () => {
  try {
    tmux('kill-server');
  } catch {
    /* no server left */
  }
  api?.close();
  await service?.stop();
});

test('on a terminal, a table has a bold header and coloured statuses', async () => {
  const p = run(['vms', 'list']);
  await p.until(/EXIT=0/);
  const screen = p.screen(true);
  expect(screen).toMatch(/^\x1b\[1mNAME\x1b\[0m.*\x1b\[1mTENANT\x1b\[0m.*\x1b\[1mINSTANCE_TYPE/m);
  expect(screen).toMatch(/box +acme\/tty\/team +u1\.large +Always +10\.[\d.]+ +\x1b\[32mready\x1b\[39m/);
});

test('NO_COLOR turns colours off, on a terminal too', async () => {
  const p = run(['vms', 'list'], { NO_COLOR: '1' });
  await p.until(/EXIT=0/);
  const screen = p.screen(true);
  expect(screen).toMatch(/box +acme\/tty\/team/);
  expect(screen).not.toMatch(/\x1b\[(1|32)m/);
});

test('--wait is the default on a terminal: a live progress line, then the result', async () => {
  const p = run(['clusters', 'create', 'web', '--tenant', 'acme/tty', '--set', 'nodeGroups.w.instanceType=u1.small', '--set', 'nodeGroups.w.minReplicas=1', '--set', 'nodeGroups.w.maxReplicas=2']);
  const during = await p.until(/cluster acme\/tty\/web: (pending|provisioning) \d+s/);
  expect(during).toMatch(new RegExp(`${SPINNER.source} cluster acme/tty/web: (pending|provisioning) \\d+s`));
  const first = /(\d+)s\s*$/m.exec(during.split('\n').find((l) => l.includes('acme/tty/web:'))!)![1];
  await p.until(new RegExp(`acme/tty/web: provisioning ([2-9]|\\d\\d)s`)); // the clock moves
  expect(Number(first)).toBeLessThan(5);
  const done = await p.until(/EXIT=0/);
  expect(done).toMatch(/^✓ cluster acme\/tty\/web ready in [4-9]s$/m);
  expect(done).toMatch(/^NAME +TENANT +VERSION +NODE_GROUPS +STATUS +MONTHLY_COST +AGE\nweb +acme\/tty +v1\.33 +w:1-2xu1\.small +ready/m);
  expect(done).not.toMatch(SPINNER); // the progress line is cleared, not left behind
});

test('Ctrl-C stops waiting (exit 130) and the operation goes on in the service', async () => {
  const p = run(['clusters', 'create', 'api', '--tenant', 'acme/tty', '--set', 'nodeGroups.w.instanceType=u1.small', '--set', 'nodeGroups.w.minReplicas=1', '--set', 'nodeGroups.w.maxReplicas=1']);
  await p.until(/cluster acme\/tty\/api: (pending|provisioning) \d+s/);
  p.keys('C-c');
  const screen = await p.until(/EXIT=\d+/);
  expect(screen).toMatch(/EXIT=130/);
  expect(screen).toMatch(
    /^hikube clusters create: stopped waiting after \d+s: cluster acme\/tty\/api is still (pending|provisioning) in the service \(follow it: hikube clusters get acme\/tty\/api --wait\)$/m,
  );
  const tenant = await api.getTenantByPath('acme/tty');
  const [cluster] = (await api.listResources<{ id: string; status: string }>('/v1/clusters', { tenantId: tenant.id, name: 'api' })).items;
  expect(['pending', 'provisioning']).toContain(cluster.status);
  const ready = await api.waitForResource<{ status: string }>('/v1/clusters', cluster.id, 'ready', 20_000);
  expect(ready.status).toBe('ready');
});

test('login asks for the token on a terminal without echoing it', async () => {
  const home = tempDir('tty-login');
  const p = run(['login', '--endpoint', service.url], { HIKUBE_TOKEN: '', HIKUBE_CONFIG: path.join(home, 'config.json') });
  await p.until(new RegExp(`^Token for ${service.url.replace(/[.]/g, '\\.')}:$`, 'm')); // tmux trims the trailing space
  p.keys('-l', service.token);
  p.keys('Enter');
  const screen = await p.until(/EXIT=\d+/);
  expect(screen).toMatch(/EXIT=0/);
  expect(screen).toContain(`Logged in to ${service.url} as context default`);
  expect(screen).not.toContain(service.token);
});

test('usage draws a bar chart of cost per tenant on a terminal', async () => {
  // Billed up to a day a month from now (the service bills running resources to `to`), so costs are not zero.
  const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const p = run(['usage', '--tenant', 'acme/tty', '--to', to]);
  const screen = await p.until(/EXIT=0/);
  expect(screen).toMatch(/^Cost per tenant$/m);
  const bars = screen.split('\n').filter((l) => l.includes('█'));
  expect(bars.length).toBeGreaterThanOrEqual(2);
  // The most expensive tenant has the longest bar (30 blocks); others are proportional.
  const width = (l: string) => (l.match(/█/g) ?? []).length;
  expect(Math.max(...bars.map(width))).toBe(30);
  expect(bars.map(width)).toEqual([...bars.map(width)].sort((a, b) => b - a));
});
