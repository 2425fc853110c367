/**
 * `hikube service start`: runs the service in the foreground. It is a package of its own
 * (@hikube/service, an optional peer of the CLI), loaded only here.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError, EXIT } from '../errors';

/** The service's entry point: the installed @hikube/service package, else this repository's build. */
export function serviceEntry(): string {
  try {
    const manifest = require.resolve('@hikube/service/package.json');
    const bin = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin['hikube-service'];
    const entry = path.join(path.dirname(manifest), bin);
    if (fs.existsSync(entry)) return entry;
  } catch {
    /* not installed: try the repository */
  }
  try {
    const { compiled } = require('../paths') as typeof import('../paths');
    return compiled('service/main.js');
  } catch {
    throw new CliError('the Hikube service is not installed (fix: npm install --global @hikube/service, next to @hikube/cli; or run hikube-service from it)', EXIT.failure);
  }
}

export async function start(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [serviceEntry(), ...args], { stdio: 'inherit' });
  // The service handles SIGINT/SIGTERM itself (it drains, then exits): pass them on, then follow its exit.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 128 + 2 : 1))));
  process.exitCode = code;
}
