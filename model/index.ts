export * from './schema';
export * from './tenant';
export * from './provider';
export * from './validate';
export * from './catalog';
export * from './pricing';
export * from './prices';
export * from './common';
export * from './cluster';
export * from './vm';
export * from './disk';
export * from './vpc';
export * from './monitoring';
export * from './catalog-data-sources';
export * from './access';
export * from './usage';
export * from './kind';
export * from './secrets';
export * from './kinds';
export * from './guardrails';
import {
  gpusDataSourceModel,
  imagesDataSourceModel,
  instanceTypesDataSourceModel,
  kubernetesVersionsDataSourceModel,
  postgresExtensionsDataSourceModel,
  presetsDataSourceModel,
  pricesDataSourceModel,
} from './catalog-data-sources';
import { clusterCredentialsEphemeralModel } from './cluster';
import { KIND_LIST } from './kinds';
import { monitoringCredentialsEphemeralModel } from './monitoring';
import { DataSourceModel, EphemeralResourceModel, ResourceModel } from './schema';
import { tenantDataSourceModel, tenantModel } from './tenant';
import { apiTokenModel, tenantMemberModel } from './access';
import { tenantUsageDataSourceModel } from './usage';

/** Every resource, in the order docs and bindings list them. */
export const resourceModels: readonly ResourceModel[] = [tenantModel, tenantMemberModel, apiTokenModel, ...KIND_LIST.map((k) => k.model)];
export const dataSourceModels: readonly DataSourceModel[] = [
  tenantDataSourceModel,
  tenantUsageDataSourceModel,
  instanceTypesDataSourceModel,
  gpusDataSourceModel,
  imagesDataSourceModel,
  kubernetesVersionsDataSourceModel,
  pricesDataSourceModel,
  presetsDataSourceModel,
  postgresExtensionsDataSourceModel,
];
export const ephemeralResourceModels: readonly EphemeralResourceModel[] = [clusterCredentialsEphemeralModel, monitoringCredentialsEphemeralModel];
