/** data "hikube_instance_types", "hikube_gpus", "hikube_images", "hikube_kubernetes_versions", "hikube_presets", "hikube_postgres_extensions" and "hikube_prices": what Hikube offers, at what price. */
import type { HikubeClient } from '../../client/client';
import {
  gpusDataSourceModel,
  imagesDataSourceModel,
  instanceTypesDataSourceModel,
  kubernetesVersionsDataSourceModel,
  postgresExtensionsDataSourceModel,
  presetsDataSourceModel,
  pricesDataSourceModel,
} from '../../model/catalog-data-sources';
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
          .map((t) => ({ name: t.name, series: t.series, size: t.size, cpu: t.cpu, memory_gib: t.memoryGib, monthly_price: t.monthlyPrice, deprecated: t.deprecated ?? null })),
      };
    } catch (err) {
      reportApiError(ctx.diags, err, 'list instance types', instanceTypesDataSourceModel.attributes);
      return undefined;
    }
  },
};

export const gpusDataSource: DataSourceDefinition<HikubeClient> = {
  model: gpusDataSourceModel,
  async read(ctx, config) {
    try {
      const { items } = await ctx.client.gpus();
      const availableOnly = config.available_only === true;
      return {
        available_only: typeof config.available_only === 'boolean' ? config.available_only : null,
        gpus: items
          .filter((g) => !availableOnly || g.available)
          .map((g) => ({ name: g.name, display_name: g.displayName, memory_gb: g.memoryGb, available: g.available, monthly_price: g.monthlyPrice, deprecated: g.deprecated ?? null })),
      };
    } catch (err) {
      reportApiError(ctx.diags, err, 'list GPUs', gpusDataSourceModel.attributes);
      return undefined;
    }
  },
};

export const imagesDataSource: DataSourceDefinition<HikubeClient> = {
  model: imagesDataSourceModel,
  async read(ctx) {
    try {
      const { items } = await ctx.client.images();
      return { images: items.map((i) => ({ name: i.name, display_name: i.displayName, versions: i.versions, image_names: i.images, min_size_gb: i.minSizeGib, iso: i.iso })) };
    } catch (err) {
      reportApiError(ctx.diags, err, 'list images', imagesDataSourceModel.attributes);
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

export const pricesDataSource: DataSourceDefinition<HikubeClient> = {
  model: pricesDataSourceModel,
  async read(ctx, config) {
    const category = String(config.category);
    try {
      const sheet = await ctx.client.prices(category, typeof config.currency === 'string' ? config.currency : undefined);
      return {
        category,
        currency: sheet.currency,
        exchange_rate: sheet.exchangeRate,
        prices: sheet.items.map((p) => ({ sku: p.sku, description: p.description, unit: p.unit, monthly: p.monthly, hourly: p.hourly })),
        monthly_by_sku: Object.fromEntries(sheet.items.map((p) => [p.sku, p.monthly])),
      };
    } catch (err) {
      reportApiError(ctx.diags, err, `list the ${category} prices`, pricesDataSourceModel.attributes);
      return undefined;
    }
  },
};

export const presetsDataSource: DataSourceDefinition<HikubeClient> = {
  model: presetsDataSourceModel,
  async read(ctx, config) {
    const engine = typeof config.engine === 'string' ? config.engine : null;
    try {
      const { items } = await ctx.client.presets(engine ?? undefined);
      return { engine, presets: items.map((p) => ({ engine: p.engine, name: p.name, cpu: p.cpu, memory_gib: p.memoryGib, monthly_price: p.monthlyPrice })) };
    } catch (err) {
      reportApiError(ctx.diags, err, 'list presets', presetsDataSourceModel.attributes);
      return undefined;
    }
  },
};

export const postgresExtensionsDataSource: DataSourceDefinition<HikubeClient> = {
  model: postgresExtensionsDataSourceModel,
  async read(ctx) {
    try {
      return { extensions: (await ctx.client.postgresExtensions()).extensions };
    } catch (err) {
      reportApiError(ctx.diags, err, 'list PostgreSQL extensions', postgresExtensionsDataSourceModel.attributes);
      return undefined;
    }
  },
};
