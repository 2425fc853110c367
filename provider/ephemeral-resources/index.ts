/** The only list of the provider's ephemeral resources. */
import { clusterCredentialsEphemeral } from './cluster-credentials';

export const ephemeralResources = [clusterCredentialsEphemeral];
