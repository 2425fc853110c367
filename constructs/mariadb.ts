import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Construct } from 'constructs';
import { KINDS } from '../model';
import { MARIADB_COLLATIONS, MARIADB_VERSIONS } from '../model/mariadb';
import { ClusterChildOptions, DataServiceOptions, IDataService } from './data-service';
import { HikubeMariadb } from './generated/mariadb';
import { HikubeMariadbDatabase } from './generated/mariadb-database';
import { HikubeMariadbUser } from './generated/mariadb-user';
import { ICluster, ITenant } from './interfaces';
import { checkAttribute } from './private/checks';
import { clusterUserConfig, connectionData, connectionDatabase, connectionUri, credentialsSecret, childScope } from './private/database-user';
import { ConnectionSecretOptions, DatabaseRole } from './postgres';
import { Timeouts } from './timeouts';
import { clusterChildName, dataServiceConfig, versionEnum } from './private/data-service';

/** A MariaDB cluster made in this app. */
export interface IMariaDb extends IDataService {
  /**
   * Cluster id, `mdb-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly mariaDbId: string;

  /** The cluster name, unique in its tenant. */
  readonly mariaDbName: string;

  /** The databases added to it in this app, by name (what a user's `databases` is checked against). */
  readonly databases: ReadonlyMap<string, MariaDbDatabase>;
}

/** MariaDB release series: `MariaDbVersion.V11_4` or `'v11.4'`. */
export const MariaDbVersion = versionEnum(MARIADB_VERSIONS);
export type MariaDbVersion = (typeof MARIADB_VERSIONS)[number];

/** Options of `tenant.addMariaDb()`. */
export interface MariaDbOptions extends DataServiceOptions {
  /**
   * Release series. Upgraded in place, never downgraded.
   *
   * @default MariaDbVersion.V11_4
   */
  readonly version?: MariaDbVersion;

  /**
   * Instances: 1 is a standalone server, 2 to 8 a primary with replicas and failover. The mode
   * cannot change after creation.
   *
   * @default 2
   */
  readonly replicas?: number;
}

/** Props of a MariaDB cluster. */
export interface MariaDbProps extends MariaDbOptions {
  /** The tenant the cluster runs in. Changing it replaces the cluster. */
  readonly tenant: ITenant;
}

/**
 * A managed MariaDB (MySQL-compatible) cluster in a tenant: a primary and up to seven replicas,
 * each with its own volume.
 *
 * @resource hikube_mariadb
 */
export class MariaDb extends Construct implements IMariaDb {
  public readonly mariaDbId: string;
  public readonly mariaDbName: string;
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
  /** The tenant the cluster runs in. */
  public readonly tenant: ITenant;
  /** The L1 `hikube_mariadb` resource, for what the construct does not expose. */
  public readonly resource: HikubeMariadb;

  public constructor(scope: Construct, id: string, props: MariaDbProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const common = dataServiceConfig(this, KINDS.mariadb, props, 'shop');
    this.resource = new HikubeMariadb(this, 'Resource', common);
    this.mariaDbName = common.name;
    this.mariaDbId = this.resource.id;
    this.host = this.resource.host;
    this.port = this.resource.port;
    this.externalIp = this.resource.externalIp;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
  }

  /** Creates a database in this cluster, as a child construct of it. */
  public addDatabase(id: string, options: MariaDbDatabaseOptions = {}): MariaDbDatabase {
    const db = new MariaDbDatabase(this, id, { ...options, mariaDb: this });
    this.databasesByName.set(db.databaseName, db);
    return db;
  }

  private readonly databasesByName = new Map<string, MariaDbDatabase>();

  public get databases(): ReadonlyMap<string, MariaDbDatabase> {
    return this.databasesByName;
  }

  /**
   * Creates a user of this cluster, e.g. `addUser('Shop', { databases: { catalog: DatabaseRole.ADMIN } })`,
   * under this cluster's `Users` construct. Its databases must have been added with
   * `addDatabase()` first (Terraform then creates them before the user).
   */
  public addUser(id: string, options: MariaDbUserOptions = {}): MariaDbUser {
    return new MariaDbUser(childScope(this), id, { ...options, mariaDb: this });
  }
}

export type MariaDbCollation = (typeof MARIADB_COLLATIONS)[number];

/** Options of `mariaDb.addDatabase()`. */
export interface MariaDbDatabaseOptions extends ClusterChildOptions {
  /**
   * Default collation of the tables created in the database; changed in place (existing tables
   * keep theirs).
   *
   * @default 'utf8mb4_unicode_ci'
   */
  readonly collation?: MariaDbCollation;
}

/** Props of a MariaDB database. */
export interface MariaDbDatabaseProps extends MariaDbDatabaseOptions {
  /** The cluster holding the database. Changing it replaces the database. */
  readonly mariaDb: IMariaDb;
}

/**
 * A database in a MariaDB cluster, with its default collation. Terraform creates it after its cluster and deletes it first.
 *
 * @resource hikube_mariadb_database
 */
export class MariaDbDatabase extends Construct {
  /**
   * Database id, `mdbdb-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  public readonly databaseId: string;
  /** The database name. */
  public readonly databaseName: string;
  /** The cluster holding it. */
  public readonly mariaDb: IMariaDb;
  /** The L1 `hikube_mariadb_database` resource, for what the construct does not expose. */
  public readonly resource: HikubeMariadbDatabase;

