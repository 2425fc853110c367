/**
 * Builds what the packages ship that tsc does not make: the provider release (one bundled,
 * minified entry file in Terraform's archive layout, SHA256SUMS and release.json, in
 * provider/release/) and the `hikube` CLI bundle (cli/lib/hikube.js). Deterministic: the same
 * sources give the same bytes, so the same version has the same hashes on every machine.
 *
 * Run by `npm run build` (after tsc) and so by each package's prepack.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentHash, zipHash } from '../provider/packaging/hashes';
import { LAUNCHER } from '../provider/packaging/launcher';
import { archiveName, BUNDLE_FILE, checksumsName, executableName, PLATFORMS, RELEASE_INDEX, ReleaseIndex } from '../provider/packaging/layout';
import { writeZip } from '../provider/packaging/zip';
import { VERSION } from '../provider/version';
import { packageRoot } from '../cli/paths';

const ROOT = packageRoot();

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { contents: Uint8Array }[] }>;
  stop(): void;
}

/** Ends esbuild's helper process (it would keep a test runner alive). */
export function stopBundler(): void {
  (require('esbuild-wasm') as Esbuild).stop();
}

/** Bundles one entry point into a single CommonJS file for Node 20, returned as bytes. */
async function bundle(entry: string, external: string[] = [], root = ROOT, define: Record<string, string> = {}): Promise<Buffer> {
  const esbuild = require('esbuild-wasm') as Esbuild;
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external,
    define,
    write: false,
    logLevel: 'warning',
    absWorkingDir: root,
    tsconfig: path.join(root, 'tsconfig.json'), // its compiler options shape the output: never guess
  });
  return Buffer.from(result.outputFiles![0].contents);
}

/** Writes the release into `outDir`, bundling the sources found under `root` (a checkout). */
export async function buildProviderRelease(outDir = path.join(ROOT, 'provider', 'release'), root = ROOT): Promise<ReleaseIndex> {
  const files = new Map<string, Buffer>([
    [executableName(), Buffer.from(LAUNCHER)],
    [BUNDLE_FILE, await bundle('provider/main.ts', [], root)],
  ]);
  const zip = writeZip([...files].map(([name, data]) => ({ name, data, mode: name === BUNDLE_FILE ? 0o644 : 0o755 })));
  const h1 = contentHash(files);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const archives: Record<string, ReleaseIndex['archives'][string]> = {};
  for (const platform of PLATFORMS) {
    const file = archiveName(platform);
    fs.writeFileSync(path.join(outDir, file), zip);
    archives[platform] = { file, zh: zipHash(zip), h1 };
  }
  const sums = Object.values(archives)
    .map((a) => `${a.zh.slice(3)}  ${a.file}\n`)
    .join('');
  fs.writeFileSync(path.join(outDir, checksumsName()), sums);
  const index: ReleaseIndex = { version: VERSION, protocols: ['6.0'], archives };
  fs.writeFileSync(path.join(outDir, RELEASE_INDEX), JSON.stringify(index, null, 2) + '\n');
  return index;
}

/** Written last by `npm run build`: its time is when dist/, the release and the CLI bundle were all built. */
export const BUILD_STAMP = path.join(ROOT, 'dist', '.build-complete');

/**
 * The CLI as installed: lib/hikube.js (cli/main.ts, the executable: answers --version and loads
 * the rest) and lib/run.js (everything else, one bundle that cli/compile-cache.ts compiles
 * through V8's code cache).
 */
export async function buildCliBundle(lib = path.join(ROOT, 'cli', 'lib')): Promise<void> {
  // The service stays a package of its own (an optional peer of the CLI), loaded only by
  // `hikube service ...`; the provider release is read from @hikube/provider at run time.
  // yaml (a dependency of @hikube/cli, installed beside it) stays outside too: it is almost half
  // the bundle, and only -o yaml, -f and kubeconfig --merge need it, so start-up need not parse it.
  const run = (await bundle('cli/run.ts', ['@hikube/service', '@hikube/provider', 'yaml'])).toString();
  // run.js is compiled as a vm.Script, which has no loader for import(): a dynamic import of an
  // outside package would fail only when that command runs. Lazy loads are require()s.
  const dynamic = /\bimport\("([^"]+)"\)/.exec(run);
  if (dynamic) throw new Error(`cli/lib/run.js would import("${dynamic[1]}") at run time: load it with require() instead (see loadYaml in cli/output.ts)`);
  // The executable names the build of run.js it loads: the compile cache's key.
  const digest = createHash('sha256').update(run).digest('hex').slice(0, 16);
  const main = await bundle('cli/main.ts', [], ROOT, { HIKUBE_RUN_DIGEST: JSON.stringify(digest) });
  fs.mkdirSync(lib, { recursive: true });
  fs.writeFileSync(path.join(lib, 'run.js'), run);
  fs.writeFileSync(path.join(lib, 'hikube.js'), main, { mode: 0o755 }); // esbuild keeps main.ts's #! line
}

if (require.main === module) {
  const started = Date.now();
  Promise.all([buildProviderRelease(), buildCliBundle()]).then(
    ([release]) => {
      stopBundler();
      // The whole build is done: test/support/global-setup.ts compares sources against this.
      fs.writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
      const sha = createHash('sha256').update(JSON.stringify(release)).digest('hex').slice(0, 12);
      console.log(`provider ${release.version} release (${release.archives.linux_amd64.h1}, index ${sha}) and CLI bundle built in ${Date.now() - started} ms`);
    },
    (err: Error) => {
      console.error(`build-release: ${err.message}`);
      process.exit(1);
    },
  );
}
