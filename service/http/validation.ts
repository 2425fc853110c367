import { z } from 'zod';
import type { FieldError } from '../../client/types';
import { apiNameOf, AttrType, AttributeDef, isConfigurable, isUpdatable, ResourceModel } from '../../model/schema';
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
        for (const p of checkValue(def, input[key], [key])) errors.push(fieldError(p.path, p.reason));
      }
      if (errors.length > 0 || !result.success) throw new ValidationError(sortByField(errors));
      const value = result.data as Record<string, unknown>;
      if (mode === 'create') {
        for (const { key, def } of accepted) if (value[key] === undefined && def.default !== undefined) value[key] = def.default;
      }
      return value as T;
    },
  };
}

/** Optional attributes without a default accept null, meaning "not set" (clears on update). */
function fieldSchema(def: AttributeDef, mode: 'create' | 'update'): z.ZodType {
  const base = typeSchema(def.type);
  if (def.required && mode === 'create') return base;
  return def.default === undefined ? base.nullable().optional() : base.optional();
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
  return fieldError(issue.path.map((p) => (typeof p === 'number' ? p : String(p))), issue.message);
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
