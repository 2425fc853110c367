/**
 * Once per jest run, before any test file:
 * - rebuilds when a source file changed since the last `npm run build`, so a test never runs
 *   the service, the provider release or the CLI bundle of an older edit (the e2e, CLI and
 *   operating suites run the compiled output, as users do);
 * - gives the run its own temporary root (TMPDIR, which every test's os.tmpdir() follows), that
 *   global-teardown.ts removes: PGlite data, terraform workspaces and installs do not pile up.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const STAMP = path.join(ROOT, 'dist', '.build-complete');

/** The folders `npm run build` compiles (tsconfig.json's include), minus build output. */
function newestSource(): { file: string; mtimeMs: number } {
  const { include, exclude } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[]; exclude: string[] };
  const skip = new Set([...exclude.filter((e) => !e.includes('*')).map((e) => path.join(ROOT, e)), path.join(ROOT, 'provider', 'release')]);
  let newest = { file: '', mtimeMs: 0 };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (skip.has(full) || entry.name === 'node_modules' || entry.name === 'cdktf.out') continue;
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry.name)) {
        const { mtimeMs } = fs.statSync(full);
        if (mtimeMs > newest.mtimeMs) newest = { file: full, mtimeMs };
      }
    }
  };
  for (const dir of include) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  return newest;
}

function rebuildIfStale(): void {
  const built = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
  const newest = newestSource();
  if (built >= newest.mtimeMs) return;
  const why = built === 0 ? 'no complete build yet' : `${path.relative(ROOT, newest.file)} changed since the last build`;
  process.stderr.write(`\njest: ${why}: running npm run build\n`);
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed: the tests would run stale compiled output');
}

export default function globalSetup(): void {
  rebuildIfStale();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hikube-run-'));
  // mkdtemp makes it 0700: the PostgreSQL tests run the server as the postgres user, which must reach its data directory inside.
  fs.chmodSync(root, 0o711);
  process.env.HIKUBE_TEST_RUN_DIR = root;
  process.env.TMPDIR = root;
}
