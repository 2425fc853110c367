import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { VM, VMProps } from '../../constructs/index';
import { HikubeVirtualMachine } from '../../constructs/generated/virtual-machine';
import { onlyBlock, resolve, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

const vm = (stack: TerraformStack) => onlyBlock(stack, 'hikube_virtual_machine');
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk0 me@host';

describe('VM', () => {
  test('default: name from id, ubuntu, 20 GiB system disk, always running, no data disks nor external access', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium' });

    // THEN
    expect(vm(stack)).toEqual({
      tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`,
      name: 'bastion',
      instance_type: 'u1.medium',
      instance_profile: 'ubuntu',
      system_disk: { size_gb: 20, storage_class: 'replicated', image: 'ubuntu-2404' },
      run_strategy: 'Always',
    });
  });

  test('can configure profile, system disk, run strategy, SSH keys, cloud-init, GPUs and timeouts', () => {
    const { stack, tenant } = stackWithTenant();
    const cloudInit = new TerraformVariable(stack, 'cloud_init', { type: 'string', sensitive: true });
    new VM(stack, 'Bastion', {
      tenant,
      name: 'jump',
      instanceType: 'm1.2xlarge',
      instanceProfile: 'debian',
      systemDisk: { sizeGb: 40, image: 'debian-12' },
      runStrategy: 'Halted',
      sshKeys: [KEY],
      cloudInit: cloudInit.stringValue,
      gpus: ['nvidia.com/AD102GL_L40S'],
      timeouts: { create: '30m', delete: '5m' },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeVirtualMachine, {
      name: 'jump',
      instance_type: 'm1.2xlarge',
      instance_profile: 'debian',
      system_disk: { size_gb: 40, storage_class: 'replicated', image: 'debian-12' },
      run_strategy: 'Halted',
      ssh_keys: [KEY],
      cloud_init_wo: '${var.cloud_init}',
      cloud_init_wo_version: 1,
      gpus: ['nvidia.com/AD102GL_L40S'],
      timeouts: { create: '30m', delete: '5m' },
    });
  });

  test('a literal cloud-init gets a version of its own: editing it sends it again', () => {
    const versions = ['#cloud-config\npackages: [htop]', '#cloud-config\npackages: [vim]'].map((cloudInit) => {
      const { stack, tenant } = stackWithTenant();
      new VM(stack, 'Box', { tenant, instanceType: 'u1.small', cloudInit });
      return (Object.values(JSON.parse(Testing.synth(stack)).resource.hikube_virtual_machine)[0] as { cloud_init_wo_version: number }).cloud_init_wo_version;
    });
    expect(versions[0]).not.toBe(versions[1]);
    expect(Number.isInteger(versions[0])).toBe(true);
  });

  test('default external access method is PortList', () => {
    const { stack, tenant } = stackWithTenant();
    new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium', externalAccess: { ports: [22] } });
    expect(vm(stack).external_access).toEqual({ method: 'PortList', ports: [22] });
  });

  test('can configure external access with a whole IP', () => {
    const { stack, tenant } = stackWithTenant();
    new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium', externalAccess: { method: 'WholeIP' } });
    expect(vm(stack).external_access).toEqual({ method: 'WholeIP' });
  });

  test('data disks from props come first, then addDataDisk() in call order', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();
    const bastion = new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium', dataDisks: [{ name: 'data', sizeGb: 100 }] });

    // WHEN
    bastion.addDataDisk('scratch', { sizeGb: 50, storageClass: 'local' });
    bastion.addDataDisk('seed', { sizeGb: 5, image: 'debian-12' });

    // THEN
    expect(vm(stack).data_disks).toEqual([
      { name: 'data', size_gb: 100, storage_class: 'replicated' },
      { name: 'scratch', size_gb: 50, storage_class: 'local' },
      { name: 'seed', size_gb: 5, storage_class: 'replicated', image: 'debian-12' },
    ]);
  });

  test("fails if a data disk's image is not in Hikube's catalog; an old name warns", () => {
    const { stack, tenant } = stackWithTenant();
    const bastion = new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium' });
    const error = validationError(() => bastion.addDataDisk('seed', { sizeGb: 5, image: 'dataset-2024' }));
    expect(error.message).toMatch(/invalid dataDisks\["seed"\]\.image: "dataset-2024" is not one of .*ubuntu-2404/);
    bastion.addDataDisk('old', { sizeGb: 5, image: 'ubuntu-22.04' });
    const warnings = bastion.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/^dataDisks\["old"\]\.image: "ubuntu-22.04" is deprecated: Hikube names this image ubuntu-2204/)]);
  });

  test('exposes id, private IP, external IP and cost as references', () => {
    const { stack, tenant } = stackWithTenant();
    const bastion = new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium' });
    const fqn = `hikube_virtual_machine.${bastion.resource.friendlyUniqueId}`;
    expect(resolve(stack, bastion.vmId)).toBe(`\${${fqn}.id}`);
    expect(resolve(stack, bastion.privateIp)).toBe(`\${${fqn}.private_ip}`);
    expect(resolve(stack, bastion.externalIp)).toBe(`\${${fqn}.external_ip}`);
    expect(resolve(stack, bastion.monthlyCostEstimate)).toBe(`\${${fqn}.monthly_cost_estimate}`);
    expect(bastion.vmName).toBe('bastion');
  });

  test('the L1 resource is an escape hatch', () => {
    const { stack, tenant } = stackWithTenant();
    const bastion = new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium' });
    bastion.resource.addOverride('lifecycle.ignore_changes', ['ssh_keys']);
    expect(vm(stack).lifecycle).toEqual({ ignore_changes: ['ssh_keys'] });
  });

  test('warns when PortList has no ports', () => {
    const { stack, tenant } = stackWithTenant();
    const bastion = new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium', externalAccess: {} });
    const warnings = bastion.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/PortList with no ports/)]);
  });

  test('fails if ports are given with WholeIP', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    const error = validationError(() => new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium', externalAccess: { method: 'WholeIP', ports: [22] } }));

    // THEN
    expect(error.message).toMatch(/^test\/Bastion: externalAccess.ports only applies to the PortList method \(received \[22\]\)\. Drop `ports`/);
  });

  test('fails if a data disk name is used twice', () => {
    const { stack, tenant } = stackWithTenant();
    const bastion = new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium', dataDisks: [{ name: 'data', sizeGb: 10 }] });
    expect(validationError(() => bastion.addDataDisk('data', { sizeGb: 20 })).message).toMatch(/duplicate data disk \(received "data"\)/);
  });

  test('fails if there are more than 8 data disks', () => {
    const { stack, tenant } = stackWithTenant();
    const dataDisks = Array.from({ length: 8 }, (_, i) => ({ name: `d${i}`, sizeGb: 1 }));
    const bastion = new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium', dataDisks });
    expect(validationError(() => bastion.addDataDisk('d8', { sizeGb: 1 })).message).toMatch(/too many data disks: at most 8/);
  });

  test('fails if the instance type is not in the catalog', () => {
    const { stack, tenant } = stackWithTenant();
    const error = validationError(() => new VM(stack, 'Bastion', { tenant, instanceType: 'x1.large' }));
    expect(error.message).toMatch(/invalid instanceType: unknown instance type \(received "x1.large"\)\. .*a series and a size Hikube offers in it \(s1: small, .*; u1: medium, .*; m1: large, /);
  });

  test.each<[string, Partial<VMProps>, RegExp]>([
    ['the system disk is too small', { systemDisk: { sizeGb: 2 } }, /invalid systemDisk.sizeGb: must be at least 5, got 2/],
    ['a data disk is too large', { dataDisks: [{ name: 'big', sizeGb: 20000 }] }, /invalid dataDisks\["big"\]\.sizeGb: must be at most 16384, got 20000/],
    ['a data disk size is fractional', { dataDisks: [{ name: 'd', sizeGb: 1.5 }] }, /must be a whole number, got 1.5/],
    ['a data disk name is invalid', { dataDisks: [{ name: 'Data', sizeGb: 1 }] }, /invalid data disk name: "Data" is invalid/],
    ['a port is out of range', { externalAccess: { ports: [70000] } }, /invalid externalAccess.ports\[0\]: must be at most 65535, got 70000/],
    ['a port is listed twice', { externalAccess: { ports: [22, 22] } }, /duplicate port in externalAccess.ports \(received 22\)/],
    ['the run strategy is unknown', { runStrategy: 'Sometimes' as never }, /invalid runStrategy: "Sometimes" is not one of Always/],
    ['the profile is unknown', { instanceProfile: 'arch' as never }, /invalid instanceProfile: "arch" is not one of ubuntu/],
    ['an SSH key is not a public key', { sshKeys: ['-----BEGIN OPENSSH PRIVATE KEY-----'] }, /invalid sshKeys\[0\]: .* is invalid: expected an OpenSSH public key/],
    ['cloud-init is too large', { cloudInit: 'x'.repeat(65537) }, /invalid cloudInit: must be at most 65536 characters/],
  ])('fails if %s', (_name, props, message) => {
    const { stack, tenant } = stackWithTenant();
    expect(validationError(() => new VM(stack, 'Bastion', { tenant, instanceType: 'u1.medium', ...props })).message).toMatch(message);
  });

  test('tokens skip validation', () => {
    const { stack, tenant } = stackWithTenant();
    const size = new TerraformVariable(stack, 'size', { type: 'number' });
    const ports = new TerraformVariable(stack, 'ports', { type: 'list(number)' });
    new VM(stack, 'Bastion', {
      tenant,
      instanceType: 'u1.medium',
      systemDisk: { sizeGb: size.numberValue },
      externalAccess: { method: 'WholeIP', ports: Token.asNumberList(ports.value) },
    });
    expect(vm(stack)).toMatchObject({ system_disk: { size_gb: '${var.size}' }, external_access: { ports: '${var.ports}' } });
  });
});
