/**
 * cty types, as Terraform describes them in schema attribute `type` bytes.
 *
 * Primitives are plain strings; collections and structurals are one-key tagged
 * objects so a type literal reads like its cty JSON: `{ list: 'string' }`.
 */
export type PrimitiveType = 'string' | 'number' | 'bool';

export type CtyType =
  | PrimitiveType
  | 'dynamic'
  | { readonly list: CtyType }
  | { readonly set: CtyType }
  | { readonly map: CtyType }
  | { readonly object: Readonly<Record<string, CtyType>>; readonly optional?: readonly string[] }
  | { readonly tuple: readonly CtyType[] };

export type ObjectType = Extract<CtyType, { object: unknown }>;

export type TypeKind = 'string' | 'number' | 'bool' | 'dynamic' | 'list' | 'set' | 'map' | 'object' | 'tuple';

export const listOf = (element: CtyType): CtyType => ({ list: element });
export const setOf = (element: CtyType): CtyType => ({ set: element });
export const mapOf = (element: CtyType): CtyType => ({ map: element });
export const tupleOf = (elements: readonly CtyType[]): CtyType => ({ tuple: elements });
export function objectOf(attributes: Record<string, CtyType>, optional?: readonly string[]): ObjectType {
  return optional && optional.length > 0 ? { object: attributes, optional } : { object: attributes };
}

export function typeKind(t: CtyType): TypeKind {
  if (typeof t === 'string') return t;
  if ('list' in t) return 'list';
  if ('set' in t) return 'set';
  if ('map' in t) return 'map';
  if ('object' in t) return 'object';
  return 'tuple';
}

/** Element type of a list, set or map. */
export function elementType(t: CtyType): CtyType | undefined {
  if (typeof t === 'string') return undefined;
  if ('list' in t) return t.list;
  if ('set' in t) return t.set;
  if ('map' in t) return t.map;
  return undefined;
}

/** Attribute types of an object type (empty for any other type). */
export function attributeTypes(t: CtyType): Readonly<Record<string, CtyType>> {
  return typeof t !== 'string' && 'object' in t ? t.object : {};
}

const sortedNames = new WeakMap<object, readonly string[]>();

/**
 * An object type's attribute names in cty's order (UTF-16 order equals Go's byte order for the
 * ASCII names Terraform allows), computed once per type: codecs ask for every value they encode.
 */
export function sortedAttributeNames(t: CtyType): readonly string[] {
  const attrs = attributeTypes(t);
  let names = sortedNames.get(attrs);
  if (!names) sortedNames.set(attrs, (names = Object.keys(attrs).sort()));
  return names;
}

/** Element types of a tuple type (undefined for any other type). */
export function tupleElementTypes(t: CtyType): readonly CtyType[] | undefined {
  return typeof t !== 'string' && 'tuple' in t ? t.tuple : undefined;
}

export function isObjectType(t: CtyType): t is ObjectType {
  return typeof t !== 'string' && 'object' in t;
}

/** The cty JSON form of a type. Object attributes are sorted, as Go's encoding/json does for maps. */
export function typeToJson(t: CtyType): string {
  return JSON.stringify(typeToJsonValue(t));
}

function typeToJsonValue(t: CtyType): unknown {
  if (typeof t === 'string') return t;
  if ('list' in t) return ['list', typeToJsonValue(t.list)];
  if ('set' in t) return ['set', typeToJsonValue(t.set)];
  if ('map' in t) return ['map', typeToJsonValue(t.map)];
  if ('tuple' in t) return ['tuple', t.tuple.map(typeToJsonValue)];
  const attrs: Record<string, unknown> = {};
  for (const name of Object.keys(t.object).sort()) defineOwn(attrs, name, typeToJsonValue(t.object[name]));
  return t.optional && t.optional.length > 0 ? ['object', attrs, [...t.optional].sort()] : ['object', attrs];
}

/** Parses cty JSON type text (string or bytes). Throws on anything that is not a valid cty type. */
export function typeFromJson(json: string | Uint8Array): CtyType {
  const text = typeof json === 'string' ? json : Buffer.from(json).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`invalid cty type JSON: ${text}`);
  }
  return typeFromJsonValue(parsed);
}

function typeFromJsonValue(j: unknown): CtyType {
  if (j === 'string' || j === 'number' || j === 'bool' || j === 'dynamic') return j;
  if (Array.isArray(j) && typeof j[0] === 'string') {
    const [kind, arg, extra] = j as [string, unknown, unknown];
    switch (kind) {
      case 'list':
      case 'set':
      case 'map':
        if (j.length === 2) return { [kind]: typeFromJsonValue(arg) } as CtyType;
        break;
      case 'tuple':
        if (j.length === 2 && Array.isArray(arg)) return { tuple: arg.map(typeFromJsonValue) };
        break;
      case 'object': {
        if (j.length < 2 || j.length > 3 || !isPlainRecord(arg)) break;
        const attrs: Record<string, CtyType> = {};
        for (const [name, at] of Object.entries(arg)) defineOwn(attrs, name, typeFromJsonValue(at));
        if (j.length === 2) return { object: attrs };
        if (!Array.isArray(extra) || !extra.every((n) => typeof n === 'string' && n in attrs)) break;
        return objectOf(attrs, extra as string[]);
      }
    }
  }
  throw new Error(`invalid cty type: ${JSON.stringify(j)}`);
}

export function typeEqual(a: CtyType, b: CtyType): boolean {
  return typeToJson(a) === typeToJson(b);
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets an own property even for the key "__proto__", which plain assignment would turn into a prototype change. */
export function defineOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
