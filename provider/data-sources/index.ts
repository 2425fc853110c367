/** The only list of the provider's data sources. */
import { instanceTypesDataSource, kubernetesVersionsDataSource } from './catalog';
import { tenantDataSource } from './tenant';

export const dataSources = [tenantDataSource, instanceTypesDataSource, kubernetesVersionsDataSource];
