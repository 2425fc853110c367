import * as path from 'path';
import * as ts from 'typescript';
import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { ResourceModel, t } from '../../model';
import { Models, generateBindings } from '../../scripts/gen-bindings';

// A made-up resource using every attribute shape, so the generator is exercised beyond what
// the real model uses today (nested objects arrive with clusters and VMs).
const widget: ResourceModel = {
  typeName: 'hikube_widget',
  collection: '/v1/widgets',
  noun: 'widget',
  schemaName: 'Widget',
  version: 0,
  description: 'A test widget.',
  attributes: {
    id: { type: t.string, computed: true, description: 'Id.' },
    name: { type: t.string, required: true, replaceOnChange: true, description: 'Name.' },
    node: { type: t.number, optional: true, description: 'Clashes with Construct.node.' },
    enabled: { type: t.bool, optional: true, default: true, description: 'Enabled.' },
    tags: { type: t.set(t.string), optional: true, description: 'Tags.' },
    ports: { type: t.list(t.number), optional: true, description: 'Ports.' },
    limits: { type: t.map(t.number), computed: true, description: 'Limits.' },
    spec: {
      type: t.object({
        size: { type: t.number, required: true, description: 'Size.' },
        inner: { type: t.object({ flag: { type: t.bool, optional: true, description: 'Flag.' } }), optional: true, description: 'Inner.' },
      }),
      optional: true,
      description: 'Spec.',
    },
    groups: {
      type: t.map(t.object({ min: { type: t.number, required: true, description: 'Min.' } })),
      optional: true,
      description: 'Groups.',
    },
    items: {
      type: t.list(t.object({ key: { type: t.string, computed: true, description: 'Key.' }, secret: { type: t.string, computed: true, sensitive: true, description: 'Secret.' } })),
      computed: true,
      description: 'Computed list of objects.',
    },
    accounts: {
      type: t.map(t.object({ id: { type: t.number, computed: true, description: 'Id.' } })),
      computed: true,
      description: 'Computed map of objects.',
    },
    timeouts: {
      type: t.object({ create: { type: t.string, optional: true, description: 'Create.' } }),
      optional: true,
      local: true,
      description: 'Terraform-only.',
    },
  },
};

const models: Models = { provider: { description: 'P.', attributes: {} }, resources: [widget], dataSources: [] };
const root = path.resolve(__dirname, '../..');
// Virtual files beside the real bindings, so 'cdktf' and 'constructs' resolve from node_modules.
const dir = path.join(root, 'constructs', '__gen_test__');
const files = Object.fromEntries(Object.entries(generateBindings(models)).map(([f, content]) => [path.join(dir, path.basename(f)), content]));

function compile(): readonly ts.Diagnostic[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noImplicitOverride: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => files[f] ?? readFile(f);
  host.fileExists = (f) => f in files || fileExists(f);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => d === dir || Boolean(directoryExists?.(d));
  host.getSourceFile = (f, lang) => (f in files ? ts.createSourceFile(f, files[f], lang) : getSourceFile(f, lang));
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program);
}

