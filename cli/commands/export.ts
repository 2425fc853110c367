/**
 * `hikube export`: what exists in a subtree, as code. The values come from the API and the
 * shape from the model (the attributes the provider's schema is made of), so the exported code
 * describes exactly what exists: after `terraform init`, `terraform plan` imports every object
 * and changes nothing.
 *   --format hcl    main.tf: one resource and one import block per object
 *   --format cdktf  main.ts: the L1 bindings with importFrom(), the parent via Tenant.fromTenantPath
 */
import { byText } from '../order';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tenant } from '../../client/types';
import { AttributeDef, AttrType, apiNameOf, camelCase } from '../../model/schema';
import { VERSION } from '../../provider/version';
import { CliKind, Item, KINDS, RenderContext, settableAttributes } from '../kinds';
import { Session } from '../session';

/** A value to write: plain data, or a reference to another exported resource's id. */
type Value = null | string | number | boolean | Value[] | { [k: string]: Value } | Ref | ParentRef;
class Ref {
  constructor(readonly target: Exported) {}
}
/** The exported tenant's parent: managed elsewhere, looked up by path (a data source, Tenant.fromTenantPath). */
class ParentRef {
  constructor(readonly path: string) {}
}

export interface Exported {
  readonly kind: CliKind;
  /** Local name, unique per type: `production_team-a_web`. */
  readonly local: string;
  readonly id: string;
  /** What its import block names: the path `terraform import` takes for kinds that have one (`acme/production/orders/app`), else the id. */
  readonly importId: string;
  /** Terraform attribute name -> value (snake_case, as the schema has them). */
  readonly attributes: Record<string, Value>;
}

const deepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** API JSON -> Terraform value for one attribute's type, keeping only what a user sets. */
function valueOf(type: AttrType, v: unknown): Value {
  if (v === null || v === undefined) return null;
  switch (type.kind) {
    case 'list':
    case 'set':
      return (v as unknown[]).map((e) => valueOf(type.element, e));
    case 'map':
      return Object.fromEntries(Object.entries(v as object).map(([k, e]) => [k, valueOf(type.element, e)]));
    case 'object':
      return objectOf(type.attributes, v as Record<string, unknown>);
    default:
      return v as Value;
  }
}

/**
 * The attributes to write: set ones whose value differs from the model's default. Unset and
 * default values are left out (Terraform plans the same value); computed-with-default ones
 * the service filled in are written, since leaving them out would plan them as unknown.
 */
function objectOf(attributes: Readonly<Record<string, AttributeDef>>, api: Record<string, unknown>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [name, def] of Object.entries(attributes)) {
    if (def.local || def.inputOnly || !(def.required || def.optional || def.default !== undefined)) continue;
    const v = valueOf(def.type, api[apiNameOf(name, def)]);
    if (v === null) continue;
    if (def.default !== undefined && deepEqual(v, def.default)) continue;
    if (!def.required && !def.computed && def.default === undefined && isEmpty(v)) continue;
    // An object whose every field is at its default says nothing: the provider plans the same defaults.
    if (!def.required && def.type.kind === 'object' && isEmpty(v)) continue;
    out[name] = v;
  }
  return out;
}

