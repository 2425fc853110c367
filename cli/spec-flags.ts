/**
 * Command-line flags for create and update, derived from the model: one flag per top-level
 * attribute a user sets whose value fits on a command line (strings, numbers, booleans, lists
 * of them, string maps as key=value). Nested objects are set with `--set path=value` or a
 * whole spec with `-f FILE`; field paths are the API's (camelCase) names.
 */
import { AttributeDef, apiNameOf, isUpdatable } from '../model/schema';
import * as fs from 'node:fs';
import { usageError } from './errors';
import { loadYaml } from './output';
import { namePartsOf } from '../model/kind';
import { CliKind, settableAttributes } from './kinds';

export interface SpecFlag {
  /** `--instance-type` */
  readonly flag: string;
  /** commander's key for the parsed value: `instanceType` */
  readonly key: string;
  /** API field: `instanceType` */
  readonly field: string;
  readonly def: AttributeDef;
  /** How the value is written after the flag. */
  readonly shape: 'value' | 'bool' | 'list' | 'map';
}

/** Fields taken from the positional argument or --tenant, never from their own flag. */
const NOT_FLAGS = new Set(['tenantId', 'parentId', 'name']);

const kebab = (camel: string) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function specFlags(kind: CliKind, verb: 'create' | 'update'): SpecFlag[] {
  const flags: SpecFlag[] = [];
  for (const [name, def] of settableAttributes(kind.model)) {
    const field = apiNameOf(name, def);
    if (NOT_FLAGS.has(field) || field === kind.nameField) continue;
    if (verb === 'update' && !isUpdatable(def)) continue;
    const t = def.type;
    const scalar = (k: string) => k === 'string' || k === 'number';
    const shape =
      t.kind === 'bool'
        ? 'bool'
        : scalar(t.kind)
          ? 'value'
          : (t.kind === 'list' || t.kind === 'set') && scalar(t.element.kind)
            ? 'list'
            : t.kind === 'map' && t.element.kind === 'string'
              ? 'map'
              : undefined;
    if (shape) flags.push({ flag: `--${kebab(field)}`, key: field, field, def, shape });
  }
  return flags;
}

/** The flag that sets an API field (for error messages), if there is one. */
export function flagForField(kind: CliKind, verb: 'create' | 'update', field: string): string | undefined {
  if (kind.parent && field === kind.parent.field) return kind.parent.flag;
  if (field === 'tenantId' || field === 'parentId') return '--tenant';
  if (field === kind.nameField) return kind.command === 'tenants' ? 'PATH' : kind.nameField.toUpperCase();
  return specFlags(kind, verb).find((f) => f.field === field.split(/[.[]/)[0])?.flag;
}

/**
 * A create command line for `--help` and error fixes: the kind's own example when it has one,
 * else the descriptor's (the object its import example names, the fields of its example spec as
 * flags or `--set`), so a new kind's help shows a command that works.
 */
export function createExampleOf(kind: CliKind): string {
  if (kind.createExample) return kind.createExample;
  const d = kind.descriptor;
  const head = `hikube ${kind.command} create`;
  if (!d) return `${head} ${kind.nameField ? `${kind.nameField.toUpperCase()} ` : ''}--tenant acme/production --set field=value`;
  const parts = d.docs.imported.path.split('/');
  const names = namePartsOf(d);
  const tenant = parts.slice(0, parts.length - names).join('/');
  const words = [head];
  if (kind.nameField) words.push(parts[parts.length - 1]);
  if (kind.parent) words.push(kind.parent.flag, parts.slice(0, -1).join('/'));
  else words.push('--tenant', tenant);
  const flags = specFlags(kind, 'create');
  const quote = (v: unknown) => {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    return /^[\w.:/@=-]+$/.test(text) ? text : `'${text}'`;
  };
  for (const [field, value] of Object.entries(d.examples.create)) {
    const flag = flags.find((f) => f.field === field);
    if (!flag) words.push('--set', quote(`${field}=${typeof value === 'string' ? value : JSON.stringify(value)}`));
    else if (flag.shape === 'bool') words.push(value ? flag.flag : `--no-${flag.flag.slice(2)}`);
    else if (flag.shape === 'list') for (const v of value as unknown[]) words.push(flag.flag, quote(v));
    else if (flag.shape === 'map') for (const [k, v] of Object.entries(value as Record<string, unknown>)) words.push(flag.flag, quote(`${k}=${String(v)}`));
    else words.push(flag.flag, quote(value));
  }
  return words.join(' ');
}

/** The first sentence of an attribute's description: the flag's help. */
export function flagHelp(def: AttributeDef): string {
  // "Deprecated: use x_wo." is about Terraform state; on a command line the field is just the field.
  const text = def.description.replace(/`/g, '').replace(/^Deprecated:[^.]*\.\s*/, '');
  const end = text.search(/\.(\s|$)/);
  return end > 0 ? text.slice(0, end) : text;
}

function convert(flag: SpecFlag, kindOfValue: string, text: string): unknown {
  if (kindOfValue === 'number') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw usageError(`${flag.flag} ${text}: not a number (fix: e.g. ${flag.flag} 3)`);
    return n;
  }
  return text;
}

/** The API fields the given flags set. */
export function fieldsFromFlags(flags: readonly SpecFlag[], options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flags) {
    const v = options[f.key];
    if (v === undefined) continue;
    const t = f.def.type;
    if (f.shape === 'bool') out[f.field] = v === true || v === 'true';
    else if (f.shape === 'value') out[f.field] = convert(f, t.kind, String(v));
    else if (f.shape === 'list') out[f.field] = (v as string[]).map((x) => convert(f, (t as { element: { kind: string } }).element.kind, x));
    else {
      const map: Record<string, string> = {};
      for (const pair of v as string[]) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw usageError(`${f.flag} ${pair}: expected KEY=VALUE (fix: e.g. ${f.flag} team=web)`);
        map[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      out[f.field] = map;
    }
  }
  return out;
}

/**
 * Applies `--set path=value` to `target`: `nodeGroups.workers.minReplicas=3`,
 * `dataDisks.0.sizeGb=50`, `labels={"a":"b"}`. The value is JSON when it parses as JSON
 * (numbers, booleans, null, objects, lists), else the text itself.
 */
export function applySet(target: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw usageError(`--set ${assignment}: expected FIELD.PATH=VALUE (fix: e.g. --set nodeGroups.workers.minReplicas=3)`);
  const path = assignment.slice(0, eq).split('.');
  const text = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  let node: Record<string, unknown> | unknown[] = target;
  path.forEach((seg, i) => {
    const key: string | number = Array.isArray(node) && /^\d+$/.test(seg) ? Number(seg) : seg;
    if (seg === '' || seg === '__proto__' || seg === 'constructor' || seg === 'prototype') throw usageError(`--set ${assignment}: bad field path`);
    const container = node as Record<string | number, unknown>;
    if (i === path.length - 1) {
      container[key] = value;
      return;
    }
    if (typeof container[key] !== 'object' || container[key] === null) container[key] = /^\d+$/.test(path[i + 1]) ? [] : {};
    node = container[key] as Record<string, unknown>;
  });
}

/** A spec file: JSON or YAML (`-` reads standard input). */
export async function readSpecFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw usageError(`-f ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    try {
      parsed = loadYaml().parse(text);
    } catch (err) {
      throw usageError(`-f ${file}: neither JSON nor YAML (${(err as Error).message.split('\n')[0]})`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw usageError(`-f ${file}: expected an object of API fields (camelCase)`);
  return parsed as Record<string, unknown>;
}
