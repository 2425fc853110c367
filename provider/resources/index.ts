/** The only list of the provider's resources. */
import { clusterResource } from './cluster';
import { memberResource } from './member';
import { monitoringStackResource } from './monitoring-stack';
import { tenantResource } from './tenant';
import { tokenResource } from './token';
import { vmResource } from './vm';

export const resources = [tenantResource, memberResource, tokenResource, clusterResource, vmResource, monitoringStackResource];
