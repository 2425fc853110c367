/**
 * Starts the service as its own process (dist/service/main.js) and waits for its
 * "listening" log line. The demo, the benchmarks and the end-to-end tests share it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compiled } from './paths';

export interface ServiceProcess {
  readonly url: string;
  readonly token: string;
  readonly dataDir: string;
  readonly credentialsFile: string;
  readonly process: ChildProcess;
  /** Every line the service wrote so far (JSON log lines). */
  readonly logs: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServiceProcessOptions {
  /** Holds data/ (PGlite files) and credentials.json. */
  readonly home: string;
  /** @default 0 (any free port) */
  readonly port?: number;
  readonly args?: string[];
  readonly env?: Record<string, string>;
  /** Called with each log line as it arrives. */
  readonly onLog?: (line: string) => void;
  /** The service's entry point. @default this repository's dist/service/main.js */
  readonly entry?: string;
}

export async function spawnService(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const entry = options.entry ?? compiled('service/main.js');
  const dataDir = path.join(options.home, 'data');
  const credentialsFile = path.join(options.home, 'credentials.json');
  const child = spawn(process.execPath, [entry, '--port', String(options.port ?? 0), '--data-dir', dataDir, '--credentials-file', credentialsFile, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start within 60s:\n${logs.join('\n')}`)), 60_000);
    const onLine = (line: string) => {
      logs.push(line);
      options.onLog?.(line);
      const entry = parseJson(line);
      if (entry?.msg === 'listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve(entry.url);
      }
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          onLine(buffered.slice(0, nl));
          buffered = buffered.slice(nl + 1);
        }
      });
    }
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${signal ?? code}) before listening:\n${logs.join('\n')}`));
    });
  });
  const { token } = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as { token: string };
  return {
    url,
    token,
    dataDir,
    credentialsFile,
    process: child,
    logs,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(line) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