function load(): Record<string, any> {
  const source = files[path.join(dir, 'widget.ts')];
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const module = { exports: {} as Record<string, any> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the binding this test just generated and transpiled
  new Function('require', 'module', 'exports', js.outputText)(require, module, module.exports);
  return module.exports;
}

describe('binding generator', () => {
  test('bindings for every attribute shape type-check under strict settings', () => {
    const messages = compile().map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toEqual([]);
  });

  test('fails on an attribute named after a Terraform meta-argument', () => {
    const bad: ResourceModel = { ...widget, attributes: { count: { type: t.number, optional: true, description: 'x' } } };
    expect(() => generateBindings({ ...models, resources: [bad] })).toThrow(/HikubeWidget\.count .*reserves/);
  });

  test('a member clashing with a cdktf meta-argument is renamed', () => {
    expect(files[path.join(dir, 'widget.ts')]).toMatch(/readonly tfNode\?: number;/);
  });

  test('nested objects, collections and maps synthesize to snake_case Terraform JSON', () => {
    // GIVEN
    const { HikubeWidget } = load();
    const stack = new TerraformStack(Testing.app(), 'stack');

    // WHEN
    const widgetL1 = new HikubeWidget(stack, 'w', {
      name: 'a',
      tfNode: 3,
      tags: ['x'],
      ports: [80, 443],
      spec: { size: 2, inner: { flag: true } },
      groups: { workers: { min: 1 } },
    });
    const synth = JSON.parse(Testing.synth(stack));

    // THEN
    expect(synth.resource.hikube_widget.w).toEqual({
      name: 'a',
      node: 3,
      tags: ['x'],
      ports: [80, 443],
      spec: { size: 2, inner: { flag: true } },
      groups: { workers: { min: 1 } },
    });
    expect(Token.isUnresolved(widgetL1.limits.lookup('cpu'))).toBe(true);
  });

  test('nested objects read back as typed references, in lists and maps too', () => {
    // GIVEN
    const { HikubeWidget } = load();
    const stack = new TerraformStack(Testing.app(), 'stack');
    const key = new TerraformVariable(stack, 'key', { type: 'string' });
    const w = new HikubeWidget(stack, 'w', { name: 'a' });

    // WHEN
    const refs: Record<string, unknown> = {
      single: w.spec.size,
      nested: w.spec.inner.flag,
      list: w.items.get(1).secret,
      map: w.groups.get('workers').min,
      computedMap: w.accounts.get('tnt-a').id,
      tokenKey: w.accounts.get(key.stringValue).id,
    };
    for (const [id, value] of Object.entries(refs)) new TerraformOutput(stack, id, { value });
    const output = JSON.parse(Testing.synth(stack)).output;

    // THEN
    expect(Object.fromEntries(Object.keys(refs).map((id) => [id, output[id].value]))).toEqual({
      single: '${hikube_widget.w.spec.size}',
      nested: '${hikube_widget.w.spec.inner.flag}',
      list: '${hikube_widget.w.items[1].secret}',
      map: '${hikube_widget.w.groups["workers"].min}',
      computedMap: '${hikube_widget.w.accounts["tnt-a"].id}',
      tokenKey: '${hikube_widget.w.accounts[var.key].id}',
    });
  });

  test('Terraform-only attributes (timeouts) are arguments like any other', () => {
    const { HikubeWidget } = load();
    const stack = new TerraformStack(Testing.app(), 'stack');
    new HikubeWidget(stack, 'w', { name: 'a', timeouts: { create: '45m' } });
    expect(JSON.parse(Testing.synth(stack)).resource.hikube_widget.w.timeouts).toEqual({ create: '45m' });
  });

  test('computed-only nested objects get no config interface', () => {
    const source = files[path.join(dir, 'widget.ts')];
    expect(source).toMatch(/export class HikubeWidgetItemsList extends cdktf.ComplexList/);
    expect(source).toMatch(/export class HikubeWidgetAccountsMap extends cdktf.ComplexMap/);
    expect(source).not.toMatch(/export interface HikubeWidgetItems \{/);
    expect(source).not.toMatch(/readonly items\?/);
  });

  test('the HCL rendering of a nested object is accepted by cdktf', () => {
    const { HikubeWidget } = load();
    const stack = new TerraformStack(new App({ outdir: path.join(require('os').tmpdir(), 'gen-bindings-hcl') }), 'stack');
    new HikubeWidget(stack, 'w', { name: 'a', spec: { size: 2 } });
    const hcl = Testing.synthHcl(stack);
    expect(hcl).toMatch(/name\s*=\s*"a"/);
    expect(hcl).toMatch(/spec\s*=\s*\{\s*size\s*=\s*2,?\s*\}/);
  });
});
