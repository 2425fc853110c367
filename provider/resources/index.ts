/** The only list of the provider's resources. */
import { clusterResource } from './cluster';
import { monitoringStackResource } from './monitoring-stack';
import { tenantResource } from './tenant';
import { vmResource } from './vm';

export const resources = [tenantResource, clusterResource, vmResource, monitoringStackResource];
