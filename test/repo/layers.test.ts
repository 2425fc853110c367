/**
 * The layering rules (.dependency-cruiser.cjs) catch what they are for: `npm run lint:layers`
 * proves the repository follows them; this proves they would fail on a violation. A small tree
 * with one import against each rule (and the allowed imports beside them) is cruised with the
 * repository's own configuration.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../cli/paths';

const ROOT = packageRoot();

const FILES: Record<string, string> = {
  'model/a.ts': "import { s } from '../service/s';\nexport const a = s;\n",
  'model/ok.ts': 'export const ok = 1;\n',
  'client/c.ts': "import { ok } from '../model/ok';\nexport interface C { n: typeof ok }\n",
  'service/s.ts': "import type { C } from '../client/c';\nimport { ok } from '../model/ok';\nexport const s: C | number = ok;\n",
  'service/drivers/driver.ts': 'export interface Driver { name: string }\n',
  'service/drivers/simulated.ts': "import type { Driver } from './driver';\nexport const sim: Driver = { name: 'sim' };\n",
  'service/resources/r.ts': "import type { Driver } from '../drivers/driver';\nimport { sim } from '../drivers/simulated';\nexport const d: Driver = sim;\n",
  'service/server.ts': "import { sim } from './drivers/simulated';\nexport const root = sim;\n",
  'constructs/a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
  'constructs/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
  'provider/packaging/layout.ts': "export const layout = 'zip';\n",
  'provider/plugin/serve.ts': "export const serve = 'grpc';\n",
  'provider/resources/r.ts': "export const resource = 'tenant';\n",
  'provider/framework/f.ts': "import { resource } from '../resources/r';\nexport const f = resource;\n",
  'cli/ok.ts': "import { layout } from '../provider/packaging/layout';\nimport { ok } from '../model/ok';\nexport const cli = [layout, ok];\n",
  'cli/bad.ts': "import { serve } from '../provider/plugin/serve';\nexport const bad = serve;\n",
};

interface Violation {
  readonly rule: { name: string };
  readonly from: string;
  readonly to: string;
}

let dir: string;
let violations: string[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hikube-layers-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), '.', '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  violations = (JSON.parse(run.stdout).summary.violations as Violation[]).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('each rule reports its violation, and nothing else is reported', () => {
  expect(violations).toEqual([
    'cli-provider-packaging-only: cli/bad.ts -> provider/plugin/serve.ts',
    'generic-not-concrete-driver: service/resources/r.ts -> service/drivers/simulated.ts',
    'model-imports-nothing-of-ours: model/a.ts -> service/s.ts',
    'no-cycles: constructs/a.ts -> constructs/b.ts', // type-only imports, reported once per cycle
    'provider-framework-no-resource: provider/framework/f.ts -> provider/resources/r.ts',
    'service-only-model: service/s.ts -> client/c.ts',
  ]);
});
