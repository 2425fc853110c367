import { CtyType, defineOwn, elementType, isObjectType, tupleElementTypes, typeEqual, typeKind } from './types';

/**
 * A cty value as plain JS data; its type travels separately (the schema):
 * - null for a null of any type, string / number / boolean for primitives,
 * - arrays for list, set and tuple, plain objects for map and object,
 * - an `Unknown` (normally the UNKNOWN singleton) for a not-yet-known value,
 * - a `DynamicValue` where the type is 'dynamic' and the concrete type matters
 *   (decoding always yields one; encoding also accepts bare values and infers).
 */
export type CtyValue = null | string | number | boolean | Unknown | DynamicValue | CtyValue[] | CtyObject;
export interface CtyObject {
  [attribute: string]: CtyValue;
}

/** A not-yet-known value. `refinements` keeps the raw body of a refined unknown (msgpack ext 12) so it can be sent back unchanged. */
export class Unknown {
  private constructor(readonly refinements?: Uint8Array) {
    Object.freeze(this);
  }
  static refined(refinements: Uint8Array): Unknown {
    return new Unknown(Uint8Array.from(refinements));
  }
  static readonly plain = new Unknown();
}

export const UNKNOWN: Unknown = Unknown.plain;

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** A value of a 'dynamic' attribute, with the concrete type Terraform sent or should receive. */
export class DynamicValue {
  constructor(
    readonly type: CtyType,
    readonly value: CtyValue,
  ) {}
}

export function isDynamicValue(v: unknown): v is DynamicValue {
  return v instanceof DynamicValue;
}

export function isCtyObject(v: CtyValue): v is CtyObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v) && !isDynamicValue(v);
}

/** True when no unknown appears anywhere inside v. */
export function isWhollyKnown(v: CtyValue): boolean {
  if (isUnknown(v)) return false;
  if (isDynamicValue(v)) return isWhollyKnown(v.value);
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (isCtyObject(v)) return Object.values(v).every(isWhollyKnown);
  return true;
}

/** An object of the given object type with every attribute null. */
export function nullObjectOf(type: CtyType): CtyObject {
  if (!isObjectType(type)) throw new Error('nullObjectOf needs an object type');
  const out: CtyObject = {};
  for (const name of Object.keys(type.object)) defineOwn(out, name, null);
  return out;
}

/**
 * The type cty would give a bare JS value placed in a dynamic slot:
 * arrays become tuples and plain objects become objects, as in HCL literals.
 */
export function inferType(v: CtyValue): CtyType {
  if (v === null || isUnknown(v)) return 'dynamic';
  if (isDynamicValue(v)) return v.type;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return { tuple: v.map(inferType) };
  const attrs: Record<string, CtyType> = {};
  for (const [k, av] of Object.entries(v)) defineOwn(attrs, k, inferType(av));
  return { object: attrs };
}

/**
 * Deep equality under a type. Any unknown equals any other unknown (refinements
 * ignored) and nothing known; sets compare as unordered multisets; a missing
 * object attribute counts as null.
 */
export function ctyEqual(a: CtyValue, b: CtyValue, type: CtyType): boolean {
  if (isUnknown(a) || isUnknown(b)) return isUnknown(a) && isUnknown(b);
  if (a === null || b === null) return a === b;
  switch (typeKind(type)) {
    case 'string':
    case 'number':
    case 'bool':
      return a === b;
    case 'dynamic': {
      const ta = inferType(a);
      const tb = inferType(b);
      return typeEqual(ta, tb) && ctyEqual(unwrapDynamic(a), unwrapDynamic(b), ta);
    }
    case 'list':
    case 'tuple': {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      const tuple = tupleElementTypes(type);
      return a.every((av, i) => ctyEqual(av, b[i], tuple ? tuple[i] : elementType(type)!));
    }
    case 'set':
      return Array.isArray(a) && Array.isArray(b) && setEqual(a, b, elementType(type)!);
    case 'map': {
      if (!isCtyObject(a) || !isCtyObject(b)) return false;
      const keys = Object.keys(a);
      if (keys.length !== Object.keys(b).length) return false;
      return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && ctyEqual(a[k], b[k], elementType(type)!));
    }
    case 'object': {
      if (!isCtyObject(a) || !isCtyObject(b) || !isObjectType(type)) return false;
      return Object.entries(type.object).every(([k, at]) => ctyEqual(attr(a, k), attr(b, k), at));
    }
  }
}

function setEqual(a: CtyValue[], b: CtyValue[], element: CtyType): boolean {
  if (a.length !== b.length) return false;
  const used = new Array<boolean>(b.length).fill(false);
  return a.every((av) => {
    const i = b.findIndex((bv, j) => !used[j] && ctyEqual(av, bv, element));
    if (i < 0) return false;
    used[i] = true;
    return true;
  });
}

function unwrapDynamic(v: CtyValue): CtyValue {
  return isDynamicValue(v) ? v.value : v;
}

/** An object attribute, treating an absent one as null. */
export function attr(o: CtyObject, name: string): CtyValue {
  return Object.prototype.hasOwnProperty.call(o, name) ? (o[name] ?? null) : null;
}

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Parses cty's decimal text form of a number (what go-cty sends for numbers beyond int64/float64); undefined if not a number. */
export function parseNumberText(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}
