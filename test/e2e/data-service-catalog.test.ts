/**
 * data "hikube_presets" and data "hikube_postgres_extensions" through the real terraform,
 * provider and service: what they list is what the service serves, a preset picked from the
 * list creates a cluster, an extension from the list a database, and an unknown engine fails
 * validation.
 */
import { PRESET_ENGINE_NAMES } from '../../model/catalog-data-sources';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const CATALOG = `
data "hikube_presets" "all" {}

data "hikube_presets" "postgres" {
  engine = "postgres"
}

data "hikube_postgres_extensions" "all" {}

output "all" {
  value = data.hikube_presets.all.presets
}

output "postgres" {
  value = data.hikube_presets.postgres.presets
}

output "extensions" {
  value = data.hikube_postgres_extensions.all.extensions
}
`;

const USED = `
resource "hikube_tenant" "lab" {
  name = "lab"
}

resource "hikube_postgres" "lab" {
  tenant_id = hikube_tenant.lab.id
  name      = "lab"
  replicas  = 1
  preset    = [for p in data.hikube_presets.postgres.presets : p.name if p.cpu >= 2][0]
}

resource "hikube_postgres_database" "lab" {
  postgres_id = hikube_postgres.lab.id
  name        = "lab"
  extensions  = [data.hikube_postgres_extensions.all.extensions[0]]
}
`;

describe('data "hikube_presets" and "hikube_postgres_extensions"', () => {
  const suite = e2eSuite('e2e-ds-catalog', ['--sim-delays', '0']);
  const output = async <T>(name: string): Promise<T> => JSON.parse((await suite.ws.ok('output', '-json', name)).stdout) as T;
  const snake = (p: { engine: string; name: string; cpu: number; memoryGib: number; monthlyPrice: number }) => ({
    engine: p.engine,
    name: p.name,
    cpu: p.cpu,
    memory_gib: p.memoryGib,
    monthly_price: p.monthlyPrice,
  });

  test('they list what the service serves', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${CATALOG}`);
    await suite.ws.ok('init', '-no-color');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(await output('all')).toEqual((await suite.api.presets()).items.map(snake));
    expect(await output('postgres')).toEqual((await suite.api.presets('postgres')).items.map(snake));
    expect(await output('extensions')).toEqual((await suite.api.postgresExtensions()).extensions);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a preset and an extension taken from them make a cluster and a database; a second plan is empty', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${CATALOG}${USED}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const [pg] = (await suite.api.listResources<{ preset: string }>('/v1/postgres')).items;
    expect(pg.preset).toBe('large');
    const [db] = (await suite.api.listResources<{ extensions: string[] }>('/v1/postgres-databases')).items;
    expect(db.extensions).toEqual([(await suite.api.postgresExtensions()).extensions[0]]);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
    suite.ws.write(`${PROVIDER_BLOCK}${CATALOG}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources<{ id: string }>('/v1/postgres')).items).toEqual([]);
  });

  test('an unknown engine fails validation, naming the engines there are', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}\ndata "hikube_presets" "x" {\n  engine = "oracle"\n}\n`);
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    expect(run.stderr.replace(/\s+/g, ' ')).toContain(`engine`);
    expect(run.stderr.replace(/\s+/g, ' ')).toContain(PRESET_ENGINE_NAMES.join(', '));
  });
});
