/**
 * CLI start-up: `hikube --version` and `hikube tenants list` (one request to a real service on
 * its embedded store), each from spawn to exit, against a bare `node -e 0` measured in the same
 * run, interleaved. The CLI runs as users get it: the bundled cli/lib/hikube.js, with its code
 * cache (cli/compile-cache.ts) in a cache directory of the bench's own, made by the warm-up run
 * as a user's first run makes it. `tenants list` is also timed without the cache, for the record.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../cli/paths';
import { spawnService } from '../cli/service-process';
import { fmt, median } from './stats';

function timeRun(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: 'ignore', env });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

export interface CliStartupResult {
  readonly runs: number;
  readonly bareNodeMs: number;
  readonly versionMs: number;
  readonly listMs: number;
  /** `tenants list` with the code cache disabled. */
  readonly uncachedMs: number;
  /** Table rows for docs/benchmarks.md. */
  readonly rows: string;
}

export async function benchCliStartup(runs = 21, target = 1.5): Promise<CliStartupResult> {
  const cli = path.join(packageRoot(), 'cli', 'lib', 'hikube.js');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hikube-bench-cli-'));
  const service = await spawnService({ home, env: { DATABASE_URL: '' } });
  // A config of its own: the user's contexts never leak into a benchmark.
  const env: NodeJS.ProcessEnv = { ...process.env, HIKUBE_CONFIG: path.join(home, 'config.json'), XDG_CACHE_HOME: path.join(home, 'cache'), HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const uncachedEnv = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' };
  try {
    const bare: number[] = [];
    const version: number[] = [];
    const list: number[] = [];
    const uncached: number[] = [];
    await timeRun(['-e', '0']); // warm the file cache for all of them
    await timeRun([cli, '--version'], env);
    await timeRun([cli, 'tenants', 'list'], env); // and writes the code cache
    for (let i = 0; i < runs; i++) {
      bare.push(await timeRun(['-e', '0']));
      version.push(await timeRun([cli, '--version'], env));
      list.push(await timeRun([cli, 'tenants', 'list'], env));
      uncached.push(await timeRun([cli, 'tenants', 'list'], uncachedEnv));
    }
    const bareNodeMs = median(bare);
    const versionMs = median(version);
    const listMs = median(list);
    const uncachedMs = median(uncached);
    const verdict = (r: number) => (r <= target ? `✅ within ${target}x` : `❌ over ${target}x`);
    const row = (what: string, ms: number) =>
      `| ${what}, spawn to exit, vs \`node -e 0\` (${runs} runs) | ${fmt(ms)} | ${fmt(bareNodeMs)} | ${(ms / bareNodeMs).toFixed(2)}x | ${verdict(ms / bareNodeMs)} |`;
    return {
      runs,
      bareNodeMs,
      versionMs,
      listMs,
      uncachedMs,
      rows: [
        row('`hikube --version`', versionMs),
        row('`hikube tenants list` (one request to the service)', listMs),
        `| \`hikube tenants list\` without the code cache (\`NODE_DISABLE_COMPILE_CACHE=1\`: a first run's cost, before it writes the cache), for the record | ${fmt(uncachedMs)} | ${fmt(bareNodeMs)} | ${(uncachedMs / bareNodeMs).toFixed(2)}x | - |`,
      ].join('\n'),
    };
  } finally {
    await service.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}
