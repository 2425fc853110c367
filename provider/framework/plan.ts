/**
 * PlanResourceChange's core: from prior state, Terraform's proposed new state and config to
 * the planned state, honouring Terraform's rules (configured values planned as configured,
 * unknowns only in computed attributes) and each attribute's plan rules.
 */
import { AttributeDef, AttrType, defaultBeside, sameValue } from '../../model/schema';
import { ctyEqual, CtyType, CtyValue, isUnknown, UNKNOWN } from '../cty';
import { AttributePath } from './diagnostics';
import { ctyTypeOf, planRulesOf } from './schema';

export type State = Record<string, unknown>;

export interface PlannedChange {
  readonly planned: State;
  readonly requiresReplace: AttributePath[];
}

export function planChange(attributes: Readonly<Record<string, AttributeDef>>, types: Readonly<Record<string, CtyType>>, prior: State | null, proposed: State, config: State): PlannedChange {
  const planned: State = { ...proposed };
  const creating = prior === null;

  // Configured values and defaults first: whether anything changed decides the computed ones.
  for (const [name, def] of Object.entries(attributes)) {
    if (def.writeOnly)
      planned[name] = null; // never in a plan: the apply reads it from the configuration
    else if (def.default !== undefined && config[name] === null) planned[name] = defaultBeside(def, (n) => config[n], isUnknown);
    else planned[name] = withNestedDefaults(def.type, config[name], planned[name]);
    if (!creating) planned[name] = keepSameValues(def, prior[name], planned[name]);
  }
  const changed = creating || Object.entries(attributes).some(([name, def]) => (def.required || def.optional) && !ctyEqual(planned[name] as CtyValue, prior[name] as CtyValue, types[name]));

  const differs = (name: string) => !ctyEqual(planned[name] as CtyValue, prior?.[name] as CtyValue, types[name]);
  for (const [name, def] of Object.entries(attributes)) {
    if (!def.computed || def.default !== undefined || config[name] !== null) continue;
    if (creating) planned[name] = UNKNOWN;
    // A server default chosen at creation stays; a user who wants another value sets it.
    else if (def.optional) planned[name] = prior[name];
    else if (!changed) planned[name] = prior[name];
    // What an update cannot move keeps its value: no "(known after apply)" rippling into dependents.
    else if (def.afterUpdate !== undefined) planned[name] = def.afterUpdate;
    else if (def.changesWith) planned[name] = def.changesWith.some(differs) ? UNKNOWN : prior[name];
    else planned[name] = UNKNOWN;
  }

  const requiresReplace: AttributePath[] = [];
  for (const [name, def] of Object.entries(attributes)) {
    planned[name] = applyRules(def, [name], creating ? undefined : prior[name], planned[name], config[name], requiresReplace);
  }
  return { planned, requiresReplace };
}

/**
 * An attribute's plan rules, then those of the attributes nested in it, at every depth
 * (`system_disk.image` forces replacement as `image` would). Nested rules only compare what
 * exists on both sides: an element of a list or map that is new or gone is an update of the
 * collection, judged by the collection's own rules. Sets have no stable identity: not descended.
 */
export function applyRules(def: AttributeDef, path: AttributePath, prior: unknown, planned: unknown, config: unknown, replace: AttributePath[]): unknown {
  let value = planned;
  const type = ctyTypeOf(def.type);
  for (const rule of planRulesOf(def)) {
    const result = rule.apply({ prior, planned: value, config, equal: (a, b) => ctyEqual(a as CtyValue, b as CtyValue, type), isUnknown });
    if (result.planned !== undefined) value = result.planned;
    if (result.requiresReplace) replace.push(path);
  }
  if (prior === undefined || prior === null || isUnknown(prior) || value === null || isUnknown(value)) return value;
  const cfg = (v: unknown, k: string | number): unknown => (v === null || v === undefined || isUnknown(v) ? null : ((v as Record<string | number, unknown>)[k] ?? null));
  const descend = (attributes: Readonly<Record<string, AttributeDef>>, at: AttributePath, p: State, v: State, c: unknown): State => {
    const out: State = { ...v };
    for (const [n, d] of Object.entries(attributes)) out[n] = applyRules(d, [...at, n], p[n], v[n], cfg(c, n), replace);
    return out;
  };
  const t = def.type;
  if (t.kind === 'object') return descend(t.attributes, path, prior as State, value as State, config);
  if (t.kind === 'list' && t.element.kind === 'object' && Array.isArray(value) && Array.isArray(prior)) {
    const attrs = t.element.attributes;
    return value.map((e, i) => (i < prior.length && e !== null && !isUnknown(e) && prior[i] !== null ? descend(attrs, [...path, { index: i }], prior[i] as State, e as State, cfg(config, i)) : e));
  }
  if (t.kind === 'map' && t.element.kind === 'object') {
    const attrs = t.element.attributes;
    const p = prior as State;
    return Object.fromEntries(
      Object.entries(value as State).map(([k, e]) => [
        k,
        k in p && e !== null && !isUnknown(e) && p[k] !== null ? descend(attrs, [...path, { key: k }], p[k] as State, e as State, cfg(config, k)) : e,
      ]),
    );
  }
  return value;
}

