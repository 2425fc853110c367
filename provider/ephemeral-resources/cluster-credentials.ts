/** hikube_kubernetes_cluster_credentials: a cluster's admin credentials for one run, never stored. */
import type { HikubeClient } from '../../client/client';
import { isStatus } from '../../client/errors';
import { Cluster } from '../../client/types';
import { clusterCredentialsEphemeralModel, clusterModel } from '../../model/cluster';
import { EphemeralResourceDefinition } from '../framework/resource';
import { reportApiError } from '../resources/errors';

export const clusterCredentialsEphemeral: EphemeralResourceDefinition<HikubeClient> = {
  model: clusterCredentialsEphemeralModel,

  async open(ctx, config) {
    const id = String(config.cluster_id);
    let cluster: Cluster;
    try {
      cluster = await ctx.client.getResource<Cluster>(clusterModel.collection, id);
    } catch (err) {
      if (isStatus(err, 404)) {
        ctx.diags.error('Cluster Not Found', `No Kubernetes cluster ${id} exists (or this token cannot see it).`, ['cluster_id']);
        return undefined;
      }
      reportApiError(ctx.diags, err, `read the credentials of cluster ${id}`, clusterCredentialsEphemeralModel.attributes);
      return undefined;
    }
    if (!cluster.kubeconfig || !cluster.adminToken) {
      ctx.diags.error(
        'Cluster Credentials Not Available',
        cluster.status !== 'ready'
          ? `Cluster ${cluster.name} (${id}) is ${cluster.status}: its credentials exist once it is ready.`
          : `The service returned no credentials for cluster ${cluster.name} (${id}): they are shown to tokens with the admin role only.`,
        ['cluster_id'],
      );
      return undefined;
    }
    return {
      result: { endpoint: cluster.endpoint, ca_certificate: cluster.caCertificate, token: cluster.adminToken, kubeconfig: cluster.kubeconfig },
    };
  },
};
