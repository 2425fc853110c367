/**
 * What realizes clusters, VMs and monitoring stacks. The service keeps the desired spec and
 * calls a driver from workers; the driver talks to the back-end and reports what it sees.
 *
 * The interface is shaped after Cozystack's Kubernetes API, so a real driver implements it
 * without change:
 * - `ensure` = server-side apply (fieldManager `hikube`) of an `apps.cozystack.io/v1alpha1`
 *   object in the tenant's namespace: kind `Kubernetes` (cluster: version, controlPlane.replicas,
 *   controlPlane.apiServer.resourcesPreset from `controlPlanePreset`, nodeGroups, storageClass,
 *   addons as `addons.<name>.enabled`; with Velero, `addons.velero.valuesOverride` points its
 *   backup storage location at the S3 bucket `backupBucketId` names, with credentials the
 *   back-end issues for it), `VirtualMachine` (instanceType, instanceProfile,
 *   systemDisk, disks, runStrategy, external/externalMethod/externalPorts, sshKeys, cloudInit,
 *   gpus; a changed count in `requestedActions` (model/kind.ts REQUESTED_ACTIONS) asks for that
 *   action again: `restart` = the `restart` subresource, `reload-cloud-init` = the cloud-init
 *   NoCloud volume regenerated and a restart) or `Monitoring` (metricsStorages, logsStorages, grafana), named after the resource
 *   and labelled `hikube.cloud/id=<id>`. Applying the same object again is a no-op, so ensure
 *   can be called again after a crash. The phase comes from the object's conditions:
 *   Ready=True -> `ready`; Ready=False with a terminal reason (e.g. the HelmRelease's
 *   InstallFailed/UpgradeFailed) -> `failed` with the condition message; else `progressing`.
 *   `observed` comes from the status and the generated secrets (`kubernetes-<name>-admin-kubeconfig`,
 *   the VM's `status.interfaces`, the Grafana/vmauth ingresses).
 * - `remove` = DELETE with propagationPolicy Foreground; done once GET answers 404.
 * - `list` = list by the `hikube.cloud/id` label across tenant namespaces.
 * Calls must be short (one API round trip): workers never wait inside a driver; they call
 * again later when the answer is `progressing`.
 */
import type { KindName } from '../../model/kinds';

/** Every resource kind (model/kinds.ts) is realized by the driver. */
export type DriverKind = KindName;

export interface DriverRef {
  readonly kind: DriverKind;
  /** The resource id: the driver's handle, stable across renames and restarts. */
  readonly id: string;
  readonly name: string;
  /** The tenant's Kubernetes namespace, e.g. `tenant-acme-prod`. */
  readonly tenantNamespace: string;
}

export interface DriverObject extends DriverRef {
  /** Desired spec in API (camelCase) form, including input-only fields (cloud-init). */
  readonly spec: Readonly<Record<string, unknown>>;
}

/** What the back-end reports about an object (API names, e.g. `endpoint`, `privateIp`). */
export type Observed = Readonly<Record<string, unknown>>;

export interface EnsureResult {
  readonly phase: 'progressing' | 'ready' | 'failed';
  /** Why, when failed (shown to the user as the resource's statusReason). */
  readonly reason?: string;
  /** Known so far; may be partial while progressing. */
  readonly observed?: Observed;
  /** A hint: when asking again is worthwhile. */
  readonly retryAfterMs?: number;
}

export interface RemoveResult {
  readonly done: boolean;
  /** Set when the removal failed for good. */
  readonly reason?: string;
  readonly retryAfterMs?: number;
}

export interface DriverListing {
  readonly kind: DriverKind;
  readonly id: string;
  readonly phase: string;
}

/**
 * How a secret sealed to the back-end reaches `ensure`, in its spec field: this, then the
 * RSA-OAEP (SHA-256) ciphertext of the secret under `sealingKey()`, in base64.
 */
export const SEALED_PREFIX = 'sealed$';

export interface Driver {
  /** Make the back-end object match `object.spec`; idempotent. */
  ensure(object: DriverObject): Promise<EnsureResult>;
  /** Delete the back-end object; idempotent (`done` when it no longer exists). */
  remove(ref: DriverRef): Promise<RemoveResult>;
  /** Every object the back-end holds for us, to find orphans. */
  list(): Promise<DriverListing[]>;
  /**
   * The back-end's public key (RSA, PEM), for secrets it must hold itself (verifier
   * `sealed-to-backend`: an S3 secret key, which S3 needs to check signatures). The service
   * seals such a secret to it and keeps only that; `ensure` gets it sealed, opens it with the
   * private key only the back-end has, and keeps it in its own state (a real driver: a
   * Kubernetes Secret in the tenant's namespace). Without it, such kinds cannot be created.
   */
  sealingKey?(): Promise<string>;
}
