/** Attribute definitions every tenant-owned resource shares. */
import { DEFAULT_STORAGE_CLASS, STORAGE_CLASSES } from './catalog';
import { AttributeDef, t } from './schema';

/** Tenant ids are `tnt-` followed by 16 lowercase base32 characters (here, not in ./tenant.ts: kinds use it, and the tenant model reads the kinds' registry). */
export const TENANT_ID_PATTERN = /^tnt-[a-z2-7]{16}$/;

export const RESOURCE_NAME_PATTERN = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
export const RESOURCE_NAME_HINT = "1 to 40 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'";

/** Status of a resource realized by long-running operations. */
export const STATUSES = ['pending', 'provisioning', 'ready', 'updating', 'deleting', 'failed'] as const;
export type Status = (typeof STATUSES)[number];

export function idAttribute(prefix: string): AttributeDef {
  return { type: t.string, computed: true, stable: true, description: `Identifier, \`${prefix}-\` followed by 16 characters.` };
}

export function tenantIdAttribute(noun: string): AttributeDef {
  return {
    type: t.string,
    required: true,
    replaceOnChange: true,
    description: `Identifier of the tenant that owns the ${noun}. Changing it forces a new ${noun}.`,
    validation: { pattern: TENANT_ID_PATTERN, patternHint: 'a tenant id such as tnt-abcdefghijklmnop' },
  };
}

export function nameAttribute(noun: string): AttributeDef {
  return {
    type: t.string,
    required: true,
    replaceOnChange: true,
    description: `Name of the ${noun}, unique in its tenant; ${RESOURCE_NAME_HINT}. Changing it forces a new ${noun}.`,
    validation: { pattern: RESOURCE_NAME_PATTERN, patternHint: RESOURCE_NAME_HINT },
  };
}

/** A setting fixed at creation (`encrypted`): a boolean, `false` unless set, whose change forces a new object. */
export function creationFlag(description: string): AttributeDef {
  return { type: t.bool, optional: true, computed: true, default: false, replaceOnChange: true, description };
}

export const statusAttribute: AttributeDef = {
  type: t.string,
  computed: true,
  afterUpdate: 'ready',
  validation: { oneOf: STATUSES },
  description: `Provisioning status: one of ${STATUSES.map((s) => `\`${s}\``).join(', ')}. Terraform waits for \`ready\`.`,
};

export const statusReasonAttribute: AttributeDef = {
  type: t.string,
  computed: true,
  afterUpdate: null,
  description: 'Why the last operation failed, when `status` is `failed`.',
};

export const createdAtAttribute: AttributeDef = { type: t.string, computed: true, stable: true, description: 'Creation time, RFC 3339.' };

export const monthlyCostAttribute: AttributeDef = {
  type: t.number,
  computed: true,
  description: 'Estimated monthly cost in EUR from the Hikube price list, known at plan time so `terraform plan` shows what a change costs.',
};

/**
 * `store_credentials`: whether the credentials a resource returns are kept in Terraform state.
 * `what` names them; `instead` says how to read them without storing them.
 */
export function storeCredentialsAttribute(what: string, instead: string): AttributeDef {
  return {
    type: t.bool,
    optional: true,
    computed: true,
    default: true,
    local: true,
    description: `Whether ${what} kept in Terraform state, which stores them in plain text. Defaults to \`true\` (as before). ${instead}`,
  };
}

export const DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** Terraform-only waiting limits, in Go duration syntax ("30s", "20m", "1h30m"). */
export function timeoutsAttribute(defaults: { create: string; update: string; delete: string }): AttributeDef {
  const duration = (op: keyof typeof defaults): AttributeDef => ({
    type: t.string,
    optional: true,
    description: `How long to wait for ${op} to finish, e.g. \`30m\`. Defaults to \`${defaults[op]}\`.`,
    validation: { pattern: DURATION_PATTERN, patternHint: 'a duration such as 90s, 20m or 1h30m' },
  });
  return {
    type: t.object({ create: duration('create'), update: duration('update'), delete: duration('delete') }),
    optional: true,
    local: true,
    description: 'How long Terraform waits for long-running operations before giving up (the operation itself goes on in the service).',
  };
}

/**
 * A `storage_class`: one of the catalog's classes, `replicated` unless set. `lead` opens the
 * description; `replaces` names what a change of it forces anew (unset: changed freely).
 */
export function storageClassAttribute(lead: string, replaces?: string): AttributeDef {
  return {
    type: t.string,
    optional: true,
    computed: true,
    default: DEFAULT_STORAGE_CLASS,
    ...(replaces ? { replaceOnChange: true } : {}),
    description: `${lead}: ${STORAGE_CLASSES.map((s) => `\`${s}\``).join(' or ')}. Defaults to \`${DEFAULT_STORAGE_CLASS}\`.${replaces ? ` Changing it forces a new ${replaces}.` : ''}`,
    validation: { oneOf: STORAGE_CLASSES },
  };
}

/**
 * What a sub-resource of a network kind starts with: its parent's id (`vpc_id`), the tenant it
 * takes from its parent, and its name, unique in the parent. All but the tenant force a new object.
 */
export function childAttributes(noun: string, parent: { field: string; typeName: string; noun: string; pattern: RegExp; idPrefix: string }): Record<string, AttributeDef> {
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  return {
    [parent.field]: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: `Id of the ${parent.noun} (\`${parent.typeName}\`) the ${noun} belongs to. Changing it forces a new ${noun}.`,
      validation: { pattern: parent.pattern, patternHint: `a ${parent.noun} id such as ${parent.idPrefix}-abcdefghijklmnop` },
    },
    tenant_id: { type: t.string, computed: true, stable: true, description: `The ${parent.noun}'s tenant.` },
    name: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: `${Noun} name, unique in its ${parent.noun}; ${RESOURCE_NAME_HINT}. Changing it forces a new ${noun}.`,
      validation: { pattern: RESOURCE_NAME_PATTERN, patternHint: RESOURCE_NAME_HINT },
    },
  };
}
