import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Construct } from 'constructs';
import { KINDS } from '../model';
import { RABBITMQ_QUEUE_TYPES, RABBITMQ_VERSIONS } from '../model/rabbitmq';
import { ClusterChildOptions, DataServiceOptions, IDataService } from './data-service';
import { HikubeRabbitmq } from './generated/rabbitmq';
import { HikubeRabbitmqUser } from './generated/rabbitmq-user';
import { HikubeRabbitmqVhost } from './generated/rabbitmq-vhost';
import { ICluster, ITenant } from './interfaces';
import { DatabaseRole } from './postgres';
import { checkAttribute } from './private/checks';
import { clusterChildName, dataServiceConfig, versionEnum } from './private/data-service';
import { clusterUserConfig, connectionData, connectionDatabase, connectionUri, credentialsSecret, childScope } from './private/database-user';
import { Timeouts } from './timeouts';

/** A RabbitMQ made in this app. */
export interface IRabbitMq extends IDataService {
  /**
   * Cluster id, `rmq-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly rabbitMqId: string;

  /** The cluster name, unique in its tenant. */
  readonly rabbitMqName: string;

  /** The vhosts added to it in this app, by name (what a user's `vhosts` is checked against). */
  readonly vhosts: ReadonlyMap<string, RabbitMqVhost>;
}

/** RabbitMQ release series: `RabbitMqVersion.V4_1` or `'v4.1'`. */
export const RabbitMqVersion = versionEnum(RABBITMQ_VERSIONS);
export type RabbitMqVersion = (typeof RABBITMQ_VERSIONS)[number];

/** Options of `tenant.addRabbitMq()`. */
export interface RabbitMqOptions extends DataServiceOptions {
  /**
   * Release series. Upgraded in place, never downgraded.
   *
   * @default RabbitMqVersion.V4_1
   */
  readonly version?: RabbitMqVersion;

  /**
   * Nodes: 1 is a standalone node, 2 to 8 a cluster. The mode cannot change after creation.
   *
   * @default 3
   */
  readonly replicas?: number;
}

/** Props of a RabbitMQ. */
export interface RabbitMqProps extends RabbitMqOptions {
  /** The tenant it runs in. Changing it replaces it. */
  readonly tenant: ITenant;
}

/**
 * A managed RabbitMQ in a tenant: up to eight nodes, with its vhosts.
 *
 * @resource hikube_rabbitmq
 */
export class RabbitMq extends Construct implements IRabbitMq {
  public readonly rabbitMqId: string;
  public readonly rabbitMqName: string;
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
  /** The tenant it runs in. */
  public readonly tenant: ITenant;
  /** The L1 `hikube_rabbitmq` resource, for what the construct does not expose. */
  public readonly resource: HikubeRabbitmq;

  public constructor(scope: Construct, id: string, props: RabbitMqProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const common = dataServiceConfig(this, KINDS.rabbitmq, props, 'jobs');
    this.resource = new HikubeRabbitmq(this, 'Resource', common);
    this.rabbitMqName = common.name;
    this.rabbitMqId = this.resource.id;
    this.host = this.resource.host;
    this.port = this.resource.port;
    this.externalIp = this.resource.externalIp;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
  }

  /** Creates a vhost in this cluster, as a child construct of it. */
  public addVhost(id: string, options: RabbitMqVhostOptions = {}): RabbitMqVhost {
    const vhost = new RabbitMqVhost(this, id, { ...options, rabbitMq: this });
    this.vhostsByName.set(vhost.vhostName, vhost);
    return vhost;
  }

  private readonly vhostsByName = new Map<string, RabbitMqVhost>();

  public get vhosts(): ReadonlyMap<string, RabbitMqVhost> {
    return this.vhostsByName;
  }

