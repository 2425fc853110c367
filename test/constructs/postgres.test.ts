import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { DatabaseRole, Postgres } from '../../constructs/index';
import { blocks, onlyBlock, resolve, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

describe('Postgres', () => {
  test('default: name from the id, everything else the model default (Terraform plans them)', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    new Postgres(stack, 'Orders', { tenant });

    // THEN
    expect(onlyBlock(stack, 'hikube_postgres')).toEqual({ tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`, name: 'orders' });
  });

  test('tenant.addPostgres() makes one in the tenant, as its child construct', () => {
    const { stack, tenant } = stackWithTenant();
    const db = tenant.addPostgres('Orders', { replicas: 1 });
    expect(db.node.scope).toBe(tenant);
    expect(db.tenant).toBe(tenant);
    expect(onlyBlock(stack, 'hikube_postgres')).toMatchObject({ name: 'orders', replicas: 1 });
  });

  test('can configure every setting, and exposes host, port and cost as tokens for outputs', () => {
    const { stack, tenant } = stackWithTenant();
    const db = new Postgres(stack, 'Orders', {
      tenant,
      name: 'orders-eu',
      version: 'v18',
      replicas: 3,
      sizeGb: 50,
      storageClass: 'local',
      preset: 'large',
      external: true,
      maxConnections: 500,
      timeouts: { create: '45m' },
    });
    new TerraformOutput(stack, 'host', { value: db.host });
    new TerraformOutput(stack, 'port', { value: db.port });
    expect(onlyBlock(stack, 'hikube_postgres')).toMatchObject({
      name: 'orders-eu',
      version: 'v18',
      replicas: 3,
      size_gb: 50,
      storage_class: 'local',
      preset: 'large',
      external: true,
      max_connections: 500,
      timeouts: { create: '45m' },
    });
    const out = JSON.parse(Testing.synth(stack)).output;
    expect(out.host.value).toBe(`\${hikube_postgres.${db.resource.friendlyUniqueId}.host}`);
    expect(out.port.value).toBe(`\${hikube_postgres.${db.resource.friendlyUniqueId}.port}`);
  });

  test.each([
    ['no instance', { replicas: 0 }, /invalid replicas: must be at least 1, got 0/],
    ['nine instances', { replicas: 9 }, /invalid replicas: must be at most 8, got 9/],
    ['an unknown preset', { preset: 'huge' as never }, /invalid preset: "huge" is not one of nano, micro, small, medium, large, xlarge, 2xlarge/],
    ['a volume too big', { sizeGb: 5000 }, /invalid sizeGb: must be at most 4096, got 5000/],
    ['an unknown version', { version: 'v14' as never }, /invalid version: .*v15, v16, v17, v18/],
  ])('refuses %s, naming the prop', (_what, props, message) => {
    const { stack, tenant } = stackWithTenant();
    expect(validationError(() => new Postgres(stack, 'Orders', { tenant, ...props })).message).toMatch(message);
  });
});

describe('PostgresDatabase', () => {
  test('addDatabase: in the cluster by id, name from the construct id, extensions as given', () => {
    const { stack, tenant } = stackWithTenant();
    const db = new Postgres(stack, 'Orders', { tenant });
    db.addDatabase('App', { extensions: ['pgcrypto', 'vector'] });
    expect(onlyBlock(stack, 'hikube_postgres_database')).toEqual({
      postgres_id: `\${hikube_postgres.${db.resource.friendlyUniqueId}.id}`,
      name: 'app',
      extensions: ['pgcrypto', 'vector'],
    });
  });

  test.each([
    ['a name Postgres refuses', { name: '1st' }, /invalid name: "1st" is invalid/],
    ['an unknown extension', { extensions: ['timescale' as never] }, /invalid extensions\[0\]: "timescale" is not one of/],
    ['an extension twice', { extensions: ['pgcrypto' as const, 'pgcrypto' as const] }, /extensions\.1 is listed more than once \(received "pgcrypto"\)\. List each extension once\./],
  ])('refuses %s, naming the prop', (_what, options, message) => {
    const { stack, tenant } = stackWithTenant();
    const db = new Postgres(stack, 'Orders', { tenant });
    expect(validationError(() => db.addDatabase('App', options)).message).toMatch(message);
  });
});

describe('PostgresUser', () => {
  const cluster = (tenant: ReturnType<typeof stackWithTenant>['tenant']) => tenant.addCluster('Apps', { nodeGroups: { workers: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.large' } } });

  test('addUser: in the cluster, name from the construct id, roles as given, created after its databases', () => {
    const { stack, tenant } = stackWithTenant();
    const pg = new Postgres(stack, 'Orders', { tenant });
    const app = pg.addDatabase('App');
    const user = pg.addUser('App_Writer', { databases: { app: DatabaseRole.ADMIN }, replication: true, rotationTriggers: { rotated: '2026-12' } });
    expect(user.node.scope).toBe(pg.node.findChild('Users'));
    expect(onlyBlock(stack, 'hikube_postgres_user')).toEqual({
      postgres_id: `\${hikube_postgres.${pg.resource.friendlyUniqueId}.id}`,
      name: 'app_writer',
      databases: { app: 'admin' },
      replication: true,
      rotation_triggers: { rotated: '2026-12' },
      depends_on: [`hikube_postgres_database.${app.resource.friendlyUniqueId}`],
    });
    expect(resolve(stack, user.password)).toBe(`\${hikube_postgres_user.${user.resource.friendlyUniqueId}.password}`);
  });

  test.each([
    [
      'a role on a database the cluster construct does not have',
      { databases: { reports: DatabaseRole.READONLY } },
      /invalid databases\["reports"\]: no database "reports" was added to PostgreSQL cluster orders \(it has app\).*addDatabase\('reports'\)/,
    ],
    ['an unknown role', { databases: { app: 'owner' as DatabaseRole } }, /invalid databases\["app"\]: "owner" is not one of admin, readonly/],
    ['a reserved name', { name: 'pg_monitor' }, /invalid name: is kept by PostgreSQL or the operator .*\(received "pg_monitor"\)\. Choose another name/],
    ['a name PostgreSQL refuses', { name: 'App' }, /invalid name: "App" is invalid/],
  ])('refuses %s, naming the field', (_what, options, message) => {
    const { stack, tenant } = stackWithTenant();
    const pg = new Postgres(stack, 'Orders', { tenant });
    pg.addDatabase('App');
    expect(validationError(() => pg.addUser('Writer', options)).message).toMatch(message);
  });

  test('connectionSecret: a kubernetes_secret through the cluster kubernetes provider with host, port, user, password, database and uri', () => {
    const { stack, tenant } = stackWithTenant();
    const pg = new Postgres(stack, 'Orders', { tenant });
    pg.addDatabase('App');
    const user = pg.addUser('App', { databases: { app: DatabaseRole.ADMIN } });
    user.connectionSecret(cluster(tenant), { namespace: 'shop' });
    const config = JSON.parse(Testing.synth(stack));
    const [provider] = config.provider.kubernetes;
    const secret = Object.values(config.resource.kubernetes_secret as Record<string, any>)[0];
    const pgRef = `hikube_postgres.${pg.resource.friendlyUniqueId}`;
    const userRef = `hikube_postgres_user.${user.resource.friendlyUniqueId}`;
    expect(secret).toEqual({
      provider: `kubernetes.${provider.alias}`,
      metadata: { name: 'orders-app', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'hikube-iac' } },
      type: 'Opaque',
      data: {
        host: `\${${pgRef}.host}`,
        port: `\${${pgRef}.port}`,
        user: 'app',
        password: `\${${userRef}.password}`,
        database: 'app',
        uri: `postgresql://app:\${${userRef}.password}@\${${pgRef}.host}:\${${pgRef}.port}/app`,
      },
    });
  });

  test('connectionSecret needs a database the user has a role on, and a namespace', () => {
    const { stack, tenant } = stackWithTenant();
    const pg = new Postgres(stack, 'Orders', { tenant });
    pg.addDatabase('App');
    pg.addDatabase('Reports');
    const user = pg.addUser('App', { databases: { app: DatabaseRole.ADMIN, reports: DatabaseRole.READONLY } });
    const k8s = cluster(tenant);
    expect(validationError(() => user.connectionSecret(k8s, { namespace: 'shop' })).message).toMatch(/a database is required: user app has a role on app, reports.*Pass `database`/);
    expect(validationError(() => user.connectionSecret(k8s, { namespace: 'shop', database: 'billing' })).message).toMatch(
      /invalid database: user app has no role on "billing" \(it has app, reports\)/,
    );
    expect(validationError(() => user.connectionSecret(k8s, { namespace: 'Shop!' })).message).toMatch(/invalid namespace: not a Kubernetes namespace name/);
    expect(user.connectionSecret(k8s, { namespace: 'shop', database: 'reports', name: 'reports-db' }).node.id).toBe('ConnectionSecret-reports-db');
    expect(Object.values(blocks(stack, 'kubernetes_secret'))[0].data.database).toBe('reports');
  });
});
