import { AttributeDef, DataSourceModel, ResourceModel, t } from './schema';

/** Tenant names become part of a Kubernetes namespace: DNS label rules. */
export const TENANT_NAME_PATTERN = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;
export const TENANT_NAME_HINT =
  "1 to 32 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'";

/** Tenant ids are `tnt-` followed by 16 lowercase base32 characters. */
export const TENANT_ID_PATTERN = /^tnt-[a-z2-7]{16}$/;

export const LABEL_KEY_HINT =
  "a Kubernetes label key: an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
export const LABEL_KEY_PATTERN = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

const computedTenantAttributes: Record<string, AttributeDef> = {
  path: {
    type: t.string,
    computed: true,
    stable: true,
    description: "Slash-separated path from the organisation root, e.g. `acme/production/team-a`.",
  },
  namespace: {
    type: t.string,
    computed: true,
    stable: true,
    description:
      'Kubernetes namespace of the tenant: `tenant-` followed by the path joined with dashes, e.g. `tenant-acme-production-team-a`.',
  },
  created_at: {
    type: t.string,
    computed: true,
    stable: true,
    description: 'Creation time, RFC 3339.',
  },
};

/** Set by the service once a monitoring stack covers the tenant (it can change later: not stable). */
const monitoringTenantAttributes: Record<string, AttributeDef> = {
  monitoring_owner_id: {
    type: t.string,
    computed: true,
    description: 'Id of the tenant whose monitoring stack collects this tenant\'s metrics and logs (the nearest ancestor-or-self with a stack); null when none.',
  },
  metrics_account_id: {
    type: t.number,
    computed: true,
    description: "This tenant's VictoriaMetrics/VictoriaLogs account ID in its monitoring owner's stack; null when no stack covers it.",
  },
};

export const tenantModel: ResourceModel = {
  typeName: 'hikube_tenant',
  collection: '/v1/tenants',
  noun: 'tenant',
  version: 0,
  description:
    'A tenant: an isolated private space (a virtual datacenter) with its own network, users, policies and billing. ' +
    'A tenant with a parent is a sub-tenant.',
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
      description:
        'Identifier of the parent tenant. Defaults to the organisation root, making a top-level tenant. Changing it forces a new tenant.',
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
      description:
        'Key/value labels (Kubernetes label syntax; values at most 63 characters; at most 64 labels). Updated in place.',
      validation: { maxItems: 64, maxLength: 63, keyPattern: LABEL_KEY_PATTERN, keyPatternHint: LABEL_KEY_HINT },
    },
    deletion_protection: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      description:
        'When true, the service refuses to delete the tenant. Defaults to `false`. Updated in place.',
    },
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
    ...monitoringTenantAttributes,
  },
};
