/**
 * Would a self-contained executable (Node's single executable applications) serve CI runners
 * without Node better than our release (a shell launcher and one bundled file)? Builds one from
 * the release's bundle with this machine's node and reports its size, build time and (through
 * benchStartup) its start-up, so the decision in docs/distribution.md rests on numbers.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { readRelease, releaseDir } from '../cli/install-provider';
import { BUNDLE_FILE } from '../provider/packaging/layout';
import { readZip } from '../provider/packaging/zip';

export interface SeaBuild {
  readonly executable: string;
  readonly buildMs: number;
  readonly sizeBytes: number;
  /** The executable deflated, as it would travel in a zip archive. */
  readonly archiveBytes: number;
  /** Our release archive, for comparison. */
  readonly releaseArchiveBytes: number;
}

/** The sentinel Node 20 looks for to know a blob was injected (documented with SEA). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export async function buildSea(dir: string): Promise<SeaBuild> {
  const release = readRelease();
  const zipFile = path.join(releaseDir(), release.archives.linux_amd64.file);
  const bundle = readZip(fs.readFileSync(zipFile)).find((e) => e.name === BUNDLE_FILE)!;
  fs.mkdirSync(dir, { recursive: true });
  const started = process.hrtime.bigint();
  fs.writeFileSync(path.join(dir, BUNDLE_FILE), bundle.data);
  const config = { main: BUNDLE_FILE, output: 'sea.blob', disableExperimentalSEAWarning: true, useCodeCache: true };
  fs.writeFileSync(path.join(dir, 'sea-config.json'), JSON.stringify(config));
  execFileSync(process.execPath, ['--experimental-sea-config', 'sea-config.json'], { cwd: dir, stdio: 'ignore' });
  const executable = path.join(dir, 'terraform-provider-hikube-sea');
  fs.copyFileSync(process.execPath, executable);
  fs.chmodSync(executable, 0o755);
  const { inject } = require('postject') as { inject: (file: string, name: string, blob: Buffer, o: object) => Promise<void> };
  const quiet = console.log;
  console.log = () => undefined; // postject narrates on stdout
  try {
    await inject(executable, 'NODE_SEA_BLOB', fs.readFileSync(path.join(dir, 'sea.blob')), { sentinelFuse: SEA_FUSE });
  } finally {
    console.log = quiet;
  }
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  const bytes = fs.readFileSync(executable);
  return {
    executable,
    buildMs,
    sizeBytes: bytes.length,
    archiveBytes: deflateRawSync(bytes).length,
    releaseArchiveBytes: fs.statSync(zipFile).size,
  };
}
