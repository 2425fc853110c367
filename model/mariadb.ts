import { clusterChildKind, DATABASE_NAMING, dataServiceKind } from './data-service';
import { t } from './schema';

/** Release series Hikube runs (MariaDB's long-term ones); upgrades happen in place, one way. */
export const MARIADB_VERSIONS = ['v10.6', 'v10.11', 'v11.4', 'v11.8'] as const;
export const MARIADB_PORT = 3306;
export const DEFAULT_MARIADB_VERSION = 'v11.4';

/** MariaDB clusters: /v1/mariadb (Cozystack kind `MySQL`, run by the mariadb-operator). */
const mariadb = dataServiceKind({
  name: 'mariadb',
  engine: 'MariaDB',
  typeName: 'hikube_mariadb',
  collection: '/v1/mariadb',
  schemaName: 'MariadbCluster',
  description:
    'A managed MariaDB (MySQL-compatible) cluster in a tenant (the mariadb-operator in Cozystack): one primary and up to seven replicas, each with its own volume, ' +
    'reachable inside the tenant at `host`, and from outside through a load balancer when `external` is set.',
  idPrefix: 'mdb',
  backendKind: 'MySQL',
  versions: MARIADB_VERSIONS,
  defaultVersion: DEFAULT_MARIADB_VERSION,
  versionNoun: 'MariaDB release series',
  port: MARIADB_PORT,
  replicas: { default: 2, clustered: 'a primary with asynchronous replicas and automatic failover' },
  host: 'Address of the primary inside the tenant network (read-write).',
  examples: {
    create: { replicas: 2, sizeGb: 10 },
    update: (n) => ({ preset: n % 2 ? 'small' : 'nano' }),
  },
  docs: {
    example: `resource "hikube_mariadb" "shop" {
  tenant_id = hikube_tenant.production.id
  name      = "shop"
  version   = "v11.4"
  replicas  = 3
  size_gb   = 20
  preset    = "small"
}

output "shop_host" {
  value = hikube_mariadb.shop.host
}`,
    imported: { local: 'shop', path: 'acme/production/shop' },
  },
});
export const mariadbModel = mariadb.model;
export const mariadbKind = mariadb.kind;
export const MARIADB_ID_PATTERN = mariadb.idPattern;

/** Default collations a database may have (its character set is the collation's prefix). */
export const MARIADB_COLLATIONS = ['utf8mb4_unicode_ci', 'utf8mb4_general_ci', 'utf8mb4_bin', 'utf8mb3_general_ci', 'latin1_swedish_ci'] as const;
const DEFAULT_COLLATION = 'utf8mb4_unicode_ci';

/** Databases of MariaDB clusters: /v1/mariadb-databases (`databases` of Cozystack's `MySQL`). */
const mariadbDatabase = clusterChildKind({
  name: 'mariadb-database',
  parent: { kind: mariadbKind, engine: 'MariaDB', idPattern: MARIADB_ID_PATTERN },
  what: 'database',
  typeName: 'hikube_mariadb_database',
  schemaName: 'MariadbDatabase',
  collection: '/v1/mariadb-databases',
  idPrefix: 'mdbdb',
  naming: DATABASE_NAMING,
  described: ', with its default collation',
  extras: {
    collation: {
      type: t.string,
      optional: true,
      computed: true,
      default: DEFAULT_COLLATION,
      description:
        `Default collation (and so character set) of the tables created in the database: ${MARIADB_COLLATIONS.map((c) => `\`${c}\``).join(', ')}. ` +
        `Defaults to \`${DEFAULT_COLLATION}\`. Changed in place (\`ALTER DATABASE\`): existing tables keep theirs.`,
      validation: { oneOf: MARIADB_COLLATIONS },
    },
  },
  examples: {
    create: { collation: DEFAULT_COLLATION },
    update: (n) => ({ collation: n % 2 ? 'utf8mb4_bin' : 'utf8mb4_general_ci' }),
  },
  docs: {
    example: `resource "hikube_mariadb_database" "catalog" {
  mariadb_id = hikube_mariadb.shop.id
  name       = "catalog"
  collation  = "utf8mb4_unicode_ci"
}`,
    imported: { local: 'catalog', path: 'acme/production/shop/catalog' },
  },
});
export const mariadbDatabaseModel = mariadbDatabase.model;
export const mariadbDatabaseKind = mariadbDatabase.kind;