  /**
   * Creates a user of this cluster, e.g. `addUser('Worker', { vhosts: { billing: DatabaseRole.ADMIN } })`,
   * under this cluster's `Users` construct. Its vhosts must have been added with `addVhost()`
   * first (Terraform then creates them before the user).
   */
  public addUser(id: string, options: RabbitMqUserOptions = {}): RabbitMqUser {
    return new RabbitMqUser(childScope(this), id, { ...options, rabbitMq: this });
  }
}

export type RabbitMqQueueType = (typeof RABBITMQ_QUEUE_TYPES)[number];

/** Options of `rabbitMq.addVhost()`. */
export interface RabbitMqVhostOptions extends ClusterChildOptions {
  /**
   * Type of the queues declared without one; changed in place.
   *
   * @default 'quorum'
   */
  readonly defaultQueueType?: RabbitMqQueueType;

  /**
   * Most queues the vhost may hold, 1 to 100000.
   *
   * @default - no limit
   */
  readonly maxQueues?: number;
}

/** Props of a RabbitMQ vhost. */
export interface RabbitMqVhostProps extends RabbitMqVhostOptions {
  /** The cluster holding the vhost. Changing it replaces the vhost. */
  readonly rabbitMq: IRabbitMq;
}

/**
 * A vhost in a RabbitMQ cluster. Terraform creates it after its cluster and deletes it first.
 *
 * @resource hikube_rabbitmq_vhost
 */
export class RabbitMqVhost extends Construct {
  /**
   * Vhost id, `rmqvh-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  public readonly vhostId: string;
  /** The vhost name. */
  public readonly vhostName: string;
  /** The cluster holding it. */
  public readonly rabbitMq: IRabbitMq;
  /** The L1 `hikube_rabbitmq_vhost` resource, for what the construct does not expose. */
  public readonly resource: HikubeRabbitmqVhost;

  public constructor(scope: Construct, id: string, props: RabbitMqVhostProps) {
    super(scope, id);
    this.rabbitMq = props.rabbitMq;
    const kind = KINDS['rabbitmq-vhost'];
    const name = clusterChildName(this, kind, props, 'billing', '-');
    checkAttribute(this, 'defaultQueueType', kind.model.attributes.default_queue_type, props.defaultQueueType, `Use one of ${RABBITMQ_QUEUE_TYPES.join(', ')}.`);
    checkAttribute(this, 'maxQueues', kind.model.attributes.max_queues, props.maxQueues, 'Use a whole number from 1 to 100000, or leave it unset for no limit.');
    this.resource = new HikubeRabbitmqVhost(this, 'Resource', {
      rabbitmqId: props.rabbitMq.rabbitMqId,
      name,
      defaultQueueType: props.defaultQueueType,
      maxQueues: props.maxQueues,
      timeouts: props.timeouts,
    });
    this.vhostName = name;
    this.vhostId = this.resource.id;
  }
}

/** Options of `rabbitMq.addUser()`. */
export interface RabbitMqUserOptions {
  /**
   * User name, unique in its cluster: lowercase letters, digits, `_`, `.` and `-`, up to 63; not
   * `guest` nor `default_user_...`. Changing it replaces the user.
   *
   * @default - derived from the construct id (`Worker` -> `worker`, `-` becoming `_`)
   */
  readonly name?: string;

  /**
   * The user's role on vhosts of the cluster, by vhost name: `admin` (configure, write and read
   * everything in it) or `readonly` (read: consume from queues others declared). Each must be a
   * vhost added to the same cluster with `addVhost()` (checked here; Terraform creates them
   * first). Changed in place.
   *
   * @default - no vhost
   */
  readonly vhosts?: Record<string, DatabaseRole>;

  /**
   * Arbitrary values; when any changes, the next apply rotates the password in place (a new
   * one in `password`, the old one stops working). Never rotated otherwise.
   *
   * @default - never rotated
   */
  readonly rotationTriggers?: Record<string, string>;

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - 10m each
   */
  readonly timeouts?: Timeouts;
}

/** Props of a RabbitMQ user. */
export interface RabbitMqUserProps extends RabbitMqUserOptions {
  /** The cluster the user belongs to. Changing it replaces the user. */
  readonly rabbitMq: IRabbitMq;
}

