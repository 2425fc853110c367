import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { Postgres } from '../../constructs/index';
import { onlyBlock, stackWithTenant, validationError } from './helpers';

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
