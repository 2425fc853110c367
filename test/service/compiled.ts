import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The service as `node dist/service/main.js` runs it: transpiled into a folder under dist/ like
 * the build does (which also proves the SQL migrations are found from compiled code).
 */

const repo = path.resolve(__dirname, '../..');

/** Compiles service/, model/ and client/; returns the main entry and a cleanup. */
export function compileService(): { main: string; remove: () => void } {
  fs.mkdirSync(path.join(repo, 'dist'), { recursive: true });
  const out = fs.mkdtempSync(path.join(repo, 'dist', '.service-test-'));
  for (const folder of ['service', 'model', 'client']) transpileTree(path.join(repo, folder), path.join(out, folder));
  return { main: path.join(out, 'service', 'main.js'), remove: () => fs.rmSync(out, { recursive: true, force: true }) };
}

function transpileTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) transpileTree(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const { outputText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: source,
      });
      fs.mkdirSync(to, { recursive: true });
      fs.writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), outputText);
    }
  }
}
