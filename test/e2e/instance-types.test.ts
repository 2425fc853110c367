/**
 * data "hikube_instance_types" and instance_type through the real terraform, provider and
 * service: the data source lists Hikube's types, then our former names with what to use
 * instead; a VM of Hikube's s1.large has its size and price; a former name still applies, with
 * a warning at plan naming the nearest Hikube type; a name Hikube lacks fails listing only its.
 */
import { CURRENT_INSTANCE_TYPE_NAMES } from '../../model/catalog';
import { vmMonthlyCost } from '../../model/pricing';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const TYPES = `
data "hikube_instance_types" "all" {}

data "hikube_instance_types" "standard" {
  series = "s1"
}

output "all" {
  value = data.hikube_instance_types.all.instance_types
}

output "standard" {
  value = { for t in data.hikube_instance_types.standard.instance_types : t.name => [t.cpu, t.memory_gib] if t.deprecated == null }
}
`;

const vm = (type: string) => `
resource "hikube_tenant" "lab" {
  name = "lab"
}

resource "hikube_virtual_machine" "box" {
  tenant_id     = hikube_tenant.lab.id
  name          = "box"
  instance_type = ${type}
}
`;

describe('data "hikube_instance_types"', () => {
  const suite = e2eSuite('e2e-instance-types', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/[\s│╷╵]+/g, ' ');
  const output = async <T>(name: string): Promise<T> => JSON.parse((await suite.ws.ok('output', '-json', name)).stdout) as T;

  test("it lists what the service serves: Hikube's sizes, former names last with what to use instead", async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TYPES}`);
    await suite.ws.ok('init', '-no-color');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const { items } = await suite.api.instanceTypes();
    expect(await output('all')).toEqual(
      items.map((t) => ({ name: t.name, series: t.series, size: t.size, cpu: t.cpu, memory_gib: t.memoryGib, monthly_price: t.monthlyPrice, deprecated: t.deprecated ?? null })),
    );
    expect(await output('standard')).toEqual({
      's1.small': [1, 2],
      's1.medium': [2, 4],
      's1.large': [4, 8],
      's1.xlarge': [8, 16],
      's1.3large': [12, 24],
      's1.2xlarge': [16, 32],
      's1.3xlarge': [24, 48],
      's1.4xlarge': [32, 64],
      's1.8xlarge': [64, 128],
    });
  });

  test('s1.large makes a VM of 4 vCPU / 8 GiB at its price, without warnings', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TYPES}${vm('"s1.large"')}`);
    const plan = await suite.ws.ok('plan', '-no-color');
    // Its default 20 GiB system disk besides the instance type.
    expect(plan.stdout).toContain(`monthly_cost_estimate = ${vmMonthlyCost({ instanceType: 's1.large', systemDisk: { sizeGb: 20, storageClass: 'replicated' } })}`);
    const run = await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(run.stdout + run.stderr).not.toContain('Warning');
    const usage = await suite.api.listResources<{ instanceType: string }>('/v1/vms');
    expect(usage.items.map((v) => v.instanceType)).toEqual(['s1.large']);
  });

  test('a former name still applies, with a warning at plan on the attribute naming the nearest Hikube type', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TYPES}${vm('"m1.medium"')}`);
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout + plan.stderr)).toMatch(/Warning: Deprecated Value .*instance_type: "m1\.medium" is deprecated: not in Hikube's catalog; use m1\.large \(2 vCPU, 16 GiB\) instead/);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const [made] = (await suite.api.listResources<{ instanceType: string }>('/v1/vms')).items;
    expect(made.instanceType).toBe('m1.medium');
  });

  test("a size Hikube lacks in a series fails validation, listing only Hikube's types", async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${vm('"u1.3large"')}`);
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('instance_type');
    expect(text).toContain(CURRENT_INSTANCE_TYPE_NAMES.join(', '));
    expect(text).not.toContain('m1.medium');
  });

  test('destroy', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TYPES}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources<{ id: string }>('/v1/vms')).items).toEqual([]);
  });
});
