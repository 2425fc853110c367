import { Construct } from 'constructs';
import { KINDS } from '../model';
import { MARIADB_COLLATIONS, MARIADB_VERSIONS } from '../model/mariadb';
import { ClusterChildOptions, DataServiceOptions, IDataService } from './data-service';
import { HikubeMariadb } from './generated/mariadb';
import { HikubeMariadbDatabase } from './generated/mariadb-database';
import { ITenant } from './interfaces';
import { checkAttribute } from './private/checks';
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
    return new MariaDbDatabase(this, id, { ...options, mariaDb: this });
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
