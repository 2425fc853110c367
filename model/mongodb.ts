import { clusterChildKind, clusterUserKind, DATA_SERVICE_MAX_REPLICAS, DATA_SERVICE_MAX_SIZE_GB, DATABASE_NAMING, dataServiceKind, replicationModeRule, volumeGrowsRule } from './data-service';
import { ApiSpec, KindProblem, KindSecrets, specNumber, specObject } from './kind';
import { InstanceGroup } from './pricing';
import { AttributeDef, t } from './schema';

/** Major versions Hikube runs; upgrades happen in place, one way. */
export const MONGODB_VERSIONS = ['v6', 'v7', 'v8'] as const;
export const MONGODB_PORT = 27017;
export const DEFAULT_MONGODB_VERSION = 'v8';

const SHARD_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;
const MAX_SHARDS = 16;

const shardAttributes: Record<string, AttributeDef> = {
  replicas: {
    type: t.number,
    required: true,
    description: `Members of the shard's replica set, 1 to ${DATA_SERVICE_MAX_REPLICAS}; as for \`replicas\`, 1 (standalone) never becomes 2 or more in place, nor back.`,
    validation: { integer: true, min: 1, max: DATA_SERVICE_MAX_REPLICAS },
  },
  size_gb: {
    type: t.number,
    optional: true,
    computed: true,
    default: 10,
    description: `Each member's volume in GiB, 1 to ${DATA_SERVICE_MAX_SIZE_GB}. Defaults to \`10\`. Grows in place, never shrinks.`,
    validation: { integer: true, min: 1, max: DATA_SERVICE_MAX_SIZE_GB },
  },
};

const shardingAttributes: Record<string, AttributeDef> = {
  config_servers: {
    type: t.number,
    optional: true,
    computed: true,
    default: 3,
    description: 'Members of the config server replica set (the cluster metadata), 1 to 7. Defaults to `3`. Scaled in place.',
    validation: { integer: true, min: 1, max: 7 },
  },
  config_server_size_gb: {
    type: t.number,
    optional: true,
    computed: true,
    default: 10,
    description: `Each config server's volume in GiB, 1 to ${DATA_SERVICE_MAX_SIZE_GB}. Defaults to \`10\`. Grows in place, never shrinks.`,
    validation: { integer: true, min: 1, max: DATA_SERVICE_MAX_SIZE_GB },
  },
  mongos: {
    type: t.number,
    optional: true,
    computed: true,
    default: 2,
    description: `Query routers (\`mongos\`, no volume) that clients connect to, 1 to ${DATA_SERVICE_MAX_REPLICAS}. Defaults to \`2\`. Scaled in place.`,
    validation: { integer: true, min: 1, max: DATA_SERVICE_MAX_REPLICAS },
  },
  shards: {
    type: t.map(t.object(shardAttributes)),
    required: true,
    description: `Shards by name (lowercase letters, digits and \`-\`), at least one, at most ${MAX_SHARDS}; each a replica set holding part of the data. Added and resized in place; never removed in place (MongoDB must drain a shard first).`,
    validation: { maxItems: MAX_SHARDS, keyPattern: SHARD_NAME_PATTERN, keyPatternHint: "a shard name: lowercase letters, digits and '-', starting with a letter" },
  },
};

const shardsOf = (sharding: unknown) => Object.entries(specObject(specObject(sharding).shards)).map(([name, s]) => [name, specObject(s)] as const);

/** The instances of a sharded cluster (config servers, routers, every shard's members); undefined for a replica set. */
function shardedInstances(spec: ApiSpec): InstanceGroup[] | undefined {
  if (spec.sharding === null || spec.sharding === undefined) return undefined;
  const s = specObject(spec.sharding);
  return [
    { count: specNumber(s.configServers), sizeGb: specNumber(s.configServerSizeGb) },
    { count: specNumber(s.mongos), sizeGb: 0 },
    ...shardsOf(spec.sharding).map(([, shard]) => ({ count: specNumber(shard.replicas), sizeGb: specNumber(shard.sizeGb) })),
  ];
}

