/**
 * data "hikube_gpus" through the real terraform, provider and service: it lists what the service
 * serves; a GPU taken from it makes a VM; a deprecated GPU name still applies, with a warning at
 * plan naming its replacement; an unknown name fails validation listing only the offered GPUs.
 */
import { CURRENT_GPU_MODELS } from '../../model/catalog';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const GPUS = `
data "hikube_gpus" "all" {}

data "hikube_gpus" "offered" {
  available_only = true
}

output "all" {
  value = data.hikube_gpus.all.gpus
}

output "offered" {
  value = data.hikube_gpus.offered.gpus[*].name
}
`;

const vm = (gpu: string) => `
resource "hikube_tenant" "lab" {
  name = "lab"
}

resource "hikube_virtual_machine" "trainer" {
  tenant_id     = hikube_tenant.lab.id
  name          = "trainer"
  instance_type = "u1.2xlarge"
  gpus          = [${gpu}]
}
`;

describe('data "hikube_gpus"', () => {
  const suite = e2eSuite('e2e-gpus', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/[\s│╷╵]+/g, ' ');
  const output = async <T>(name: string): Promise<T> => JSON.parse((await suite.ws.ok('output', '-json', name)).stdout) as T;

  test('it lists what the service serves; available_only keeps the GPUs Hikube offers', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${GPUS}`);
    await suite.ws.ok('init', '-no-color');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const { items } = await suite.api.gpus();
    expect(await output('all')).toEqual(
      items.map((g) => ({ name: g.name, display_name: g.displayName, memory_gb: g.memoryGb, available: g.available, monthly_price: g.monthlyPrice, deprecated: g.deprecated ?? null })),
    );
    expect(await output('offered')).toEqual(CURRENT_GPU_MODELS);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a GPU taken from it makes a VM, without warnings; a second plan is empty', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${GPUS}${vm('data.hikube_gpus.offered.gpus[2].name')}`);
    const run = await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(run.stdout + run.stderr).not.toContain('Warning');
    const [made] = (await suite.api.listResources<{ gpus: string[] }>('/v1/vms')).items;
    expect(made.gpus).toEqual([CURRENT_GPU_MODELS[2]]);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a deprecated name still applies, with a warning at plan on the attribute naming the replacement', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${GPUS}${vm('"nvidia.com/GA102GL_A10"')}`);
    const plan = await suite.ws.ok('plan', '-no-color');
    const text = plain(plan.stdout + plan.stderr);
    expect(text).toMatch(/Warning: Deprecated Value .*gpus\[0\]: "nvidia\.com\/GA102GL_A10" is deprecated: .*use nvidia\.com\/AD102GL_L40S/);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const [made] = (await suite.api.listResources<{ gpus: string[] }>('/v1/vms')).items;
    expect(made.gpus).toEqual(['nvidia.com/GA102GL_A10']);
  });

  test('an unknown GPU fails validation, naming the attribute and only the offered GPUs', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${vm('"nvidia.com/L40S"')}`);
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('gpus[0]');
    expect(text).toContain(CURRENT_GPU_MODELS.join(', '));
    expect(text).not.toContain('GA102GL_A10');
  });

  test('destroy', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${GPUS}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources<{ id: string }>('/v1/vms')).items).toEqual([]);
  });
});
