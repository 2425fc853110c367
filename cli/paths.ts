/** Paths of compiled entry points, whether this code runs from dist/ or from source (jest). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder holding package.json. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = up;
  }
  return dir;
}

/** A compiled file, e.g. `compiled('service/main.js')`; says how to build it when missing. */
export function compiled(relative: string): string {
  const file = path.join(packageRoot(), 'dist', relative);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}
