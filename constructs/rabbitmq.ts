import { Construct } from 'constructs';
import { KINDS } from '../model';
import { RABBITMQ_QUEUE_TYPES, RABBITMQ_VERSIONS } from '../model/rabbitmq';
import { ClusterChildOptions, DataServiceOptions, IDataService } from './data-service';
import { HikubeRabbitmq } from './generated/rabbitmq';
import { HikubeRabbitmqVhost } from './generated/rabbitmq-vhost';
import { ITenant } from './interfaces';
import { checkAttribute } from './private/checks';
import { clusterChildName, dataServiceConfig, versionEnum } from './private/data-service';

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
    return new RabbitMqVhost(this, id, { ...options, rabbitMq: this });
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
