/**
 * Every stack a construct test synthesizes goes through the real terraform binary: after the
 * file's tests, its distinct stacks are written as modules of one root module and checked with
 * `terraform validate`, the real hikube provider and the STAND-INS for hashicorp/kubernetes and
 * hashicorp/helm serving their schemas. This evaluates every expression Terraform can evaluate
 * without state, so a `${...}` that is not ours ("Invalid reference") or a wrong attribute fails
 * the test file.
 *
 * Registered for test/constructs/ only (jest.config.js). One root module per file keeps it to
 * one `terraform init` and one `validate`.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HikubeProvider } from '../../constructs/index';
import { installStandIns, stackDir } from './stand-in-providers';

/**
 * Test files whose stacks are not a user's: the binding generator's tests synthesize a made-up
 * provider (`hikube_widget`) to test the generator itself.
 */
const NOT_USER_STACKS = ['gen-bindings.test.ts'];

const testPath: string = expect.getState().testPath ?? '';
const enabled = testPath.includes(`${path.sep}test${path.sep}constructs${path.sep}`) && !NOT_USER_STACKS.includes(path.basename(testPath));

const synthesized = new Map<TerraformStack, string>();

if (enabled) {
  const synth = Testing.synth.bind(Testing);
  Testing.synth = (stack: TerraformStack, runValidations?: boolean) => {
    const json = synth(stack, runValidations);
    synthesized.set(stack, json);
    return json;
  };

  afterAll(async () => {
    const stacks = userStacks();
    if (stacks.length === 0) return;
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'hikube-terraform-check-'));
    const installed = installStandIns(path.join(base, 'terraform'));
    const root: { terraform: object; module: Record<string, Record<string, unknown>> } = { terraform: {}, module: {} };
    stacks.forEach((stack, i) => {
      const name = `stack${String(i).padStart(3, '0')}`;
      fs.mkdirSync(path.join(base, 'root', name), { recursive: true });
      fs.writeFileSync(path.join(base, 'root', name, 'main.tf.json'), JSON.stringify(stack, null, 1));
      // Variables without a default get null, which every type accepts.
      const variables = Object.entries<any>(stack.variable ?? {}).filter(([, v]) => !('default' in v));
      root.module[name] = { source: `./${name}`, ...Object.fromEntries(variables.map(([v]) => [v, null])) };
    });
    const run = stackDir(installed, path.join(base, 'root'), root);
    await run.ok('init', '-input=false', '-backend=false');
    await run.ok('validate', '-no-color');
    // The stand-ins saw every in-cluster resource: Terraform did evaluate them.
    const kinds = new Set(stacks.flatMap((s) => Object.keys(s.resource ?? {}).filter((t) => /^(kubernetes|helm)_/.test(t))));
    const seen = new Set(run.records().map((r) => r.typeName));
    const missed = [...kinds].filter((t) => !seen.has(t));
    if (missed.length > 0) throw new Error(`terraform validate never sent ${missed.join(', ')} to the stand-ins (${base})`);
    fs.rmSync(base, { recursive: true, force: true });
  }, 120_000);
}

/**
 * The stacks as a user's `cdktf synth` writes them: an app with several stacks is synthesized
 * first (that is when cdktf adds cross-stack outputs and remote state), then each stack of it.
 * Deduplicated; normalized for a module: no backend, and the hikube provider requirement a
 * `HikubeProvider` would add.
 */
function userStacks(): any[] {
  const apps = new Map<App, TerraformStack[]>();
  for (const stack of synthesized.keys()) {
    const app = stack.node.root as App;
    apps.set(app, [...(apps.get(app) ?? []), stack]);
  }
  const texts = new Map<string, any>();
  for (const [app, recorded] of apps) {
    const all = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
    let jsons = recorded.map((s) => synthesized.get(s)!);
    if (all.length > 1) {
      // A user's app configures the provider; many tests leave it out of their stacks.
      for (const s of all) if (!s.node.findAll().some((c) => c instanceof HikubeProvider)) new HikubeProvider(s, 'TerraformCheckHikubeProvider');
      app.synth();
      jsons = all.map((s) => Testing.synth(s));
    }
    for (const json of jsons) {
      const stack = JSON.parse(json);
      if (!stack.resource && !stack.data) continue;
      stack.terraform = { ...stack.terraform };
      delete stack.terraform.backend;
      stack.terraform.required_providers = { hikube: { source: 'hikube/hikube' }, ...stack.terraform.required_providers };
      texts.set(createHash('sha256').update(JSON.stringify(stack)).digest('hex'), stack);
    }
  }
  return [...texts.values()];
}
