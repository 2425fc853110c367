/**
 * The project's packages as a user gets them: `npm pack` of every workspace (which runs each
 * package's prepack build), installed with npm into folders outside this repository.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../cli/paths';

export const ROOT = packageRoot();

export interface Packs {
  readonly constructs: string;
  readonly provider: string;
  readonly service: string;
  readonly cli: string;
}

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

export function mustRun(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = run(cmd, args, cwd, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.code}:\n${r.out}`);
  return r.out;
}

/** `npm pack --workspaces` into `dest`; returns each tarball's path. */
export function packAll(dest: string): Packs {
  fs.mkdirSync(dest, { recursive: true });
  mustRun('npm', ['pack', '--workspaces', '--pack-destination', dest], ROOT);
  const file = (name: string) => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, name.split('/')[1], 'package.json'), 'utf8')) as { version: string };
    const tgz = path.join(dest, `${name.slice(1).replace('/', '-')}-${version}.tgz`);
    if (!fs.existsSync(tgz)) throw new Error(`npm pack did not write ${tgz}`);
    return tgz;
  };
  return { constructs: file('@hikube/constructs'), provider: file('@hikube/provider'), service: file('@hikube/service'), cli: file('@hikube/cli') };
}

/** A folder with its own package.json, installed with npm (from its cache when it can). */
export function npmProject(dir: string, manifest: object): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true, ...manifest }, null, 2));
  mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return dir;
}

export const tarball = (file: string) => `file:${file}`;

/** Like run, without blocking this process's event loop (for servers the test itself runs). */
export function runAsync(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}
