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

function known(v: unknown): unknown {
  return v === undefined || isUnknown(v) ? undefined : v;
}

/** One value from the API; `reference` is the same value in the plan or prior state, if any. */
function fromApiValue(type: AttrType, v: unknown, reference: unknown): unknown {
  if (v === undefined || v === null) return null;
  const ref = known(reference);
  switch (type.kind) {
    case 'list':
    case 'set':
      return (v as unknown[]).map((e, i) => fromApiValue(type.element, e, Array.isArray(ref) ? ref[i] : undefined));
    case 'map':
      return Object.fromEntries(Object.entries(v as object).map(([k, e]) => [k, fromApiValue(type.element, e, ref && typeof ref === 'object' ? (ref as State)[k] : undefined)]));
    case 'object':
      return stateFromApi(type.attributes, v as Record<string, unknown>, ref && typeof ref === 'object' ? (ref as State) : null);
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
 * State from an API object, with `reference` (the plan, or the prior state) supplying what the
 * service does not return: Terraform-only attributes (`local`) and secrets it never echoes
 * (`inputOnly`). For attributes the user sets, an empty answer ("" / {} / []) keeps the user's
 * own spelling of "nothing", so the service's normal form never shows up as a diff; except where
 * empty is a value of its own (`emptyIsValue`).
 */
export function stateFromApi(attributes: Attributes, api: Record<string, unknown>, reference: State | null): State {
  const state: State = {};
  for (const [name, def] of Object.entries(attributes)) {
    const mine = known(reference?.[name]);
    if (def.local || def.inputOnly) {
      // Nothing to go by (an import): a Terraform-only setting starts at its default.
      state[name] = mine ?? (def.local && def.default !== undefined ? def.default : null);
      continue;
    }
    let v = fromApiValue(def.type, api[apiNameOf(name, def)], mine);
    if (def.returnedOnce && v === null) v = mine ?? null;
    if ((def.optional || def.required) && !def.computed && !(def.emptyIsValue && v !== null) && isEmpty(v)) {
      v = mine !== undefined && mine !== null && isEmpty(mine) ? mine : null;
    }
    state[name] = v;
  }
  return state;
}

/** API JSON body of the attributes `pick` selects; null stays null (clears), unknown and Terraform-only ones are left out. */
export function apiBody(attributes: Attributes, state: State, pick: (def: AttributeDef, name: string) => boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(attributes)) {
    if (def.local || !pick(def, name)) continue;
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
