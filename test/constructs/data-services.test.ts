import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { DatabaseRole, MariaDb, MariaDbVersion, MongoDb, MongoDbVersion, Preset, PostgresVersion, RabbitMq, RabbitMqVersion, Redis, RedisVersion } from '../../constructs/index';
import { RESOURCE_PRESET_NAMES } from '../../model';
import { MARIADB_VERSIONS } from '../../model/mariadb';
import { RABBITMQ_VERSIONS } from '../../model/rabbitmq';
import { blocks, onlyBlock, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

/** The engines beside PostgreSQL (test/constructs/postgres.test.ts), made through their tenant factory. */
const ENGINES = [
  { type: 'hikube_mariadb', make: (t: ReturnType<typeof stackWithTenant>['tenant'], props = {}) => t.addMariaDb('Shop', props), name: 'shop' },
  { type: 'hikube_redis', make: (t: ReturnType<typeof stackWithTenant>['tenant'], props = {}) => t.addRedis('Cache', props), name: 'cache' },
  { type: 'hikube_mongodb', make: (t: ReturnType<typeof stackWithTenant>['tenant'], props = {}) => t.addMongoDb('Events', props), name: 'events' },
  { type: 'hikube_rabbitmq', make: (t: ReturnType<typeof stackWithTenant>['tenant'], props = {}) => t.addRabbitMq('Jobs', props), name: 'jobs' },
];

describe.each(ENGINES)('$type', ({ type, make, name }) => {
  test('default: name from the id, in the tenant, everything else the model default (Terraform plans them)', () => {
    const { stack, tenant } = stackWithTenant();
    const made = make(tenant);
    expect(made.node.scope).toBe(tenant);
    expect(made.tenant).toBe(tenant);
    expect(onlyBlock(stack, type)).toEqual({ tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`, name });
  });

  test('can configure the settings every engine shares, and exposes host, port and cost as tokens', () => {
    const { stack, tenant } = stackWithTenant();
    const made = make(tenant, { name: `${name}-eu`, replicas: 3, sizeGb: 50, storageClass: 'local', preset: Preset.XLARGE2, external: true, timeouts: { create: '45m' } });
    new TerraformOutput(stack, 'host', { value: made.host });
    new TerraformOutput(stack, 'cost', { value: made.monthlyCostEstimate });
    expect(onlyBlock(stack, type)).toMatchObject({ name: `${name}-eu`, replicas: 3, size_gb: 50, storage_class: 'local', preset: '2xlarge', external: true, timeouts: { create: '45m' } });
    const out = JSON.parse(Testing.synth(stack)).output;
    expect(out.host.value).toBe(`\${${type}.${made.resource.friendlyUniqueId}.host}`);
    expect(out.cost.value).toBe(`\${${type}.${made.resource.friendlyUniqueId}.monthly_cost_estimate}`);
  });

  test.each([
    ['no instance', { replicas: 0 }, /invalid replicas: must be at least 1, got 0/],
    ['nine instances', { replicas: 9 }, /invalid replicas: must be at most 8, got 9/],
    ['an unknown preset', { preset: 'huge' }, /invalid preset: "huge" is not one of nano, micro, small, medium, large, xlarge, 2xlarge/],
    ['a volume too big', { sizeGb: 5000 }, /invalid sizeGb: must be at most 4096, got 5000/],
    ['an unknown version', { version: 'v1' }, /invalid version: "v1" is not one of/],
  ])('refuses %s, naming the prop', (_what, props, message) => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => make(tenant, props)).message).toMatch(message);
  });
});

describe('typed enums', () => {
  test('one Preset for every engine, with a member for every preset of the catalog', () => {
    expect(Object.values(Preset).sort()).toEqual([...RESOURCE_PRESET_NAMES].sort());
    expect(Preset.XLARGE2).toBe('2xlarge');
  });

  test('version enums name every version, dots as underscores', () => {
    expect(Object.values(MariaDbVersion)).toEqual([...MARIADB_VERSIONS]);
    expect(MariaDbVersion.V10_11).toBe('v10.11');
    expect(Object.values(RabbitMqVersion)).toEqual([...RABBITMQ_VERSIONS]);
    expect([PostgresVersion.V18, RedisVersion.V7, MongoDbVersion.V6, RabbitMqVersion.V4_0]).toEqual(['v18', 'v7', 'v6', 'v4.0']);
  });

  test('an engine takes its own enum', () => {
    const { stack, tenant } = stackWithTenant();
    new MariaDb(stack, 'Shop', { tenant, version: MariaDbVersion.V11_8, preset: Preset.SMALL });
    expect(onlyBlock(stack, 'hikube_mariadb')).toMatchObject({ version: 'v11.8', preset: 'small' });
  });
});

describe('MariaDbDatabase', () => {
  test('addDatabase: in the cluster by id, name from the construct id, collation as given', () => {
    const { stack, tenant } = stackWithTenant();
    const db = tenant.addMariaDb('Shop');
    const catalog = db.addDatabase('Product-Catalog', { collation: 'utf8mb4_bin' });
    expect(catalog.node.scope).toBe(db);
    expect(onlyBlock(stack, 'hikube_mariadb_database')).toEqual({ mariadb_id: `\${hikube_mariadb.${db.resource.friendlyUniqueId}.id}`, name: 'product_catalog', collation: 'utf8mb4_bin' });
  });

  test('refuses an unknown collation and a bad name, naming the prop', () => {
    const { tenant } = stackWithTenant();
    const db = tenant.addMariaDb('Shop');
    expect(validationError(() => db.addDatabase('App', { collation: 'utf16' as never })).message).toMatch(/invalid collation: "utf16" is not one of/);
    expect(validationError(() => db.addDatabase('Other', { name: '1st' })).message).toMatch(/invalid name: "1st" is invalid/);
  });
});

describe('Redis', () => {
  test('its own version enum and volume for snapshots', () => {
    const { stack, tenant } = stackWithTenant();
    new Redis(stack, 'Cache', { tenant, version: RedisVersion.V7, sizeGb: 2 });
    expect(onlyBlock(stack, 'hikube_redis')).toMatchObject({ name: 'cache', version: 'v7', size_gb: 2 });
  });

  test('auth and rotation as given; the generated password is a token of the resource', () => {
    const { stack, tenant } = stackWithTenant();
    const redis = tenant.addRedis('Cache', { authEnabled: true, rotationTriggers: { rotated: '2026-12' } });
    expect(onlyBlock(stack, 'hikube_redis')).toMatchObject({ auth_enabled: true, rotation_triggers: { rotated: '2026-12' } });
    new TerraformOutput(stack, 'password', { value: redis.password, sensitive: true });
    expect(JSON.parse(Testing.synth(stack)).output.password.value).toBe(`\${hikube_redis.${redis.resource.friendlyUniqueId}.password}`);
    const open = stackWithTenant();
    open.tenant.addRedis('Cache', { authEnabled: false });
    expect(onlyBlock(open.stack, 'hikube_redis')).toMatchObject({ auth_enabled: false });
  });
});

describe('MongoDb', () => {
  test('can shard: config servers, routers and shards as given', () => {
    const { stack, tenant } = stackWithTenant();
    const mongo = new MongoDb(stack, 'Events', { tenant, sharding: { configServers: 3, mongos: 2, shards: { rs1: { replicas: 3, sizeGb: 50 }, rs2: { replicas: 3 } } } });
    mongo.addDatabase('Analytics', { profiling: 'slow' });
    expect(onlyBlock(stack, 'hikube_mongodb')).toMatchObject({
      sharding: { config_servers: 3, mongos: 2, shards: { rs1: { replicas: 3, size_gb: 50 }, rs2: { replicas: 3 } } },
    });
    expect(onlyBlock(stack, 'hikube_mongodb_database')).toEqual({ mongodb_id: `\${hikube_mongodb.${mongo.resource.friendlyUniqueId}.id}`, name: 'analytics', profiling: 'slow' });
  });

  test.each([
    ['no shard', { shards: {} }, /invalid sharding\.shards: must name at least one shard/],
    ['eight config servers', { configServers: 8, shards: { rs1: { replicas: 3 } } }, /invalid sharding\.configServers: must be at most 7, got 8/],
    ['no router', { mongos: 0, shards: { rs1: { replicas: 3 } } }, /invalid sharding\.mongos: must be at least 1, got 0/],
    ['a shard of nine', { shards: { rs1: { replicas: 9 } } }, /invalid sharding\.shards\["rs1"\]\.replicas: must be at most 8, got 9/],
    ['a shard name with capitals', { shards: { RS1: { replicas: 3 } } }, /invalid sharding\.shards/],
  ])('refuses %s, naming the prop', (_what, sharding, message) => {
    const { stack, tenant } = stackWithTenant();
    expect(validationError(() => new MongoDb(stack, 'Events', { tenant, sharding })).message).toMatch(message);
  });
});

describe('RabbitMqVhost', () => {
  test('addVhost: in the cluster by id, name from the construct id (with -), queue type and limit as given', () => {
    const { stack, tenant } = stackWithTenant();
    const mq = new RabbitMq(stack, 'Jobs', { tenant });
    mq.addVhost('Billing-Eu', { defaultQueueType: 'stream', maxQueues: 50 });
    expect(onlyBlock(stack, 'hikube_rabbitmq_vhost')).toEqual({
      rabbitmq_id: `\${hikube_rabbitmq.${mq.resource.friendlyUniqueId}.id}`,
      name: 'billing-eu',
      default_queue_type: 'stream',
      max_queues: 50,
    });
  });

  test.each([
    ['an unknown queue type', { defaultQueueType: 'lazy' as never }, /invalid defaultQueueType: "lazy" is not one of classic, quorum, stream/],
    ['no queue allowed', { maxQueues: 0 }, /invalid maxQueues: must be at least 1, got 0/],
  ])('refuses %s, naming the prop', (_what, options, message) => {
    const { stack, tenant } = stackWithTenant();
    const mq = new RabbitMq(stack, 'Jobs', { tenant });
    expect(validationError(() => mq.addVhost('Billing', options)).message).toMatch(message);
  });
});

describe('MariaDbUser', () => {
  const cluster = (tenant: ReturnType<typeof stackWithTenant>['tenant']) => tenant.addCluster('Apps', { nodeGroups: { workers: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.large' } } });

  test('mariaDb.addUser(): roles on databases added first (Terraform creates them before), a connection limit, rotation', () => {
    const { stack, tenant } = stackWithTenant();
    const shop = tenant.addMariaDb('Shop');
    const catalog = shop.addDatabase('Catalog');
    const user = shop.addUser('Web-App', { databases: { catalog: DatabaseRole.ADMIN }, maxUserConnections: 50, rotationTriggers: { rotated: '2026-12' } });
    expect(user.node.scope?.node.id).toBe('Users');
    expect(onlyBlock(stack, 'hikube_mariadb_user')).toEqual({
      mariadb_id: `\${hikube_mariadb.${shop.resource.friendlyUniqueId}.id}`,
      name: 'web_app',
      databases: { catalog: 'admin' },
      max_user_connections: 50,
      rotation_triggers: { rotated: '2026-12' },
      depends_on: [`hikube_mariadb_database.${catalog.resource.friendlyUniqueId}`],
    });
  });

  test('connectionSecret: host, port, user, password, database and a mysql:// uri through the cluster kubernetes provider', () => {
    const { stack, tenant } = stackWithTenant();
    const shop = tenant.addMariaDb('Shop');
    shop.addDatabase('Catalog');
    const user = shop.addUser('Web', { databases: { catalog: DatabaseRole.READONLY } });
    user.connectionSecret(cluster(tenant), { namespace: 'shop' });
    const ref = `hikube_mariadb.${shop.resource.friendlyUniqueId}`;
    const userRef = `hikube_mariadb_user.${user.resource.friendlyUniqueId}`;
    const secret = Object.values(blocks(stack, 'kubernetes_secret'))[0];
    expect(secret.metadata.name).toBe('shop-web');
    expect(secret.data).toEqual({
      host: `\${${ref}.host}`,
      port: `\${${ref}.port}`,
      user: 'web',
      password: `\${${userRef}.password}`,
      database: 'catalog',
      uri: `mysql://web:\${${userRef}.password}@\${${ref}.host}:\${${ref}.port}/catalog`,
    });
  });

  test.each([
    [
      'a role on a database not added to the cluster',
      { databases: { orders: DatabaseRole.ADMIN } },
      /invalid databases\["orders"\]: no database "orders" was added to MariaDB cluster shop \(it has catalog\).*mariaDb.addDatabase\('orders'\)/,
    ],
    ['an unknown role', { databases: { catalog: 'owner' as DatabaseRole } }, /invalid databases\["catalog"\]: "owner" is not one of admin, readonly/],
    ['too many connections', { maxUserConnections: 10001 }, /invalid maxUserConnections: must be at most 10000, got 10001/],
    ['a name MariaDB keeps', { name: 'root' }, /invalid name: is kept by MariaDB or the operator \(root, mysql, repl\)/],
    ['a name too long', { name: 'a'.repeat(33) }, /invalid name: "a{33}" is invalid/],
  ])('refuses %s', (_, options, message) => {
    const { tenant } = stackWithTenant();
    const shop = tenant.addMariaDb('Shop');
    shop.addDatabase('Catalog');
    expect(validationError(() => shop.addUser('Web', options)).message).toMatch(message);
  });
});

describe('MongoDbUser and RabbitMqUser', () => {
  const cluster = (tenant: ReturnType<typeof stackWithTenant>['tenant']) => tenant.addCluster('Apps', { nodeGroups: { workers: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.large' } } });

  test('mongoDb.addUser(): roles on databases added first, rotation, a mongodb:// connection that authenticates against admin', () => {
    const { stack, tenant } = stackWithTenant();
    const events = tenant.addMongoDb('Events');
    const analytics = events.addDatabase('Analytics');
    const user = events.addUser('Ingest', { databases: { analytics: DatabaseRole.ADMIN }, rotationTriggers: { rotated: '2026-12' } });
    expect(user.node.scope?.node.id).toBe('Users');
    const ref = `hikube_mongodb.${events.resource.friendlyUniqueId}`;
    expect(onlyBlock(stack, 'hikube_mongodb_user')).toEqual({
      mongodb_id: `\${${ref}.id}`,
      name: 'ingest',
      databases: { analytics: 'admin' },
      rotation_triggers: { rotated: '2026-12' },
      depends_on: [`hikube_mongodb_database.${analytics.resource.friendlyUniqueId}`],
    });
    user.connectionSecret(cluster(tenant), { namespace: 'events' });
    const password = `\${hikube_mongodb_user.${user.resource.friendlyUniqueId}.password}`;
    const secret = Object.values(blocks(stack, 'kubernetes_secret'))[0];
    expect(secret.metadata.name).toBe('events-ingest');
    expect(secret.data).toEqual({
      host: `\${${ref}.host}`,
      port: `\${${ref}.port}`,
      user: 'ingest',
      password,
      database: 'analytics',
      uri: `mongodb://ingest:${password}@\${${ref}.host}:\${${ref}.port}/analytics?authSource=admin`,
    });
  });

  test('rabbitMq.addUser(): roles per vhost added first, an amqp:// connection to one of its vhosts', () => {
    const { stack, tenant } = stackWithTenant();
    const jobs = tenant.addRabbitMq('Jobs');
    const billing = jobs.addVhost('Billing');
    jobs.addVhost('Mail');
    const user = jobs.addUser('Worker', { vhosts: { billing: DatabaseRole.ADMIN, mail: DatabaseRole.READONLY } });
    const ref = `hikube_rabbitmq.${jobs.resource.friendlyUniqueId}`;
    expect(onlyBlock(stack, 'hikube_rabbitmq_user')).toMatchObject({ rabbitmq_id: `\${${ref}.id}`, name: 'worker', vhosts: { billing: 'admin', mail: 'readonly' } });
    expect(onlyBlock(stack, 'hikube_rabbitmq_user').depends_on).toContain(`hikube_rabbitmq_vhost.${billing.resource.friendlyUniqueId}`);
    expect(validationError(() => user.connection()).message).toMatch(/a vhost is required: user worker has a role on billing, mail/);
    user.connectionSecret(cluster(tenant), { namespace: 'jobs', vhost: 'billing' });
    const password = `\${hikube_rabbitmq_user.${user.resource.friendlyUniqueId}.password}`;
    expect(Object.values(blocks(stack, 'kubernetes_secret'))[0].data).toEqual({
      host: `\${${ref}.host}`,
      port: `\${${ref}.port}`,
      user: 'worker',
      password,
      vhost: 'billing',
      uri: `amqp://worker:${password}@\${${ref}.host}:\${${ref}.port}/billing`,
    });
  });

  test.each([
    [
      'a MongoDB role on a database not added to the cluster',
      (t: ReturnType<typeof stackWithTenant>['tenant']) => t.addMongoDb('Events').addUser('Ingest', { databases: { orders: DatabaseRole.ADMIN } }),
      /invalid databases\["orders"\]: no database "orders" was added to MongoDB cluster events \(it has none\).*mongoDb.addDatabase\('orders'\)/,
    ],
    ['a name MongoDB keeps', (t: ReturnType<typeof stackWithTenant>['tenant']) => t.addMongoDb('Events').addUser('Backup'), /invalid name: is kept by MongoDB or the operator \(backup\)/],
    [
      'a RabbitMQ role on a vhost not added to the cluster',
      (t: ReturnType<typeof stackWithTenant>['tenant']) => t.addRabbitMq('Jobs').addUser('Worker', { vhosts: { orders: DatabaseRole.READONLY } }),
      /invalid vhosts\["orders"\]: no vhost "orders" was added to RabbitMQ cluster jobs \(it has none\).*rabbitMq.addVhost\('orders'\)/,
    ],
    [
      'an unknown vhost role',
      (t: ReturnType<typeof stackWithTenant>['tenant']) => t.addRabbitMq('Jobs').addUser('Worker', { vhosts: { billing: 'owner' as DatabaseRole } }),
      /invalid vhosts\["billing"\]: "owner" is not one of admin, readonly/,
    ],
    [
      "the operator's user names",
      (t: ReturnType<typeof stackWithTenant>['tenant']) => t.addRabbitMq('Jobs').addUser('Admin', { name: 'default_user_abc' }),
      /invalid name: is kept by RabbitMQ or the operator/,
    ],
  ])('refuses %s', (_, make, message) => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => make(tenant)).message).toMatch(message);
  });
});

describe('Redis connection', () => {
  const cluster = (tenant: ReturnType<typeof stackWithTenant>['tenant']) => tenant.addCluster('Apps', { nodeGroups: { workers: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.large' } } });

  test('default: host, port and the generated password, in a redis:// uri and a Secret named after it', () => {
    const { stack, tenant } = stackWithTenant();
    const cache = tenant.addRedis('Cache');
    cache.connectionSecret(cluster(tenant), { namespace: 'web' });
    const ref = `hikube_redis.${cache.resource.friendlyUniqueId}`;
    const secret = Object.values(blocks(stack, 'kubernetes_secret'))[0];
    expect(secret.metadata).toMatchObject({ name: 'cache-redis', namespace: 'web' });
    expect(secret.data).toEqual({ host: `\${${ref}.host}`, port: `\${${ref}.port}`, password: `\${${ref}.password}`, uri: `redis://:\${${ref}.password}@\${${ref}.host}:\${${ref}.port}` });
  });

  test('can turn auth off: no password anywhere', () => {
    const { stack, tenant } = stackWithTenant();
    const cache = tenant.addRedis('Cache', { authEnabled: false });
    expect(cache.connection()).not.toHaveProperty('password');
    cache.connectionSecret(cluster(tenant), { namespace: 'web', name: 'cache' });
    const ref = `hikube_redis.${cache.resource.friendlyUniqueId}`;
    expect(Object.values(blocks(stack, 'kubernetes_secret'))[0].data).toEqual({ host: `\${${ref}.host}`, port: `\${${ref}.port}`, uri: `redis://\${${ref}.host}:\${${ref}.port}` });
  });

  test('fails if the cluster or namespace is missing', () => {
    const { tenant } = stackWithTenant();
    const cache = tenant.addRedis('Cache');
    expect(validationError(() => cache.connectionSecret(undefined as never, { namespace: 'web' })).message).toMatch(/a cluster is required/);
    expect(validationError(() => cache.connectionSecret(cluster(tenant), { namespace: 'Web!' })).message).toMatch(/invalid namespace/);
  });
});
