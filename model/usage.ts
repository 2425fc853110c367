/** Billing: what a tenant subtree used and cost over a period. */
import { DataSourceModel, t } from './schema';
import { TENANT_ID_PATTERN } from './tenant';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const tenantUsageDataSourceModel: DataSourceModel = {
  typeName: 'hikube_tenant_usage',
  description: "Resource-hours and cost of a tenant's subtree over a period, per resource and per sub-tenant; the parts sum to the total.",
  attributes: {
    tenant_id: {
      type: t.string,
      required: true,
      description: 'Identifier of the tenant.',
      validation: { pattern: TENANT_ID_PATTERN, patternHint: 'a tenant id such as tnt-abcdefghijklmnop' },
    },
    from: {
      type: t.string,
      optional: true,
      computed: true,
      description: 'Start of the period, RFC 3339. Defaults to the start of the current month (UTC).',
      validation: { pattern: RFC3339, patternHint: 'an RFC 3339 time' },
    },
    to: { type: t.string, optional: true, computed: true, description: 'End of the period, RFC 3339. Defaults to now.', validation: { pattern: RFC3339, patternHint: 'an RFC 3339 time' } },
    currency: { type: t.string, computed: true, description: 'Currency of the costs (`EUR`).' },
    total_cost: { type: t.number, computed: true, description: 'Cost of the whole subtree over the period.' },
    resources: {
      type: t.list(
        t.object({
          kind: { type: t.string, computed: true, description: '`cluster`, `vm` or `monitoring`.' },
          id: { type: t.string, computed: true, description: 'Resource id.' },
          name: { type: t.string, computed: true, description: 'Resource name.' },
          tenant_id: { type: t.string, computed: true, description: 'Owning tenant.' },
          hours: { type: t.number, computed: true, description: 'Hours the resource existed in the period.' },
          cost: { type: t.number, computed: true, description: 'Its cost over the period.' },
        }),
      ),
      computed: true,
      description: 'Every resource of the subtree that existed during the period.',
    },
    sub_tenants: {
      type: t.list(
        t.object({
          tenant_id: { type: t.string, computed: true, description: 'Tenant id.' },
          path: { type: t.string, computed: true, description: 'Tenant path.' },
          cost: { type: t.number, computed: true, description: "Cost of that tenant's own resources (not its children's)." },
        }),
      ),
      computed: true,
      description: 'The tenant and each tenant below it with its own cost; these sum to `total_cost`.',
    },
  },
};
