import { z } from 'zod';
import type { FieldError } from '../../model/api/types';
import { apiNameOf, AttrType, AttributeDef, defaultBeside, isConfigurable, isUpdatable, ResourceModel } from '../../model/schema';
import { checkValue } from '../../model/validate';
import { fieldError, ValidationError } from './problem';

/**
 * Request validation built from the resource model: the create body holds the configurable
 * attributes, the update body the updatable ones. zod checks the shape (types, required,
 * null); the model's own `checkValue` checks patterns, lengths and map keys, so the service's
 * reasons are the provider's. Every failing field is reported at once, with its API path.
 */

export interface BodyValidator<T> {
  /** Returns the validated body (defaults applied) or throws a ValidationError naming each failing field. */
  parse(body: unknown): T;
}

export interface BodyValidatorOptions {
  /** API-only read-only fields that are not in the model (e.g. `updatedAt`). */
  readonly extraReadOnly?: readonly string[];
}

export function createBodyValidator<T>(model: ResourceModel, options: BodyValidatorOptions = {}): BodyValidator<T> {
  return bodyValidator<T>(model, 'create', options);
}

export function updateBodyValidator<T>(model: ResourceModel, options: BodyValidatorOptions = {}): BodyValidator<T> {
  return bodyValidator<T>(model, 'update', options);
}

interface AcceptedField {
  readonly key: string;
  readonly def: AttributeDef;
}

function bodyValidator<T>(model: ResourceModel, mode: 'create' | 'update', options: BodyValidatorOptions): BodyValidator<T> {
  const shape: Record<string, z.ZodType> = {};
  const accepted: AcceptedField[] = [];
  const refusals = new Map<string, string>(); // API key -> why it may not be sent
  for (const [tfName, def] of Object.entries(model.attributes)) {
    if (def.local) continue; // Terraform-only (timeouts): not part of the API, an unknown field
    const key = apiNameOf(tfName, def);
    if (mode === 'create' ? isConfigurable(def) : isUpdatable(def)) {
      shape[key] = fieldSchema(def, mode);
      accepted.push({ key, def });
    } else if (isConfigurable(def)) {
      refusals.set(key, `cannot be changed in place: changing it replaces the ${model.noun}`);
    } else {
      refusals.set(key, 'is computed by the service and cannot be set');
    }
  }
  for (const key of options.extraReadOnly ?? []) refusals.set(key, 'is computed by the service and cannot be set');
  const schema = z.object(shape);
  const acceptedNames = accepted.map((f) => f.key).join(', ');

  return {
    parse(body: unknown): T {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ValidationError([fieldError([], `the request body must be a JSON object, got ${describe(body)}`)]);
      }
      const input = body as Record<string, unknown>;
      const errors: FieldError[] = [];
      for (const key of Object.keys(input)) {
        if (!(key in shape)) errors.push(fieldError([key], refusals.get(key) ?? `unknown field; accepted fields: ${acceptedNames}`));
      }
      const result = schema.safeParse(input);
      if (!result.success) errors.push(...result.error.issues.map(toFieldError));
      for (const { key, def } of accepted) {
        for (const p of checkValue(def, toModelValue(def.type, input[key]), [key])) errors.push(fieldError([key, ...toApiPath(def.type, p.path.slice(1))], p.reason));
      }
      if (errors.length > 0 || !result.success) throw new ValidationError(sortByField(errors));
      const value = result.data as Record<string, unknown>;
      for (const { key, def } of accepted) {
        if (value[key] === undefined && def.default !== undefined && mode === 'create')
          value[key] = toApiValue(
            def.type,
            defaultBeside(def, (n) => value[apiNameOf(n, model.attributes[n])]),
          );
        else if (value[key] !== undefined) value[key] = withNestedDefaults(def.type, value[key]);
      }
      return value as T;
    },
  };
}

/**
 * Nested attributes keep their Terraform names in the model; the API uses camelCase. These
 * convert values and error paths between the two, so that `checkValue` sees model names.
 */
