/**
 * Real VictoriaMetrics programs from Debian's packages (`victoria-metrics` 1.79.5: vmauth,
 * vmagent, victoria-metrics single node; `prometheus-node-exporter`), started on 127.0.0.1
 * free ports. .ci/run installs them when missing.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { freePort } from '../support/free-port';
import { waitUntil } from '../support/wait';

const PACKAGES: Record<string, string> = {
  vmauth: 'victoria-metrics',
  vmagent: 'victoria-metrics',
  'victoria-metrics': 'victoria-metrics',
  'prometheus-node-exporter': 'prometheus-node-exporter',
};

/** The program on PATH or in /usr/bin; a clear error naming the Debian package when missing. */
export function program(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin'];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  throw new Error(
    `${name} is not installed: the monitoring tests run the real program from Debian's ${PACKAGES[name] ?? name} package. ` +
      'Install it with `apt-get update && apt-get install -y victoria-metrics prometheus-node-exporter` (.ci/run does this when missing).',
  );
}

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Everything the program wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `name` with `args` (its listen address included via `listenFlag`) and waits until `readyPath` answers. */
export async function start(name: string, args: (port: number) => string[], readyPath = '/health'): Promise<Running> {
  const port = await freePort();
  const child = spawn(program(name), args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c));
  child.stderr!.on('data', (c: Buffer) => (out += c));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const running: Running = {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  try {
    await waitUntil(
      `${name} to answer on ${running.url}${readyPath}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready:\n${out}`);
        return (
          (await get(`${running.url}${readyPath}`).then(
            (r) => r.status,
            () => 0,
          )) === 200
        );
      },
      { timeoutMs: 15_000, intervalMs: 100, detail: () => out },
    );
  } catch (err) {
    await running.stop();
    throw err;
  }
  return running;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
}

export function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return request('GET', url, headers);
}

export function request(method: string, url: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const basic = (username: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` });

/** What reached a recording backend: method, path with query, the tenant headers. */
export interface Hit {
  readonly method: string;
  readonly url: string;
  readonly accountId?: string;
  readonly projectId?: string;
}

/**
 * A tiny HTTP server that records every request and answers 200: a backend for vmauth that
 * shows which account path and which tenant headers arrive, for any store behind it.
 */
export async function recordingBackend(): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push({ method: req.method!, url: req.url!, accountId: req.headers.accountid as string | undefined, projectId: req.headers.projectid as string | undefined });
      res.end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