/** How a client reaches the cluster as a user: every value a token until apply. */
export interface RabbitMqConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** A sensitive token: an output of it needs `sensitive: true`. */
  readonly password: string;
  readonly vhost: string;
  /** `amqp://user:password@host:port/vhost` (sensitive). */
  readonly uri: string;
}

/** Options of a RabbitMQ user's `connectionSecret()`. */
export interface RabbitMqConnectionSecretOptions {
  /** Namespace of the Secret in the cluster. */
  readonly namespace: string;
  /**
   * Name of the Secret.
   *
   * @default - `<cluster name>-<user name>`, with `_` as `-`
   */
  readonly name?: string;
  /**
   * The vhost to connect to: one the user has a role on.
   *
   * @default - the user's only vhost (an error when it has several or none)
   */
  readonly vhost?: string;
}

/**
 * A user of a RabbitMQ cluster, with a role on some of its vhosts. Its password is generated by
 * the platform at creation, kept in Terraform state (sensitive) and rotated when
 * `rotationTriggers` changes.
 *
 * @resource hikube_rabbitmq_user
 */
export class RabbitMqUser extends Construct {
  /**
   * User id, `rmqu-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  public readonly userId: string;
  /** The user name. */
  public readonly userName: string;
  /**
   * The generated password (a sensitive token: an output of it needs `sensitive: true`).
   *
   * @attribute
   */
  public readonly password: string;
  /** The cluster the user belongs to. */
  public readonly rabbitMq: IRabbitMq;
  /** Its vhosts and roles, as given. */
  public readonly vhosts: Readonly<Record<string, DatabaseRole>>;
  /** The L1 `hikube_rabbitmq_user` resource, for what the construct does not expose. */
  public readonly resource: HikubeRabbitmqUser;

  public constructor(scope: Construct, id: string, props: RabbitMqUserProps) {
    super(scope, id);
    this.rabbitMq = props.rabbitMq;
    const { name, dependsOn } = clusterUserConfig(
      this,
      KINDS['rabbitmq-user'],
      props,
      props.vhosts,
      'vhost',
      {
        describe: `RabbitMQ cluster ${props.rabbitMq.rabbitMqName}`,
        known: props.rabbitMq.vhosts,
        add: (vhost) => `rabbitMq.addVhost('${vhost}')`,
      },
      'worker',
    );
    this.resource = new HikubeRabbitmqUser(this, 'Resource', {
      rabbitmqId: props.rabbitMq.rabbitMqId,
      name,
      vhosts: props.vhosts,
      rotationTriggers: props.rotationTriggers,
      timeouts: props.timeouts,
      ...(dependsOn.length ? { dependsOn } : {}),
    });
    this.userName = name;
    this.userId = this.resource.id;
    this.password = this.resource.password;
    this.vhosts = props.vhosts ?? {};
  }

  /** Host, port, user, password and a vhost to connect to (tokens). */
  public connection(vhost?: string): RabbitMqConnection {
    const v = connectionDatabase(this, this.userName, this.vhosts, vhost, 'vhost');
    const { host, port } = this.rabbitMq;
    const c = { host, port, user: this.userName, password: this.password };
    return { ...c, vhost: v, uri: connectionUri('amqp', { ...c, path: v }) };
  }

  /**
   * The connection as a Kubernetes Secret in `cluster`, through its `kubernetesProvider()`:
   * keys `host`, `port`, `user`, `password`, `vhost` and `uri`, for an application's `envFrom`.
   * The password reaches the cluster from Terraform state; a rotation replaces it there too
   * (the pods read it again on restart).
   */
  public connectionSecret(cluster: ICluster, options: RabbitMqConnectionSecretOptions): Secret {
    return credentialsSecret(this, 'connectionSecret', cluster, options, `${this.rabbitMq.rabbitMqName}-${this.userName}`.replace(/_/g, '-'), () => connectionData(this.connection(options.vhost)));
  }
}
