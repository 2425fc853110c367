/**
 * The managed data services beside PostgreSQL (test/e2e/postgres.test.ts covers what they share
 * in depth) through the real terraform, provider and service, all four in one configuration:
 * MariaDB with a database, Redis, a sharded MongoDB with a database, RabbitMQ with a vhost. The
 * plan shows each cost; apply makes them ready at host names in the tenant's namespace; in-place
 * changes; the change rules fail the plan on their attribute (a volume shrinking, a version going
 * back, sharding switched off, a shard removed); an unknown version fails validation; import by
 * path; a cluster is kept while it has a child; destroy. Then the constructs' synthesized
 * configuration of the same engines validates and plans with the real terraform.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { HikubeProvider, MariaDbVersion, Preset, Tenant } from '../../constructs/index';
import { costOf } from '../../model/kind';
import { KINDS } from '../../model/kinds';
import { e2eSuite, PROVIDER_BLOCK, tempDir, workspace } from './harness';

jest.setTimeout(300_000);

const TENANT = `
resource "hikube_tenant" "data" {
  name            = "data"
  security_policy = { external_ips_allowed = false }
}
`;

interface Settings {
  mariadb: string;
  mariadbDb: string;
  redis: string;
  mongodb: string;
  mongodbDb: string;
  rabbitmq: string;
  vhost: string;
}

const SHARDS = `shards = {
      rs1 = { replicas = 3, size_gb = 20 }
    }`;

const CREATED: Settings = {
  mariadb: 'replicas = 2\n  size_gb = 20\n  preset = "small"',
  mariadbDb: '',
  redis: 'replicas = 2',
  mongodb: `preset = "small"\n  sharding = {\n    config_servers = 3\n    mongos = 2\n    ${SHARDS}\n  }`,
  mongodbDb: '',
  rabbitmq: 'replicas = 3\n  version = "v4.0"',
  vhost: '',
};

const config = (s: Settings) => `${PROVIDER_BLOCK}${TENANT}
resource "hikube_mariadb" "shop" {
  tenant_id = hikube_tenant.data.id
  name      = "shop"
  ${s.mariadb}
}

resource "hikube_mariadb_database" "catalog" {
  mariadb_id = hikube_mariadb.shop.id
  name       = "catalog"
  ${s.mariadbDb}
}

resource "hikube_redis" "cache" {
  tenant_id = hikube_tenant.data.id
  name      = "cache"
  ${s.redis}
}

resource "hikube_mongodb" "events" {
  tenant_id = hikube_tenant.data.id
  name      = "events"
  ${s.mongodb}
}

resource "hikube_mongodb_database" "analytics" {
  mongodb_id = hikube_mongodb.events.id
  name       = "analytics"
  ${s.mongodbDb}
}

resource "hikube_rabbitmq" "jobs" {
  tenant_id = hikube_tenant.data.id
  name      = "jobs"
  ${s.rabbitmq}
}

resource "hikube_rabbitmq_vhost" "billing" {
  rabbitmq_id = hikube_rabbitmq.jobs.id
  name        = "billing"
  ${s.vhost}
}
`;

interface Made {
  id: string;
  name: string;
  version: string;
  replicas: number;
  sizeGb: number;
  preset: string;
  host: string;
  port: number;
  status: string;
  monthlyCostEstimate: number;
  sharding?: unknown;
}

/** Each diagnostic of a run, by the resource it names (`with hikube_x.y`). */
function diagnostics(stderr: string): { address: string; text: string }[] {
  return stderr
    .split(/(?=Error: )/)
    .filter((block) => block.startsWith('Error: '))
    .map((block) => ({ address: /with ([a-z_]+\.[a-z_]+)/.exec(block)?.[1] ?? '', text: block.replace(/[\s│╷╵]+/g, ' ') }));
}

