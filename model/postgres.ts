import { clusterChildKind, clusterUserKind, DATABASE_NAMING, DATABASE_ROLES, dataServiceKind } from './data-service';
import { KindProblem, KindSecrets } from './kind';
import { t } from './schema';

/** Major versions Hikube runs; upgrades happen in place, one way. */
export const POSTGRES_VERSIONS = ['v15', 'v16', 'v17', 'v18'] as const;
export const POSTGRES_PORT = 5432;
export const DEFAULT_POSTGRES_VERSION = 'v17';

/** PostgreSQL clusters: /v1/postgres (Cozystack kind `Postgres`). */
const postgres = dataServiceKind({
  name: 'postgres',
  engine: 'PostgreSQL',
  typeName: 'hikube_postgres',
  collection: '/v1/postgres',
  schemaName: 'PostgresCluster',
  description:
    'A managed PostgreSQL cluster in a tenant (CloudNativePG in Cozystack): one primary and up to seven replicas, each with its own volume, ' +
    'reachable inside the tenant at `host`, and from outside through a load balancer when `external` is set.',
  idPrefix: 'pg',
  backendKind: 'Postgres',
  versions: POSTGRES_VERSIONS,
  defaultVersion: DEFAULT_POSTGRES_VERSION,
  versionNoun: 'PostgreSQL major version',
  port: POSTGRES_PORT,
  replicas: { default: 2, clustered: 'a primary with streaming replicas and automatic failover' },
  host: 'Address of the primary inside the tenant network (read-write).',
  extras: {
    max_connections: {
      type: t.number,
      optional: true,
      computed: true,
      default: 100,
      description: 'The server setting `max_connections`, 1 to 10000. Defaults to `100`. Changed in place.',
      validation: { integer: true, min: 1, max: 10000 },
    },
  },
  examples: {
    create: { replicas: 2, sizeGb: 10 },
    update: (n) => ({ maxConnections: 100 + (n % 50) }),
  },
  docs: {
    example: `resource "hikube_postgres" "orders" {
  tenant_id = hikube_tenant.production.id
  name      = "orders"
  version   = "v17"
  replicas  = 3
  size_gb   = 50
  preset    = "medium"
}

output "orders_host" {
  value = hikube_postgres.orders.host
}`,
    imported: { local: 'orders', path: 'acme/production/orders' },
  },
});
export const postgresModel = postgres.model;
export const postgresKind = postgres.kind;
export const POSTGRES_ID_PATTERN = postgres.idPattern;

/** Database and role names: unquoted PostgreSQL identifiers, lowercase, at most 63 bytes. */
const POSTGRES_IDENTIFIER_PATTERN = DATABASE_NAMING.pattern;
const POSTGRES_IDENTIFIER_HINT = DATABASE_NAMING.hint;

/** Extensions a database may enable. */
export const POSTGRES_EXTENSIONS = ['citext', 'hstore', 'pg_stat_statements', 'pg_trgm', 'pgcrypto', 'postgis', 'uuid-ossp', 'vector'] as const;

