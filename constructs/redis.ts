import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Construct } from 'constructs';
import { KINDS } from '../model';
import { REDIS_VERSIONS } from '../model/redis';
import { DataServiceOptions, IDataService } from './data-service';
import { HikubeRedis } from './generated/redis';
import { ICluster, ITenant } from './interfaces';
import { dataServiceConfig, versionEnum } from './private/data-service';
import { connectionData, connectionUri, credentialsSecret } from './private/database-user';

/** A Redis made in this app. */
export interface IRedis extends IDataService {
  /**
   * Redis id, `rds-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly redisId: string;

  /** Its name, unique in its tenant. */
  readonly redisName: string;
}

/** Redis major versions: `RedisVersion.V8` or `'v8'`. */
export const RedisVersion = versionEnum(REDIS_VERSIONS);
export type RedisVersion = (typeof REDIS_VERSIONS)[number];

/** Options of `tenant.addRedis()`. */
export interface RedisOptions extends Omit<DataServiceOptions, 'sizeGb'> {
  /**
   * Major version. Upgraded in place, never downgraded.
   *
   * @default RedisVersion.V8
   */
  readonly version?: RedisVersion;

  /**
   * Instances: 1 is a standalone server, 2 to 8 a primary with replicas and Sentinel failover.
   * The mode cannot change after creation.
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Each instance's volume for its snapshots, in GiB, 1 to 4096 (the data lives in memory).
   * Grows in place, never shrinks.
   *
   * @default 1
   */
  readonly sizeGb?: number;

  /**
   * Clients must authenticate with the generated `password`. Changed in place: turning it on
   * generates a password, turning it off drops it.
   *
   * @default true
   */
  readonly authEnabled?: boolean;

  /**
   * Arbitrary values; when any changes, the next apply rotates the password in place (a new one
   * in `password`, the old one stops working). Never rotated otherwise.
   *
   * @default - never rotated
   */
  readonly rotationTriggers?: Record<string, string>;
}

/** How a client reaches a Redis: every value a token until apply. */
export interface RedisConnection {
  readonly host: string;
  readonly port: number;
  /** A sensitive token (an output of it needs `sensitive: true`); absent when `authEnabled` is false. */
  readonly password?: string;
  /** `redis://:password@host:port`, or `redis://host:port` without auth (sensitive with the password). */
  readonly uri: string;
}

/** Options of `redis.connectionSecret()`. */
export interface RedisConnectionSecretOptions {
  /** Namespace of the Secret in the cluster. */
  readonly namespace: string;
  /**
   * Name of the Secret.
   *
   * @default - `<redis name>-redis`
   */
  readonly name?: string;
}

/** Props of a Redis. */
export interface RedisProps extends RedisOptions {
  /** The tenant it runs in. Changing it replaces it. */
  readonly tenant: ITenant;
}

/**
 * A managed Redis in a tenant: a primary and up to seven replicas watched by Sentinel.
 *
 * @resource hikube_redis
 */
export class Redis extends Construct implements IRedis {
  public readonly redisId: string;
  public readonly redisName: string;
  public readonly host: string;
  public readonly port: number;
  /**
   * Public address when `external`; null otherwise (a token).
   *
   * @attribute
   */
  public readonly externalIp: string;
  /**
   * Estimated monthly cost in EUR, known at plan time (a token).
   *
   * @attribute
   */
  public readonly monthlyCostEstimate: number;
  /**
   * The generated password, null while `authEnabled` is false (a sensitive token: an output of
   * it needs `sensitive: true`).
   *
   * @attribute
   */
  public readonly password: string;
  /** Whether clients authenticate with `password` (`authEnabled`, as given). */
  public readonly authEnabled: boolean;
  /** The tenant it runs in. */
  public readonly tenant: ITenant;
  /** The L1 `hikube_redis` resource, for what the construct does not expose. */
  public readonly resource: HikubeRedis;

  public constructor(scope: Construct, id: string, props: RedisProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const common = dataServiceConfig(this, KINDS.redis, props, 'cache');
    this.resource = new HikubeRedis(this, 'Resource', { ...common, authEnabled: props.authEnabled, rotationTriggers: props.rotationTriggers });
    this.redisName = common.name;
    this.redisId = this.resource.id;
    this.host = this.resource.host;
    this.port = this.resource.port;
    this.externalIp = this.resource.externalIp;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
    this.password = this.resource.password;
    this.authEnabled = props.authEnabled !== false;
  }

  /** Host, port, and the password while `authEnabled` (tokens). */
  public connection(): RedisConnection {
    const c = { host: this.host, port: this.port, ...(this.authEnabled ? { password: this.password } : {}) };
    return { ...c, uri: connectionUri('redis', c) };
  }

  /**
   * The connection as a Kubernetes Secret in `cluster`, through its `kubernetesProvider()`:
   * keys `host`, `port`, `password` (while `authEnabled`) and `uri`, for an application's
   * `envFrom`. The password reaches the cluster from Terraform state; a rotation replaces it
   * there too (the pods read it again on restart).
   */
  public connectionSecret(cluster: ICluster, options: RedisConnectionSecretOptions): Secret {
    return credentialsSecret(this, 'connectionSecret', cluster, options, `${this.redisName}-redis`, () => connectionData(this.connection()));
  }
}
