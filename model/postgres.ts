import { RESOURCE_PRESET_NAMES, RESOURCE_PRESETS } from './catalog';
import { createdAtAttribute, idAttribute, monthlyCostAttribute, nameAttribute, statusAttribute, statusReasonAttribute, storageClassAttribute, tenantIdAttribute, timeoutsAttribute } from './common';
import { ApiSpec, idPatternOf, KindDescriptor, KindProblem, KindSecrets, specNumber } from './kind';
import { DataServiceCostInput, dataServiceMonthlyCost, eur, PRICES } from './pricing';
import { ResourceModel, t } from './schema';
import { secretAttributes } from './secrets';

const ID_PREFIX = 'pg';
export const POSTGRES_ID_PATTERN = idPatternOf(ID_PREFIX);
/** Major versions Hikube runs; upgrades happen in place, one way. */
export const POSTGRES_VERSIONS = ['v15', 'v16', 'v17', 'v18'] as const;
export const DEFAULT_POSTGRES_VERSION = 'v17';
const TIMEOUTS = { create: '20m', update: '20m', delete: '10m' };
const DEFAULT_PRESET = 'micro';

export const postgresModel: ResourceModel = {
  typeName: 'hikube_postgres',
  collection: '/v1/postgres',
  noun: 'PostgreSQL cluster',
  schemaName: 'PostgresCluster',
  version: 0,
  description:
    'A managed PostgreSQL cluster in a tenant (CloudNativePG in Cozystack): one primary and up to seven replicas, each with its own volume, ' +
    'reachable inside the tenant at `host`, and from outside through a load balancer when `external` is set.',
  attributes: {
    id: idAttribute(ID_PREFIX),
    tenant_id: tenantIdAttribute('PostgreSQL cluster'),
    name: nameAttribute('PostgreSQL cluster'),
    version: {
      type: t.string,
      optional: true,
      computed: true,
      default: DEFAULT_POSTGRES_VERSION,
      description: `PostgreSQL major version: ${POSTGRES_VERSIONS.map((v) => `\`${v}\``).join(', ')}. Defaults to \`${DEFAULT_POSTGRES_VERSION}\`. Upgraded in place; never downgraded.`,
      validation: { oneOf: POSTGRES_VERSIONS },
    },
    replicas: {
      type: t.number,
      optional: true,
      computed: true,
      default: 2,
      description:
        'Instances, 1 to 8: `1` is a standalone server (its volume replicated by the storage), `2` to `8` a primary with streaming replicas and automatic failover. ' +
        'Defaults to `2`. Scaled in place within a mode; the mode itself cannot change after creation.',
      validation: { integer: true, min: 1, max: 8 },
    },
    size_gb: {
      type: t.number,
      optional: true,
      computed: true,
      default: 10,
      description: "Each instance's volume in GiB, 1 to 4096. Defaults to `10`. Grows in place, never shrinks.",
      validation: { integer: true, min: 1, max: 4096 },
    },
    storage_class: storageClassAttribute('Storage class of the volumes', 'cluster'),
    preset: {
      type: t.string,
      optional: true,
      computed: true,
      default: DEFAULT_PRESET,
      description:
        `Resources of each instance: ${RESOURCE_PRESET_NAMES.map((p) => `\`${p}\` (${RESOURCE_PRESETS[p].cpu} vCPU, ${RESOURCE_PRESETS[p].memoryGib} GiB)`).join(', ')}. ` +
        `Defaults to \`${DEFAULT_PRESET}\`. Changed in place (instances restart one by one).`,
      validation: { oneOf: RESOURCE_PRESET_NAMES },
    },
    external: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      description: 'Reachable from outside the tenant through a load balancer with a public address (billed; the security policy must allow external IPs). Defaults to `false`.',
    },
    max_connections: {
      type: t.number,
      optional: true,
      computed: true,
      default: 100,
      description: 'The server setting `max_connections`, 1 to 10000. Defaults to `100`. Changed in place.',
      validation: { integer: true, min: 1, max: 10000 },
    },
    host: { type: t.string, computed: true, stable: true, description: 'Address of the primary inside the tenant network (read-write).' },
    port: { type: t.number, computed: true, stable: true, description: 'TCP port, `5432`.' },
    external_ip: { type: t.string, computed: true, changesWith: ['external'], description: 'Public address when `external` is set; null otherwise.' },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    monthly_cost_estimate: monthlyCostAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** PostgreSQL clusters: /v1/postgres (Cozystack kind `Postgres`). */
