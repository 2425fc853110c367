import { DEPRECATED_INSTANCE_TYPES } from './catalog';
import { TENANT_ID_PATTERN } from './common';
import { ENGINE_NAMES, ENGINES, QUOTA_DOCS, QUOTA_KEYS, quotaName } from './guardrails';
import { AttributeDef, DataSourceModel, ResourceModel, t } from './schema';

export { TENANT_ID_PATTERN };

/** Tenant names become part of a Kubernetes namespace: DNS label rules. */
export const TENANT_NAME_PATTERN = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;
export const TENANT_NAME_HINT = "1 to 32 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'";

export const LABEL_KEY_HINT = "a Kubernetes label key: an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
export const LABEL_KEY_PATTERN = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

const computedTenantAttributes: Record<string, AttributeDef> = {
  path: {
    type: t.string,
    computed: true,
    stable: true,
    description: 'Slash-separated path from the organisation root, e.g. `acme/production/team-a`.',
  },
  namespace: {
    type: t.string,
    computed: true,
    stable: true,
    description: 'Kubernetes namespace of the tenant: `tenant-` followed by the path joined with dashes, e.g. `tenant-acme-production-team-a`.',
  },
  created_at: {
    type: t.string,
    computed: true,
    stable: true,
    description: 'Creation time, RFC 3339.',
  },
};

const CIDR_PATTERN = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

const quota = ({ what, unit }: { what: string; unit: string }): AttributeDef => ({
  type: t.number,
  optional: true,
  description: `Most ${what} the tenant and its whole subtree may use${unit}; unlimited (within the parent's quota) when unset.`,
  validation: { integer: true, min: 0, max: 1_000_000 },
});

/** What a tenant may do: set by whoever manages it, applying to its whole subtree. */
const guardrailAttributes: Record<string, AttributeDef> = {
  quotas: {
    // One field per quota key: the size quotas, each kind's count (model/guardrails.ts), sub-tenants.
    type: t.object(Object.fromEntries(QUOTA_KEYS.map((key) => [quotaName(key), quota(QUOTA_DOCS[key])]))),
    optional: true,
    description: "Limits covering the tenant's whole subtree, enforced by the service at creation and checked at `terraform plan`. Updated in place; lowering a quota below current use is refused.",
  },
  security_policy: {
    type: t.object({
      allowed_instance_types: {
        type: t.list(t.string),
        optional: true,
        description: "Instance types VMs and node groups may use; any (within the parent's policy) when unset, none when empty. A deprecated name warns (it still matches).",
        // The names are checked by the service (a policy of an unknown type is refused there); a former name of ours warns here, as on a VM.
        validation: { maxItems: 64, deprecatedValues: DEPRECATED_INSTANCE_TYPES },
        emptyIsValue: true,
      },
      allowed_kubernetes_versions: {
        type: t.list(t.string),
        optional: true,
        description: "Kubernetes versions clusters may run; any (within the parent's policy) when unset, none when empty.",
        validation: { maxItems: 16 },
        emptyIsValue: true,
      },
      allowed_engines: {
        type: t.list(t.string),
        optional: true,
        description: `Data-service engines the tenant may run, by resource kind: ${ENGINES.map((e) => `\`${e.name}\` (${e.noun})`).join(', ')}; any (within the parent's policy) when unset, none when empty.`,
        validation: { oneOf: ENGINE_NAMES, maxItems: ENGINE_NAMES.length },
        emptyIsValue: true,
      },
      allowed_engine_versions: {
        type: t.map(t.list(t.string)),
        optional: true,
        description:
          'Versions each engine may run, e.g. `{ postgres = ["v17", "v18"] }`; an engine not listed may run any version (within the parent\'s policy). ' +
          `Versions: ${ENGINES.map((e) => `${e.name} ${e.versions.join(', ')}`).join('; ')}.`,
        validation: { keyPattern: new RegExp(`^(${ENGINE_NAMES.join('|')})$`), keyPatternHint: `an engine: ${ENGINE_NAMES.join(', ')}` },
      },
      external_ips_allowed: {
        type: t.bool,
        optional: true,
        description: 'Whether VMs and data services may have external access; inherited from the parent (allowed at the root) when unset.',
      },
      egress_cidrs: {
        type: t.list(t.string),
        optional: true,
        description: 'Networks workloads may reach outside the tenant, e.g. `["0.0.0.0/0"]`; inherited when unset, none when empty.',
        validation: { pattern: CIDR_PATTERN, patternHint: 'an IPv4 CIDR such as 10.0.0.0/8', maxItems: 64 },
        emptyIsValue: true,
      },
    }),
    optional: true,
    description:
      "Security policy for the tenant and its subtree. Inherited, and only ever tightened down the tree: a sub-tenant can narrow its parent's policy, never widen it. Violations fail at `terraform plan`, naming the policy and the tenant that set it. Updated in place.",
  },
  network_prefix_length: {
    type: t.number,
    optional: true,
    computed: true,
    replaceOnChange: true,
    description:
      "Size of the tenant's network (its CIDR prefix length), allocated from its parent's range. Defaults to a /16 for a top-level tenant (256 of them fit the organisation's 10.0.0.0/8) and to four bits smaller than the parent's below that (16 sub-tenants per tenant). Changing it forces a new tenant.",
    validation: { integer: true, min: 8, max: 28 },
  },
  network_cidr: {
    type: t.string,
    computed: true,
    stable: true,
    description: "The tenant's network, allocated from its parent's range and overlapping no other tenant's, e.g. `10.16.0.0/12`.",
  },
};

