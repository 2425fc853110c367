/**
 * VPCs and subnets through the real terraform, provider and service: a VPC, a subnet and a VM
 * joined to it, a second plan empty; a public, a reserved and an overlapping range refused at
 * plan on `cidr` (the overlap by the service, against a stored subnet and against another planned
 * in the same plan); the subnet and the VPC kept while the VM uses them (409 naming it); a new
 * range replaces the subnet; the VM's address in its subnet (`subnet_ips`) follows it; import by
 * path; destroy in order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const network = (subnets: string, vmSubnets = '[hikube_vpc_subnet.app.id]') => `${PROVIDER_BLOCK}
resource "hikube_tenant" "shop" {
  name = "shop"
}

resource "hikube_vpc" "backend" {
  tenant_id = hikube_tenant.shop.id
  name      = "backend"
}
${subnets}
resource "hikube_virtual_machine" "web" {
  tenant_id     = hikube_tenant.shop.id
  name          = "web"
  instance_type = "u1.small"
  subnet_ids    = ${vmSubnets}
}
`;

const subnet = (local: string, cidr: string) => `
resource "hikube_vpc_subnet" "${local}" {
  vpc_id = hikube_vpc.backend.id
  name   = "${local}"
  cidr   = "${cidr}"
}
`;

interface Row {
  id: string;
  name: string;
  status: string;
  cidr?: string;
  gateway?: string;
  subnetIds?: string[];
}

describe('hikube_vpc and hikube_vpc_subnet', () => {
  const suite = e2eSuite('e2e-vpc', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const state = () =>
    (JSON.parse(fs.readFileSync(path.join(suite.ws.dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[] })
      .resources;
  const attrsOf = (type: string, name: string) => state().find((r) => r.type === type && r.name === name)!.instances[0].attributes;
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (err: { status: number; problem: { detail: string } }) => err,
    );

  beforeAll(async () => {
    suite.ws.write(network(subnet('app', '192.168.10.0/24')));
    await suite.ws.ok('init', '-no-color');
  });

  test('a VPC, a subnet and a VM on it; the next plan is empty', async () => {
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('4 to add, 0 to change, 0 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const app = attrsOf('hikube_vpc_subnet', 'app');
    expect(app).toMatchObject({ name: 'app', cidr: '192.168.10.0/24', gateway: '192.168.10.1', status: 'ready', tenant_id: attrsOf('hikube_tenant', 'shop').id });
    expect(attrsOf('hikube_virtual_machine', 'web').subnet_ids).toEqual([app.id]);
    // Its address in the subnet: the first after the gateway.
    expect(attrsOf('hikube_virtual_machine', 'web').subnet_ips).toEqual({ [app.id as string]: '192.168.10.2' });
    const [vm] = (await suite.api.listResources<Row>('/v1/vms', { name: 'web' })).items;
    expect(vm.subnetIds).toEqual([app.id]);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a public range and a reserved one fail validation on cidr', async () => {
    suite.ws.write(network(subnet('app', '192.168.10.0/24') + subnet('pub', '8.8.8.0/24') + subnet('pods', '10.244.3.0/24')));
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const err = plain(run.stderr);
    expect(err).toContain('Public CIDR');
    expect(err).toContain('is not a private range: a subnet must lie within RFC 1918\'s 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, got "8.8.8.0/24"');
    expect(err).toContain('Reserved Range');
    expect(err).toContain("overlaps 10.244.0.0/16, the platform's pod network");
    expect(err).toContain('hikube_vpc_subnet.pods');
  });

  test('a range overlapping a subnet of the VPC fails the plan on cidr, stored or planned alongside', async () => {
    suite.ws.write(network(subnet('app', '192.168.10.0/24') + subnet('db', '192.168.10.128/25')));
    let run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Invalid Network');
    expect(plain(run.stderr)).toContain('Overlaps subnet app (192.168.10.0/24) of the same VPC');
    expect(plain(run.stderr)).toContain('with hikube_vpc_subnet.db');
    // Two new ones: the second judged against the first, planned before it.
    suite.ws.write(network(subnet('app', '192.168.10.0/24') + subnet('db', '192.168.20.0/24') + subnet('dbb', '192.168.20.0/25')));
    run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toMatch(/Overlaps subnet (db|dbb) \(192\.168\.20\.0\/2[45]\) of the same VPC/);
    expect((await suite.api.listResources<Row>('/v1/vpc-subnets')).items.map((s) => s.name)).toEqual(['app']);
  });

  test('the subnet and its VPC stay while the VM uses them: 409 naming the VM', async () => {
    const [app] = (await suite.api.listResources<Row>('/v1/vpc-subnets')).items;
    const [vpc] = (await suite.api.listResources<Row>('/v1/vpcs')).items;
    for (const [collection, id] of [
      ['/v1/vpc-subnets', app.id],
      ['/v1/vpcs', vpc.id],
    ]) {
      const refused = await refusal(suite.api.deleteResource(collection, id));
      expect(refused?.status).toBe(409);
      expect(refused?.problem.detail).toContain('is still used by 1 virtual machine (subnetIds): acme/shop/web; detach it (or delete it) first');
    }
    expect((await suite.api.listResources<Row>('/v1/vpc-subnets')).items[0].status).toBe('ready');
  });

  test('a VM naming a subnet of another tenant is refused on that element', async () => {
    const [app] = (await suite.api.listResources<Row>('/v1/vpc-subnets')).items;
    const other = await suite.api.createTenant({ name: 'elsewhere' });
    const refused = await refusal(suite.api.createResource('/v1/vms', { tenantId: other.id, name: 'intruder', instanceType: 'u1.small', subnetIds: [app.id] }));
    expect(refused?.status).toBe(400);
    expect(JSON.stringify(refused)).toContain(`names no subnet of tenant acme/elsewhere, got \\"${app.id}\\"`);
    await suite.api.deleteTenant(other.id);
  });

  test('a new range replaces the subnet (the VM follows to the new one, in place); import by path', async () => {
    const before = attrsOf('hikube_vpc_subnet', 'app');
    suite.ws.write(network(subnet('app', '192.168.11.0/24')));
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('# hikube_vpc_subnet.app must be replaced');
    expect(plain(plan.stdout)).toContain('forces replacement');
    // The VM lets go of the old subnet before it is deleted: create the new one first.
    suite.ws.write(network(subnet('app', '192.168.10.0/24') + subnet('app2', '192.168.11.0/24'), '[hikube_vpc_subnet.app2.id]'));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    suite.ws.write(network(subnet('app2', '192.168.11.0/24'), '[hikube_vpc_subnet.app2.id]'));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const app2 = attrsOf('hikube_vpc_subnet', 'app2');
    expect(app2.id).not.toBe(before.id);
    expect(attrsOf('hikube_virtual_machine', 'web').subnet_ids).toEqual([app2.id]);
    // Moved in place, the VM has an address in the new subnet only (subnet_ips known after apply, then consistent).
    expect(attrsOf('hikube_virtual_machine', 'web').subnet_ips).toEqual({ [app2.id as string]: '192.168.11.2' });
    await suite.ws.ok('state', 'rm', 'hikube_vpc_subnet.app2');
    await suite.ws.ok('import', '-no-color', 'hikube_vpc_subnet.app2', 'acme/shop/backend/app2');
    expect(attrsOf('hikube_vpc_subnet', 'app2')).toMatchObject({ id: app2.id, cidr: '192.168.11.0/24', vpc_id: attrsOf('hikube_vpc', 'backend').id });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('destroy: the VM, then the subnet, then the VPC', async () => {
    suite.ws.write(PROVIDER_BLOCK);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources('/v1/vpc-subnets')).items).toEqual([]);
    expect((await suite.api.listResources('/v1/vpcs')).items).toEqual([]);
  });
});
