import type { FieldError } from '../../client/types';
import { CLUSTER_ID_PATTERN, clusterModel } from '../../model/cluster';
import { clusterMonthlyCost, ClusterCostInput } from '../../model/pricing';
import { fieldError } from '../http/problem';
import { ResourceKind, Spec } from '../resources/kind';

interface NodeGroupSpec {
  minReplicas: number;
  maxReplicas: number;
}

/** Kubernetes clusters: /v1/clusters (Cozystack kind `Kubernetes`). */
export const clusterKind: ResourceKind = {
  kind: 'cluster',
  model: clusterModel,
  label: 'cluster',
  idPrefix: 'kc',
  idPattern: CLUSTER_ID_PATTERN,
  nameOf: (spec) => String(spec.name),
  monthlyCost: (spec) => clusterMonthlyCost(spec as unknown as ClusterCostInput),
  check(spec: Spec): FieldError[] {
    const errors: FieldError[] = [];
    for (const [name, group] of Object.entries((spec.nodeGroups ?? {}) as Record<string, NodeGroupSpec>)) {
      if (group.maxReplicas < group.minReplicas) {
        errors.push(fieldError(['nodeGroups', name, 'maxReplicas'], `must be >= minReplicas (${group.minReplicas}), got ${group.maxReplicas}`));
      }
    }
    return errors;
  },
  conflictDetail: (name, tenantPath) => `tenant ${tenantPath} already has a cluster named ${name}: choose another name, or import the existing one`,
};
