/**
 * The one definition of each resource's attributes.
 *
 * From a `ResourceModel` come the provider's Terraform schema and plan rules, the CDKTF L1
 * bindings, the service's request validation and OpenAPI document, and the reference docs.
 * Terraform names are snake_case (the keys of `attributes`); the REST API uses the camelCase
 * form (`apiName`).
 */

/** A value type, in cty's terms. Objects are nested attributes (protocol 6 `nested_type`). */
export type AttrType =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'list'; readonly element: AttrType }
  | { readonly kind: 'set'; readonly element: AttrType }
  | { readonly kind: 'map'; readonly element: AttrType }
  | { readonly kind: 'object'; readonly attributes: Readonly<Record<string, AttributeDef>> };

/** Checks applied to a configured value, by the service (zod) and by the provider (validate). */
export interface Validation {
  /** Regular expression the whole string must match. */
  readonly pattern?: RegExp;
  /** Human wording of `pattern`, used in error messages ("lowercase letters, digits and '-'"). */
  readonly patternHint?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Inclusive numeric bounds. */
  readonly min?: number;
  readonly max?: number;
  /** Integer only. */
  readonly integer?: boolean;
  /** Allowed values (strings). */
  readonly oneOf?: readonly string[];
  /**
   * Values of `oneOf` that still work but should no longer be used, with what to use instead:
   * the provider warns at plan, error messages list only the others.
   */
  readonly deprecatedValues?: Readonly<Record<string, string>>;
  /**
   * Values that name the same thing as another (an old name of ours for Hikube's: `ubuntu-24.04`
   * is `ubuntu-2404`), by that other value. A change between the two is no change: the provider
   * plans the prior state's spelling (`sameValue()`), the kinds' update rules compare them equal.
   */
  readonly sameAs?: Readonly<Record<string, string>>;
  /** Maximum number of entries of a map, list or set. */
  readonly maxItems?: number;
  /** Regular expression every key of a map must match, with its human wording. */
  readonly keyPattern?: RegExp;
  readonly keyPatternHint?: string;
}

export interface AttributeDef {
  readonly type: AttrType;
  /** User documentation: units, default, what forces replacement. */
  readonly description: string;
  /** Must be set by the user. */
  readonly required?: boolean;
  /** May be set by the user. */
  readonly optional?: boolean;
  /** Set by the service (alone: read-only; with `optional`: defaulted by the service). */
  readonly computed?: boolean;
  /** Hidden in plan output and logs. */
  readonly sensitive?: boolean;
  /** Value planned when the user sets nothing (makes the attribute optional + computed). */
  readonly default?: unknown;
  /**
   * The default applies only while this sibling attribute (Terraform name) is unset or empty: a
   * VM's own `system_disk` is left out when it boots from the first of its `disks`.
   */
  readonly defaultUnless?: string;
  /** A change destroys and re-creates the resource. */
  readonly replaceOnChange?: boolean;
  /** A computed value that never changes once set: plans keep the prior state instead of "known after apply". */
  readonly stable?: boolean;
  /**
   * A computed value that only an update of these attributes can change (`[]`: no update of this
   * resource changes it, though other resources may; the next refresh shows that). An update of
   * anything else plans the prior value instead of "known after apply".
   */
  readonly changesWith?: readonly string[];
  /** The value every successful update leaves (a status of `ready`): planned as such. */
  readonly afterUpdate?: string | null;
  readonly validation?: Validation;
  /** camelCase name in the REST API; derived from the Terraform name when absent. */
  readonly apiName?: string;
  /** Only Terraform knows it (e.g. `timeouts`): never sent to nor read from the service. */
  readonly local?: boolean;
  /** Sent to the service but never returned by it (secrets such as cloud-init): state keeps the configured value. */
  readonly inputOnly?: boolean;
  /** Returned by the service only in the answer that creates the object (a token's secret): state keeps it. */
  readonly returnedOnce?: boolean;
  /**
   * Write-only (Terraform 1.11): taken from the configuration at apply, never in plan or state,
   * so it also accepts ephemeral values. Sent as `apiName`. Terraform cannot see a change of it:
   * the attribute `<name>_version` (same resource) says when to send it again.
   */
  readonly writeOnly?: boolean;
  /** Still works, with a warning that says what to use instead. */
  readonly deprecated?: string;
  /**
   * An empty list is a value of its own, not "unset": `allowed_engines = []` allows no engine
   * where null allows any. State keeps the service's `[]` even with nothing to go by (an import),
   * instead of reading it as null.
   */
  readonly emptyIsValue?: boolean;
}

