/**
 * Between Terraform state (snake_case attributes) and API JSON (camelCase), driven by the model.
 */
import { AttributeDef, AttrType, apiNameOf } from '../../model/schema';
import { isUnknown } from '../cty';
import type { State } from '../framework/resource';

type Attributes = Readonly<Record<string, AttributeDef>>;

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

function fromApiValue(type: AttrType, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  switch (type.kind) {
    case 'list':
    case 'set':
      return (v as unknown[]).map((e) => fromApiValue(type.element, e));
    case 'map':
      return Object.fromEntries(Object.entries(v as object).map(([k, e]) => [k, fromApiValue(type.element, e)]));
    case 'object':
      return stateFromApi(type.attributes, v as Record<string, unknown>, null);
    default:
      return v;
  }
}

function toApiValue(type: AttrType, v: unknown): unknown {
  if (v === null || v === undefined || isUnknown(v)) return v === undefined ? undefined : v;
  switch (type.kind) {
    case 'list':
    case 'set':
      return (v as unknown[]).map((e) => toApiValue(type.element, e));
    case 'map':
      return Object.fromEntries(Object.entries(v as object).map(([k, e]) => [k, toApiValue(type.element, e)]));
    case 'object':
      return apiBody(type.attributes, v as State, () => true);
    default:
      return v;
  }
}

/**
 * State from an API object. For attributes the user sets, an empty answer ("" / {} / [])
 * keeps the user's own spelling of "nothing" from `reference` (null unless they wrote an
 * empty value), so the service's normal form never shows up as a diff.
 */
export function stateFromApi(attributes: Attributes, api: Record<string, unknown>, reference: State | null): State {
  const state: State = {};
  for (const [name, def] of Object.entries(attributes)) {
    let v = fromApiValue(def.type, api[apiNameOf(name, def)]);
    if ((def.optional || def.required) && !def.computed && isEmpty(v)) {
      const mine = reference?.[name];
      v = mine !== undefined && mine !== null && !isUnknown(mine) && isEmpty(mine) ? mine : null;
    }
    state[name] = v;
  }
  return state;
}

/** API JSON body of the attributes `pick` selects; null stays null (clears), unknown is left out. */
export function apiBody(attributes: Attributes, state: State, pick: (def: AttributeDef, name: string) => boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(attributes)) {
    if (!pick(def, name)) continue;
    const v = state[name];
    if (v === undefined || isUnknown(v)) continue;
    body[apiNameOf(name, def)] = toApiValue(def.type, v);
  }
  return body;
}

/** Maps an API field path (camelCase names, keys, indexes) to a Terraform attribute path. */
export function tfPathOf(attributes: Attributes, apiPath: readonly (string | number)[]): (string | { key: string } | { index: number })[] {
  const out: (string | { key: string } | { index: number })[] = [];
  let attrs: Attributes | undefined = attributes;
  let type: AttrType | undefined;
  for (const seg of apiPath) {
    if (attrs && typeof seg === 'string') {
      const found: [string, AttributeDef] | undefined = Object.entries(attrs).find(([n, d]) => apiNameOf(n, d) === seg);
      if (!found) break;
      out.push(found[0]);
      type = found[1].type;
      attrs = type.kind === 'object' ? type.attributes : undefined;
      continue;
    }
    if (!type) break;
    if (type.kind === 'map') out.push({ key: String(seg) });
    else if ((type.kind === 'list' || type.kind === 'set') && typeof seg === 'number') out.push({ index: seg });
    else break;
    type = type.element;
    attrs = type.kind === 'object' ? type.attributes : undefined;
  }
  return out;
}
