/** The only list of the provider's ephemeral resources. */
import { clusterCredentialsEphemeral } from './cluster-credentials';
import { monitoringCredentialsEphemeral } from './monitoring-credentials';

export const ephemeralResources = [clusterCredentialsEphemeral, monitoringCredentialsEphemeral];