/** Databases of PostgreSQL clusters: /v1/postgres-databases (`databases` of Cozystack's `Postgres`). */
const postgresDatabase = clusterChildKind({
  name: 'postgres-database',
  parent: { kind: postgresKind, engine: 'PostgreSQL', idPattern: POSTGRES_ID_PATTERN },
  what: 'database',
  typeName: 'hikube_postgres_database',
  schemaName: 'PostgresDatabase',
  collection: '/v1/postgres-databases',
  idPrefix: 'pgdb',
  naming: DATABASE_NAMING,
  described: ', with its extensions',
  extras: {
    extensions: {
      type: t.list(t.string),
      optional: true,
      description: `Extensions enabled in the database: ${POSTGRES_EXTENSIONS.map((e) => `\`${e}\``).join(', ')}. Changed in place: added ones are created, removed ones dropped.`,
      validation: { oneOf: POSTGRES_EXTENSIONS, maxItems: POSTGRES_EXTENSIONS.length },
    },
  },
  rules(spec) {
    const seen = new Set<unknown>();
    const problems: KindProblem[] = [];
    (Array.isArray(spec.extensions) ? spec.extensions : []).forEach((e, i) => {
      if (seen.has(e)) problems.push({ path: ['extensions', i], title: 'Duplicate Extension', reason: 'is listed more than once', value: e, fix: 'List each extension once.' });
      seen.add(e);
    });
    return problems;
  },
  examples: {
    create: { extensions: ['pgcrypto'] },
    update: (n) => ({ extensions: n % 2 ? ['pgcrypto', 'citext'] : ['pgcrypto'] }),
  },
  docs: {
    example: `resource "hikube_postgres_database" "app" {
  postgres_id = hikube_postgres.orders.id
  name        = "app"
  extensions  = ["pgcrypto", "vector"]
}`,
    imported: { local: 'app', path: 'acme/production/orders/app' },
  },
});
export const postgresDatabaseModel = postgresDatabase.model;
export const postgresDatabaseKind = postgresDatabase.kind;

/** A user's role on a database: `admin` owns it (DDL and data), `readonly` reads it. */
export const POSTGRES_DATABASE_ROLES = DATABASE_ROLES;

/** The user's password: generated (returned once, rotatable) unless supplied write-only. */
export const POSTGRES_USER_SECRETS: KindSecrets = {
  generated: [{ attribute: 'password', what: "the user's password", bytes: 24, verifier: 'scram-sha-256', suppliedBy: 'password_wo' }],
  rotatable: true,
};

/** Users of PostgreSQL clusters: /v1/postgres-users (`users` of Cozystack's `Postgres`). */
const postgresUser = clusterUserKind({
  name: 'postgres-user',
  parent: { kind: postgresKind, engine: 'PostgreSQL', idPattern: POSTGRES_ID_PATTERN },
  grants: { kind: postgresDatabaseKind, what: 'database' },
  rolesMeaning: '(owner, or read-only)',
  typeName: 'hikube_postgres_user',
  schemaName: 'PostgresUser',
  collection: '/v1/postgres-users',
  idPrefix: 'pgu',
  description:
    'A user (login role) of a PostgreSQL cluster, with a role on some of its databases and optionally the replication privilege. ' +
    'Its password is generated by the platform and returned once (kept in state, sensitive), rotated when `rotation_triggers` changes, or supplied write-only with `password_wo`. ' +
    'Billed as part of its cluster; the cluster cannot be deleted while it has users, nor a database while a user has a role on it.',
  naming: { pattern: POSTGRES_IDENTIFIER_PATTERN, hint: POSTGRES_IDENTIFIER_HINT, noun: 'Role' },
  // Roles the operator (CloudNativePG) keeps for itself, and PostgreSQL's reserved prefix.
  reserved: { names: ['postgres', 'streaming_replica'], prefix: 'pg_', keptBy: 'PostgreSQL' },
  extras: {
    replication: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      description: 'The replication privilege (`REPLICATION`: streaming replication and logical decoding, e.g. for change data capture). Defaults to `false`. Changed in place.',
    },
  },
  secrets: POSTGRES_USER_SECRETS,
  examples: {
    create: { databases: {}, replication: false },
    update: (n) => ({ replication: n % 2 === 1 }),
  },
  docs: {
    example: `resource "hikube_postgres_user" "app" {
  postgres_id = hikube_postgres.orders.id
  name        = "app"
  # Referencing the database makes Terraform create it first.
  databases = { (hikube_postgres_database.app.name) = "admin" }

  # Change to rotate the password in place.
  rotation_triggers = { rotated = "2026-12" }
}

output "app_password" {
  value     = hikube_postgres_user.app.password
  sensitive = true
}`,
    imported: { local: 'app', path: 'acme/production/orders/app' },
  },
});
export const postgresUserModel = postgresUser.model;
export const postgresUserKind = postgresUser.kind;
