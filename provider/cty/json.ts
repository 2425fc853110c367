/**
 * cty values <-> cty JSON, the form of RawState in UpgradeResourceState (and of state files).
 * A dynamic value is `{"value": ..., "type": <type JSON>}`; unknowns cannot appear.
 */
import { CtyPathError, PathStep } from './path';
import { CtyType, attributeTypes, defineOwn, elementType, sortedAttributeNames, tupleElementTypes, typeFromJson, typeKind, typeToJson } from './types';
import { CtyObject, CtyValue, DynamicValue, attr, inferType, isCtyObject, isDynamicValue, isUnknown, parseNumberText } from './value';

export interface JsonDecodeOptions {
  /** Drop object attributes the type does not know instead of failing (for state written by an older schema). */
  readonly dropUnknownAttributes?: boolean;
}

/** Decodes cty JSON against `type`: absent object attributes become null; extra ones are a CtyPathError unless dropped. */
export function decodeJsonValue(json: string | Uint8Array, type: CtyType, options: JsonDecodeOptions = {}): CtyValue {
  const text = typeof json === 'string' ? json : Buffer.from(json).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CtyPathError([], `invalid JSON: ${(e as Error).message}`);
  }
  return fromJson(parsed, type, [], options);
}

/** `decodeJsonValue` of data already parsed (and perhaps reshaped): no JSON text round trip. Undefined counts as absent, as JSON.stringify would have it. */
export function decodeJsonData(data: unknown, type: CtyType, options: JsonDecodeOptions = {}): CtyValue {
  return fromJson(data, type, [], options);
}

/** `path`: one stack per decodeJsonValue call, pushed and popped on the way down (never copied per value). */
function fromJson(j: unknown, type: CtyType, path: PathStep[], options: JsonDecodeOptions): CtyValue {
  if (j === null || j === undefined) return null;
  const fail = (): never => {
    throw new CtyPathError(path, `${typeToJson(type)} is required, got JSON ${jsonKind(j)}`);
  };
  switch (typeKind(type)) {
    case 'string':
      // Like ctyjson, accept numbers and bools where a string is expected (an attribute whose type changed).
      return typeof j === 'string' ? j : typeof j === 'number' || typeof j === 'boolean' ? String(j) : fail();
    case 'number':
      if (typeof j === 'number') return j;
      return (typeof j === 'string' ? parseNumberText(j) : undefined) ?? fail();
    case 'bool':
      if (typeof j === 'boolean') return j;
      if (j === 'true' || j === 'false') return j === 'true';
      return fail();
    case 'dynamic': {
      if (!isJsonObject(j) || !('type' in j) || !('value' in j)) {
        throw new CtyPathError(path, 'a dynamic value must be {"value": ..., "type": ...}');
      }
      let t: CtyType;
      try {
        t = typeFromJson(JSON.stringify(j.type));
      } catch (e) {
        throw new CtyPathError(path, (e as Error).message);
      }
      return new DynamicValue(t, fromJson(j.value, t, path, options));
    }
    case 'list':
    case 'set': {
      if (!Array.isArray(j)) return fail();
      const element = elementType(type)!;
      return j.map((e, i) => {
        path.push({ index: i });
        const value = fromJson(e, element, path, options);
        path.pop();
        return value;
      });
    }
    case 'tuple': {
      const elements = tupleElementTypes(type)!;
      if (!Array.isArray(j)) return fail();
      if (j.length !== elements.length) throw new CtyPathError(path, `a tuple of ${elements.length} elements is required, got ${j.length}`);
      return elements.map((et, i) => {
        path.push({ index: i });
        const value = fromJson(j[i], et, path, options);
        path.pop();
        return value;
      });
    }
    case 'map': {
      if (!isJsonObject(j)) return fail();
      const element = elementType(type)!;
      const out: CtyObject = {};
      for (const [k, e] of Object.entries(j)) {
        path.push({ key: k });
        defineOwn(out, k, fromJson(e, element, path, options));
        path.pop();
      }
      return out;
    }
    case 'object': {
      if (!isJsonObject(j)) return fail();
      const attrs = attributeTypes(type);
      for (const k of Object.keys(j)) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) && !options.dropUnknownAttributes) {
          throw new CtyPathError([...path, k], 'unsupported attribute');
        }
      }
      const out: CtyObject = {};
      for (const [name, at] of Object.entries(attrs)) {
        if (!Object.prototype.hasOwnProperty.call(j, name)) {
          defineOwn(out, name, null);
          continue;
        }
        path.push(name);
        defineOwn(out, name, fromJson(j[name], at, path, options));
        path.pop();
      }
      return out;
    }
  }
}

/** Encodes a wholly known value as cty JSON text; objects carry every attribute of the type, in sorted order. */
export function encodeJsonValue(value: CtyValue, type: CtyType): string {
  return toJson(value, type, []);
}

function toJson(v: CtyValue, type: CtyType, path: PathStep[]): string {
  if (isUnknown(v)) throw new CtyPathError(path, 'unknown values cannot be written as JSON');
  if (type === 'dynamic' && v !== null) {
    const concrete = isDynamicValue(v) ? v.type : inferType(v);
    const inner = isDynamicValue(v) ? v.value : v;
    return `{"value":${toJson(inner, concrete, path)},"type":${typeToJson(concrete)}}`;
  }
  if (v === null || v === undefined) return 'null';
  const fail = (): never => {
    throw new CtyPathError(path, `cannot encode ${Array.isArray(v) ? 'an array' : typeof v} as ${typeToJson(type)}`);
  };
  if (isDynamicValue(v)) return fail();
  switch (typeKind(type)) {
    case 'dynamic': // non-null dynamic values were handled above
      return fail();
    case 'string':
      return typeof v === 'string' ? JSON.stringify(v) : fail();
    case 'number':
      if (typeof v !== 'number') return fail();
      if (!Number.isFinite(v)) throw new CtyPathError(path, `${v} cannot be written as JSON`);
      return JSON.stringify(v);
    case 'bool':
      return typeof v === 'boolean' ? String(v) : fail();
    case 'list':
    case 'set':
    case 'tuple': {
      if (!Array.isArray(v)) return fail();
      const tuple = tupleElementTypes(type);
      if (tuple && tuple.length !== v.length) throw new CtyPathError(path, `tuple needs ${tuple.length} elements, got ${v.length}`);
      const element = elementType(type);
      return `[${v.map((e, i) => toJson(e, tuple ? tuple[i] : element!, [...path, { index: i }])).join(',')}]`;
    }
    case 'map': {
      if (!isCtyObject(v)) return fail();
      const element = elementType(type)!;
      const entries = Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${toJson(v[k], element, [...path, { key: k }])}`);
      return `{${entries.join(',')}}`;
    }
    case 'object': {
      if (!isCtyObject(v)) return fail();
      const attrs = attributeTypes(type);
      const extra = Object.keys(v).find((k) => !Object.prototype.hasOwnProperty.call(attrs, k));
      if (extra !== undefined) throw new CtyPathError([...path, extra], 'attribute is not in the type');
      const entries = sortedAttributeNames(type).map((k) => `${JSON.stringify(k)}:${toJson(attr(v, k), attrs[k], [...path, k])}`);
      return `{${entries.join(',')}}`;
    }
  }
}

function isJsonObject(j: unknown): j is Record<string, unknown> {
  return typeof j === 'object' && j !== null && !Array.isArray(j);
}

function jsonKind(j: unknown): string {
  if (Array.isArray(j)) return 'array';
  if (j === null) return 'null';
  return typeof j === 'object' ? 'object' : `${typeof j} ${JSON.stringify(j)}`;
}
