/** The only list of the provider's resources. */
import { tenantResource } from './tenant';

export const resources = [tenantResource];
