export * from './schema';
export * from './tenant';
export * from './provider';
export * from './validate';
import { tenantDataSourceModel, tenantModel } from './tenant';
import { DataSourceModel, ResourceModel } from './schema';

/** Every resource, in the order docs and bindings list them. */
export const resourceModels: readonly ResourceModel[] = [tenantModel];
export const dataSourceModels: readonly DataSourceModel[] = [tenantDataSourceModel];
