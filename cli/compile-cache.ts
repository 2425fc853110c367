/**
 * Loads the command line's code (one CommonJS file: the ~200 KB bundle cli/lib/run.js) through
 * V8's code cache, kept in the user's cache directory. Parsing and compiling that file was most
 * of a start-up's own work; with the cache, later runs skip both, and the functions the previous
 * run compiled come ready too. Node 22 has module.enableCompileCache(); Node 20, which we
 * support, does not.
 *
 * Nothing here may fail a command: no cache directory, a read-only home, a cache made by another
 * Node or with other flags: each falls back to an ordinary compile.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Where cache files go: $XDG_CACHE_HOME/hikube, else ~/.cache/hikube; none with NODE_DISABLE_COMPILE_CACHE set, as for Node's own cache. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'hikube');
}

/**
 * The cache file for `file`. V8 checks a cache against its own version and flags and the
 * source's length only, never its content: a cache of another build of the same length would
 * run that build's code. So the name holds the build's digest (a hash of run.js that the build
 * writes into lib/hikube.js: hashing 200 KB at each start would cost about what the cache
 * saves), and the file's size and time, which change when the file does.
 */
function cacheFileFor(dir: string, file: string, digest: string): string {
  const { size, mtimeMs } = fs.statSync(file);
  return path.join(dir, `${path.basename(file, '.js')}-${digest}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.v8cache`);
}

/**
 * `require(file)`, with its compile taken from (or saved to) the cache. `digest` identifies the
 * build of `file`; without one (run from dist/, not installed) it is a plain require.
 */
export function requireCached(file: string, digest: string | undefined, env: NodeJS.ProcessEnv = process.env): unknown {
  const dir = compileCacheDir(env);
  if (!dir || !digest) return require(file);
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(dir, file, digest);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // first run of this build: made below
  }
  // The same wrapper Node gives a CommonJS module; a #! line is made a comment of equal length.
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${body}\n})`, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => saveCache(script, dir, file, cacheFile));
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

/** At exit, so the cache holds what this run compiled too; written whole or not at all, and older builds' caches go. */
function saveCache(script: vm.Script, dir: string, file: string, cacheFile: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const prefix = `${path.basename(file, '.js')}-`;
    for (const old of fs.readdirSync(dir)) if (old.startsWith(prefix) && old.endsWith('.v8cache')) fs.rmSync(path.join(dir, old), { force: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, cacheFile);
  } catch {
    // a cache we cannot write costs the next run a compile, nothing more
  }
}
