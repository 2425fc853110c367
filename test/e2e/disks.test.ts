/**
 * Standalone disks through the real terraform, provider and service: a VM booting from one disk
 * and using another (no system disk of its own, so its cost leaves them out), `attached_to` read
 * back, a disk grown in place, a shrink and a second attachment refused at plan on the attribute,
 * the VM destroyed with its disks kept, import by path; then the same from the constructs.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { DiskSource, HikubeProvider, Tenant } from '../../constructs/index';
import { cents, diskPrice, instanceMonthlyPrice } from '../../model/pricing';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(300_000);

const TENANT = `
resource "hikube_tenant" "shop" {
  name = "shop"
}
`;

const DISKS = (dataSize: number) => `
resource "hikube_disk" "boot" {
  tenant_id = hikube_tenant.shop.id
  name      = "web-boot"
  size_gb   = 30
  image     = "ubuntu-24.04"
}

resource "hikube_disk" "data" {
  tenant_id = hikube_tenant.shop.id
  name      = "data"
  size_gb   = ${dataSize}
  encrypted = true
}
`;

const VM = (name: string, disks: string) => `
resource "hikube_virtual_machine" "${name}" {
  tenant_id     = hikube_tenant.shop.id
  name          = "${name}"
  instance_type = "u1.small"
  disks         = [${disks}]
}
`;

interface Disk {
  id: string;
  name: string;
  sizeGb: number;
  encrypted: boolean;
  attachedTo: string | null;
  downloadProgress: number | null;
  status: string;
  monthlyCostEstimate: number;
}
interface Vm {
  id: string;
  name: string;
  disks: string[] | null;
  systemDisk: unknown;
  monthlyCostEstimate: number;
}

describe('hikube_disk and a VM that uses it', () => {
  const suite = e2eSuite('e2e-disks', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const disks = async () => Object.fromEntries((await suite.api.listResources<Disk>('/v1/disks')).items.map((d) => [d.name, d]));
  const vms = async () => (await suite.api.listResources<Vm>('/v1/vms')).items;

  beforeAll(async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await suite.ws.ok('init', '-no-color');
  });

  test('a VM boots from the first of its disks: no system disk of its own, each disk priced at plan, attached_to read back', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${DISKS(20)}${VM('web', 'hikube_disk.boot.id, hikube_disk.data.id')}`);
    const plan = plain((await suite.ws.ok('plan', '-no-color')).stdout);
    expect(plan).toContain(`+ monthly_cost_estimate = ${cents(diskPrice(20, 'replicated'))}`);
    expect(plan).toContain(`+ monthly_cost_estimate = ${cents(diskPrice(30, 'replicated'))}`);
    // The VM's cost is its instance alone: its disks are billed as disks.
    expect(plan).toContain(`+ monthly_cost_estimate = ${instanceMonthlyPrice('u1.small')}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const [vm] = await vms();
    const d = await disks();
    expect(vm).toMatchObject({ name: 'web', disks: [d['web-boot'].id, d.data.id], systemDisk: null, monthlyCostEstimate: instanceMonthlyPrice('u1.small') });
    expect(d['web-boot']).toMatchObject({ attachedTo: vm.id, downloadProgress: 100, status: 'ready' });
    expect(d.data).toMatchObject({ attachedTo: vm.id, downloadProgress: null, encrypted: true });
    // State learns attached_to at refresh (set by the VM, outside the disk's own changes), with nothing to change.
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
    const refreshed = plain((await suite.ws.ok('apply', '-refresh-only', '-auto-approve', '-no-color')).stdout);
    expect(refreshed).toContain(`# hikube_disk.data has changed ~ resource "hikube_disk" "data" { + attached_to = "${vm.id}"`);
    const show = JSON.parse((await suite.ws.ok('show', '-json')).stdout) as { values: { root_module: { resources: { address: string; values: Record<string, unknown> }[] } } };
    expect(show.values.root_module.resources.find((r) => r.address === 'hikube_disk.data')?.values.attached_to).toBe(vm.id);
  });

  test('a disk grows in place; a shrink fails the plan on size_gb', async () => {
    const before = (await disks()).data;
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${DISKS(40)}${VM('web', 'hikube_disk.boot.id, hikube_disk.data.id')}`);
    const plan = plain((await suite.ws.ok('plan', '-no-color')).stdout);
    expect(plan).toContain('~ size_gb = 20 -> 40');
    expect(plan).toContain('0 to add, 1 to change, 0 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await disks()).data).toMatchObject({ id: before.id, sizeGb: 40, monthlyCostEstimate: cents(diskPrice(40, 'replicated')), attachedTo: before.attachedTo });

    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${DISKS(30)}${VM('web', 'hikube_disk.boot.id, hikube_disk.data.id')}`);
    const run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('Disk Cannot Shrink');
    expect(text).toContain('size_gb disks never shrink: it is 40 GB now, got 30');
    expect(text).toContain('with hikube_disk.data');
  });

  test('a second VM listing an attached disk fails the plan, naming the VM that has it', async () => {
    const web = (await vms())[0];
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${DISKS(40)}${VM('web', 'hikube_disk.boot.id, hikube_disk.data.id')}${VM('api', 'hikube_disk.data.id')}`);
    const run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('Already Attached');
    expect(text).toContain(`is already attached to virtual machine acme/shop/web (${web.id})`);
    expect(text).toContain('with hikube_virtual_machine.api');
    expect(text).toContain('disks = [hikube_disk.data.id]');
  });

  test('destroying the VM keeps its disks, free again; import of a disk by path plans clean', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${DISKS(40)}`);
    const plan = plain((await suite.ws.ok('plan', '-no-color')).stdout);
    expect(plan).toContain('0 to add, 0 to change, 1 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(await vms()).toEqual([]);
    const d = await disks();
    expect(Object.keys(d).sort()).toEqual(['data', 'web-boot']);
    expect(d.data).toMatchObject({ attachedTo: null, sizeGb: 40, status: 'ready' });
    await suite.ws.ok('state', 'rm', 'hikube_disk.data');
    await suite.ws.ok('import', '-no-color', 'hikube_disk.data', 'acme/shop/data');
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
    // Another VM takes the freed disk.
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${DISKS(40)}${VM('api', 'hikube_disk.data.id')}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const [api] = await vms();
    expect((await disks()).data.attachedTo).toBe(api.id);
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(await disks()).toEqual({});
  });

  test('tenant.addDisk() and vm.attachDisk(): synthesized, applied, planned clean', async () => {
    const stack = new TerraformStack(new App({ outdir: `${suite.ws.dir}/cdktf.out` }), 'disks');
    new HikubeProvider(stack, 'hikube');
    const tenant = new Tenant(stack, 'Store');
    const boot = tenant.addDisk('Boot', { sizeGb: 25, source: DiskSource.image('ubuntu-24.04') });
    const vm = tenant.addVm('App', { instanceType: 'u1.small', disks: [boot] });
    vm.attachDisk(tenant.addDisk('Data', { sizeGb: 50, asyncReplication: true }));
    suite.ws.write(JSON.parse(Testing.synth(stack)) as object);
    await suite.ws.ok('validate', '-no-color');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const d = await disks();
    const [made] = await vms();
    expect(made).toMatchObject({ name: 'app', disks: [d.boot.id, d.data.id], systemDisk: null });
    expect(d.data).toMatchObject({ attachedTo: made.id, sizeGb: 50 });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
    suite.ws.write(`${PROVIDER_BLOCK}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(await disks()).toEqual({});
  });
});
