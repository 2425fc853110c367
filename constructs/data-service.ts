import { IConstruct } from 'constructs';
import { ResourcePreset as ModelPreset } from '../model';
import { Timeouts } from './timeouts';

/**
 * Resources of each instance of a managed data service, shared by every engine, and of each
 * control-plane replica's API server of a cluster (`controlPlanePreset`): `Preset.MEDIUM` or the
 * name itself (`'medium'`).
 */
export const Preset = {
  NANO: 'nano',
  MICRO: 'micro',
  SMALL: 'small',
  MEDIUM: 'medium',
  LARGE: 'large',
  XLARGE: 'xlarge',
  XLARGE2: '2xlarge',
} as const satisfies Record<string, ModelPreset>;
export type Preset = (typeof Preset)[keyof typeof Preset];
/** Every preset of the catalog has its member above (a compile error otherwise). */
const presetsComplete: Exclude<ModelPreset, Preset> extends never ? true : false = true;
void presetsComplete;

/** The former name of `Preset`'s type. */
export type ResourcePreset = Preset;

/** A managed data service made in this app: where it answers. */
export interface IDataService extends IConstruct {
  /**
   * Address of the service inside the tenant network (a token).
   *
   * @attribute
   */
  readonly host: string;

  /**
   * TCP port (a token).
   *
   * @attribute
   */
  readonly port: number;
}

/** What every managed data service's options have (the engine adds its version, replicas and own settings). */
export interface DataServiceOptions {
  /**
   * Cluster name, unique in its tenant. Changing it replaces the cluster.
   *
   * @default - derived from the construct id, as for tenants (`Orders` -> `orders`)
   */
  readonly name?: string;

  /**
   * Each instance's volume in GiB, 1 to 4096. Grows in place, never shrinks.
   *
   * @default 10
   */
  readonly sizeGb?: number;

  /**
   * `replicated` or `local`. Changing it replaces the cluster.
   *
   * @default 'replicated'
   */
  readonly storageClass?: string;

  /**
   * Resources of each instance, `Preset.NANO` to `Preset.XLARGE2`.
   *
   * @default Preset.MICRO
   */
  readonly preset?: Preset;

  /**
   * Reachable from outside the tenant through a public address (the security policy must allow
   * external IPs).
   *
   * @default false
   */
  readonly external?: boolean;

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - create 20m, update 20m, delete 10m
   */
  readonly timeouts?: Timeouts;
}

/** What every database-like child (a database, a vhost) of a cluster takes. */
export interface ClusterChildOptions {
  /**
   * Its name, unique in its cluster. Changing it replaces it.
   *
   * @default - derived from the construct id (`App` -> `app`, `-` becoming `_`)
   */
  readonly name?: string;

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - 10m each
   */
  readonly timeouts?: Timeouts;
}
