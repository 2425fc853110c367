import { DiskSource, OsFamily } from '../../constructs/index';
import { blocks, onlyBlock, stackWithTenant, validationError } from './helpers';

describe('Disk', () => {
  test('tenant.addDisk(): name from id, its source, encryption and replication as given', () => {
    const { stack, tenant } = stackWithTenant();
    tenant.addDisk('Installer', { sizeGb: 40, source: DiskSource.iso('https://example.com/win.iso', OsFamily.WINDOWS), encrypted: true, asyncReplication: true });
    expect(onlyBlock(stack, 'hikube_disk')).toEqual({
      tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`,
      name: 'installer',
      size_gb: 40,
      encrypted: true,
      async_replication: true,
      image_url: 'https://example.com/win.iso',
      cdrom: true,
      os_family: 'windows',
    });
  });

  test("fails if the image is not Hikube's or the disk is smaller than the image; an old name warns", () => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => tenant.addDisk('Win', { sizeGb: 40, source: DiskSource.image('windows-11') })).message).toMatch(/invalid source image: "windows-11" is not one of .*ubuntu-2404/);
    expect(validationError(() => tenant.addDisk('Ora', { sizeGb: 30, source: DiskSource.image('oracle-9') })).message).toContain('sizeGb must be at least 40 GB to hold the image oracle-9 (got 30)');
    const old = tenant.addDisk('Old', { sizeGb: 20, source: DiskSource.image('ubuntu-24.04') });
    expect(old.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data))).toEqual([expect.stringContaining('Hikube names this image ubuntu-2404')]);
  });

  test('fails on a size out of bounds or a bad image name, naming the prop', () => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => tenant.addDisk('Tiny', { sizeGb: 10 })).message).toContain('invalid sizeGb: must be at least 20');
    expect(validationError(() => tenant.addDisk('Bad', { sizeGb: 20, source: DiskSource.image('Ubuntu 24') })).message).toContain('invalid source image');
  });
});

describe('VM with standalone disks', () => {
  test('the first disk is the system disk: no system_disk of its own, disks in order (attachDisk after construction too)', () => {
    const { stack, tenant } = stackWithTenant();
    const boot = tenant.addDisk('Boot', { sizeGb: 30, source: DiskSource.image('ubuntu-24.04') });
    const data = tenant.addDisk('Data', { sizeGb: 100 });
    const vm = tenant.addVm('Web', { instanceType: 'u1.large', disks: [boot] });
    vm.attachDisk(data);
    const block = onlyBlock(stack, 'hikube_virtual_machine');
    expect(block.system_disk).toBeUndefined();
    const ids = Object.keys(blocks(stack, 'hikube_disk'));
    expect(block.disks).toEqual(ids.map((id) => `\${hikube_disk.${id}.id}`));
  });

  test('a disk attached to a second VM fails at construction, naming the first', () => {
    const { tenant } = stackWithTenant();
    const disk = tenant.addDisk('Shared', { sizeGb: 20 });
    tenant.addVm('First', { instanceType: 'u1.small', disks: [disk] });
    const second = tenant.addVm('Second', { instanceType: 'u1.small' });
    const err = validationError(() => second.attachDisk(disk));
    expect(err.message).toContain('is already attached to VM test/Production/First');
  });

  test('attaching disks to a VM with its own system disk fails, saying why', () => {
    const { tenant } = stackWithTenant();
    const vm = tenant.addVm('Own', { instanceType: 'u1.small', systemDisk: { sizeGb: 30 } });
    expect(validationError(() => vm.attachDisk(tenant.addDisk('Data', { sizeGb: 20 }))).message).toContain('conflicts with systemDisk');
  });
});
