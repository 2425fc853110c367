import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { compileService } from './compiled';
import { tempDir } from './helpers';

/**
 * The real entry point, as `node dist/service/main.js` runs it: compiled (transpiled) into a
 * folder under dist/ like the build does, so that this also proves the SQL migrations are
 * found from compiled code.
 */

let main: string;
let remove: () => void;

beforeAll(() => ({ main, remove } = compileService()));
afterAll(() => remove?.());

function runMain(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 20_000 });
}

describe('flags', () => {
  const cases: { name: string; args: string[]; message: RegExp; env?: NodeJS.ProcessEnv }[] = [
    { name: 'unknown flag', args: ['--bogus'], message: /Unknown option '--bogus'/ },
    { name: 'bad port', args: ['--port', 'http'], message: /--port must be a port number from 0 to 65535, got "http"/ },
    { name: 'port out of range', args: ['--port', '70000'], message: /--port must be a port number/ },
    { name: 'bad HIKUBE_PORT', args: [], message: /HIKUBE_PORT must be a port number/, env: { HIKUBE_PORT: '-1' } },
    { name: 'positional argument', args: ['serve'], message: /positional argument/i },
    { name: 'bad --sim-delays', args: ['--sim-delays', 'vm.boot=1s'], message: /--sim-delays: invalid simulated delay "vm.boot=1s"/ },
    { name: 'bad HIKUBE_SIM_FAIL', args: [], message: /HIKUBE_SIM_FAIL: invalid simulated failure/, env: { HIKUBE_SIM_FAIL: 'vm.create:broken' } },
    { name: 'bad --workers', args: ['--workers', 'many'], message: /--workers must be a number of workers/ },
  ];
  test.each(cases)('$name: one line on stderr, exit 2', ({ args, message, env }) => {
    const result = runMain(args, env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe('');
  });

  test('bad organisation name: exit 2', () => {
    const dir = tempDir();
    const result = runMain(['--port', '0', '--org', 'Bad_Org', '--data-dir', path.join(dir, 'data'), '--credentials-file', path.join(dir, 'c.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/invalid organisation name "Bad_Org"/);
  });

  test('--help prints usage', () => {
    const result = runMain(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--data-dir/);
    expect(result.stdout).toMatch(/--sim-delays <list>[\s\S]*--sim-fail <rules>[\s\S]*HIKUBE_SIM_FAIL/);
  });
});

describe('running', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => child?.kill('SIGKILL'));

  test('logs JSON lines, serves, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const credentialsFile = path.join(dir, 'creds', 'credentials.json');
    child = spawn(process.execPath, [main, '--port', '0', '--org', 'demo', '--credentials-file', credentialsFile], {
      env: { PATH: process.env.PATH, HIKUBE_DATA_DIR: path.join(dir, 'data') },
    });
    const lines: Record<string, unknown>[] = [];
    const stderr: string[] = [];
    child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
    const reader = readline.createInterface({ input: child.stdout });
    const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
      reader.on('line', (line) => {
        const parsed = JSON.parse(line) as Record<string, unknown>; // every line must be JSON
        lines.push(parsed);
        if (parsed.msg === 'listening') resolve(parsed);
      });
      child!.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr.join('')}`)));
    });
    const ready = await listening;
    expect(ready).toMatchObject({ level: 'info', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), store: 'pglite', dataDir: path.join(dir, 'data') });

    const credentials = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as { endpoint: string; token: string; organisation: string };
    expect(credentials).toMatchObject({ endpoint: ready.url, organisation: 'demo' });
    expect(fs.statSync(credentialsFile).mode & 0o777).toBe(0o600);
    const res = await fetch(`${ready.url}/v1/tenants`, { headers: { authorization: `Bearer ${credentials.token}` } });
    expect(((await res.json()) as { items: { path: string }[] }).items.map((x) => x.path)).toEqual(['demo']);

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['applied migrations', 'listening', 'request', 'signal received', 'stopped']));
    expect(JSON.stringify(lines)).not.toContain(credentials.token);
    expect(stderr.join('')).toBe('');
  });
});
