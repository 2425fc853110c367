/**
 * The interfaces the constructs refer to each other by. They live below every construct module so
 * that none of those modules imports another's class to name it: tenant.ts makes clusters, VMs and
 * monitoring stacks, and they all take a tenant.
 */
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Construct, IConstruct } from 'constructs';

/**
 * A tenant, made in this app or imported with `Tenant.fromTenantPath()`. What it makes
 * (`addCluster()`, `addVm()`, ...) is declared in tenant.ts, beside those classes.
 */
export interface ITenant extends IConstruct {
  /**
   * Tenant id, `tnt-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly tenantId: string;

  /**
   * Path from the organisation root, e.g. `acme/production/web` (a token for tenants made here).
   *
   * @attribute
   */
  readonly tenantPath: string;

  /**
   * Kubernetes namespace of the tenant, e.g. `tenant-acme-production-web` (a token).
   *
   * @attribute
   */
  readonly namespace: string;
}

/** A Kubernetes cluster made in this app. */
export interface ICluster extends IConstruct {
  /**
   * Cluster id, `kc-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly clusterId: string;

  /** The cluster name, unique in its tenant. */
  readonly clusterName: string;

  /**
   * URL of the cluster's Kubernetes API server (a token).
   *
   * @attribute
   */
  readonly endpoint: string;

  /**
   * PEM certificate of the cluster's certificate authority (a token).
   *
   * @attribute
   */
  readonly caCertificate: string;

  /**
   * Bearer token of the cluster admin (a sensitive token: an output of it needs `sensitive: true`).
   *
   * @attribute
   */
  readonly adminToken: string;

  /**
   * A kubeconfig for the cluster admin (a sensitive token: an output of it needs `sensitive: true`).
   *
   * @attribute
   */
  readonly kubeconfig: string;

  /** A `kubernetes` provider deploying into the cluster, one per scope (see `Cluster`). */
  kubernetesProvider(scope?: Construct, id?: string): KubernetesProvider;

  /** A `helm` provider installing charts into the cluster, one per scope (see `Cluster`). */
  helmProvider(scope?: Construct, id?: string): HelmProvider;
}