export interface ResourceModel {
  /** Terraform type name, e.g. `hikube_tenant`. */
  readonly typeName: string;
  /** REST collection, e.g. `/v1/tenants`. */
  readonly collection: string;
  /** Singular noun for messages, e.g. `tenant`. */
  readonly noun: string;
  /** Name of its JSON body in the REST contract (OpenAPI schema and TypeScript type), e.g. `Tenant`. */
  readonly schemaName: string;
  /** Schema version for state upgrades. */
  readonly version: number;
  readonly description: string;
  readonly attributes: Readonly<Record<string, AttributeDef>>;
}

export interface DataSourceModel {
  readonly typeName: string;
  readonly description: string;
  readonly attributes: Readonly<Record<string, AttributeDef>>;
}

/**
 * An ephemeral resource (Terraform 1.10+): opened during each run, its result never stored in
 * plan or state; for values only passed on, such as credentials for another provider.
 */
export interface EphemeralResourceModel {
  readonly typeName: string;
  readonly description: string;
  readonly attributes: Readonly<Record<string, AttributeDef>>;
}

export interface ProviderModel {
  readonly description: string;
  readonly attributes: Readonly<Record<string, AttributeDef>>;
}

export const t = {
  string: { kind: 'string' } as AttrType,
  number: { kind: 'number' } as AttrType,
  bool: { kind: 'bool' } as AttrType,
  list: (element: AttrType): AttrType => ({ kind: 'list', element }),
  set: (element: AttrType): AttrType => ({ kind: 'set', element }),
  map: (element: AttrType): AttrType => ({ kind: 'map', element }),
  object: (attributes: Record<string, AttributeDef>): AttrType => ({ kind: 'object', attributes }),
};

const camelNames = new Map<string, string>();

/** `parent_id` -> `parentId`. Remembered: the provider converts every attribute of every state it reads or plans. */
export function camelCase(snake: string): string {
  let camel = camelNames.get(snake);
  if (camel === undefined) {
    camel = snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelNames.size < 10_000) camelNames.set(snake, camel); // names come from the models, plus map keys of user data: bounded
  }
  return camel;
}

/** `parentId` -> `parent_id`. */
export function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function apiNameOf(tfName: string, def: AttributeDef): string {
  return def.apiName ?? camelCase(tfName);
}

/**
 * The default an unset attribute takes beside these siblings (read by Terraform name): its
 * `default`, unless the sibling its `defaultUnless` names is set (a non-empty list or map, or any
 * other value). `sibling` may answer `unknown` (a plan's unknown value): the result is too.
 */
export function defaultBeside(def: AttributeDef, sibling: (tfName: string) => unknown, unknown?: (v: unknown) => boolean): unknown {
  if (def.default === undefined || def.defaultUnless === undefined) return def.default;
  const v = sibling(def.defaultUnless);
  if (unknown?.(v)) return v;
  const set = v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
  return set ? null : def.default;
}

/** The Terraform-only map whose change triggers an action (model/kind.ts `TriggeredAction`), described as `description` says. */
export function triggersAttribute(description: string): AttributeDef {
  return { type: t.map(t.string), optional: true, local: true, description };
}

/** Attributes a user may set (required or optional). */
export function isConfigurable(def: AttributeDef): boolean {
  return Boolean(def.required || def.optional || def.default !== undefined);
}

/** Attributes the REST API carries (everything but Terraform-only ones). */
export function isApiAttribute(def: AttributeDef): boolean {
  return !def.local;
}

/** Attributes a user may change without replacing the resource. */
export function isUpdatable(def: AttributeDef): boolean {
  return isConfigurable(def) && !def.replaceOnChange;
}

/** Whether two values of an attribute are the same, counting the spellings its `validation.sameAs` declares equal. */
export function sameValue(validation: Validation | undefined, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const same = validation?.sameAs;
  return same !== undefined && typeof a === 'string' && typeof b === 'string' && (same[a] ?? a) === (same[b] ?? b);
}
