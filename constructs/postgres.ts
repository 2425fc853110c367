import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Construct } from 'constructs';
import { KINDS } from '../model';
import { POSTGRES_EXTENSIONS, POSTGRES_VERSIONS } from '../model/postgres';
import { DataServiceOptions, IDataService } from './data-service';
import { HikubePostgres } from './generated/postgres';
import { HikubePostgresDatabase } from './generated/postgres-database';
import { HikubePostgresUser } from './generated/postgres-user';
import { ICluster, ITenant } from './interfaces';
import { checkAttribute, checkRules, resourceName } from './private/checks';
import { clusterUserConfig, connectionData, connectionDatabase, connectionUri, credentialsSecret, childScope } from './private/database-user';
import { dataServiceConfig, versionEnum } from './private/data-service';
import { Timeouts, checkTimeouts } from './timeouts';

/** A PostgreSQL cluster made in this app. */
export interface IPostgres extends IDataService {
  /**
   * Cluster id, `pg-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly postgresId: string;

  /** The cluster name, unique in its tenant. */
  readonly postgresName: string;

  /**
   * Address of the primary inside the tenant network (a token).
   *
   * @attribute
   */
  readonly host: string;

  /**
   * TCP port (a token; `5432`).
   *
   * @attribute
   */
  readonly port: number;

  /** The databases added to it in this app, by name (what a user's `databases` is checked against). */
  readonly databases: ReadonlyMap<string, PostgresDatabase>;
}

/** PostgreSQL major versions: `PostgresVersion.V17` or `'v17'`. */
export const PostgresVersion = versionEnum(POSTGRES_VERSIONS);
export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];

/** Options of `tenant.addPostgres()`. */
export interface PostgresOptions extends DataServiceOptions {
  /**
   * Major version. Upgraded in place, never downgraded.
   *
   * @default PostgresVersion.V17
   */
  readonly version?: PostgresVersion;

  /**
   * Instances: 1 is a standalone server, 2 to 8 a primary with replicas and failover. The mode
   * cannot change after creation.
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * The server setting `max_connections`, 1 to 10000.
   *
   * @default 100
   */
  readonly maxConnections?: number;
}

/** Props of a PostgreSQL cluster. */
export interface PostgresProps extends PostgresOptions {
  /** The tenant the cluster runs in. Changing it replaces the cluster. */
  readonly tenant: ITenant;
}

const attrs = KINDS.postgres.model.attributes;

/**
 * A managed PostgreSQL cluster in a tenant: a primary and up to seven replicas, each with its
 * own volume.
 *
 * @resource hikube_postgres
 */
export class Postgres extends Construct implements IPostgres {
  public readonly postgresId: string;
  public readonly postgresName: string;
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
  /** The L1 `hikube_postgres` resource, for what the construct does not expose. */
  public readonly resource: HikubePostgres;
  private readonly databasesByName = new Map<string, PostgresDatabase>();

  public constructor(scope: Construct, id: string, props: PostgresProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const common = dataServiceConfig(this, KINDS.postgres, props, 'orders');
    checkAttribute(this, 'maxConnections', attrs.max_connections, props.maxConnections, 'Use a whole number from 1 to 10000.');
    this.resource = new HikubePostgres(this, 'Resource', { ...common, maxConnections: props.maxConnections });
    this.postgresName = common.name;
    this.postgresId = this.resource.id;
    this.host = this.resource.host;
    this.port = this.resource.port;
    this.externalIp = this.resource.externalIp;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
  }

  public get databases(): ReadonlyMap<string, PostgresDatabase> {
    return this.databasesByName;
  }

  /** Creates a database in this cluster, as a child construct of it. */
  public addDatabase(id: string, options: PostgresDatabaseOptions = {}): PostgresDatabase {
    const db = new PostgresDatabase(this, id, { ...options, postgres: this });
    this.databasesByName.set(db.databaseName, db);
    return db;
  }

  /**
   * Creates a user of this cluster, e.g. `addUser('App', { databases: { app: DatabaseRole.ADMIN } })`,
   * under this cluster's `Users` construct (a user and a database may share an id: `App`). Its
   * databases must have been added with `addDatabase()` first (Terraform then creates them
   * before the user).
   */
  public addUser(id: string, options: PostgresUserOptions = {}): PostgresUser {
    return new PostgresUser(childScope(this), id, { ...options, postgres: this });
  }
}

export type PostgresExtension = (typeof POSTGRES_EXTENSIONS)[number];

/** Options of `postgres.addDatabase()`. */
export interface PostgresDatabaseOptions {
  /**
   * Database name, unique in its cluster: lowercase letters, digits and `_`. Changing it
   * replaces the database.
   *
   * @default - derived from the construct id (`App` -> `app`, `-` becoming `_`)
   */
  readonly name?: string;

  /**
   * Extensions enabled in the database; changed in place.
   *
   * @default - none
   */
  readonly extensions?: PostgresExtension[];

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - 10m each
   */
  readonly timeouts?: Timeouts;
}

/** Props of a PostgreSQL database. */
export interface PostgresDatabaseProps extends PostgresDatabaseOptions {
  /** The cluster holding the database. Changing it replaces the database. */
  readonly postgres: IPostgres;
}

const dbAttrs = KINDS['postgres-database'].model.attributes;

/**
 * A database in a PostgreSQL cluster, with its extensions. Terraform creates it after its
 * cluster and deletes it first.
 *
 * @resource hikube_postgres_database
 */
