/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the REST API's resource bodies, derived from
 * the resource models: the OpenAPI document (service/openapi.ts) and the TypeScript types of the
 * contract (model/api/generated/, by `npm run gen`) both come from here.
 */
import { apiNameOf, AttrType, AttributeDef, isConfigurable, isUpdatable, ResourceModel } from '../schema';

export type JsonSchema = Record<string, unknown>;

/** Which body: what the service answers, or what a create or an update sends. */
export type SchemaMode = 'response' | 'create' | 'update';

/** JSON Schema of one attribute. */
export function attributeSchema(def: AttributeDef, mode: SchemaMode, nullable = false): JsonSchema {
  const schema: JsonSchema = { ...typeSchema(def.type, mode, def), description: def.description };
  if (def.default !== undefined) schema.default = def.default;
  if (def.computed && !isConfigurable(def)) schema.readOnly = true;
  if (def.inputOnly) schema.writeOnly = true;
  if (nullable) schema.type = [schema.type, 'null'];
  if (nullable && Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), null]; // an enum lists null too, or refuses it
  return schema;
}

function typeSchema(type: AttrType, mode: SchemaMode, def?: AttributeDef): JsonSchema {
  const v = def?.validation ?? {};
  switch (type.kind) {
    case 'string':
      return {
        type: 'string',
        ...(v.pattern ? { pattern: v.pattern.source } : {}),
        ...(v.minLength !== undefined ? { minLength: v.minLength } : {}),
        ...(v.maxLength !== undefined ? { maxLength: v.maxLength } : {}),
        ...(v.oneOf ? { enum: [...v.oneOf] } : {}),
      };
    case 'number':
      return {
        type: v.integer ? 'integer' : 'number',
        ...(v.min !== undefined ? { minimum: v.min } : {}),
        ...(v.max !== undefined ? { maximum: v.max } : {}),
      };
    case 'bool':
      return { type: 'boolean' };
    case 'list':
    case 'set':
      return {
        type: 'array',
        items: typeSchema(type.element, mode, elementDef(type.element, def)),
        ...(type.kind === 'set' ? { uniqueItems: true } : {}),
        ...(v.maxItems !== undefined ? { maxItems: v.maxItems } : {}),
      };
    case 'map':
      return {
        type: 'object',
        additionalProperties: typeSchema(type.element, mode, elementDef(type.element, def)),
        ...(v.keyPattern ? { propertyNames: { pattern: v.keyPattern.source } } : {}),
        ...(v.maxItems !== undefined ? { maxProperties: v.maxItems } : {}),
      };
    case 'object':
      return objectSchema(type.attributes, mode, true);
  }
}

/** A collection's validation applies to its elements too (as model/validate.ts does). */
function elementDef(element: AttrType, def?: AttributeDef): AttributeDef | undefined {
  return def && { type: element, description: '', validation: def.validation && { ...def.validation, maxItems: undefined, keyPattern: undefined } };
}

/**
 * The members of an object. In an answer a resource's members are all present (the service fills
 * defaults and answers null for what is unset or not shown to the token); in a request only
 * required ones are.
 */
function objectSchema(attributes: Readonly<Record<string, AttributeDef>>, mode: SchemaMode, nested: boolean, extra: Record<string, JsonSchema> = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, def] of Object.entries(attributes)) {
    if (def.local) continue; // Terraform-only
    const key = apiNameOf(name, def);
    if (mode === 'response') {
      if (def.inputOnly) continue; // accepted, never returned
      properties[key] = attributeSchema(def, mode, isNullableInAnswer(name, def, nested));
      // A resource's own members are always there; in nested objects, optional ones may be left out.
      if (!def.returnedOnce && (!nested || def.required || def.default !== undefined || !def.optional)) required.push(key);
    } else {
      if (!(mode === 'create' ? isConfigurable(def) : isUpdatable(def))) continue;
      properties[key] = attributeSchema(def, mode, !def.required && (def.default === undefined || def.defaultUnless !== undefined));
      if (def.required && mode === 'create') required.push(key);
    }
  }
  Object.assign(properties, extra);
  if (mode === 'response') required.push(...Object.keys(extra));
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/**
 * Computed members the service always sets; every other one optional-without-default, or known
 * later (an endpoint), may be null.
 */
const NEVER_NULL = new Set(['id', 'path', 'namespace', 'created_at', 'status', 'monthly_cost_estimate', 'network_prefix_length', 'network_cidr']);

function isNullableInAnswer(name: string, def: AttributeDef, nested: boolean): boolean {
  if (def.sensitive) return true; // null for tokens below admin, and where credentials are not kept
  // A resource's own maps are answered empty when unset; a nested one is as the client sent it (a policy's `allowedEngineVersions`).
  if (NEVER_NULL.has(name) || def.required || (def.default !== undefined && def.defaultUnless === undefined) || (def.type.kind === 'map' && !nested)) return false;
  return Boolean(def.optional || def.computed); // e.g. parentId of the root, endpoint until known
}

/** Members the service adds to a model's attributes in its answers. */
export const updatedAtSchema: JsonSchema = { type: 'string', format: 'date-time', readOnly: true, description: 'Last change time, RFC 3339.' };

/** A resource as the service answers it: its model's API attributes plus `extra`. */
export function resourceSchema(model: ResourceModel, extra: Record<string, JsonSchema>): JsonSchema {
  return { ...objectSchema(model.attributes, 'response', false, extra), description: model.description };
}

/** The body of a create (every configurable attribute) or of an update (those that change in place). */
export function bodySchema(model: ResourceModel, mode: 'create' | 'update'): JsonSchema {
  return objectSchema(model.attributes, mode, false);
}
