import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './helpers';
import { freePort } from '../support/free-port';

/**
 * A real PostgreSQL 15 server started in a temp dir, for DATABASE_URL tests. initdb refuses to
 * run as root, so as root the server programs run as the `postgres` user through runuser.
 * Missing programs fail the suite with the reason (.ci/run installs them).
 */

const asRoot = process.getuid?.() === 0;
const runAs = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];

export interface PgServer {
  readonly databaseUrl: string;
  /** Stops the server (fast shutdown: connections are cut), keeping its files: an outage. */
  halt(): void;
  /** Starts it again on the same port and files, after halt(). */
  restart(): void;
  stop(): void;
}

function whyUnavailable(): string | undefined {
  for (const program of ['initdb', 'pg_ctl', ...(asRoot ? ['runuser'] : [])]) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) return `${program} is not on PATH`;
  }
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root and there is no postgres user';
  return undefined;
}

function run(args: string[]): void {
  execFileSync(runAs[0] ?? args[0], [...runAs.slice(1), ...(runAs.length ? args : args.slice(1))], { stdio: 'pipe' });
}

export async function startPgServer(): Promise<PgServer> {
  const unavailable = whyUnavailable();
  if (unavailable) throw new Error(`cannot start a PostgreSQL server: ${unavailable} (install PostgreSQL 15's server programs)`);
  const dir = tempDir('hikube-pg-');
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const pgData = path.join(dir, 'pgdata');
  const port = await freePort();
  run(['initdb', '-D', pgData, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const start = () => run(['pg_ctl', '-D', pgData, '-l', path.join(dir, 'postgres.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  start();
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    halt: () => run(['pg_ctl', '-D', pgData, '-m', 'fast', '-w', 'stop']),
    restart: start,
    stop() {
      if (fs.existsSync(path.join(pgData, 'postmaster.pid'))) run(['pg_ctl', '-D', pgData, '-m', 'fast', '-w', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
