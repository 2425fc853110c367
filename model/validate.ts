import { AttributeDef, AttrType, Validation } from './schema';

/** One failing value: where (attribute names and map keys/list indexes) and why. */
export interface FieldProblem {
  readonly path: (string | number)[];
  readonly reason: string;
  /** A warning, not an error: a deprecated value (only `deprecatedValues()` returns these). */
  readonly deprecated?: boolean;
}

/**
 * Checks one attribute value against its `Validation`. Values that are null or not yet
 * known (`isUnknown`) pass: the caller decides about required-ness and unknowns.
 * Used by the provider at validate time and by the service on every request, so both
 * give the same reasons.
 */
export function checkValue(def: AttributeDef, value: unknown, path: (string | number)[], isUnknown: (v: unknown) => boolean = () => false): FieldProblem[] {
  return inspectValue(def, value, path, isUnknown).filter((p) => !p.deprecated);
}

/** The deprecated values (`Validation.deprecatedValues`) an attribute value uses: where, and the message saying what to use instead. */
export function deprecatedValues(def: AttributeDef, value: unknown, path: (string | number)[], isUnknown: (v: unknown) => boolean = () => false): FieldProblem[] {
  return inspectValue(def, value, path, isUnknown).filter((p) => p.deprecated);
}

/** Both in one walk of the value: its problems, and its deprecated values (`deprecated: true`). */
export function inspectValue(def: AttributeDef, value: unknown, path: (string | number)[], isUnknown: (v: unknown) => boolean = () => false): FieldProblem[] {
  const found: FieldProblem[] = [];
  visit(def.type, def.validation, value, path, found, isUnknown);
  return found;
}

function visit(type: AttrType, v: Validation | undefined, value: unknown, path: (string | number)[], out: FieldProblem[], isUnknown: (v: unknown) => boolean): void {
  if (value === null || value === undefined || isUnknown(value)) return;
  switch (type.kind) {
    case 'string':
      if (typeof value === 'string' && v) checkString(v, value, path, out);
      return;
    case 'number':
      if (typeof value === 'number' && v) checkNumber(v, value, path, out);
      return;
    case 'bool':
      return;
    case 'list':
    case 'set':
      if (!Array.isArray(value)) return;
      if (v?.maxItems !== undefined && value.length > v.maxItems) {
        out.push({ path, reason: `must have at most ${v.maxItems} entries, got ${value.length}` });
      }
      value.forEach((el, i) => visit(type.element, v, el, [...path, i], out, isUnknown));
      return;
    case 'map': {
      if (typeof value !== 'object') return;
      const entries = Object.entries(value as Record<string, unknown>);
      if (v?.maxItems !== undefined && entries.length > v.maxItems) {
        out.push({ path, reason: `must have at most ${v.maxItems} entries, got ${entries.length}` });
      }
      for (const [key, el] of entries) {
        if (v?.keyPattern && !v.keyPattern.test(key)) {
          out.push({ path: [...path, key], reason: `key ${JSON.stringify(key)} is invalid: expected ${v.keyPatternHint ?? v.keyPattern}` });
        }
        visit(type.element, v, el, [...path, key], out, isUnknown);
      }
      return;
    }
    case 'object': {
      if (typeof value !== 'object') return;
      const obj = value as Record<string, unknown>;
      for (const [name, def] of Object.entries(type.attributes)) {
        visit(def.type, def.validation, obj[name], [...path, name], out, isUnknown);
      }
      return;
    }
  }
}

function checkString(v: Validation, value: string, path: (string | number)[], out: FieldProblem[]): void {
  const length = [...value].length;
  if (v.minLength !== undefined && length < v.minLength) {
    out.push({ path, reason: `must be at least ${v.minLength} characters, got ${length}` });
  }
  if (v.maxLength !== undefined && length > v.maxLength) {
    out.push({ path, reason: `must be at most ${v.maxLength} characters, got ${length}` });
  }
  const deprecation = v.deprecatedValues?.[value];
  if (deprecation !== undefined) out.push({ path, reason: `${JSON.stringify(value)} is deprecated: ${deprecation}`, deprecated: true });
  if (v.pattern && !v.pattern.test(value)) {
    out.push({ path, reason: `${JSON.stringify(truncate(value))} is invalid: expected ${v.patternHint ?? String(v.pattern)}` });
  }
  if (v.oneOf && !v.oneOf.includes(value)) {
    const current = v.oneOf.filter((o) => !v.deprecatedValues?.[o]);
    out.push({ path, reason: `${JSON.stringify(truncate(value))} is not one of ${current.join(', ')}` });
  }
}

function checkNumber(v: Validation, value: number, path: (string | number)[], out: FieldProblem[]): void {
  if (v.integer && !Number.isInteger(value)) out.push({ path, reason: `must be a whole number, got ${value}` });
  if (v.min !== undefined && value < v.min) out.push({ path, reason: `must be at least ${v.min}, got ${value}` });
  if (v.max !== undefined && value > v.max) out.push({ path, reason: `must be at most ${v.max}, got ${value}` });
}

function truncate(s: string): string {
  return s.length > 64 ? `${s.slice(0, 61)}...` : s;
}
