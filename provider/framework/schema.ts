/**
 * From model definitions to what Terraform sees: cty types for the value codec and
 * protocol-6 schema messages (nested attributes for objects, Markdown descriptions).
 */
import { AttributeDef, AttrType } from '../../model/schema';
import { CtyType, listOf, mapOf, objectOf, setOf, typeToJson } from '../cty';
import { ObjectNestingMode, Schema, SchemaAttribute, StringKind } from '../protocol/tfplugin6';
import { PlanRule, requiresReplace, useStateForUnknown } from './plan-rules';

export function ctyTypeOf(type: AttrType): CtyType {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return type.kind;
    case 'list':
      return listOf(ctyTypeOf(type.element));
    case 'set':
      return setOf(ctyTypeOf(type.element));
    case 'map':
      return mapOf(ctyTypeOf(type.element));
    case 'object':
      return objectTypeOf(type.attributes);
  }
}

export function objectTypeOf(attributes: Readonly<Record<string, AttributeDef>>): CtyType {
  const types: Record<string, CtyType> = {};
  for (const [name, def] of Object.entries(attributes)) types[name] = ctyTypeOf(def.type);
  return objectOf(types);
}

/** The plan rules an attribute's flags imply, in the order they run. */
export function planRulesOf(def: AttributeDef): PlanRule[] {
  const rules: PlanRule[] = [];
  if (def.stable) rules.push(useStateForUnknown());
  if (def.replaceOnChange) rules.push(requiresReplace());
  return rules;
}

const NESTING = {
  single: ObjectNestingMode.SINGLE,
  list: ObjectNestingMode.LIST,
  set: ObjectNestingMode.SET,
  map: ObjectNestingMode.MAP,
} as const;

export function protoSchemaOf(attributes: Readonly<Record<string, AttributeDef>>, description: string, version = 0): Schema {
  return {
    version,
    block: {
      version,
      attributes: protoAttributesOf(attributes),
      blockTypes: [],
      description,
      descriptionKind: StringKind.MARKDOWN,
    },
  };
}

function protoAttributesOf(attributes: Readonly<Record<string, AttributeDef>>): SchemaAttribute[] {
  return Object.entries(attributes).map(([name, def]) => protoAttributeOf(name, def));
}

function protoAttributeOf(name: string, def: AttributeDef): SchemaAttribute {
  const optional = Boolean(def.optional) || (def.default !== undefined && !def.required);
  const computed = Boolean(def.computed) || def.default !== undefined;
  const base = {
    name,
    description: def.description,
    descriptionKind: StringKind.MARKDOWN,
    required: Boolean(def.required),
    optional: !def.required && optional,
    // Terraform refuses write-only attributes that are computed: they are never in state.
    computed: !def.required && !def.writeOnly && computed,
    sensitive: Boolean(def.sensitive),
    deprecated: Boolean(def.deprecated),
    writeOnly: Boolean(def.writeOnly),
  };
  const nested = nestedObjectOf(def.type);
  if (nested) return { ...base, nestedType: { attributes: protoAttributesOf(nested.attributes), nesting: NESTING[nested.nesting] } };
  return { ...base, type: Buffer.from(typeToJson(ctyTypeOf(def.type))) };
}

/** Objects, and collections of objects, become protocol-6 nested attributes. */
function nestedObjectOf(type: AttrType): { attributes: Readonly<Record<string, AttributeDef>>; nesting: keyof typeof NESTING } | undefined {
  if (type.kind === 'object') return { attributes: type.attributes, nesting: 'single' };
  if ((type.kind === 'list' || type.kind === 'set' || type.kind === 'map') && type.element.kind === 'object') {
    return { attributes: type.element.attributes, nesting: type.kind };
  }
  return undefined;
}