export const postgresKind: KindDescriptor<'postgres'> = {
  name: 'postgres',
  model: postgresModel,
  label: 'postgres',
  idPrefix: ID_PREFIX,
  backendKind: 'Postgres',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/name',
  cost: {
    monthly: (spec) => dataServiceMonthlyCost(spec as unknown as DataServiceCostInput),
    inputs: ['replicas', 'preset', 'size_gb', 'storage_class', 'external'],
    explained:
      `every instance: its preset (the SKU \`preset.<name>\` of the \`data-services\` prices: ${eur(PRICES.cpu.u1)} per vCPU and ${eur(PRICES.memoryGib)} per GiB of memory, to the cent) and its volume ` +
      `(per GiB: ${eur(PRICES.diskGib.replicated)} replicated, ${eur(PRICES.diskGib.local)} local), plus ${eur(PRICES.externalIp.WholeIP)} for the public address when \`external\` is set.`,
  },
  engine: { versions: POSTGRES_VERSIONS },
  quota: {
    count: { key: 'postgres', counts: 'PostgreSQL clusters' },
    // Every instance's preset and volume.
    size(spec) {
      const replicas = specNumber(spec.replicas);
      const preset = RESOURCE_PRESETS[spec.preset as keyof typeof RESOURCE_PRESETS];
      return { cpu: replicas * (preset?.cpu ?? 0), memoryGib: replicas * (preset?.memoryGib ?? 0), storageGib: replicas * specNumber(spec.sizeGb) };
    },
    blame: { cpu: ['preset'], memoryGib: ['preset'], storageGib: ['sizeGb'], count: ['name'] },
  },
  policy: (spec) => ({ instanceTypes: [], externalAccess: spec.external === true ? { path: ['external'], method: 'WholeIP' } : undefined }),
  rules: (spec, previous) => (previous ? changeRules(spec, previous) : []),
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
};

/** Volumes never shrink, versions only go up, and a standalone server never becomes a replicated cluster (nor back). */
function changeRules(spec: ApiSpec, previous: ApiSpec): KindProblem[] {
  const problems: KindProblem[] = [];
  const [was, now] = [specNumber(previous.replicas), specNumber(spec.replicas)];
  if (was > 0 && now > 0 && (was === 1) !== (now === 1)) {
    problems.push({
      path: ['replicas'],
      title: 'Replication Mode Cannot Change',
      reason: `cannot switch between a standalone server (1) and a replicated cluster (2 to 8) in place: ${was} now`,
      value: now,
      fix: was === 1 ? 'Keep {{replicas}} at 1, or create a new cluster with 2 or more and move the data.' : 'Keep {{replicas}} at 2 or more.',
    });
  }
  if (specNumber(spec.sizeGb) < specNumber(previous.sizeGb)) {
    problems.push({ path: ['sizeGb'], title: 'Volume Cannot Shrink', reason: `volumes never shrink: ${String(previous.sizeGb)} GiB now`, value: spec.sizeGb });
  }
  const order = (v: unknown) => POSTGRES_VERSIONS.indexOf(v as (typeof POSTGRES_VERSIONS)[number]);
  if (order(spec.version) >= 0 && order(spec.version) < order(previous.version)) {
    problems.push({ path: ['version'], title: 'Version Cannot Go Back', reason: `major versions are upgraded, never downgraded: ${String(previous.version)} now`, value: spec.version });
  }
  return problems;
}

