import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Construct } from 'constructs';
import { AttrType, KINDS } from '../model';
import { MONGODB_PROFILING, MONGODB_VERSIONS } from '../model/mongodb';
import { ClusterChildOptions, DataServiceOptions, IDataService } from './data-service';
import { HikubeMongodb } from './generated/mongodb';
import { HikubeMongodbDatabase } from './generated/mongodb-database';
import { HikubeMongodbUser } from './generated/mongodb-user';
import { ICluster, ITenant } from './interfaces';
import { ConnectionSecretOptions, DatabaseRole } from './postgres';
import { checkAttribute, checkRules } from './private/checks';
import { clusterChildName, dataServiceConfig, versionEnum } from './private/data-service';
import { clusterUserConfig, connectionData, connectionDatabase, connectionUri, credentialsSecret, childScope } from './private/database-user';
import { Timeouts } from './timeouts';

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

  /** The databases added to it in this app, by name (what a user's `databases` is checked against). */
  readonly databases: ReadonlyMap<string, MongoDbDatabase>;
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
    const db = new MongoDbDatabase(this, id, { ...options, mongoDb: this });
    this.databasesByName.set(db.databaseName, db);
    return db;
  }

  private readonly databasesByName = new Map<string, MongoDbDatabase>();

  public get databases(): ReadonlyMap<string, MongoDbDatabase> {
    return this.databasesByName;
  }

  /**
   * Creates a user of this cluster, e.g. `addUser('Ingest', { databases: { analytics: DatabaseRole.ADMIN } })`,
   * under this cluster's `Users` construct. Its databases must have been added with
   * `addDatabase()` first (Terraform then creates them before the user).
   */
  public addUser(id: string, options: MongoDbUserOptions = {}): MongoDbUser {
    return new MongoDbUser(childScope(this), id, { ...options, mongoDb: this });
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

/** Options of `mongoDb.addUser()`. */
export interface MongoDbUserOptions {
  /**
   * User name, unique in its cluster: lowercase letters, digits, `_`, `.` and `-`, up to 63; not
   * `backup`. Changing it replaces the user.
   *
   * @default - derived from the construct id (`Ingest` -> `ingest`, `-` becoming `_`)
   */
  readonly name?: string;

  /**
   * The user's role on databases of the cluster, by database name: `admin` (MongoDB's `dbOwner`)
   * or `readonly` (`read`). Each must be a database added to the same cluster with
   * `addDatabase()` (checked here; Terraform creates them first). Changed in place.
   *
   * @default - no database
   */
  readonly databases?: Record<string, DatabaseRole>;

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

/** Props of a MongoDB user. */
export interface MongoDbUserProps extends MongoDbUserOptions {
  /** The cluster the user belongs to. Changing it replaces the user. */
  readonly mongoDb: IMongoDb;
}

/** How a client reaches the cluster as a user: every value a token until apply. */
export interface MongoDbConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** A sensitive token: an output of it needs `sensitive: true`. */
  readonly password: string;
  readonly database: string;
  /** `mongodb://user:password@host:port/database?authSource=admin` (sensitive). */
  readonly uri: string;
}

/**
 * A user of a MongoDB cluster, with a role on some of its databases. Its password is generated
 * by the platform at creation, kept in Terraform state (sensitive) and rotated when
 * `rotationTriggers` changes.
 *
 * @resource hikube_mongodb_user
 */
export class MongoDbUser extends Construct {
  /**
   * User id, `mgou-` followed by 16 characters (a token until apply).
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
  public readonly mongoDb: IMongoDb;
  /** Its databases and roles, as given. */
  public readonly databases: Readonly<Record<string, DatabaseRole>>;
  /** The L1 `hikube_mongodb_user` resource, for what the construct does not expose. */
  public readonly resource: HikubeMongodbUser;

  public constructor(scope: Construct, id: string, props: MongoDbUserProps) {
    super(scope, id);
    this.mongoDb = props.mongoDb;
    const { name, dependsOn } = clusterUserConfig(
      this,
      KINDS['mongodb-user'],
      props,
      props.databases,
      'database',
      {
        describe: `MongoDB cluster ${props.mongoDb.mongoDbName}`,
        known: props.mongoDb.databases,
        add: (db) => `mongoDb.addDatabase('${db}')`,
      },
      'ingest',
    );
    this.resource = new HikubeMongodbUser(this, 'Resource', {
      mongodbId: props.mongoDb.mongoDbId,
      name,
      databases: props.databases,
      rotationTriggers: props.rotationTriggers,
      timeouts: props.timeouts,
      ...(dependsOn.length ? { dependsOn } : {}),
    });
    this.userName = name;
    this.userId = this.resource.id;
    this.password = this.resource.password;
    this.databases = props.databases ?? {};
  }

  /** Host, port, user, password and a database to connect to (tokens); users authenticate against `admin`. */
  public connection(database?: string): MongoDbConnection {
    const db = connectionDatabase(this, this.userName, this.databases, database);
    const { host, port } = this.mongoDb;
    const c = { host, port, user: this.userName, password: this.password };
    return { ...c, database: db, uri: connectionUri('mongodb', { ...c, path: db, query: 'authSource=admin' }) };
  }

  /**
   * The connection as a Kubernetes Secret in `cluster`, through its `kubernetesProvider()`:
   * keys `host`, `port`, `user`, `password`, `database` and `uri`, for an application's
   * `envFrom`. The password reaches the cluster from Terraform state; a rotation replaces it
   * there too (the pods read it again on restart).
   */
  public connectionSecret(cluster: ICluster, options: ConnectionSecretOptions): Secret {
    return credentialsSecret(this, 'connectionSecret', cluster, options, `${this.mongoDb.mongoDbName}-${this.userName}`.replace(/_/g, '-'), () => connectionData(this.connection(options.database)));
  }
}
