/** Validation shared by the constructs: the model's own rules, reported as ValidationErrors. */
import { Annotations, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  ApiPath,
  AttributeDef,
  CURRENT_INSTANCE_TYPE_NAMES,
  DEPRECATED_INSTANCE_TYPES,
  INSTANCE_SERIES_NAMES,
  INSTANCE_SIZES,
  INSTANCE_TYPE_NAMES,
  KindProblem,
  checkValue,
  deprecatedValues,
  renderNames,
} from '../../model';
import { ValidationError } from '../errors';

export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/**
 * Checks `value` with the model attribute's rules (the provider and the service apply the same)
 * and throws on the first problem. `where` names the prop as the user wrote it
 * (`nodeGroups["workers"].maxReplicas`). Tokens are skipped: Terraform knows them later.
 */
export function checkAttribute(scope: IConstruct, where: string, def: AttributeDef, value: unknown, fix: string): void {
  // A deprecated value still works: a warning at synth, as the provider gives one at plan.
  for (const d of deprecatedValues(def, value, [], isToken)) Annotations.of(scope).addWarning(`${where}${d.path.map((p) => `[${JSON.stringify(p)}]`).join('')}: ${d.reason}`);
  const [problem] = checkValue(def, value, [], isToken);
  if (!problem) return;
  const received = problem.path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], value);
  const suffix = problem.path.map((p) => `[${JSON.stringify(p)}]`).join('');
  throw new ValidationError(scope, `invalid ${where}${suffix}: ${problem.reason}`, { value: received, fix });
}

/**
 * Throws the first finding of a kind's cross-field rules (model/kind.ts: the provider and the
 * service run the same). `name` says where it is in the construct's props, e.g.
 * `invalid nodeGroups["workers"]: maxReplicas`. The caller leaves tokens out of the spec.
 */
export function checkRules(scope: IConstruct, problems: readonly KindProblem[], name: (path: ApiPath) => string): void {
  const [p] = problems;
  if (!p) return;
  throw new ValidationError(scope, `${name(p.path)} ${renderNames(p.reason)}`, { value: p.value, fix: renderNames(p.fix ?? '') });
}

/** `Production` -> `production`, `team_A` -> `team-a` (or `team_a` with separator `_`, for names such as databases'). */
export function nameFromId(id: string, separator: '-' | '_' = '-'): string {
  return id
    .toLowerCase()
    .replace(new RegExp(`[^a-z0-9${separator}]+`, 'g'), separator)
    .replace(new RegExp(`${separator}{2,}`, 'g'), separator)
    .replace(new RegExp(`^${separator}+|${separator}+$`, 'g'), '');
}

/** The name given, or one derived from the construct id; checked against the model's `name`. */
export function resourceName(scope: IConstruct, given: string | undefined, def: AttributeDef, example: string, separator: '-' | '_' = '-'): string {
  const name = given ?? nameFromId(scope.node.id, separator);
  const fix = `Pass a valid \`name\`, e.g. \`name: '${example}'\`.`;
  if (given === undefined && !def.validation?.pattern?.test(name)) {
    throw new ValidationError(scope, `cannot derive a name from the construct id (${def.validation?.patternHint})`, { value: scope.node.id, fix });
  }
  checkAttribute(scope, 'name', def, name, fix);
  return name;
}

/** The closest candidate, for "did you mean" hints; undefined when nothing is close. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(value.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(value, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Construct ids from the stack down to `scope`, for names unique within the stack. */
export function pathInStack(scope: IConstruct): string[] {
  const stack = TerraformStack.of(scope);
  const scopes = scope.node.scopes;
  return scopes.slice(scopes.indexOf(stack) + 1).map((s) => s.node.id);
}

/** Instance types get their own message: the model's list of names is no help, a near miss is. A deprecated name warns, as the provider does at plan. */
export function checkInstanceType(scope: IConstruct, where: string, value: string): void {
  if (isToken(value)) return;
  const deprecated = DEPRECATED_INSTANCE_TYPES[value];
  if (deprecated) Annotations.of(scope).addWarning(`${where}: ${JSON.stringify(value)} is deprecated: ${deprecated}`);
  if (INSTANCE_TYPE_NAMES.includes(value)) return;
  const guess = closest(value, CURRENT_INSTANCE_TYPE_NAMES);
  const sizes = INSTANCE_SERIES_NAMES.map((s) => `${s}: ${Object.keys(INSTANCE_SIZES[s]).join(', ')}`).join('; ');
  throw new ValidationError(scope, `invalid ${where}: unknown instance type`, {
    value,
    fix: (guess ? `Did you mean '${guess}'? ` : '') + `Instance types are a series and a size Hikube offers in it (${sizes}), e.g. 'u1.large'.`,
  });
}
