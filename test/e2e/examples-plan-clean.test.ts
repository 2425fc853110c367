/**
 * Every example plans clean after one apply (issue 9, item 4): the provider reference's own
 * examples (docs/provider, every page's blocks together, as one configuration), the README's
 * plain-Terraform example, and the platform stack of examples/monitoring (synthesized by cdktf;
 * its in-cluster stack needs hashicorp/helm and kubernetes, which cannot be installed here).
 * Real terraform, provider and service; the second plan must say "No changes", outputs included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { MonitoringExample } from '../../examples/monitoring/main';
import { PROVIDER_BLOCK, RunningService, startService, tempDir, workspace } from './harness';

jest.setTimeout(300_000);

const ROOT = path.join(__dirname, '..', '..');

/** Top-level blocks of the ```terraform / ```hcl fences of a markdown file. */
function blocksOf(file: string, fence: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const blocks: string[] = [];
  const fences = [...text.matchAll(new RegExp('```' + fence + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
  for (const code of fences) {
    let current: string[] = [];
    for (const line of code.split('\n')) {
      if (current.length === 0 && !/^[a-z]/.test(line)) continue;
      current.push(line);
      if (line === '}' || (current.length === 1 && /\{\s*\}\s*(#.*)?$/.test(line))) {
        blocks.push(current.join('\n'));
        current = [];
      }
    }
  }
  return blocks;
}

const header = (block: string) => block.split('\n')[0];

/** What cannot run here (other providers, placeholders) and repeats are left out. */
function runnable(blocks: string[]): string[] {
  const seen = new Set<string>();
  return (
    blocks
      // Import blocks adopt objects made elsewhere; other providers cannot be installed here.
      .filter((b) => !/^(terraform|provider|import) /.test(header(b)) && !b.includes('# ...'))
      // The same block on two pages once; `locals` blocks may be many (each page its own names).
      .filter((b) => /^locals\b/.test(header(b)) || (!seen.has(header(b)) && seen.add(header(b))))
  );
}

/** `resource "a" "b"` -> `a.b`, `data "a" "b"` -> `data.a.b`; undefined for other blocks. */
function addressOf(block: string): string | undefined {
  const m = /^(resource|data|ephemeral) "([^"]+)" "([^"]+)"/.exec(header(block));
  return m ? `${m[1] === 'resource' ? '' : `${m[1]}.`}${m[2]}.${m[3]}` : undefined;
}

/** The blocks left when those matching `drop` go, with everything that refers to them. */
function without(blocks: string[], drop: (block: string) => boolean): string[] {
  let kept = blocks.filter((b) => !drop(b));
  const gone = blocks
    .filter(drop)
    .map(addressOf)
    .filter((a): a is string => a !== undefined);
  for (let i = 0; i < blocks.length && gone.length > 0; i++) {
    const next = kept.filter((b) => !gone.some((a) => b.includes(`${a}.`) || b.includes(`${a}]`)));
    gone.push(
      ...kept
        .filter((b) => !next.includes(b))
        .map(addressOf)
        .filter((a): a is string => a !== undefined),
    );
    if (next.length === kept.length) break;
    kept = next;
  }
  return kept;
}

describe('examples plan clean after one apply', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(tempDir('e2e-examples'), ['--sim-delays', 'cluster.create=400ms,vm.create=200ms,monitoring.create=300ms']);
  });

  afterAll(async () => {
    await service?.stop();
  });

  async function applyThenPlan(name: string, config: string | object, before?: string): Promise<void> {
    const ws = workspace(service, `e2e-examples-${name}`);
    if (before) {
      ws.write(before);
      await ws.ok('init', '-no-color');
      await ws.ok('apply', '-auto-approve', '-no-color');
    }
    ws.write(config);
    await ws.ok('init', '-no-color');
    await ws.ok('apply', '-auto-approve', '-no-color');
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    // An output of the cost accrued so far (hikube_tenant_usage) grows by the hour: a cent may
    // tick between the apply and the plan. That alone may change; no resource, no other output.
    const accruing = typeof config === 'string' ? [...config.matchAll(/^output "([^"]+)" \{[^}]*data\.hikube_tenant_usage\./gm)].map((m) => m[1]) : [];
    const changedOutputs = [...plan.stdout.matchAll(/^\s+[~+-] ([a-z0-9_]+)\s+=/gm)].map((m) => m[1]);
    const onlyAccrued = plan.code === 2 && !plan.stdout.includes('Terraform will perform the following actions') && changedOutputs.length > 0 && changedOutputs.every((o) => accruing.includes(o));
    if (!onlyAccrued) {
      expect(plan.stdout).toContain('No changes.');
      expect(plan.code).toBe(0);
    }
    expect(ws.logProblems()).toEqual([]);
  }

  test('the provider reference (docs/provider), all pages together', async () => {
    const pages = [
      'docs/provider/index.md',
      ...['resources', 'data-sources', 'ephemeral-resources'].flatMap((dir) => fs.readdirSync(path.join(ROOT, 'docs/provider', dir)).map((f) => `docs/provider/${dir}/${f}`)),
    ];
    const blocks = runnable(pages.flatMap((p) => blocksOf(p, 'terraform')));
    const config = blocks.join('\n\n');
    expect(config).toContain('accounts[hikube_tenant.web.id]');
    expect(config).toContain('ephemeral "hikube_kubernetes_cluster_credentials"');
    // The data source example reads a tenant "made elsewhere": the same configuration without it
    // (and what uses it) makes that tenant first.
    const elsewhere = without(blocks, (b) => b.startsWith('data "hikube_tenant" ')).join('\n\n');
    await applyThenPlan('docs', `${PROVIDER_BLOCK}\n${config}\n`, `${PROVIDER_BLOCK}\n${elsewhere}\n`);
  });

  test("the README's plain-Terraform example", async () => {
    const config = runnable(blocksOf('README.md', 'hcl')).join('\n\n');
    expect(config).toContain('resource "hikube_tenant" "web"');
    await applyThenPlan('readme', `${PROVIDER_BLOCK}\n${config.replace(/name(\s+)= "production"/g, 'name$1= "readme-production"')}\n`);
  });

  test('examples/monitoring: the platform stack (tenants, clusters, monitoring stack, cross-stack outputs)', async () => {
    const app = new App({ outdir: tempDir('e2e-examples-synth') });
    const example = new MonitoringExample(app, 'platform');
    app.synth();
    const platform = JSON.parse(Testing.synth(example.platform)) as Record<string, unknown>;
    expect(Object.keys((platform.output as object) ?? {}).length).toBeGreaterThan(0);
    // The tenant names of this example differ from the others' (one service for all).
    const config = JSON.parse(JSON.stringify(platform).replace(/"name":"production"/g, '"name":"mon-production"')) as { terraform: { backend?: unknown } };
    // cdktf's default local backend is a path in the process's working directory (the checkout): the workspace keeps its own state.
    expect(config.terraform.backend).toBeDefined();
    delete config.terraform.backend;
    await applyThenPlan('monitoring', config);
  });
});
