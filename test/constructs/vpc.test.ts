import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { Tenant } from '../../constructs/index';
import { blocks, onlyBlock, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

describe('Vpc, Subnet and vm.connectTo()', () => {
  test('default: tenant.addVpc() names the VPC from its id; addSubnet() puts subnets under it', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    const vpc = tenant.addVpc('Backend');
    const app = vpc.addSubnet('App', { cidr: '192.168.10.0/24' });

    // THEN
    expect(vpc.node.scope).toBe(tenant);
    expect(app.vpc).toBe(vpc);
    expect(onlyBlock(stack, 'hikube_vpc')).toEqual({ tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`, name: 'backend' });
    expect(onlyBlock(stack, 'hikube_vpc_subnet')).toEqual({ vpc_id: `\${hikube_vpc.${vpc.resource.friendlyUniqueId}.id}`, name: 'app', cidr: '192.168.10.0/24' });
  });

  test('vm.connectTo() lists the subnets in subnet_ids, in order, whenever it is called', () => {
    const { stack, tenant } = stackWithTenant();
    const vm = tenant.addVm('Web', { instanceType: 'u1.small' });
    const vpc = tenant.addVpc('Backend');
    const app = vpc.addSubnet('App', { cidr: '192.168.10.0/24' });
    const db = vpc.addSubnet('Db', { cidr: '192.168.20.0/24' });
    vm.connectTo(app);
    vm.connectTo(db);
    expect(onlyBlock(stack, 'hikube_virtual_machine').subnet_ids).toEqual([`\${hikube_vpc_subnet.${app.resource.friendlyUniqueId}.id}`, `\${hikube_vpc_subnet.${db.resource.friendlyUniqueId}.id}`]);
  });

  test("vm.addressIn() is the VM's entry of subnet_ips for that subnet, whether connectTo() comes before or after", () => {
    const { stack, tenant } = stackWithTenant();
    const vm = tenant.addVm('Web', { instanceType: 'u1.small' });
    const app = tenant.addVpc('Backend').addSubnet('App', { cidr: '192.168.10.0/24' });
    new TerraformOutput(stack, 'web_app_ip', { value: vm.addressIn(app) });
    vm.connectTo(app);
    expect(vm.node.validate()).toEqual([]);
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.output.web_app_ip.value).toBe(`\${hikube_virtual_machine.${vm.resource.friendlyUniqueId}.subnet_ips[hikube_vpc_subnet.${app.resource.friendlyUniqueId}.id]}`);
  });

  test('fails at synth if vm.addressIn() names a subnet the VM does not join', () => {
    const { stack, tenant } = stackWithTenant();
    const vm = tenant.addVm('Web', { instanceType: 'u1.small' });
    vm.addressIn(tenant.addVpc('Backend').addSubnet('App', { cidr: '192.168.10.0/24' }));
    expect(() => Testing.synth(stack, true)).toThrow(
      /test\/Production\/Web: addressIn\(test\/Production\/Backend\/Subnets\/App\) asks for an address in a subnet the VM does not join\. Call `connectTo\(\)`/,
    );
  });

  test('a VM joined to no subnet has no subnet_ids', () => {
    const { stack, tenant } = stackWithTenant();
    tenant.addVm('Web', { instanceType: 'u1.small' });
    expect(onlyBlock(stack, 'hikube_virtual_machine')).not.toHaveProperty('subnet_ids');
  });

  test.each([
    ['a public range', '8.8.8.0/24', /invalid cidr: is not a private range: a subnet must lie within RFC 1918's 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16/],
    ["the platform's pod network", '10.244.1.0/24', /invalid cidr: overlaps 10\.244\.0\.0\/16, the platform's pod network/],
    ["the platform's service network", '10.100.0.0/16', /invalid cidr: overlaps 10\.96\.0\.0\/12, the platform's service network/],
    ['host bits', '192.168.10.1/24', /invalid cidr: has host bits set: its network is 192\.168\.10\.0\/24/],
    ['no CIDR at all', '192.168.10.0', /invalid cidr: "192\.168\.10\.0" is invalid/],
  ])('fails if the range is %s', (_what, cidr, message) => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => tenant.addVpc('Backend').addSubnet('App', { cidr })).message).toMatch(message);
  });

  test('fails if a subnet overlaps one added before to the same VPC, naming it; another VPC may reuse the range', () => {
    const { stack, tenant } = stackWithTenant();
    const vpc = tenant.addVpc('Backend');
    vpc.addSubnet('App', { cidr: '192.168.10.0/24' });
    expect(validationError(() => vpc.addSubnet('Db', { cidr: '192.168.10.128/25' })).message).toMatch(/invalid subnet "Db": cidr overlaps subnet app \(192\.168\.10\.0\/24\) of the same VPC/);
    tenant.addVpc('Other').addSubnet('App', { cidr: '192.168.10.0/24' });
    expect(Object.keys(blocks(stack, 'hikube_vpc_subnet'))).toHaveLength(2);
  });

  test('fails if a VM joins a subnet of another tenant, or the same subnet twice', () => {
    const { stack, tenant } = stackWithTenant();
    const other = new Tenant(stack, 'Staging');
    const subnet = other.addVpc('Backend').addSubnet('App', { cidr: '192.168.10.0/24' });
    const vm = tenant.addVm('Web', { instanceType: 'u1.small' });
    expect(validationError(() => vm.connectTo(subnet)).message).toMatch(/cannot join a subnet of another tenant/);
    const own = tenant.addVpc('Backend').addSubnet('App', { cidr: '192.168.10.0/24' });
    vm.connectTo(own);
    expect(validationError(() => vm.connectTo(own)).message).toMatch(/already joined this subnet/);
  });
});
