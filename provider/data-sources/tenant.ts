/** data "hikube_tenant": look a tenant up by id or by path. */
import type { HikubeClient } from '../../client/client';
import { isStatus } from '../../client/errors';
import { tenantDataSourceModel } from '../../model/tenant';
import { isUnknown } from '../cty';
import { DataSourceDefinition } from '../framework/resource';
import { reportApiError } from '../resources/errors';
import { stateFromApi } from '../resources/state';
import { findTenant } from '../resources/tenant';

const attrs = tenantDataSourceModel.attributes;

export const tenantDataSource: DataSourceDefinition<HikubeClient> = {
  model: tenantDataSourceModel,

  validate(config, diags) {
    const { id, path } = config;
    if (isUnknown(id) || isUnknown(path)) return;
    if ((id === null) === (path === null)) {
      diags.error('Invalid Tenant Lookup', id === null ? 'Set exactly one of `id` or `path` to look a tenant up; neither is set.' : 'Set exactly one of `id` or `path`, not both.', [
        id === null ? 'id' : 'path',
      ]);
    }
  },

  async read(ctx, config) {
    const key = (config.id ?? config.path) as string;
    try {
      const tenant = await findTenant(ctx, key);
      return stateFromApi(attrs, tenant as unknown as Record<string, unknown>, null);
    } catch (err) {
      if (isStatus(err, 404)) {
        ctx.diags.error('Tenant Not Found', `No tenant ${JSON.stringify(key)} exists, or this token cannot see it.`, [config.id ? 'id' : 'path']);
        return undefined;
      }
      reportApiError(ctx.diags, err, `read tenant ${JSON.stringify(key)}`, attrs);
      return undefined;
    }
  },
};
