/** The only list of the provider's data sources. */
import { gpusDataSource, imagesDataSource, instanceTypesDataSource, kubernetesVersionsDataSource, postgresExtensionsDataSource, presetsDataSource, pricesDataSource } from './catalog';
import { tenantDataSource } from './tenant';
import { tenantUsageDataSource } from './usage';

export const dataSources = [
  tenantDataSource,
  tenantUsageDataSource,
  instanceTypesDataSource,
  gpusDataSource,
  imagesDataSource,
  kubernetesVersionsDataSource,
  pricesDataSource,
  presetsDataSource,
  postgresExtensionsDataSource,
];