describe('managed data services: MariaDB, Redis, MongoDB, RabbitMQ', () => {
  const suite = e2eSuite('e2e-data-services', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const only = async (collection: string) => {
    const { items } = await suite.api.listResources<Made>(collection);
    expect(items).toHaveLength(1);
    return items[0];
  };
  /** What the plan must show: each kind's own cost function over the spec the service then stores. */
  const expectedCost = (kind: 'mariadb' | 'redis' | 'mongodb' | 'rabbitmq', made: Made) => {
    const cost = costOf(KINDS[kind]);
    if (!cost) throw new Error(`${kind} has no cost`);
    return cost.monthly(made as unknown as Record<string, unknown>);
  };

  beforeAll(async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await suite.ws.ok('init', '-no-color');
  });

  test('the plan shows every cost; apply makes each ready, at the cost planned, reachable in the tenant namespace', async () => {
    suite.ws.write(config(CREATED));
    const plan = plain((await suite.ws.ok('plan', '-no-color')).stdout);
    expect(plan).toContain('8 to add, 0 to change, 0 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const tenant = await suite.api.getTenantByPath('acme/data');
    const ns = tenant.namespace;

    const mariadb = await only('/v1/mariadb');
    expect(mariadb).toMatchObject({ version: 'v11.4', replicas: 2, sizeGb: 20, preset: 'small', port: 3306, status: 'ready', host: `mysql-shop-primary.${ns}.svc` });
    const redis = await only('/v1/redis');
    expect(redis).toMatchObject({ version: 'v8', replicas: 2, sizeGb: 1, preset: 'micro', port: 6379, status: 'ready', host: `rfrm-redis-cache.${ns}.svc` });
    const mongodb = await only('/v1/mongodb');
    expect(mongodb).toMatchObject({
      version: 'v8',
      port: 27017,
      status: 'ready',
      host: `mongodb-events-mongos.${ns}.svc`,
      sharding: { configServers: 3, configServerSizeGb: 10, mongos: 2, shards: { rs1: { replicas: 3, sizeGb: 20 } } },
    });
    const rabbitmq = await only('/v1/rabbitmq');
    expect(rabbitmq).toMatchObject({ version: 'v4.0', replicas: 3, port: 5672, status: 'ready', host: `rabbitmq-jobs.${ns}.svc` });

    // Every cost as planned (the plan printed it before the service had the object) and as the kind computes it.
    for (const [kind, made] of [
      ['mariadb', mariadb],
      ['redis', redis],
      ['mongodb', mongodb],
      ['rabbitmq', rabbitmq],
    ] as const) {
      expect(made.monthlyCostEstimate).toBe(expectedCost(kind, made));
      expect(made.monthlyCostEstimate).toBeGreaterThan(0);
      expect(plan).toContain(`+ monthly_cost_estimate = ${made.monthlyCostEstimate}`);
    }
    // Sharded: 3 config servers with 10 GiB, 2 routers, 3 shard members with 20 GiB, all "small"; not 3 of size_gb.
    expect(mongodb.monthlyCostEstimate).toBeGreaterThan(expectedCost('mongodb', { ...mongodb, sharding: null }));

    const children = await Promise.all(['/v1/mariadb-databases', '/v1/mongodb-databases', '/v1/rabbitmq-vhosts'].map((c) => only(c)));
    expect(children.map((c) => c as unknown as Record<string, unknown>)).toEqual([
      expect.objectContaining({ name: 'catalog', mariadbId: mariadb.id, tenantId: tenant.id, collation: 'utf8mb4_unicode_ci', status: 'ready' }),
      expect.objectContaining({ name: 'analytics', mongodbId: mongodb.id, tenantId: tenant.id, profiling: 'off', status: 'ready' }),
      expect.objectContaining({ name: 'billing', rabbitmqId: rabbitmq.id, tenantId: tenant.id, defaultQueueType: 'quorum', maxQueues: null, status: 'ready' }),
    ]);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  const CHANGED: Settings = {
    mariadb: 'replicas = 3\n  size_gb = 30\n  preset = "medium"\n  version = "v11.8"',
    mariadbDb: 'collation = "utf8mb4_bin"',
    redis: 'replicas = 3\n  size_gb = 2\n  version = "v8"',
    mongodb: `preset = "small"\n  sharding = {\n    config_servers = 3\n    mongos = 3\n    shards = {\n      rs1 = { replicas = 3, size_gb = 30 }\n      rs2 = { replicas = 2 }\n    }\n  }`,
    mongodbDb: 'profiling = "slow"',
    rabbitmq: 'replicas = 3\n  version = "v4.2"',
    vhost: 'default_queue_type = "stream"\n  max_queues = 200',
  };

  test('scaling, bigger volumes, upgrades, a new shard and the children’s settings change in place', async () => {
    const before = await Promise.all(['/v1/mariadb', '/v1/redis', '/v1/mongodb', '/v1/rabbitmq'].map((c) => only(c)));
    suite.ws.write(config(CHANGED));
    expect(plain((await suite.ws.ok('plan', '-no-color')).stdout)).toContain('0 to add, 7 to change, 0 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const after = await Promise.all(['/v1/mariadb', '/v1/redis', '/v1/mongodb', '/v1/rabbitmq'].map((c) => only(c)));
    expect(after.map((a) => a.id)).toEqual(before.map((b) => b.id));
    expect(after[0]).toMatchObject({ replicas: 3, sizeGb: 30, preset: 'medium', version: 'v11.8', status: 'ready' });
    expect(after[1]).toMatchObject({ replicas: 3, sizeGb: 2, status: 'ready' });
    expect(after[2]).toMatchObject({ sharding: { mongos: 3, shards: { rs1: { sizeGb: 30 }, rs2: { replicas: 2, sizeGb: 10 } } }, status: 'ready' });
    expect(after[2].monthlyCostEstimate).toBeGreaterThan(before[2].monthlyCostEstimate);
    expect(after[3]).toMatchObject({ version: 'v4.2', status: 'ready' });
    expect(await only('/v1/rabbitmq-vhosts')).toMatchObject({ defaultQueueType: 'stream', maxQueues: 200 });
    expect(await only('/v1/mongodb-databases')).toMatchObject({ profiling: 'slow' });
    expect(await only('/v1/mariadb-databases')).toMatchObject({ collation: 'utf8mb4_bin' });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a shrinking volume, a version going back, a switch to standalone, a shard removed and sharding dropped fail the plan, each on its resource and attribute', async () => {
    suite.ws.write(
      config({
        ...CHANGED,
        mariadb: 'replicas = 3\n  size_gb = 10\n  preset = "medium"\n  version = "v11.4"',
        redis: 'replicas = 1\n  size_gb = 2',
        mongodb: `preset = "small"\n  sharding = {\n    mongos = 3\n    shards = {\n      rs1 = { replicas = 3, size_gb = 30 }\n    }\n  }`,
        rabbitmq: 'replicas = 3\n  version = "v3.13"',
      }),
    );
    const plan = await suite.ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const found = diagnostics(plan.stderr);
    const on = (address: string) => found.filter((d) => d.address === address).map((d) => d.text);
    expect(on('hikube_mariadb.shop').join(' ')).toContain('size_gb volumes never shrink: 30 GiB now, got 10');
    expect(on('hikube_mariadb.shop').join(' ')).toContain('Version Cannot Go Back');
    expect(on('hikube_redis.cache').join(' ')).toContain('replicas cannot switch between a standalone server (1) and a replicated cluster (2 to 8) in place: 3 now, got 1');
    expect(on('hikube_mongodb.events').join(' ')).toContain('Shard Cannot Be Removed');
    expect(on('hikube_mongodb.events').join(' ')).toContain('cannot remove shard rs2 in place');
    expect(on('hikube_rabbitmq.jobs').join(' ')).toContain('version versions are upgraded, never downgraded: v4.2 now');

    suite.ws.write(config({ ...CHANGED, mongodb: 'preset = "small"' }));
    const unsharded = await suite.ws.tf('plan', '-no-color');
    expect(unsharded.code).toBe(1);
    expect(diagnostics(unsharded.stderr).find((d) => d.address === 'hikube_mongodb.events')?.text).toContain('Sharding Cannot Change');
    expect((await only('/v1/mariadb')).sizeGb).toBe(30);
  });

  test('an unknown version, preset or collation fails validation, naming the attribute', async () => {
    suite.ws.write(config({ ...CHANGED, redis: 'version = "v6"', rabbitmq: 'preset = "huge"', mariadbDb: 'collation = "utf16"' }));
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const found = diagnostics(run.stderr);
    expect(found.find((d) => d.address === 'hikube_redis.cache')?.text).toMatch(/version.*"v6".*v7, v8/);
    expect(found.find((d) => d.address === 'hikube_rabbitmq.jobs')?.text).toContain('preset');
    expect(found.find((d) => d.address === 'hikube_mariadb_database.catalog')?.text).toContain('utf16');
  });

  test('import by tenant path and name (children: and cluster name) gives a state with nothing to change', async () => {
    suite.ws.write(config(CHANGED));
    const addresses = {
      'hikube_mariadb.shop': 'acme/data/shop',
      'hikube_mariadb_database.catalog': 'acme/data/shop/catalog',
      'hikube_redis.cache': 'acme/data/cache',
      'hikube_mongodb.events': 'acme/data/events',
      'hikube_mongodb_database.analytics': 'acme/data/events/analytics',
      'hikube_rabbitmq.jobs': 'acme/data/jobs',
      'hikube_rabbitmq_vhost.billing': 'acme/data/jobs/billing',
    };
    await suite.ws.ok('state', 'rm', ...Object.keys(addresses));
    for (const [address, path] of Object.entries(addresses)) await suite.ws.ok('import', '-no-color', address, path);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a cluster with a vhost cannot go, and the service says which', async () => {
    const mq = await only('/v1/rabbitmq');
    const refused = await suite.api.deleteResource('/v1/rabbitmq', mq.id).then(
      () => undefined,
      (err: { status: number; problem: { detail: string } }) => err,
    );
    expect(refused?.status).toBe(409);
    expect(refused?.problem.detail).toContain('still has 1 RabbitMQ vhost: billing; delete it first');
  });

  test('destroy removes the children, then the clusters', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    for (const c of ['/v1/mariadb', '/v1/mariadb-databases', '/v1/redis', '/v1/mongodb', '/v1/mongodb-databases', '/v1/rabbitmq', '/v1/rabbitmq-vhosts']) {
      expect((await suite.api.listResources(c)).items).toEqual([]);
    }
  });

  test("the constructs' configuration of every engine validates and plans with the real terraform", async () => {
    const app = new App({ outdir: tempDir('e2e-data-services-synth') });
    const stack = new TerraformStack(app, 'data');
    new HikubeProvider(stack, 'Hikube');
    const tenant = Tenant.fromTenantPath(stack, 'Data', 'acme/data');
    tenant.addMariaDb('Shop', { version: MariaDbVersion.V11_8, preset: Preset.SMALL }).addDatabase('Catalog', { collation: 'utf8mb4_bin' });
    tenant.addRedis('Cache', { replicas: 1 });
    tenant.addMongoDb('Events', { sharding: { shards: { rs1: { replicas: 3 } } } }).addDatabase('Analytics');
    tenant.addRabbitMq('Jobs').addVhost('Billing', { maxQueues: 10 });
    const ws = workspace(suite.service, 'e2e-data-services-constructs');
    ws.write(JSON.parse(Testing.synth(stack)) as object);
    await ws.ok('init', '-no-color');
    await ws.ok('validate', '-no-color');
    const plan = plain((await ws.ok('plan', '-no-color')).stdout);
    expect(plan).toContain('7 to add, 0 to change, 0 to destroy');
    expect(plan.match(/\+ monthly_cost_estimate = [0-9.]+/g)).toHaveLength(4);
  });
});