export function toModelValue(type: AttrType, value: unknown): unknown {
  return convert(type, value, (name, def) => [apiNameOf(name, def), name]);
}

/** Model-form value (e.g. a default written with Terraform names) -> API form. */
export function toApiValue(type: AttrType, value: unknown): unknown {
  return convert(type, value, (name, def) => [name, apiNameOf(name, def)]);
}

function convert(type: AttrType, value: unknown, names: (name: string, def: AttributeDef) => [string, string]): unknown {
  if (value === null || typeof value !== 'object') return value;
  switch (type.kind) {
    case 'list':
    case 'set':
      return Array.isArray(value) ? value.map((v) => convert(type.element, v, names)) : value;
    case 'map':
      return Array.isArray(value) ? value : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(type.element, v, names)]));
    case 'object': {
      if (Array.isArray(value)) return value;
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, def] of Object.entries(type.attributes)) {
        const [from, to] = names(name, def);
        if (from in input) out[to] = convert(def.type, input[from], names);
      }
      return out;
    }
    default:
      return value;
  }
}

/** A path of model names (from checkValue) -> API names. */
export function toApiPath(type: AttrType, path: readonly (string | number)[]): (string | number)[] {
  const [head, ...rest] = path;
  if (head === undefined) return [];
  let inner: AttrType | undefined;
  let out: string | number = head;
  if (type.kind === 'object' && typeof head === 'string' && type.attributes[head]) {
    out = apiNameOf(head, type.attributes[head]);
    inner = type.attributes[head].type;
  } else if (type.kind === 'list' || type.kind === 'set' || type.kind === 'map') {
    inner = type.element;
  }
  return [out, ...(inner ? toApiPath(inner, rest) : rest)];
}

/** Fills the defaults of nested attributes the body left out (API form), e.g. a node group's disk size. */
function withNestedDefaults(type: AttrType, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  switch (type.kind) {
    case 'list':
    case 'set':
      return (value as unknown[]).map((v) => withNestedDefaults(type.element, v));
    case 'map':
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNestedDefaults(type.element, v)]));
    case 'object': {
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [name, def] of Object.entries(type.attributes)) {
        const key = apiNameOf(name, def);
        if (out[key] === undefined && def.default !== undefined) out[key] = toApiValue(def.type, def.default);
        else if (out[key] !== undefined) out[key] = withNestedDefaults(def.type, out[key]);
      }
      return out;
    }
    default:
      return value;
  }
}

/** Optional attributes without a default accept null, meaning "not set" (clears on update). */
function fieldSchema(def: AttributeDef, mode: 'create' | 'update'): z.ZodType {
  const base = typeSchema(def.type);
  if (def.required && mode === 'create') return base;
  // A default that may not apply (`defaultUnless`) leaves null possible.
  return def.default === undefined || def.defaultUnless !== undefined ? base.nullable().optional() : base.optional();
}

function typeSchema(type: AttrType): z.ZodType {
  switch (type.kind) {
    case 'string':
      return z.string({ error: typeError('a string') });
    case 'number':
      return z.number({ error: typeError('a number') });
    case 'bool':
      return z.boolean({ error: typeError('true or false') });
    case 'list':
    case 'set':
      return z.array(typeSchema(type.element), { error: typeError('an array') });
    case 'map':
      return z.record(z.string(), typeSchema(type.element), { error: typeError('a JSON object') });
    case 'object': {
      const shape: Record<string, z.ZodType> = {};
      for (const [name, def] of Object.entries(type.attributes)) {
        if (isConfigurable(def)) shape[apiNameOf(name, def)] = fieldSchema(def, 'create');
      }
      return z.strictObject(shape, { error: typeError('a JSON object') });
    }
  }
}

function typeError(expected: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : `must be ${expected}, got ${describe(iss.input)}`);
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  return fieldError(
    issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    issue.message,
  );
}

/** Stable order: by field, so clients and tests see the same list every time. */
function sortByField(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