/**
 * Values the model declares the same (`validation.sameAs`: our old name of an image and Hikube's)
 * keep the prior state's spelling, at any depth, so a switch between them plans no change. Done
 * before anything compares the plan with the state; Terraform accepts a planned value equal to
 * the prior one in place of the configured one.
 */
export function keepSameValues(def: AttributeDef, prior: unknown, planned: unknown): unknown {
  if (!declaresSameAs(def) || prior === undefined || prior === null || isUnknown(prior) || planned === null || isUnknown(planned)) return planned;
  const t = def.type;
  if (t.kind === 'string') return sameValue(def.validation, prior, planned) ? prior : planned;
  const descend = (attributes: Readonly<Record<string, AttributeDef>>, p: State, v: State): State =>
    Object.fromEntries(Object.entries(v).map(([n, e]) => [n, attributes[n] ? keepSameValues(attributes[n], p[n], e) : e]));
  if (t.kind === 'object') return descend(t.attributes, prior as State, planned as State);
  if (t.kind === 'list' && Array.isArray(planned) && Array.isArray(prior)) {
    // By position, as Terraform compares list elements; an element of a list of strings is checked with the list's validation.
    const element: AttributeDef = t.element.kind === 'object' ? { type: t.element, description: '' } : { type: t.element, description: '', validation: def.validation };
    return planned.map((e, i) => (i < prior.length && e !== null && !isUnknown(e) ? keepSameValues(element, prior[i], e) : e));
  }
  if (t.kind === 'map' && t.element.kind === 'object') {
    const attrs = t.element.attributes;
    const p = prior as State;
    return Object.fromEntries(Object.entries(planned as State).map(([k, e]) => [k, k in p && e !== null && !isUnknown(e) && p[k] !== null ? descend(attrs, p[k] as State, e as State) : e]));
  }
  return planned;
}

const sameAsFound = new WeakMap<AttributeDef, boolean>();
/** Whether `sameAs` appears in the attribute or anything nested in it (asked once per attribute: plans run per resource, and almost none do). */
function declaresSameAs(def: AttributeDef): boolean {
  let found = sameAsFound.get(def);
  if (found === undefined) {
    const inType = (t: AttrType): boolean =>
      t.kind === 'object' ? Object.values(t.attributes).some(declaresSameAs) : t.kind === 'list' || t.kind === 'set' || t.kind === 'map' ? inType(t.element) : false;
    found = def.validation?.sameAs !== undefined || inType(def.type);
    sameAsFound.set(def, found);
  }
  return found;
}

/**
 * Defaults of attributes nested in configured objects (a node group's disk size, an add-on
 * flag): Terraform proposes null for them, the plan must say what the service will use.
 */
export function withNestedDefaults(type: AttrType, config: unknown, planned: unknown): unknown {
  if (config === null || config === undefined || isUnknown(config) || planned === null || isUnknown(planned)) return planned;
  switch (type.kind) {
    case 'object': {
      const c = config as State;
      const out: State = { ...(planned as State) };
      for (const [name, def] of Object.entries(type.attributes)) {
        if (def.default !== undefined && c[name] === null) out[name] = def.default;
        else out[name] = withNestedDefaults(def.type, c[name], out[name]);
      }
      return out;
    }
    case 'map': {
      if (type.element.kind !== 'object') return planned;
      const c = config as State;
      const p = planned as State;
      return Object.fromEntries(Object.keys(p).map((k) => [k, withNestedDefaults(type.element, c[k], p[k])]));
    }
    case 'list':
    case 'set': {
      if (type.element.kind !== 'object' || !Array.isArray(planned) || !Array.isArray(config)) return planned;
      return planned.map((e, i) => withNestedDefaults(type.element, (config as unknown[])[i], e));
    }
    default:
      return planned;
  }
}