/** `acme/production/team-a` under `acme/production` -> `production_team-a`. */
function localName(rootParent: string, p: string): string {
  const rel = rootParent ? p.slice(rootParent.length + 1) : p;
  return rel.replace(/\//g, '_').replace(/[^A-Za-z0-9_-]/g, '_');
}

export async function collect(session: Session, rootRef: string): Promise<{ root: Tenant; parent: Tenant | undefined; objects: Exported[] }> {
  const root = await session.tenant(rootRef);
  const tenants = (await session.tenants()).filter((t) => t.path === root.path || t.path.startsWith(`${root.path}/`)).sort((a, b) => byText(a.path, b.path));
  const parent = root.parentId ? (await session.tenants()).find((t) => t.id === root.parentId) : undefined;
  const rootParent = root.path.split('/').slice(0, -1).join('/');
  const byTenantId = new Map<string, Exported>();
  const objects: Exported[] = [];
  const used = new Set<string>();
  const unique = (type: string, base: string) => {
    let name = /^[A-Za-z_]/.test(base) ? base : `r_${base}`;
    for (let i = 2; used.has(`${type}.${name}`); i++) name = `${base}_${i}`;
    used.add(`${type}.${name}`);
    return name;
  };
  const inSubtree = new Set(tenants.map((t) => t.id));
  // References are the paths `terraform import` takes (model/kind.ts importBy); a sub-resource's names its parent.
  const names = new Map<string, string>();
  const ctx: RenderContext = { tenantPaths: new Map((await session.tenants()).map((t) => [t.id, t.path])), parentNames: names };
  const exportedById = new Map<string, Exported>();
  for (const kind of KINDS) {
    const type = kind.model.typeName;
    const items: Item[] = kind.command === 'tenants' ? (tenants as unknown as Item[]) : (await session.listAll<Item>(kind.model.collection)).filter((i) => inSubtree.has(String(i.tenantId)));
    for (const item of items) {
      // A revoked token no longer exists for Terraform; one being deleted is on its way out.
      if (item.revokedAt || item.status === 'deleting') continue;
      const attributes: Record<string, Value> = objectOf(Object.fromEntries(settableAttributes(kind.model)), item);
      for (const ref of ['tenant_id', 'parent_id']) {
        const target = byTenantId.get(String(attributes[ref]));
        if (typeof attributes[ref] === 'string' && target) attributes[ref] = new Ref(target);
        else if (parent && attributes[ref] === parent.id) attributes[ref] = new ParentRef(parent.path);
      }
      // A sub-resource's parent is exported before it (the registry lists parents first): referenced, so Terraform orders them.
      const parentAttribute = kind.parent && Object.entries(kind.model.attributes).find(([n, d]) => apiNameOf(n, d) === kind.parent!.field)?.[0];
      const parentTarget = parentAttribute ? exportedById.get(String(attributes[parentAttribute])) : undefined;
      if (parentAttribute && parentTarget) attributes[parentAttribute] = new Ref(parentTarget);
      const owner = kind.command === 'tenants' ? String(item.path) : (tenants.find((t) => t.id === item.tenantId)?.path ?? '');
      const ownerLocal = localName(rootParent, owner);
      const importPath = kind.descriptor ? kind.refOf(item, ctx) : undefined;
      const base =
        kind.command === 'tenants'
          ? ownerLocal
          : importPath?.startsWith(owner)
            ? localName(rootParent, importPath)
            : kind.nameField
              ? `${ownerLocal}_${String(item[kind.nameField]).replace(/[^A-Za-z0-9_-]/g, '_')}`
              : `${ownerLocal}_${String(item.id)}`;
      const exported: Exported = { kind, local: unique(type, base), id: String(item.id), importId: importPath ?? String(item.id), attributes };
      if (kind.command === 'tenants') byTenantId.set(exported.id, exported);
      exportedById.set(exported.id, exported);
      if (item.name !== undefined) names.set(exported.id, String(item.name));
      objects.push(exported);
    }
  }
  return { root, parent, objects };
}

// ---- HCL ----

function hclString(s: string): string {
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/([$%])\{/g, (_m, c: string) => `${c}${c}{`)}"`; // literal, not a template
}

