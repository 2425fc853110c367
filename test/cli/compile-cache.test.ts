/**
 * The installed CLI loads lib/run.js through V8's code cache in the user's cache directory
 * (cli/compile-cache.ts). A cache must speed a start-up up and never change what runs: one that
 * does not fit (garbage, another build of the same length) is replaced, not trusted.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { packageRoot } from '../../cli/paths';
import { tempDir } from '../e2e/harness';
import { CLI } from './harness';

/** A copy of the installed layout (lib/hikube.js and lib/run.js), to change run.js in. */
function installCopy(): string {
  const root = packageRoot();
  const modules = path.join(tempDir('cli-cache-install'), 'node_modules');
  const lib = path.join(modules, '@hikube', 'cli', 'lib');
  fs.mkdirSync(lib, { recursive: true });
  for (const file of ['hikube.js', 'run.js']) fs.copyFileSync(path.join(path.dirname(CLI), file), path.join(lib, file));
  fs.copyFileSync(path.join(root, 'cli', 'package.json'), path.join(modules, '@hikube', 'cli', 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules', 'yaml'), path.join(modules, 'yaml'));
  fs.symlinkSync(path.join(root, 'provider'), path.join(modules, '@hikube', 'provider'));
  return lib;
}

function hikube(lib: string, args: string[], env: Record<string, string>) {
  const home = path.dirname(lib);
  const r = spawnSync(process.execPath, [path.join(lib, 'hikube.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home, HIKUBE_CONFIG: path.join(home, 'config.json'), NODE_DISABLE_COMPILE_CACHE: '', ...env },
  });
  expect({ args, code: r.status, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
  return r.stdout;
}

test('the first run saves the code cache, the next runs use it unchanged, and a cache V8 rejects is rewritten', () => {
  const lib = installCopy();
  const env = { XDG_CACHE_HOME: tempDir('cli-cache-home') };
  const dir = path.join(env.XDG_CACHE_HOME, 'hikube');
  const first = hikube(lib, ['context', 'list', '-o', 'yaml'], env); // -o yaml: the yaml package loads by require() from run.js
  expect(first).toContain('contexts:');
  const files = fs.readdirSync(dir);
  const { size, mtimeMs } = fs.statSync(path.join(lib, 'run.js'));
  const digest = createHash('sha256')
    .update(fs.readFileSync(path.join(lib, 'run.js')))
    .digest('hex')
    .slice(0, 16);
  expect(fs.readFileSync(path.join(lib, 'hikube.js'), 'utf8')).toContain(`"${digest}"`); // the build names its run.js
  expect(files).toEqual([`run-${digest}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.v8cache`]);
  const cacheFile = path.join(dir, files[0]);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  const saved = fs.readFileSync(cacheFile);
  expect(saved.length).toBeGreaterThan(10_000);

  expect(hikube(lib, ['context', 'list', '-o', 'yaml'], env)).toBe(first);
  expect(fs.readFileSync(cacheFile).equals(saved)).toBe(true); // accepted, so not written again

  const garbage = Buffer.alloc(saved.length, 7);
  fs.writeFileSync(cacheFile, garbage);
  expect(hikube(lib, ['context', 'list', '-o', 'yaml'], env)).toBe(first);
  expect(fs.readFileSync(cacheFile).equals(garbage)).toBe(false);
  expect(fs.readdirSync(dir)).toEqual(files);
});

test('run.js changed in place, to the same length, runs its own code, never the cache made before', () => {
  const lib = installCopy();
  const env = { XDG_CACHE_HOME: tempDir('cli-cache-home') };
  const before = 'list contexts (tokens are never shown)';
  expect(hikube(lib, ['context', '--help'], env)).toContain(before);
  const after = before.toUpperCase(); // same length: V8's own check of a cache is by length only
  const run = path.join(lib, 'run.js');
  fs.writeFileSync(run, fs.readFileSync(run, 'utf8').replace(before, after));
  const help = hikube(lib, ['context', '--help'], env);
  expect(help).toContain(after);
  expect(help).not.toContain(before);
  expect(fs.readdirSync(path.join(env.XDG_CACHE_HOME, 'hikube'))).toHaveLength(1); // the older cache went
});

test('NODE_DISABLE_COMPILE_CACHE, or a run.js the build did not name (dist/): nothing is read or written', () => {
  const lib = installCopy();
  const env = { XDG_CACHE_HOME: tempDir('cli-cache-home'), NODE_DISABLE_COMPILE_CACHE: '1' };
  expect(hikube(lib, ['context', 'list', '-o', 'json'], env)).toContain('contexts');
  expect(fs.readdirSync(env.XDG_CACHE_HOME)).toEqual([]);
});
