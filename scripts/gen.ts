/**
 * `npm run gen`: writes the files derived from model/ (CDKTF bindings, provider docs and the
 * REST contract's resource types).
 * `npm run gen -- --check` only compares and exits 1 when a committed file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { API_TYPES_DIR, generateApiTypes } from './gen-api';
import { BINDINGS_DIR, generateBindings } from './gen-bindings';
import { generateDocs } from './gen-docs';

/** Folders the generator owns entirely: files in them that it no longer produces are stale. */
export const GENERATED_DIRS = [BINDINGS_DIR, 'docs/provider', API_TYPES_DIR];

/** Every generated file, keyed by its path from the repository root. Pure: writes nothing. */
export function generate(): Record<string, string> {
  const files = { ...generateBindings(), ...generateDocs(), ...generateApiTypes() };
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Files now on disk under the generated folders, relative to `root`. */
export function existingFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    fs.existsSync(path.join(root, dir))
      ? fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
          const rel = `${dir}/${e.name}`;
          return e.isDirectory() ? walk(rel) : [rel];
        })
      : [];
  return GENERATED_DIRS.flatMap(walk).sort();
}

/** Paths that differ between what the model produces and what is on disk. */
export function staleFiles(root: string): string[] {
  const wanted = generate();
  const stale = Object.entries(wanted)
    .filter(([file, content]) => {
      const abs = path.join(root, file);
      return !fs.existsSync(abs) || fs.readFileSync(abs, 'utf8') !== content;
    })
    .map(([file]) => file);
  const extra = existingFiles(root).filter((file) => !(file in wanted));
  return [...stale, ...extra].sort();
}

function main(argv: readonly string[]): number {
  // npm runs scripts from the package root; the generator writes relative to it.
  const root = process.cwd();
  if (argv.includes('--check')) {
    const stale = staleFiles(root);
    if (stale.length) {
      process.stderr.write(`Stale generated files (run \`npm run gen\`):\n${stale.map((f) => `  ${f}\n`).join('')}`);
      return 1;
    }
    return 0;
  }
  const wanted = generate();
  for (const file of existingFiles(root)) if (!(file in wanted)) fs.rmSync(path.join(root, file));
  let written = 0;
  for (const [file, content] of Object.entries(wanted)) {
    const abs = path.join(root, file);
    if (fs.existsSync(abs) && fs.readFileSync(abs, 'utf8') === content) continue;
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    written++;
  }
  process.stdout.write(`gen: ${Object.keys(wanted).length} files from model/, ${written} written\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
