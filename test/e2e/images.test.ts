/**
 * data "hikube_images" through the real terraform, provider and service: it lists what the
 * service serves; an image and its minimum size taken from it make a disk; an unknown image
 * fails validation on the attribute listing the images, a disk smaller than its image fails at
 * plan on size_gb; an old image name still applies with a warning naming Hikube's, and Hikube's
 * name for it is no change (a disk, and a VM whose state holds the old default); a VM's data disk
 * image is checked like the system disk's.
 */
import { IMAGE_NAMES } from '../../model/catalog';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const IMAGES = `
data "hikube_images" "all" {}

output "all" {
  value = data.hikube_images.all.images
}
`;

const TENANT = `
resource "hikube_tenant" "lab" {
  name = "lab"
}
`;

const disk = (image: string, size: string, name = 'base') => `
resource "hikube_disk" "${name}" {
  tenant_id = hikube_tenant.lab.id
  name      = "${name}"
  image     = ${image}
  size_gb   = ${size}
}
`;

describe('data "hikube_images"', () => {
  const suite = e2eSuite('e2e-images', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/[\s│╷╵]+/g, ' ');
  const output = async <T>(name: string): Promise<T> => JSON.parse((await suite.ws.ok('output', '-json', name)).stdout) as T;

  test('it lists what the service serves', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${IMAGES}`);
    await suite.ws.ok('init', '-no-color');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const { items } = await suite.api.images();
    expect(await output('all')).toEqual(items.map((i) => ({ name: i.name, display_name: i.displayName, versions: i.versions, image_names: i.images, min_size_gb: i.minSizeGib, iso: i.iso })));
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('an image and its minimum size taken from it make a disk; a second plan is empty', async () => {
    const oracle = 'one([for i in data.hikube_images.all.images : i if i.name == "oracle"])';
    suite.ws.write(`${PROVIDER_BLOCK}${IMAGES}${TENANT}${disk(`${oracle}.image_names[1]`, `${oracle}.min_size_gb`)}`);
    const run = await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(run.stdout + run.stderr).not.toContain('Warning');
    const [made] = (await suite.api.listResources<{ image: string; sizeGb: number }>('/v1/disks')).items;
    expect(made).toMatchObject({ image: 'oracle-9', sizeGb: 40 });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a disk smaller than its image fails at plan on size_gb, saying the minimum', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${IMAGES}${TENANT}${disk('"oracle-10"', '39')}`);
    const run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('Disk Smaller Than Its Image');
    expect(text).toContain('size_gb');
    expect(text).toContain('at least 40 GB to hold the image oracle-10 (got 39)');
  });

  test('an unknown image fails validation on the attribute, listing the images', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${disk('"windows-11"', '40')}`);
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('Invalid Image');
    expect(text).toContain(IMAGE_NAMES.join(', '));
  });

  test("an old image name still applies, with a warning naming Hikube's", async () => {
    // Another disk: the one above goes (the image forces a new disk, which the size rule judges against the old one).
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${disk('"ubuntu-24.04"', '20', 'old')}`);
    const run = await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(plain(run.stdout + run.stderr)).toMatch(/Warning: Deprecated Value .*image: "ubuntu-24\.04" is deprecated: Hikube names this image ubuntu-2404/);
    const [made] = (await suite.api.listResources<{ image: string }>('/v1/disks')).items;
    expect(made.image).toBe('ubuntu-24.04');
  });

  test("Hikube's name for the image in state is no change: the plan is empty", async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${disk('"ubuntu-2404"', '20', 'old')}`);
    const plan = await suite.ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
    expect(plan.stdout).toContain('No changes.');
  });

  describe('a VM made with the old default image', () => {
    const vm = (systemDisk: string, dataDisks = '') => `
resource "hikube_virtual_machine" "box" {
  tenant_id     = hikube_tenant.lab.id
  name          = "box"
  instance_type = "u1.medium"
  ${systemDisk}
  ${dataDisks}
}
`;

    test('applies with ubuntu-24.04 in state', async () => {
      suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('system_disk = { image = "ubuntu-24.04" }')}`);
      await suite.ws.ok('apply', '-auto-approve', '-no-color');
      const state = JSON.parse((await suite.ws.ok('show', '-json')).stdout) as { values: { root_module: { resources: { type: string; values: { system_disk: { image: string } } }[] } } };
      expect(state.values.root_module.resources.find((r) => r.type === 'hikube_virtual_machine')?.values.system_disk.image).toBe('ubuntu-24.04');
    });

    test.each([
      ['the default (now ubuntu-2404)', ''],
      ["Hikube's name", 'system_disk = { image = "ubuntu-2404" }'],
    ])('%s plans no change', async (_name, systemDisk) => {
      suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${vm(systemDisk)}`);
      const plan = await suite.ws.tf('plan', '-detailed-exitcode', '-no-color');
      expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
      expect(plan.stdout).toContain('No changes.');
    });

    test('another image still replaces it', async () => {
      suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('system_disk = { image = "ubuntu-2204" }')}`);
      const plan = await suite.ws.ok('plan', '-no-color');
      expect(plan.stdout).toMatch(/image\s+= "ubuntu-24\.04" -> "ubuntu-2204" # forces replacement/);
    });

    test("a data disk's image is checked against the catalog on the element", async () => {
      suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('', 'data_disks = [{ name = "seed", size_gb = 10, image = "dataset-2024" }]')}`);
      const bad = await suite.ws.tf('validate', '-no-color');
      expect(bad.code).toBe(1);
      expect(plain(bad.stderr)).toMatch(/data_disks\[0\]\.image: "dataset-2024" is not one of .*ubuntu-2404/);
      suite.ws.write(`${PROVIDER_BLOCK}${TENANT}${vm('', 'data_disks = [{ name = "seed", size_gb = 10, image = "ubuntu-22.04" }]')}`);
      const old = await suite.ws.ok('validate', '-no-color');
      expect(plain(old.stdout + old.stderr)).toMatch(/Warning: Deprecated Value .*data_disks\[0\]\.image: "ubuntu-22\.04" is deprecated: Hikube names this image ubuntu-2204/);
    });
  });

  test('destroy', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${IMAGES}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources<{ id: string }>('/v1/disks')).items).toEqual([]);
  });
});
