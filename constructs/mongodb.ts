import { Construct } from 'constructs';
import { AttrType, KINDS } from '../model';
import { MONGODB_PROFILING, MONGODB_VERSIONS } from '../model/mongodb';
import { ClusterChildOptions, DataServiceOptions, IDataService } from './data-service';
import { HikubeMongodb } from './generated/mongodb';
import { HikubeMongodbDatabase } from './generated/mongodb-database';
import { ITenant } from './interfaces';
import { checkAttribute, checkRules } from './private/checks';
import { clusterChildName, dataServiceConfig, versionEnum } from './private/data-service';

/** A MongoDB made in this app. */
export interface IMongoDb extends IDataService {
  /**
   * Cluster id, `mgo-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly mongoDbId: string;

  /** The cluster name, unique in its tenant. */
  readonly mongoDbName: string;
}

/** MongoDB major versions: `MongoDbVersion.V8` or `'v8'`. */
export const MongoDbVersion = versionEnum(MONGODB_VERSIONS);
export type MongoDbVersion = (typeof MONGODB_VERSIONS)[number];

/** One shard: a replica set holding part of the data. */
export interface MongoDbShard {
  /** Members of the shard's replica set, 1 to 8; 1 never becomes more in place, nor back. */
  readonly replicas: number;

  /**
   * Each member's volume in GiB, 1 to 4096. Grows in place, never shrinks.
   *
   * @default 10
   */
  readonly sizeGb?: number;
}

/** How a sharded MongoDB spreads its data. */
export interface MongoDbSharding {
  /**
   * Members of the config server replica set, 1 to 7.
   *
   * @default 3
   */
  readonly configServers?: number;

  /**
   * Each config server's volume in GiB, 1 to 4096. Grows in place, never shrinks.
   *
   * @default 10
   */
  readonly configServerSizeGb?: number;

  /**
   * Query routers (`mongos`) clients connect to, 1 to 8.
   *
   * @default 2
   */
  readonly mongos?: number;

  /** Shards by name (lowercase letters, digits and `-`), at least one; never removed in place. */
  readonly shards: { readonly [name: string]: MongoDbShard };
}

/** Options of `tenant.addMongoDb()`. */
export interface MongoDbOptions extends DataServiceOptions {
  /**
   * Major version. Upgraded in place, never downgraded.
   *
   * @default MongoDbVersion.V8
   */
  readonly version?: MongoDbVersion;

  /**
   * Members of the replica set: 1 is a standalone server, 2 to 8 a replica set. The mode cannot
   * change after creation. Unused when sharded.
   *
   * @default 3
   */
  readonly replicas?: number;

  /**
   * Shards the data over several replica sets behind query routers. Chosen at creation.
   *
   * @default - one replica set of `replicas` members
   */
  readonly sharding?: MongoDbSharding;
}

/** Props of a MongoDB. */
export interface MongoDbProps extends MongoDbOptions {
  /** The tenant it runs in. Changing it replaces it. */
  readonly tenant: ITenant;
}

const attrs = KINDS.mongodb.model.attributes;
const nested = (type: AttrType) => (type.kind === 'object' ? type.attributes : {});
const shardingAttrs = nested(attrs.sharding.type);
const shardAttrs = shardingAttrs.shards.type.kind === 'map' ? nested(shardingAttrs.shards.type.element) : {};

/**
 * A managed MongoDB in a tenant: a replica set, or shards behind query routers.
 *
 * @resource hikube_mongodb
 */
export class MongoDb extends Construct implements IMongoDb {
  public readonly mongoDbId: string;
  public readonly mongoDbName: string;
  /** The replica set, or the query routers when sharded (a token). */
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
  /** The L1 `hikube_mongodb` resource, for what the construct does not expose. */
  public readonly resource: HikubeMongodb;

  public constructor(scope: Construct, id: string, props: MongoDbProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const common = dataServiceConfig(this, KINDS.mongodb, props, 'events');
    const sharding = props.sharding;
    if (sharding) {
      checkAttribute(this, 'sharding.configServers', shardingAttrs.config_servers, sharding.configServers, 'Use a whole number from 1 to 7.');
      checkAttribute(this, 'sharding.configServerSizeGb', shardingAttrs.config_server_size_gb, sharding.configServerSizeGb, 'Use a whole number of GiB from 1 to 4096.');
      checkAttribute(this, 'sharding.mongos', shardingAttrs.mongos, sharding.mongos, 'Use a whole number from 1 to 8.');
      for (const [name, shard] of Object.entries(sharding.shards)) {
        checkAttribute(this, `sharding.shards[${JSON.stringify(name)}].replicas`, shardAttrs.replicas, shard.replicas, 'Use a whole number from 1 to 8.');
        checkAttribute(this, `sharding.shards[${JSON.stringify(name)}].sizeGb`, shardAttrs.size_gb, shard.sizeGb, 'Use a whole number of GiB from 1 to 4096.');
      }
      checkAttribute(this, 'sharding.shards', shardingAttrs.shards, sharding.shards, "Name shards with lowercase letters, digits and '-', at most 16.");
      checkRules(this, KINDS.mongodb.rules({ sharding: { shards: sharding.shards } }), (path) => `invalid ${path.join('.')}:`);
    }
    this.resource = new HikubeMongodb(this, 'Resource', { ...common, sharding });
    this.mongoDbName = common.name;
    this.mongoDbId = this.resource.id;
    this.host = this.resource.host;
    this.port = this.resource.port;
    this.externalIp = this.resource.externalIp;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
  }

  /** Creates a database in this cluster, as a child construct of it. */
  public addDatabase(id: string, options: MongoDbDatabaseOptions = {}): MongoDbDatabase {
    return new MongoDbDatabase(this, id, { ...options, mongoDb: this });
  }
}

export type MongoDbProfiling = (typeof MONGODB_PROFILING)[number];

/** Options of `mongoDb.addDatabase()`. */
export interface MongoDbDatabaseOptions extends ClusterChildOptions {
  /**
   * What the database profiler records: `off`, `slow` (operations over 100 ms) or `all`.
   *
   * @default 'off'
   */
  readonly profiling?: MongoDbProfiling;
}

/** Props of a MongoDB database. */
export interface MongoDbDatabaseProps extends MongoDbDatabaseOptions {
  /** The cluster holding the database. Changing it replaces the database. */
  readonly mongoDb: IMongoDb;
}

/**
 * A database in a MongoDB cluster, with its profiler setting. Terraform creates it after its
 * cluster and deletes it first.
 *
 * @resource hikube_mongodb_database
 */
export class MongoDbDatabase extends Construct {
  /**
   * Database id, `mgodb-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  public readonly databaseId: string;
  /** The database name. */
  public readonly databaseName: string;
  /** The cluster holding it. */
  public readonly mongoDb: IMongoDb;
  /** The L1 `hikube_mongodb_database` resource, for what the construct does not expose. */
  public readonly resource: HikubeMongodbDatabase;

  public constructor(scope: Construct, id: string, props: MongoDbDatabaseProps) {
    super(scope, id);
    this.mongoDb = props.mongoDb;
    const kind = KINDS['mongodb-database'];
    const name = clusterChildName(this, kind, props, 'analytics');
    checkAttribute(this, 'profiling', kind.model.attributes.profiling, props.profiling, `Use one of ${MONGODB_PROFILING.join(', ')}.`);
    this.resource = new HikubeMongodbDatabase(this, 'Resource', { mongodbId: props.mongoDb.mongoDbId, name, profiling: props.profiling, timeouts: props.timeouts });
    this.databaseName = name;
    this.databaseId = this.resource.id;
  }
}