/** Set by the service once a monitoring stack covers the tenant: other resources change them, never an update of the tenant. */
const monitoringTenantAttributes: Record<string, AttributeDef> = {
  monitoring_owner_id: {
    type: t.string,
    computed: true,
    changesWith: [],
    description: "Id of the tenant whose monitoring stack collects this tenant's metrics and logs (the nearest ancestor-or-self with a stack); null when none.",
  },
  metrics_account_id: {
    type: t.number,
    computed: true,
    changesWith: [],
    description: "This tenant's VictoriaMetrics/VictoriaLogs account ID in its monitoring owner's stack; null when no stack covers it.",
  },
};

export const tenantModel: ResourceModel = {
  typeName: 'hikube_tenant',
  collection: '/v1/tenants',
  noun: 'tenant',
  schemaName: 'Tenant',
  version: 0,
  description: 'A tenant: an isolated private space (a virtual datacenter) with its own network, users, policies and billing. ' + 'A tenant with a parent is a sub-tenant.',
  attributes: {
    id: {
      type: t.string,
      computed: true,
      stable: true,
      description: 'Tenant identifier, `tnt-` followed by 16 characters.',
    },
    name: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: `Tenant name, unique among its siblings; ${TENANT_NAME_HINT}. Changing it forces a new tenant.`,
      validation: { pattern: TENANT_NAME_PATTERN, patternHint: TENANT_NAME_HINT },
    },
    parent_id: {
      type: t.string,
      optional: true,
      computed: true,
      replaceOnChange: true,
      description: 'Identifier of the parent tenant. Defaults to the organisation root, making a top-level tenant. Changing it forces a new tenant.',
      validation: { pattern: TENANT_ID_PATTERN, patternHint: 'a tenant id such as tnt-abcdefghijklmnop' },
    },
    description: {
      type: t.string,
      optional: true,
      description: 'Free-form description, at most 1024 characters. Updated in place.',
      validation: { maxLength: 1024 },
    },
    labels: {
      type: t.map(t.string),
      optional: true,
      description: 'Key/value labels (Kubernetes label syntax; values at most 63 characters; at most 64 labels). Updated in place.',
      validation: { maxItems: 64, maxLength: 63, keyPattern: LABEL_KEY_PATTERN, keyPatternHint: LABEL_KEY_HINT },
    },
    deletion_protection: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      description: 'When true, the service refuses to delete the tenant. Defaults to `false`. Updated in place.',
    },
    ...guardrailAttributes,
    ...computedTenantAttributes,
    ...monitoringTenantAttributes,
  },
};

/** Data source: look a tenant up by id or by path. */
export const tenantDataSourceModel: DataSourceModel = {
  typeName: 'hikube_tenant',
  description: 'Reads an existing tenant, by `id` or by `path` (exactly one of them).',
  attributes: {
    id: {
      type: t.string,
      optional: true,
      computed: true,
      description: 'Tenant identifier. Set this or `path`.',
      validation: { pattern: TENANT_ID_PATTERN, patternHint: 'a tenant id such as tnt-abcdefghijklmnop' },
    },
    path: {
      type: t.string,
      optional: true,
      computed: true,
      description: 'Tenant path such as `acme/production`. Set this or `id`.',
    },
    name: { type: t.string, computed: true, description: 'Tenant name.' },
    parent_id: { type: t.string, computed: true, description: 'Identifier of the parent tenant (null for the organisation root).' },
    description: { type: t.string, computed: true, description: 'Description.' },
    labels: { type: t.map(t.string), computed: true, description: 'Labels.' },
    deletion_protection: { type: t.bool, computed: true, description: 'Whether deletion is refused.' },
    namespace: computedTenantAttributes.namespace,
    created_at: computedTenantAttributes.created_at,
    network_cidr: guardrailAttributes.network_cidr,
    ...monitoringTenantAttributes,
  },
};
