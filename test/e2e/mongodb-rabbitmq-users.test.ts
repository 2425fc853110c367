/**
 * MongoDB and RabbitMQ users through the real terraform, provider and service: users with roles
 * on a database (a vhost) made in the same apply, their generated passwords in state (sensitive),
 * a second plan empty, a role changed in place, rotation by `rotation_triggers`, a MongoDB
 * password supplied write-only instead, import by path (password null), a role on a missing vhost
 * refused on the attribute, destroy in order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2eSuite, PROVIDER_BLOCK, stateInstance } from './harness';

jest.setTimeout(240_000);

const config = (mongoUser: string, rabbitUser: string, extra = '') => `${PROVIDER_BLOCK}
resource "hikube_tenant" "events" {
  name = "events"
}

resource "hikube_mongodb" "events" {
  tenant_id = hikube_tenant.events.id
  name      = "events"
  replicas  = 1
}

resource "hikube_mongodb_database" "analytics" {
  mongodb_id = hikube_mongodb.events.id
  name       = "analytics"
}

resource "hikube_mongodb_user" "ingest" {
  mongodb_id = hikube_mongodb.events.id
  name       = "ingest"
  databases  = { (hikube_mongodb_database.analytics.name) = "admin" }
${mongoUser}
}

resource "hikube_rabbitmq" "jobs" {
  tenant_id = hikube_tenant.events.id
  name      = "jobs"
  replicas  = 1
}

resource "hikube_rabbitmq_vhost" "billing" {
  rabbitmq_id = hikube_rabbitmq.jobs.id
  name        = "billing"
}

resource "hikube_rabbitmq_user" "worker" {
  rabbitmq_id = hikube_rabbitmq.jobs.id
  name        = "worker"
${rabbitUser}
}
${extra}`;

const PASSWORD = /^[A-Za-z0-9_-]{32}$/;
const READONLY = '  vhosts = { (hikube_rabbitmq_vhost.billing.name) = "readonly" }';
const ADMIN = '  vhosts = { (hikube_rabbitmq_vhost.billing.name) = "admin" }';
const ROTATED = '  rotation_triggers = { rotated = "2026-12" }';

describe('hikube_mongodb_user and hikube_rabbitmq_user', () => {
  const suite = e2eSuite('e2e-mongodb-rabbitmq-users', ['--sim-delays', '0']);
  const ok = (...args: string[]) => suite.ws.ok(...args);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const instance = (type: string) => stateInstance(suite.ws, type);
  const applyClean = async (mongoUser: string, rabbitUser: string) => {
    suite.ws.write(config(mongoUser, rabbitUser));
    await ok('apply', '-auto-approve', '-no-color');
    expect((await ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  };

  beforeAll(async () => {
    suite.ws.write(config('', READONLY));
    await ok('init', '-no-color');
  });

  let mongoFirst: string;
  let rabbitFirst: string;

  test('made with their database and vhost in one apply: passwords in state, sensitive, null in the API; the next plan is empty', async () => {
    await applyClean('', READONLY);
    mongoFirst = String(instance('hikube_mongodb_user').attributes.password);
    rabbitFirst = String(instance('hikube_rabbitmq_user').attributes.password);
    expect([mongoFirst, rabbitFirst]).toEqual([expect.stringMatching(PASSWORD), expect.stringMatching(PASSWORD)]);
    expect(instance('hikube_mongodb_user').attributes).toMatchObject({ databases: { analytics: 'admin' } });
    expect(instance('hikube_rabbitmq_user').attributes).toMatchObject({ vhosts: { billing: 'readonly' } });
    for (const type of ['hikube_mongodb_user', 'hikube_rabbitmq_user']) expect(JSON.stringify(instance(type).sensitive_attributes)).toContain('password');
    for (const c of ['/v1/mongodb-users', '/v1/rabbitmq-users'])
      expect((await suite.api.listResources<{ password: string | null; status: string }>(c)).items[0]).toMatchObject({ password: null, status: 'ready' });
  });

  test("a vhost role changes in place and keeps the password; rotation_triggers rotates each user's own", async () => {
    await applyClean('', ADMIN);
    expect(instance('hikube_rabbitmq_user').attributes).toMatchObject({ vhosts: { billing: 'admin' }, password: rabbitFirst });
    suite.ws.write(config(ROTATED, `${ADMIN}\n${ROTATED}`));
    expect(plain((await ok('plan', '-no-color')).stdout)).toContain('~ password = (sensitive value)');
    await applyClean(ROTATED, `${ADMIN}\n${ROTATED}`);
    expect(instance('hikube_mongodb_user').attributes.password).toMatch(PASSWORD);
    expect(instance('hikube_mongodb_user').attributes.password).not.toBe(mongoFirst);
    expect(instance('hikube_rabbitmq_user').attributes.password).not.toBe(rabbitFirst);
  });

  test('a role on a vhost the cluster does not have is refused, naming vhosts["..."]; a RabbitMQ password cannot be supplied', async () => {
    suite.ws.write(config(ROTATED, ADMIN, `\nresource "hikube_rabbitmq_user" "ghost" {\n  rabbitmq_id = hikube_rabbitmq.jobs.id\n  name        = "ghost"\n  vhosts      = { orders = "admin" }\n}\n`));
    const run = await suite.ws.tf('apply', '-auto-approve', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('vhosts["orders"]');
    expect(plain(run.stderr)).toContain('names no RabbitMQ vhost of this RabbitMQ cluster (it has billing)');
    suite.ws.write(config(ROTATED, `${ADMIN}\n  password_wo = "correct horse battery staple"`));
    const invalid = await suite.ws.tf('validate', '-no-color');
    expect(invalid.code).toBe(1);
    expect(plain(invalid.stderr)).toContain('password_wo');
  });

  test('a MongoDB password supplied write-only: password null in state, the write-only value in neither plan nor state', async () => {
    await applyClean('  password_wo         = "correct horse battery staple"\n  password_wo_version = 1', `${ADMIN}\n${ROTATED}`);
    expect(instance('hikube_mongodb_user').attributes).toMatchObject({ password: null, password_wo: null });
    expect(fs.readFileSync(path.join(suite.ws.dir, 'terraform.tfstate'), 'utf8')).not.toContain('correct horse battery staple');
  });

  test('import by tenant path, cluster and name: the password is null', async () => {
    suite.ws.write(config(ROTATED, `${ADMIN}\n${ROTATED}`));
    await ok('state', 'rm', 'hikube_rabbitmq_user.worker');
    await ok('import', '-no-color', 'hikube_rabbitmq_user.worker', 'acme/events/jobs/worker');
    expect(instance('hikube_rabbitmq_user').attributes).toMatchObject({ password: null, vhosts: { billing: 'admin' } });
  });

  test('destroy: the users, then the database and vhost, then the clusters', async () => {
    suite.ws.write(PROVIDER_BLOCK);
    await ok('apply', '-auto-approve', '-no-color');
    for (const c of ['/v1/mongodb-users', '/v1/mongodb-databases', '/v1/mongodb', '/v1/rabbitmq-users', '/v1/rabbitmq-vhosts', '/v1/rabbitmq'])
      expect((await suite.api.listResources(c)).items).toEqual([]);
  });
});
