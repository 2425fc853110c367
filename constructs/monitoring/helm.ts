/** Shared pieces of the in-cluster resources: Helm releases from pinned charts, YAML values. */
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { jsonText } from '../private/literal';
import { ChartRef } from './charts';

/**
 * Values as a YAML document (JSON is YAML), escaped for Terraform's templates by `jsonText`.
 * Secrets never go through here: they live in Kubernetes Secrets the charts mount, since
 * anyone with `helm get values` reads the values.
 */
export function toValues(values: Record<string, unknown>): string {
  return jsonText(values, 2);
}

export interface ChartReleaseProps {
  readonly provider: HelmProvider;
  readonly name: string;
  readonly namespace: string;
  readonly chart: ChartRef;
  readonly values: Record<string, unknown>;
  readonly dependsOn?: Construct[];
}

/** A release of a pinned chart that rolls back on failure and waits until it is ready. */
export function chartRelease(scope: Construct, id: string, props: ChartReleaseProps): Release {
  return new Release(scope, id, {
    provider: props.provider,
    name: props.name,
    namespace: props.namespace,
    repository: props.chart.repository,
    chart: props.chart.chart,
    version: props.chart.version,
    values: [toValues(props.values)],
    atomic: true,
    cleanupOnFail: true,
    wait: true,
    timeout: 900,
    maxHistory: 5,
    dependsOn: props.dependsOn as never,
  });
}

/** Pod and container security contexts of a non-root, read-only workload. */
export const RESTRICTED = {
  podSecurityContext: { enabled: true, runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
  securityContext: { enabled: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
};

/** `{ requests, limits }` with memory limit = request (no overcommit for stateful pods). */
export function resources(cpu: string, memory: string, cpuLimit?: string): Record<string, unknown> {
  return { requests: { cpu, memory }, limits: { ...(cpuLimit ? { cpu: cpuLimit } : {}), memory } };
}
