import { Construct, IConstruct } from 'constructs';
import { KINDS, RESOURCE_PRESET_NAMES } from '../model';
import { POSTGRES_EXTENSIONS, POSTGRES_VERSIONS } from '../model/postgres';
import { HikubePostgres } from './generated/postgres';
import { HikubePostgresDatabase } from './generated/postgres-database';
import { ITenant } from './interfaces';
import { checkAttribute, checkRules, resourceName } from './private/checks';
import { Timeouts, checkTimeouts } from './timeouts';

/** A PostgreSQL cluster made in this app. */
export interface IPostgres extends IConstruct {
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
}

export type PostgresVersion = (typeof POSTGRES_VERSIONS)[number];
export type ResourcePreset = (typeof RESOURCE_PRESET_NAMES)[number];

/** Options of `tenant.addPostgres()`. */
export interface PostgresOptions {
  /**
   * Cluster name, unique in its tenant. Changing it replaces the cluster.
   *
   * @default - derived from the construct id, as for tenants (`Orders` -> `orders`)
   */
  readonly name?: string;

  /**
   * Major version. Upgraded in place, never downgraded.
   *
   * @default 'v17'
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
   * Resources of each instance, `nano` to `2xlarge`.
   *
   * @default 'micro'
   */
  readonly preset?: ResourcePreset;

  /**
   * Reachable from outside the tenant through a public address (the security policy must allow
   * external IPs).
   *
   * @default false
   */
  readonly external?: boolean;

  /**
   * The server setting `max_connections`, 1 to 10000.
   *
   * @default 100
   */
  readonly maxConnections?: number;

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - create 20m, update 20m, delete 10m
   */
  readonly timeouts?: Timeouts;
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

  public constructor(scope: Construct, id: string, props: PostgresProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const name = resourceName(this, props.name, attrs.name, 'orders');
    checkAttribute(this, 'version', attrs.version, props.version, `Use one of ${POSTGRES_VERSIONS.join(', ')}.`);
    checkAttribute(this, 'replicas', attrs.replicas, props.replicas, 'Use a whole number from 1 (standalone) to 8.');
    checkAttribute(this, 'sizeGb', attrs.size_gb, props.sizeGb, 'Use a whole number of GiB from 1 to 4096.');
    checkAttribute(this, 'storageClass', attrs.storage_class, props.storageClass, "Use 'replicated' or 'local'.");
    checkAttribute(this, 'preset', attrs.preset, props.preset, `Use one of ${RESOURCE_PRESET_NAMES.join(', ')}.`);
    checkAttribute(this, 'maxConnections', attrs.max_connections, props.maxConnections, 'Use a whole number from 1 to 10000.');
    checkTimeouts(this, attrs.timeouts, props.timeouts);

    this.resource = new HikubePostgres(this, 'Resource', {
      tenantId: props.tenant.tenantId,
      name,
      version: props.version,
      replicas: props.replicas,
      sizeGb: props.sizeGb,
      storageClass: props.storageClass,
      preset: props.preset,
      external: props.external,
      maxConnections: props.maxConnections,
      timeouts: props.timeouts,
    });
    this.postgresName = name;
    this.postgresId = this.resource.id;
    this.host = this.resource.host;
    this.port = this.resource.port;
    this.externalIp = this.resource.externalIp;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
  }

  /** Creates a database in this cluster, as a child construct of it. */
  public addDatabase(id: string, options: PostgresDatabaseOptions = {}): PostgresDatabase {
    return new PostgresDatabase(this, id, { ...options, postgres: this });
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