/** A sharded cluster has a shard; sharding is chosen at creation; shards are never removed, their volumes never shrink, their mode never changes. */
function shardingRules(spec: ApiSpec, previous?: ApiSpec): KindProblem[] {
  const problems: KindProblem[] = [];
  const sharded = (s: ApiSpec) => s.sharding !== null && s.sharding !== undefined;
  if (sharded(spec) && specObject(spec.sharding).shards !== undefined && shardsOf(spec.sharding).length === 0) {
    problems.push({
      path: ['sharding', 'shards'],
      title: 'No Shard',
      reason: 'must name at least one shard',
      value: {},
      fix: 'Add a shard, e.g. `shards = { rs1 = { replicas = 3 } }`, or leave {{sharding}} out for one replica set.',
    });
  }
  if (!previous) return problems;
  if ('sharding' in spec && sharded(spec) !== sharded(previous)) {
    problems.push({
      path: ['sharding'],
      title: 'Sharding Cannot Change',
      reason: `is chosen at creation: the cluster is ${sharded(previous) ? 'sharded' : 'one replica set'} now`,
      fix: 'Create a new cluster and move the data.',
    });
    return problems;
  }
  if (!sharded(spec)) return problems;
  const [was, now] = [specObject(previous.sharding), specObject(spec.sharding)];
  problems.push(...volumeGrowsRule(['sharding', 'configServerSizeGb'], was.configServerSizeGb, now.configServerSizeGb));
  const nowShards = new Map(shardsOf(spec.sharding));
  if (now.shards !== undefined) {
    for (const [name, shard] of shardsOf(previous.sharding)) {
      const next = nowShards.get(name);
      if (!next) {
        problems.push({ path: ['sharding', 'shards'], title: 'Shard Cannot Be Removed', reason: `cannot remove shard ${name} in place: MongoDB must drain it first`, fix: `Keep shard ${name}.` });
        continue;
      }
      problems.push(...replicationModeRule(['sharding', 'shards', name, 'replicas'], specNumber(shard.replicas), specNumber(next.replicas)));
      problems.push(...volumeGrowsRule(['sharding', 'shards', name, 'sizeGb'], shard.sizeGb, next.sizeGb));
    }
  }
  return problems;
}

/** MongoDB clusters: /v1/mongodb (Cozystack kind `MongoDB`, run by the Percona operator). */
const mongodb = dataServiceKind({
  name: 'mongodb',
  engine: 'MongoDB',
  typeName: 'hikube_mongodb',
  collection: '/v1/mongodb',
  schemaName: 'MongodbCluster',
  description:
    'A managed MongoDB in a tenant (the Percona operator in Cozystack): a replica set of up to eight members, each with its own volume, or, with `sharding`, ' +
    'shards behind query routers; reachable inside the tenant at `host`, and from outside through a load balancer when `external` is set.',
  idPrefix: 'mgo',
  backendKind: 'MongoDB',
  versions: MONGODB_VERSIONS,
  defaultVersion: DEFAULT_MONGODB_VERSION,
  versionNoun: 'MongoDB major version',
  port: MONGODB_PORT,
  replicas: { default: 3, clustered: 'a replica set (one primary elected among them, the others secondaries)' },
  host: 'Address clients connect to inside the tenant network: the replica set, or the query routers when `sharding` is set.',
  extras: {
    sharding: {
      type: t.object(shardingAttributes),
      optional: true,
      description:
        'Shards the data over several replica sets behind query routers; null (the default) runs one replica set of `replicas` members of `size_gb`, ' +
        'which a sharded cluster does not use. Chosen at creation: set or removed later, it is refused (create a new cluster).',
    },
  },
  instances: {
    of: shardedInstances,
    inputs: ['sharding'],
    explained: 'With `sharding`, the instances are its config servers (with their volumes), its routers (without) and every shard member (with its volume), each of the preset.',
  },
  rules: shardingRules,
  examples: {
    create: { replicas: 3, sizeGb: 10 },
    update: (n) => ({ preset: n % 2 ? 'small' : 'nano' }),
  },
  docs: {
    example: `resource "hikube_mongodb" "events" {
  tenant_id = hikube_tenant.production.id
  name      = "events"
  version   = "v8"
  preset    = "medium"

  sharding = {
    config_servers = 3
    mongos         = 2
    shards = {
      rs1 = { replicas = 3, size_gb = 50 }
      rs2 = { replicas = 3, size_gb = 50 }
    }
  }
}

output "events_host" {
  value = hikube_mongodb.events.host
}`,
    imported: { local: 'events', path: 'acme/production/events' },
  },
});
export const mongodbModel = mongodb.model;
export const mongodbKind = mongodb.kind;
export const MONGODB_ID_PATTERN = mongodb.idPattern;

