/** data "hikube_instance_types" and data "hikube_kubernetes_versions": what Hikube offers. */
import type { HikubeClient } from '../../client/client';
import { instanceTypesDataSourceModel, kubernetesVersionsDataSourceModel } from '../../model/catalog-data-sources';
import { DataSourceDefinition } from '../framework/resource';
import { reportApiError } from '../resources/errors';

export const instanceTypesDataSource: DataSourceDefinition<HikubeClient> = {
  model: instanceTypesDataSourceModel,
  async read(ctx, config) {
    try {
      const { items } = await ctx.client.instanceTypes();
      const series = typeof config.series === 'string' ? config.series : null;
      return {
        series,
        instance_types: items
          .filter((t) => series === null || t.series === series)
          .map((t) => ({ name: t.name, series: t.series, size: t.size, cpu: t.cpu, memory_gib: t.memoryGib, monthly_price: t.monthlyPrice })),
      };
    } catch (err) {
      reportApiError(ctx.diags, err, 'list instance types', instanceTypesDataSourceModel.attributes);
      return undefined;
    }
  },
};

export const kubernetesVersionsDataSource: DataSourceDefinition<HikubeClient> = {
  model: kubernetesVersionsDataSourceModel,
  async read(ctx) {
    try {
      const v = await ctx.client.kubernetesVersions();
      return { versions: v.versions, default_version: v.defaultVersion, latest_version: v.latestVersion };
    } catch (err) {
      reportApiError(ctx.diags, err, 'list Kubernetes versions', kubernetesVersionsDataSourceModel.attributes);
      return undefined;
    }
  },
};