function hclValue(v: Value, indent: string): string {
  if (v instanceof Ref) return `${v.target.kind.model.typeName}.${v.target.local}.id`;
  if (v instanceof ParentRef) return 'data.hikube_tenant.parent.id';
  if (v === null) return 'null';
  if (typeof v === 'string') return hclString(v);
  if (typeof v !== 'object') return String(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((e) => typeof e !== 'object' || e === null)) return `[${v.map((e) => hclValue(e, inner)).join(', ')}]`;
    return `[\n${v.map((e) => `${inner}${hclValue(e, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  const width = Math.max(...entries.map(([k]) => hclKey(k).length));
  return `{\n${entries.map(([k, e]) => `${inner}${hclKey(k).padEnd(width)} = ${hclValue(e, inner)}`).join('\n')}\n${indent}}`;
}

const hclKey = (k: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclString(k));

export function toHcl(objects: readonly Exported[], rootPath: string, parent: Tenant | undefined): string {
  const out = [
    `# Exported by hikube ${VERSION} from ${rootPath}: ${objects.length} objects. terraform init && terraform plan`,
    '# imports each one and changes nothing.',
    'terraform {',
    '  required_providers {',
    `    hikube = { source = "hikube/hikube", version = "~> ${VERSION}" }`,
    '  }',
    '}',
    '',
    '# Endpoint and token from HIKUBE_ENDPOINT and HIKUBE_TOKEN.',
    'provider "hikube" {}',
    '',
    ...(parent ? [`# Managed elsewhere: the parent of ${rootPath}.`, 'data "hikube_tenant" "parent" {', `  path = ${hclString(parent.path)}`, '}', ''] : []),
  ];
  for (const o of objects) {
    const address = `${o.kind.model.typeName}.${o.local}`;
    const entries = Object.entries(o.attributes);
    const width = Math.max(0, ...entries.map(([k]) => k.length));
    out.push(`resource "${o.kind.model.typeName}" "${o.local}" {`);
    for (const [k, v] of entries) out.push(`  ${k.padEnd(width)} = ${hclValue(v, '  ')}`);
    out.push('}', '', 'import {', `  to = ${address}`, `  id = ${hclString(o.importId)}`, '}', '');
  }
  return out.join('\n');
}

// ---- CDKTF (TypeScript) ----

/** The L1 class of a type: `hikube_kubernetes_cluster` -> `HikubeKubernetesCluster`. */
const l1Class = (typeName: string) =>
  typeName
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const tsIdent = (local: string) => camelCase(local.replace(/-/g, '_')).replace(/^[^A-Za-z_$]/, '_$&');

/** Terraform reads `${` and `%{` in strings as templates: written `$${` and `%%{`, as in HCL (cdktf passes strings on as they are). */
const escapeTemplates = (s: string) => s.replace(/([$%])\{/g, (_m, c: string) => `${c}${c}{`);

function tsValue(v: Value, indent: string, objectKeys: 'camel' | 'as-is'): string {
  if (v instanceof Ref) return `${tsIdent(`${v.target.local}_${v.target.kind.command}`)}.id`;
  if (v instanceof ParentRef) return 'parent.tenantId';
  if (typeof v === 'string') return JSON.stringify(escapeTemplates(v));
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[\n${v.map((e) => `${inner}${tsValue(e, inner, 'camel')},`).join('\n')}\n${indent}]`;
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  const key = (k: string) => {
    const name = objectKeys === 'camel' ? camelCase(k) : k;
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
  };
  return `{\n${entries.map(([k, e]) => `${inner}${key(k)}: ${tsValue(e, inner, 'camel')},`).join('\n')}\n${indent}}`;
}

/** Map attributes keep their keys (labels, node group names); objects take the bindings' camelCase names. */
function tsProps(o: Exported): string {
  const attrs = o.kind.model.attributes;
  const lines = Object.entries(o.attributes).map(([k, v]) => {
    const isMap = attrs[k]?.type.kind === 'map';
    const rendered =
      isMap && v && typeof v === 'object' && !(v instanceof Ref) && !(v instanceof ParentRef) && !Array.isArray(v)
        ? `{\n${Object.entries(v)
            .map(([mk, mv]) => `    ${JSON.stringify(mk)}: ${tsValue(mv, '    ', 'camel')},`)
            .join('\n')}\n  }`
        : tsValue(v, '  ', 'camel');
    return `  ${camelCase(k)}: ${rendered},`;
  });
  return `{\n${lines.join('\n')}\n}`;
}

export function toCdktf(objects: readonly Exported[], root: Tenant, parent: Tenant | undefined): string {
  const stackName = root.path.replace(/[^A-Za-z0-9-]/g, '-');
  const out = [
    `// Exported by hikube ${VERSION} from ${root.path}: ${objects.length} objects, each imported (importFrom) on the next deploy.`,
    "import { App, TerraformStack } from 'cdktf';",
    `import { HikubeProvider, ${parent ? 'Tenant, ' : ''}l1 } from '@hikube/constructs';`,
    '',
    'const app = new App();',
    `const stack = new TerraformStack(app, ${JSON.stringify(stackName)});`,
    "new HikubeProvider(stack, 'Hikube'); // endpoint and token from HIKUBE_ENDPOINT / HIKUBE_TOKEN",
  ];
  if (parent) out.push(`// Managed elsewhere: the parent of ${root.path}.`, `const parent = Tenant.fromTenantPath(stack, 'Parent', ${JSON.stringify(parent.path)});`);
  out.push('');
  for (const o of objects) {
    const ident = tsIdent(`${o.local}_${o.kind.command}`);
    out.push(`const ${ident} = new l1.${l1Class(o.kind.model.typeName)}(stack, ${JSON.stringify(`${o.kind.command}-${o.local}`)}, ${tsProps(o)});`);
    out.push(`${ident}.importFrom(${JSON.stringify(o.importId)});`, '');
  }
  out.push('app.synth();', '');
  return out.join('\n');
}

export async function exportCommand(session: Session, _args: string[], options: { tenant: string; format: 'hcl' | 'cdktf'; out?: string }): Promise<void> {
  const { root, parent, objects } = await collect(session, options.tenant);
  const code = options.format === 'cdktf' ? toCdktf(objects, root, parent) : toHcl(objects, root.path, parent);
  if (!options.out) {
    process.stdout.write(code);
    return;
  }
  const file = path.join(path.resolve(options.out), options.format === 'cdktf' ? 'main.ts' : 'main.tf');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind.command, (counts.get(o.kind.command) ?? 0) + 1);
  process.stderr.write(`Wrote ${file}: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}\n`);
}
