/** The only list of the provider's data sources. */
import { tenantDataSource } from './tenant';

export const dataSources = [tenantDataSource];
