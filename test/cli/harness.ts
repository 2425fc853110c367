/**
 * Runs the CLI as users get it: the bundled cli/lib/hikube.js (built by `npm run build`), in a
 * process of its own, with a home, config and kubeconfig in a temporary folder, so nothing of
 * the machine's user (contexts, ~/.kube/config, .hikube/credentials.json) is read or written.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../cli/paths';
import { tempDir } from '../e2e/harness';

export const CLI = path.join(packageRoot(), 'cli', 'lib', 'hikube.js');

if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Cli {
  /** The folder standing in for the user's home (config, kubeconfig, working directory). */
  readonly home: string;
  readonly configFile: string;
  readonly kubeconfig: string;
  run(args: string[], options?: { env?: Record<string, string | undefined>; input?: string }): Promise<CliRun>;
  /** Runs and fails with the whole output when the exit code differs from `code`. */
  expect(code: number, args: string[], options?: { env?: Record<string, string | undefined>; input?: string }): Promise<CliRun>;
}

/** Environment variables a user's shell may carry that would change what the CLI does. */
const SCRUBBED = ['HIKUBE_ENDPOINT', 'HIKUBE_TOKEN', 'HIKUBE_CONTEXT', 'HIKUBE_CONFIG', 'XDG_CONFIG_HOME', 'KUBECONFIG', 'NO_COLOR', 'FORCE_COLOR'];

export function cli(prefix = 'cli'): Cli {
  const home = tempDir(prefix);
  const configFile = path.join(home, '.config', 'hikube', 'config.json');
  const kubeconfig = path.join(home, '.kube', 'config');
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') };
  for (const k of SCRUBBED) if (k !== 'XDG_CONFIG_HOME') delete baseEnv[k];
  const run: Cli['run'] = (args, options = {}) =>
    new Promise((resolve, reject) => {
      const env = { ...baseEnv, ...options.env };
      for (const [k, v] of Object.entries(options.env ?? {})) if (v === undefined) delete env[k];
      const child = spawn(process.execPath, [CLI, ...args], { cwd: home, env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.stderr.on('data', (c: Buffer) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(options.input ?? '');
    });
  return {
    home,
    configFile,
    kubeconfig,
    run,
    async expect(code, args, options) {
      const r = await run(args, options);
      if (r.code !== code) throw new Error(`hikube ${args.join(' ')} exited ${r.code}, expected ${code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      return r;
    },
  };
}