  public constructor(scope: Construct, id: string, props: MariaDbDatabaseProps) {
    super(scope, id);
    this.mariaDb = props.mariaDb;
    const kind = KINDS['mariadb-database'];
    const name = clusterChildName(this, kind, props, 'catalog');
    checkAttribute(this, 'collation', kind.model.attributes.collation, props.collation, `Use one of ${MARIADB_COLLATIONS.join(', ')}.`);
    this.resource = new HikubeMariadbDatabase(this, 'Resource', { mariadbId: props.mariaDb.mariaDbId, name, collation: props.collation, timeouts: props.timeouts });
    this.databaseName = name;
    this.databaseId = this.resource.id;
  }
}

/** Options of `mariaDb.addUser()`. */
export interface MariaDbUserOptions {
  /**
   * User name, unique in its cluster: lowercase letters, digits and `_`, up to 32; not `root`,
   * `mysql` nor `repl`. Changing it replaces the user.
   *
   * @default - derived from the construct id (`Shop` -> `shop`, `-` becoming `_`)
   */
  readonly name?: string;

  /**
   * The user's role on databases of the cluster, by database name: `admin` (every privilege on
   * it) or `readonly`. Each must be a database added to the same cluster with `addDatabase()`
   * (checked here; Terraform creates them first). Changed in place.
   *
   * @default - no database
   */
  readonly databases?: Record<string, DatabaseRole>;

  /**
   * The most connections the user may hold at once, 0 to 10000; 0 sets no limit of its own.
   * Changed in place.
   *
   * @default 0
   */
  readonly maxUserConnections?: number;

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

/** Props of a MariaDB user. */
export interface MariaDbUserProps extends MariaDbUserOptions {
  /** The cluster the user belongs to. Changing it replaces the user. */
  readonly mariaDb: IMariaDb;
}

/** How a client reaches the cluster as a user: every value a token until apply. */
export interface MariaDbConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** A sensitive token: an output of it needs `sensitive: true`. */
  readonly password: string;
  readonly database: string;
  /** `mysql://user:password@host:port/database` (sensitive). */
  readonly uri: string;
}

const userKind = KINDS['mariadb-user'];

/**
 * A user of a MariaDB cluster, with a role on some of its databases. Its password is generated
 * by the platform at creation, kept in Terraform state (sensitive) and rotated when
 * `rotationTriggers` changes.
 *
 * @resource hikube_mariadb_user
 */
export class MariaDbUser extends Construct {
  /**
   * User id, `mdbu-` followed by 16 characters (a token until apply).
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
  public readonly mariaDb: IMariaDb;
  /** Its databases and roles, as given. */
  public readonly databases: Readonly<Record<string, DatabaseRole>>;
  /** The L1 `hikube_mariadb_user` resource, for what the construct does not expose. */
  public readonly resource: HikubeMariadbUser;

  public constructor(scope: Construct, id: string, props: MariaDbUserProps) {
    super(scope, id);
    this.mariaDb = props.mariaDb;
    const { name, dependsOn } = clusterUserConfig(
      this,
      userKind,
      props,
      props.databases,
      'database',
      { describe: `MariaDB cluster ${props.mariaDb.mariaDbName}`, known: props.mariaDb.databases, add: (db) => `mariaDb.addDatabase('${db}')` },
      'shop',
    );
    checkAttribute(this, 'maxUserConnections', userKind.model.attributes.max_user_connections, props.maxUserConnections, 'Use a whole number from 0 (no limit of its own) to 10000.');
    this.resource = new HikubeMariadbUser(this, 'Resource', {
      mariadbId: props.mariaDb.mariaDbId,
      name,
      databases: props.databases,
      maxUserConnections: props.maxUserConnections,
      rotationTriggers: props.rotationTriggers,
      timeouts: props.timeouts,
      ...(dependsOn.length ? { dependsOn } : {}),
    });
    this.userName = name;
    this.userId = this.resource.id;
    this.password = this.resource.password;
    this.databases = props.databases ?? {};
  }

  /** Host, port, user, password and a database to connect to (tokens). */
  public connection(database?: string): MariaDbConnection {
    const db = connectionDatabase(this, this.userName, this.databases, database);
    const { host, port } = this.mariaDb;
    const c = { host, port, user: this.userName, password: this.password };
    return { ...c, database: db, uri: connectionUri('mysql', { ...c, path: db }) };
  }

  /**
   * The connection as a Kubernetes Secret in `cluster`, through its `kubernetesProvider()`:
   * keys `host`, `port`, `user`, `password`, `database` and `uri`, for an application's
   * `envFrom`. The password reaches the cluster from Terraform state; a rotation replaces it
   * there too (the pods read it again on restart).
   */
  public connectionSecret(cluster: ICluster, options: ConnectionSecretOptions): Secret {
    return credentialsSecret(this, 'connectionSecret', cluster, options, `${this.mariaDb.mariaDbName}-${this.userName}`.replace(/_/g, '-'), () => connectionData(this.connection(options.database)));
  }
}
