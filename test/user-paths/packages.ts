/**
 * The project's packages as a user gets them: `npm pack` of every workspace (which runs each
 * package's prepack build), installed with npm into folders outside this repository.
 *
 * The packing happens in a copy of the checkout: the prepack builds rewrite dist/ and the
 * provider release file by file, and other test files start the service and the provider from
 * those same files while this one runs (CI once caught a service reading a half-written module).
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

/**
 * The checkout's sources as git sees them (tracked files, and new files not ignored), copied to
 * `dir` with no build output, the way a fresh clone has them; the installed node_modules folders
 * (the root's and any workspace's own) are shared by links.
 */
export function sourceCopy(dir: string): string {
  const files = mustRun('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], ROOT).split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the work tree, not yet committed
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
    fs.chmodSync(path.join(dir, file), fs.statSync(from).mode);
  }
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  for (const folder of ['.', ...workspaces]) {
    const modules = path.join(ROOT, folder, 'node_modules');
    if (fs.existsSync(modules)) fs.symlinkSync(modules, path.join(dir, folder, 'node_modules'), 'dir');
  }
  return dir;
}

/** `npm pack --workspaces` of a fresh copy of the sources into `dest`; returns each tarball's path. */
export function packAll(dest: string): Packs {
  fs.mkdirSync(dest, { recursive: true });
  const source = sourceCopy(path.join(dest, 'source'));
  mustRun('npm', ['pack', '--workspaces', '--pack-destination', dest], source);
  const file = (name: string) => {
    const { version } = JSON.parse(fs.readFileSync(path.join(source, name.split('/')[1], 'package.json'), 'utf8')) as { version: string };
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
