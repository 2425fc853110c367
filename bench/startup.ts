/**
 * Provider start-up: from spawn to the handshake line on stdout, against a bare `node -e 0`
 * (spawn to exit) measured in the same run, interleaved so both see the same machine load.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installProvider } from '../cli/install-provider';
import { generateCertificate } from '../provider/plugin/certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../provider/plugin/serve';
import { median } from './stats';

function timeBareNode(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - start) / 1e6));
  });
}

function timeHandshake(executable: string, clientCert: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(executable, [], {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: clientCert },
    });
    let out = '';
    child.on('error', reject);
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      if (out.includes('\n')) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (!/^1\|6\|unix\|/.test(out)) reject(new Error(`unexpected handshake: ${out}`));
        child.kill('SIGTERM');
        child.on('exit', () => resolve(ms));
      }
    });
  });
}

export interface StartupResult {
  readonly runs: number;
  readonly bareNodeMs: number;
  readonly handshakeMs: number;
  readonly ratio: number;
  /** Spawn to handshake of the other executables asked for, measured in the same loop. */
  readonly othersMs: Record<string, number>;
}

/** `others`: more provider executables (label -> path) to time alongside, e.g. a single executable build. */
export async function benchStartup(runs = 21, others: Record<string, string> = {}): Promise<StartupResult> {
  // What Terraform executes: the released launcher and bundle, unpacked as `terraform init` leaves them.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hikube-bench-startup-'));
  try {
    const entry = installProvider(dir, { layout: 'unpacked' }).installed;
    const clientCert = generateCertificate().cert;
    await timeBareNode(); // warm the file cache for both
    await timeHandshake(entry, clientCert);
    const bare: number[] = [];
    const handshake: number[] = [];
    const other: Record<string, number[]> = Object.fromEntries(Object.keys(others).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      bare.push(await timeBareNode());
      handshake.push(await timeHandshake(entry, clientCert));
      for (const [label, executable] of Object.entries(others)) other[label].push(await timeHandshake(executable, clientCert));
    }
    const bareNodeMs = median(bare);
    const handshakeMs = median(handshake);
    const othersMs = Object.fromEntries(Object.entries(other).map(([k, v]) => [k, median(v)]));
    return { runs, bareNodeMs, handshakeMs, ratio: handshakeMs / bareNodeMs, othersMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true }); // the unpacked install, some MB per run
  }
}
