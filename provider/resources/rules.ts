/**
 * A kind's cross-field rules (model/kind.ts) as Terraform diagnostics: the same rules the
 * service and the constructs run, named in Terraform's vocabulary (`min_replicas`).
 */
import { KindProblem, renderNames } from '../../model/kind';
import { apiNameOf, AttributeDef, AttrType, defaultBeside, snakeCase } from '../../model/schema';
import { isUnknown } from '../cty';
import { Diagnostics } from '../framework/diagnostics';
import { withNestedDefaults } from '../framework/plan';
import { State } from '../framework/resource';
import { tfPathOf } from './state';

type Attributes = Readonly<Record<string, AttributeDef>>;

/** The configuration with the model's defaults filled in, as the plan will have it. */
export function withDefaults(attributes: Attributes, config: State): State {
  const out: State = { ...config };
  for (const [name, def] of Object.entries(attributes)) {
    out[name] = def.default !== undefined && config[name] === null ? defaultBeside(def, (n) => config[n], isUnknown) : withNestedDefaults(def.type, config[name], config[name]);
  }
  return out;
}

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v)));

export function reportRules(diags: Diagnostics, attributes: Attributes, problems: readonly KindProblem[]): void {
  for (const p of problems) {
    const path = tfPathOf(attributes, p.path);
    const own = [...path].reverse().find((s): s is string => typeof s === 'string') ?? '';
    const got = p.value === undefined ? '' : `, got ${shown(p.value)}`;
    const fix = p.fix ? ` ${renderNames(p.fix, snakeCase)}` : '';
    diags.error(p.title, `${own} ${renderNames(p.reason, snakeCase)}${got}.${fix}`, path);
  }
}

/**
 * Whether a change at this API path makes Terraform replace the object (the attribute, or one
 * it is nested in, is `replaceOnChange`): then the service's "cannot change in place" rules do
 * not apply to the plan.
 */
export function replacesAt(attributes: Attributes, apiPath: readonly (string | number)[]): boolean {
  let attrs: Attributes | undefined = attributes;
  let type: AttrType | undefined;
  for (const seg of apiPath) {
    if (type && type.kind !== 'object') {
      type = type.kind === 'bool' || type.kind === 'string' || type.kind === 'number' ? undefined : type.element;
      attrs = type?.kind === 'object' ? type.attributes : undefined;
      continue;
    }
    const found: [string, AttributeDef] | undefined = attrs && Object.entries(attrs).find(([n, d]) => apiNameOf(n, d) === seg);
    if (!found) return false;
    if (found[1].replaceOnChange) return true;
    type = found[1].type;
    attrs = type.kind === 'object' ? type.attributes : undefined;
  }
  return false;
}
