/** Paths of compiled entry points in this repository, whether code runs from dist/ or from source (jest). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the folder whose package.json declares the workspaces. */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && 'workspaces' in (JSON.parse(fs.readFileSync(manifest, 'utf8')) as object)) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`the repository root (package.json with workspaces) is not above ${__dirname}`);
    dir = up;
  }
}

/** A compiled file, e.g. `compiled('service/main.js')`; says how to build it when missing. */
export function compiled(relative: string): string {
  const file = path.join(packageRoot(), 'dist', relative);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}