/** Database and role names: unquoted PostgreSQL identifiers, lowercase, at most 63 bytes. */
const POSTGRES_IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
const POSTGRES_IDENTIFIER_HINT = "1 to 63 lowercase letters, digits and '_', not starting with a digit";

const DATABASE_ID_PREFIX = 'pgdb';
const DATABASE_TIMEOUTS = { create: '10m', update: '10m', delete: '10m' };
/** Extensions a database may enable. */
export const POSTGRES_EXTENSIONS = ['citext', 'hstore', 'pg_stat_statements', 'pg_trgm', 'pgcrypto', 'postgis', 'uuid-ossp', 'vector'] as const;

export const postgresDatabaseModel: ResourceModel = {
  typeName: 'hikube_postgres_database',
  schemaName: 'PostgresDatabase',
  collection: '/v1/postgres-databases',
  noun: 'PostgreSQL database',
  version: 0,
  description: 'A database in a PostgreSQL cluster, with its extensions. Billed as part of its cluster; the cluster cannot be deleted while it has databases (Terraform deletes them first).',
  attributes: {
    id: idAttribute(DATABASE_ID_PREFIX),
    postgres_id: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: 'Id of the PostgreSQL cluster (`hikube_postgres`) holding the database. Changing it forces a new database.',
      validation: { pattern: POSTGRES_ID_PATTERN, patternHint: 'a PostgreSQL cluster id such as pg-abcdefghijklmnop' },
    },
    tenant_id: { type: t.string, computed: true, stable: true, description: "The cluster's tenant." },
    name: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: 'Database name, unique in its cluster: 1 to 63 lowercase letters, digits and `_`, not starting with a digit. Changing it forces a new database.',
      validation: { pattern: POSTGRES_IDENTIFIER_PATTERN, patternHint: POSTGRES_IDENTIFIER_HINT },
    },
    extensions: {
      type: t.list(t.string),
      optional: true,
      description: `Extensions enabled in the database: ${POSTGRES_EXTENSIONS.map((e) => `\`${e}\``).join(', ')}. Changed in place: added ones are created, removed ones dropped.`,
      validation: { oneOf: POSTGRES_EXTENSIONS, maxItems: POSTGRES_EXTENSIONS.length },
    },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(DATABASE_TIMEOUTS),
  },
};

/** Databases of PostgreSQL clusters: /v1/postgres-databases (`databases` of Cozystack's `Postgres`). */
export const postgresDatabaseKind: KindDescriptor<'postgres-database'> = {
  name: 'postgres-database',
  model: postgresDatabaseModel,
  label: 'postgres-database',
  idPrefix: DATABASE_ID_PREFIX,
  backendKind: 'Postgres',
  parent: { kind: 'postgres', field: 'postgresId' },
  timeouts: DATABASE_TIMEOUTS,
  importBy: 'tenant-path/parent/name',
  cost: { none: 'billed as part of its PostgreSQL cluster' },
  quota: { blame: {} },
  policy: () => ({ instanceTypes: [] }),
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
};

const USER_ID_PREFIX = 'pgu';
const USER_TIMEOUTS = { create: '10m', update: '10m', delete: '10m' };
/** A user's role on a database: `admin` owns it (DDL and data), `readonly` reads it. */
export const POSTGRES_DATABASE_ROLES = ['admin', 'readonly'] as const;
/** Roles the operator (CloudNativePG) keeps for itself, and PostgreSQL's reserved prefix. */
const RESERVED_ROLES = ['postgres', 'streaming_replica'];
const RESERVED_ROLE_PREFIX = 'pg_';

/** The user's password: generated (returned once, rotatable) unless supplied write-only. */
export const POSTGRES_USER_SECRETS: KindSecrets = {
  generated: [{ attribute: 'password', what: "the user's password", bytes: 24, verifier: 'scram-sha-256', suppliedBy: 'password_wo' }],
  rotatable: true,
};

export const postgresUserModel: ResourceModel = {
  typeName: 'hikube_postgres_user',
  schemaName: 'PostgresUser',
  collection: '/v1/postgres-users',
  noun: 'PostgreSQL user',
  version: 0,
  description:
    'A user (login role) of a PostgreSQL cluster, with a role on some of its databases and optionally the replication privilege. ' +
    'Its password is generated by the platform and returned once (kept in state, sensitive), rotated when `rotation_triggers` changes, or supplied write-only with `password_wo`. ' +
    'Billed as part of its cluster; the cluster cannot be deleted while it has users, nor a database while a user has a role on it.',
  attributes: {
    id: idAttribute(USER_ID_PREFIX),
    postgres_id: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: 'Id of the PostgreSQL cluster (`hikube_postgres`) the user belongs to. Changing it forces a new user.',
      validation: { pattern: POSTGRES_ID_PATTERN, patternHint: 'a PostgreSQL cluster id such as pg-abcdefghijklmnop' },
    },
    tenant_id: { type: t.string, computed: true, stable: true, description: "The cluster's tenant." },
    name: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: `Role name, unique in its cluster: ${POSTGRES_IDENTIFIER_HINT}; not \`${RESERVED_ROLES.join('` nor `')}\` and not starting with \`${RESERVED_ROLE_PREFIX}\` (kept by PostgreSQL and the operator). Changing it forces a new user.`,
      validation: { pattern: POSTGRES_IDENTIFIER_PATTERN, patternHint: POSTGRES_IDENTIFIER_HINT },
    },
    databases: {
      type: t.map(t.string),
      optional: true,
      description:
        `The user's role on databases of the cluster, by database name: ${POSTGRES_DATABASE_ROLES.map((r) => `\`${r}\``).join(' or ')} (owner, or read-only). ` +
        'Each database must exist in the cluster (the service refuses others); reference the database resource so Terraform creates it first: ' +
        '`databases = { (hikube_postgres_database.app.name) = "admin" }`. Changed in place.',
      validation: { oneOf: POSTGRES_DATABASE_ROLES, keyPattern: POSTGRES_IDENTIFIER_PATTERN, keyPatternHint: POSTGRES_IDENTIFIER_HINT, maxItems: 100 },
    },
    replication: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      description: 'The replication privilege (`REPLICATION`: streaming replication and logical decoding, e.g. for change data capture). Defaults to `false`. Changed in place.',
    },
    ...secretAttributes(POSTGRES_USER_SECRETS),
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(USER_TIMEOUTS),
  },
};

/** Users of PostgreSQL clusters: /v1/postgres-users (`users` of Cozystack's `Postgres`). */
export const postgresUserKind: KindDescriptor<'postgres-user'> = {
  name: 'postgres-user',
  model: postgresUserModel,
  label: 'postgres-user',
  idPrefix: USER_ID_PREFIX,
  backendKind: 'Postgres',
  parent: { kind: 'postgres', field: 'postgresId' },
  timeouts: USER_TIMEOUTS,
  importBy: 'tenant-path/parent/name',
  cost: { none: 'billed as part of its PostgreSQL cluster' },
  quota: { blame: {} },
  policy: () => ({ instanceTypes: [] }),
  secrets: POSTGRES_USER_SECRETS,
  refersTo: [{ field: 'databases', kind: 'postgres-database' }],
  rules(spec) {
    const name = spec.name;
    if (typeof name !== 'string') return [];
    if (RESERVED_ROLES.includes(name) || name.startsWith(RESERVED_ROLE_PREFIX)) {
      return [
        {
          path: ['name'],
          title: 'Reserved Role Name',
          reason: `is kept by PostgreSQL or the operator (${RESERVED_ROLES.join(', ')}, and every name starting with ${RESERVED_ROLE_PREFIX})`,
          value: name,
          fix: 'Choose another name, e.g. the application it serves.',
        },
      ];
    }
    return [];
  },
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
};
