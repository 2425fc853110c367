/** data "hikube_tenant_usage": resource-hours and cost of a tenant's subtree over a period. */
import type { HikubeClient } from '../../client/client';
import { tenantUsageDataSourceModel } from '../../model/usage';
import { DataSourceDefinition } from '../framework/resource';
import { reportApiError } from '../resources/errors';
import { stateFromApi } from '../resources/state';

const attrs = tenantUsageDataSourceModel.attributes;

export const tenantUsageDataSource: DataSourceDefinition<HikubeClient> = {
  model: tenantUsageDataSourceModel,

  async read(ctx, config) {
    const tenantId = String(config.tenant_id);
    const range = { from: typeof config.from === 'string' ? config.from : undefined, to: typeof config.to === 'string' ? config.to : undefined };
    try {
      const usage = await ctx.client.tenantUsage(tenantId, range);
      return stateFromApi(attrs, usage as unknown as Record<string, unknown>, null);
    } catch (err) {
      reportApiError(ctx.diags, err, `read the usage of tenant ${tenantId}`, attrs);
      return undefined;
    }
  },
};
