/**
 * PlanResourceChange's core: from prior state, Terraform's proposed new state and config to
 * the planned state, honouring Terraform's rules (configured values planned as configured,
 * unknowns only in computed attributes) and each attribute's plan rules.
 */
import { AttributeDef, AttrType } from '../../model/schema';
import { ctyEqual, CtyType, CtyValue, isUnknown, UNKNOWN } from '../cty';
import { AttributePath } from './diagnostics';
import { planRulesOf } from './schema';

export type State = Record<string, unknown>;

export interface PlannedChange {
  readonly planned: State;
  readonly requiresReplace: AttributePath[];
}

export function planChange(
  attributes: Readonly<Record<string, AttributeDef>>,
  types: Readonly<Record<string, CtyType>>,
  prior: State | null,
  proposed: State,
  config: State,
): PlannedChange {
  const planned: State = { ...proposed };
  const creating = prior === null;

  // Configured values and defaults first: whether anything changed decides the computed ones.
  for (const [name, def] of Object.entries(attributes)) {
    if (def.default !== undefined && config[name] === null) planned[name] = def.default;
    else planned[name] = withNestedDefaults(def.type, config[name], planned[name]);
  }
  const changed =
    creating ||
    Object.entries(attributes).some(
      ([name, def]) => (def.required || def.optional) && !ctyEqual(planned[name] as CtyValue, prior[name] as CtyValue, types[name]),
    );

  for (const [name, def] of Object.entries(attributes)) {
    if (!def.computed || def.default !== undefined || config[name] !== null) continue;
    if (creating) planned[name] = UNKNOWN;
    // A server default chosen at creation stays; a user who wants another value sets it.
    else if (def.optional) planned[name] = prior[name];
    else planned[name] = changed ? UNKNOWN : prior[name];
  }

  const requiresReplace: AttributePath[] = [];
  for (const [name, def] of Object.entries(attributes)) {
    for (const rule of planRulesOf(def)) {
      const result = rule.apply({
        prior: creating ? undefined : prior[name],
        planned: planned[name],
        config: config[name],
        equal: (a, b) => ctyEqual(a as CtyValue, b as CtyValue, types[name]),
        isUnknown,
      });
      if (result.planned !== undefined) planned[name] = result.planned;
      if (result.requiresReplace) requiresReplace.push([name]);
    }
  }
  return { planned, requiresReplace };
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