/** What the database profiler records. */
export const MONGODB_PROFILING = ['off', 'slow', 'all'] as const;

/** Databases of MongoDB clusters: /v1/mongodb-databases (`databases` of Cozystack's `MongoDB`). */
const mongodbDatabase = clusterChildKind({
  name: 'mongodb-database',
  parent: { kind: mongodbKind, engine: 'MongoDB', idPattern: MONGODB_ID_PATTERN },
  what: 'database',
  typeName: 'hikube_mongodb_database',
  schemaName: 'MongodbDatabase',
  collection: '/v1/mongodb-databases',
  idPrefix: 'mgodb',
  naming: DATABASE_NAMING,
  described: ', with its profiler setting',
  extras: {
    profiling: {
      type: t.string,
      optional: true,
      computed: true,
      default: 'off',
      description: 'What the database profiler records (`db.setProfilingLevel`): `off`, `slow` (operations over 100 ms) or `all`. Defaults to `off`. Changed in place.',
      validation: { oneOf: MONGODB_PROFILING },
    },
  },
  examples: {
    create: { profiling: 'off' },
    update: (n) => ({ profiling: n % 2 ? 'slow' : 'all' }),
  },
  docs: {
    example: `resource "hikube_mongodb_database" "analytics" {
  mongodb_id = hikube_mongodb.events.id
  name       = "analytics"
  profiling  = "slow"
}`,
    imported: { local: 'analytics', path: 'acme/production/events/analytics' },
  },
});
export const mongodbDatabaseModel = mongodbDatabase.model;
export const mongodbDatabaseKind = mongodbDatabase.kind;

/**
 * The user's password: generated (returned once, rotatable) unless supplied write-only. Kept as
 * MongoDB's own SCRAM-SHA-256 credential: salted and iterated, so a chosen password is safe too.
 */
export const MONGODB_USER_SECRETS: KindSecrets = {
  generated: [{ attribute: 'password', what: "the user's password", bytes: 24, verifier: 'mongodb-scram-sha-256', suppliedBy: 'password_wo' }],
  rotatable: true,
};

/** Users of MongoDB clusters: /v1/mongodb-users (`users` of Cozystack's `MongoDB`). */
const mongodbUser = clusterUserKind({
  name: 'mongodb-user',
  parent: { kind: mongodbKind, engine: 'MongoDB', idPattern: MONGODB_ID_PATTERN },
  grants: { kind: mongodbDatabaseKind, what: 'database' },
  rolesMeaning: "(MongoDB's `dbOwner`, or `read`)",
  typeName: 'hikube_mongodb_user',
  schemaName: 'MongodbUser',
  collection: '/v1/mongodb-users',
  idPrefix: 'mgou',
  description:
    'A user of a MongoDB cluster (authenticating with SCRAM-SHA-256 against `admin`), with a role on some of its databases. ' +
    'Its password is generated by the platform and returned once (kept in state, sensitive), rotated when `rotation_triggers` changes, or supplied write-only with `password_wo`. ' +
    'Billed as part of its cluster; the cluster cannot be deleted while it has users, nor a database while a user has a role on it.',
  naming: { pattern: /^[a-z_][a-z0-9_.-]{0,62}$/, hint: "1 to 63 lowercase letters, digits, '_', '.' and '-', not starting with a digit, '.' or '-'", noun: 'User' },
  // The Percona operator's backup user; its other system users (databaseAdmin, clusterAdmin...) are camelCase, which the pattern refuses anyway.
  reserved: { names: ['backup'], keptBy: 'MongoDB' },
  secrets: MONGODB_USER_SECRETS,
  examples: {
    create: { databases: {} },
    update: () => ({ databases: {} }),
  },
  docs: {
    example: `resource "hikube_mongodb_user" "ingest" {
  mongodb_id = hikube_mongodb.events.id
  name       = "ingest"
  # Referencing the database makes Terraform create it first.
  databases = { (hikube_mongodb_database.analytics.name) = "admin" }

  # Change to rotate the password in place.
  rotation_triggers = { rotated = "2026-12" }
}

output "ingest_password" {
  value     = hikube_mongodb_user.ingest.password
  sensitive = true
}`,
    imported: { local: 'ingest', path: 'acme/production/events/ingest' },
  },
});
export const mongodbUserModel = mongodbUser.model;
export const mongodbUserKind = mongodbUser.kind;