export class PostgresDatabase extends Construct {
  /**
   * Database id, `pgdb-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  public readonly databaseId: string;
  /** The database name. */
  public readonly databaseName: string;
  /** The cluster holding it. */
  public readonly postgres: IPostgres;
  /** The L1 `hikube_postgres_database` resource, for what the construct does not expose. */
  public readonly resource: HikubePostgresDatabase;

  public constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    this.postgres = props.postgres;
    const name = resourceName(this, props.name, dbAttrs.name, 'app', '_');
    checkAttribute(this, 'extensions', dbAttrs.extensions, props.extensions, `Use extensions among ${POSTGRES_EXTENSIONS.join(', ')}.`);
    checkRules(this, KINDS['postgres-database'].rules({ extensions: props.extensions ?? null }), (path) => path.join('.'));
    checkTimeouts(this, dbAttrs.timeouts, props.timeouts);
    this.resource = new HikubePostgresDatabase(this, 'Resource', {
      postgresId: props.postgres.postgresId,
      name,
      extensions: props.extensions,
      timeouts: props.timeouts,
    });
    this.databaseName = name;
    this.databaseId = this.resource.id;
  }
}

/** A user's role on a database. */
export enum DatabaseRole {
  /** Owns the database: schema changes and data. */
  ADMIN = 'admin',
  /** Reads it. */
  READONLY = 'readonly',
}

/** Options of `postgres.addUser()`. */
export interface PostgresUserOptions {
  /**
   * Role name, unique in its cluster: lowercase letters, digits and `_`; not `postgres`,
   * `streaming_replica` nor `pg_...`. Changing it replaces the user.
   *
   * @default - derived from the construct id (`App` -> `app`, `-` becoming `_`)
   */
  readonly name?: string;

  /**
   * The user's role on databases of the cluster, by database name. Each must be a database
   * added to the same cluster with `addDatabase()` (checked here; Terraform creates them first).
   * Changed in place.
   *
   * @default - no database
   */
  readonly databases?: Record<string, DatabaseRole>;

  /**
   * The replication privilege (streaming replication, logical decoding). Changed in place.
   *
   * @default false
   */
  readonly replication?: boolean;

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

/** Props of a PostgreSQL user. */
export interface PostgresUserProps extends PostgresUserOptions {
  /** The cluster the user belongs to. Changing it replaces the user. */
  readonly postgres: IPostgres;
}

/** How a client reaches the cluster as a user: every value a token until apply. */
export interface PostgresConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** A sensitive token: an output of it needs `sensitive: true`. */
  readonly password: string;
  readonly database: string;
  /** `postgresql://user:password@host:port/database` (sensitive). */
  readonly uri: string;
}

/** Options of `user.connectionSecret()`. */
export interface ConnectionSecretOptions {
  /** Namespace of the Secret in the cluster. */
  readonly namespace: string;
  /**
   * Name of the Secret.
   *
   * @default - `<cluster name>-<user name>`, with `_` as `-`
   */
  readonly name?: string;
  /**
   * The database to connect to: one the user has a role on.
   *
   * @default - the user's only database (an error when it has several or none)
   */
  readonly database?: string;
}

/**
 * A user (login role) of a PostgreSQL cluster, with a role on some of its databases. Its
 * password is generated by the platform at creation, kept in Terraform state (sensitive) and
 * rotated when `rotationTriggers` changes.
 *
 * @resource hikube_postgres_user
 */
export class PostgresUser extends Construct {
  /**
   * User id, `pgu-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  public readonly userId: string;
  /** The role name. */
  public readonly userName: string;
  /**
   * The generated password (a sensitive token: an output of it needs `sensitive: true`).
   *
   * @attribute
   */
  public readonly password: string;
  /** The cluster the user belongs to. */
  public readonly postgres: IPostgres;
  /** Its databases and roles, as given. */
  public readonly databases: Readonly<Record<string, DatabaseRole>>;
  /** The L1 `hikube_postgres_user` resource, for what the construct does not expose. */
  public readonly resource: HikubePostgresUser;

  public constructor(scope: Construct, id: string, props: PostgresUserProps) {
    super(scope, id);
    this.postgres = props.postgres;
    const { name, dependsOn } = clusterUserConfig(
      this,
      KINDS['postgres-user'],
      props,
      props.databases,
      'database',
      { describe: `PostgreSQL cluster ${props.postgres.postgresName}`, known: props.postgres.databases, add: (db) => `postgres.addDatabase('${db}')` },
      'app',
    );
    this.resource = new HikubePostgresUser(this, 'Resource', {
      postgresId: props.postgres.postgresId,
      name,
      databases: props.databases,
      replication: props.replication,
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
  public connection(database?: string): PostgresConnection {
    const db = connectionDatabase(this, this.userName, this.databases, database);
    const { host, port } = this.postgres;
    const c = { host, port, user: this.userName, password: this.password };
    return { ...c, database: db, uri: connectionUri('postgresql', { ...c, path: db }) };
  }

  /**
   * The connection as a Kubernetes Secret in `cluster`, through its `kubernetesProvider()`:
   * keys `host`, `port`, `user`, `password`, `database` and `uri`, for an application's
   * `envFrom`. The password reaches the cluster from Terraform state; it is rotated there too
   * when `rotationTriggers` changes (the pods read it again on restart).
   */
  public connectionSecret(cluster: ICluster, options: ConnectionSecretOptions): Secret {
    return credentialsSecret(this, 'connectionSecret', cluster, options, `${this.postgres.postgresName}-${this.userName}`.replace(/_/g, '-'), () => connectionData(this.connection(options.database)));
  }
}
