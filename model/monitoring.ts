import {
  createdAtAttribute,
  TENANT_ID_PATTERN,
  idAttribute,
  monthlyCostAttribute,
  statusAttribute,
  statusReasonAttribute,
  storeCredentialsAttribute,
  tenantIdAttribute,
  timeoutsAttribute,
} from './common';
import { idPatternOf, KindDescriptor } from './kind';
import { eur, monitoringMonthlyCost, MonitoringCostInput, PRICES } from './pricing';
import { EphemeralResourceModel, ResourceModel, t } from './schema';

const ID_PREFIX = 'mon';
export const MONITORING_STACK_ID_PATTERN = idPatternOf(ID_PREFIX);
const TIMEOUTS = { create: '20m', update: '20m', delete: '10m' };
export const RETENTION_PATTERN = /^[1-9][0-9]*(d|w|y)$/;
const RETENTION_HINT = 'a retention such as 14d, 8w or 1y';

export const monitoringStackModel: ResourceModel = {
  typeName: 'hikube_monitoring_stack',
  collection: '/v1/monitoring-stacks',
  noun: 'monitoring stack',
  schemaName: 'MonitoringStack',
  // 1: store_credentials (provider/resources/monitoring-stack.ts upgrades v0 states).
  version: 1,
  description:
    "A tenant's observability stack (Grafana, VictoriaMetrics, VictoriaLogs). The tenant becomes the monitoring owner of its subtree: " +
    'every tenant below it, down to one with a stack of its own, gets its own VictoriaMetrics account and ingestion credential. At most one stack per tenant.',
  attributes: {
    id: idAttribute('mon'),
    tenant_id: tenantIdAttribute('monitoring stack'),
    metrics_storages: {
      type: t.list(
        t.object({
          name: {
            type: t.string,
            required: true,
            description: 'Storage name, e.g. `shortterm`.',
            validation: { pattern: /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, patternHint: "lowercase letters, digits and '-'" },
          },
          retention: { type: t.string, required: true, description: 'How long samples are kept, e.g. `14d`.', validation: { pattern: RETENTION_PATTERN, patternHint: RETENTION_HINT } },
          size_gb: { type: t.number, required: true, description: 'Storage size in GiB.', validation: { integer: true, min: 1, max: 65536 } },
        }),
      ),
      optional: true,
      computed: true,
      default: [{ name: 'default', retention: '30d', size_gb: 10 }],
      description: 'VictoriaMetrics storages. Defaults to one storage `default` keeping 30 days in 10 GiB. Resized in place.',
      validation: { maxItems: 4 },
    },
    logs_storage: {
      type: t.object({
        retention: { type: t.string, required: true, description: 'How long logs are kept, e.g. `14d`.', validation: { pattern: RETENTION_PATTERN, patternHint: RETENTION_HINT } },
        size_gb: { type: t.number, required: true, description: 'Storage size in GiB.', validation: { integer: true, min: 1, max: 65536 } },
      }),
      optional: true,
      computed: true,
      default: { retention: '14d', size_gb: 10 },
      description: 'VictoriaLogs storage. Defaults to 14 days in 10 GiB. Resized in place.',
    },
    grafana: {
      type: t.object({
        replicas: { type: t.number, optional: true, computed: true, default: 1, description: 'Grafana replicas. Defaults to `1`.', validation: { integer: true, min: 1, max: 5 } },
        anonymous_access: { type: t.bool, optional: true, computed: true, default: false, description: 'Let unauthenticated users view dashboards. Defaults to `false`.' },
      }),
      optional: true,
      computed: true,
      default: { replicas: 1, anonymous_access: false },
      description: 'Grafana settings.',
    },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    grafana_url: { type: t.string, computed: true, stable: true, description: 'URL of Grafana.' },
    vmauth_url: { type: t.string, computed: true, stable: true, description: 'URL of vmauth, the authenticating proxy in front of VictoriaMetrics and VictoriaLogs.' },
    accounts: {
      type: t.map(
        t.object({
          tenant_path: { type: t.string, computed: true, description: 'Path of the tenant.' },
          account_id: { type: t.number, computed: true, description: 'VictoriaMetrics / VictoriaLogs account ID of the tenant.' },
          username: { type: t.string, computed: true, description: 'vmauth user of the tenant.' },
          password: { type: t.string, computed: true, sensitive: true, description: 'vmauth password of the tenant; null when `store_credentials` is `false`.' },
        }),
      ),
      computed: true,
      // Other resources (sub-tenants) change it, an update of the stack does not: only whether passwords are stored.
      changesWith: ['store_credentials'],
      description: 'Per tenant of the subtree (keyed by tenant id): its account ID and ingestion credential. Updated when sub-tenants come and go.',
    },
    store_credentials: storeCredentialsAttribute(
      'the vmauth passwords in `accounts` are',
      'With `false` they are null in state: read them for one run with the ephemeral resource `hikube_monitoring_stack_credentials` (Terraform 1.10+).',
    ),
    monthly_cost_estimate: monthlyCostAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** Monitoring stacks: /v1/monitoring-stacks (Cozystack kind `Monitoring`). */
export const monitoringKind: KindDescriptor<'monitoring'> = {
  name: 'monitoring',
  model: monitoringStackModel,
  label: 'monitoring-stack',
  idPrefix: ID_PREFIX,
  backendKind: 'Monitoring',
  // No name of its own: this fixed one lets the (kind, tenant, name) index allow one per tenant.
  fixedName: 'monitoring',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path',
  cost: {
    monthly: (spec) => monitoringMonthlyCost(spec as unknown as MonitoringCostInput),
    inputs: ['metrics_storages', 'logs_storage', 'grafana'],
    explained: `metrics and logs storage (${eur(PRICES.observabilityStorageGib)} per GiB) plus ${eur(PRICES.grafanaReplica)} per Grafana replica.`,
  },
  // Billed, not counted against quotas.
  quota: { blame: {} },
  policy: () => ({ instanceTypes: [] }),
  rules: () => [],
  docs: {
    example: `resource "hikube_monitoring_stack" "production" {
  tenant_id = hikube_tenant.production.id

  metrics_storages = [
    { name = "shortterm", retention = "14d", size_gb = 20 },
    { name = "longterm", retention = "1y", size_gb = 100 },
  ]

  logs_storage = {
    retention = "30d"
    size_gb   = 50
  }

  grafana = {
    replicas = 2
  }

  # accounts lists the subtree's tenants as the stack is read: made after web, it has web's
  # account in this same apply (tenants made later appear at the next refresh).
  depends_on = [hikube_tenant.web]
}

# Each tenant of the subtree has its own account and ingestion credential.
output "web_metrics_account" {
  value = hikube_monitoring_stack.production.accounts[hikube_tenant.web.id].account_id
}`,
    imported: { local: 'production', path: 'acme/production' },
  },
  examples: {
    create: {},
    update: (n) => ({ grafana: { replicas: 1 + (n % 2), anonymousAccess: false } }),
  },
  credentials: { toggle: 'store_credentials', attributes: ['accounts.*.password'] },
  stateUpgraders: {
    // v0 -> v1: store_credentials arrived; v0 always stored the passwords.
    0: (state) => ({ ...state, store_credentials: true }),
  },
};

/** Ephemeral: a monitoring stack's ingestion credentials for one run, never stored (docs/provider-workflows.md). */
export const monitoringCredentialsEphemeralModel: EphemeralResourceModel = {
  typeName: 'hikube_monitoring_stack_credentials',
  description:
    "A monitoring stack's per-tenant accounts with their vmauth passwords for the duration of one Terraform run, never stored in plan or state " +
    '(unlike `accounts` of `hikube_monitoring_stack` unless `store_credentials = false`). Needs Terraform 1.10 or later, and a token with the admin role.',
  attributes: {
    tenant_id: {
      type: t.string,
      required: true,
      description: 'Identifier of the tenant that owns the monitoring stack.',
      validation: { pattern: TENANT_ID_PATTERN, patternHint: 'a tenant id such as tnt-abcdefghijklmnop' },
    },
    accounts: monitoringStackModel.attributes.accounts,
  },
};
