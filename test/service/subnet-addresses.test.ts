/**
 * A VM's address in each subnet it joins (`subnetIps`, the simulated back-end's IPAM): inside the
 * subnet's range, past its gateway, never two VMs on one address even when they are made at once
 * (on PGlite and on a PostgreSQL server with several workers), kept across unrelated updates,
 * freed when the VM leaves the subnet or is deleted, and a full subnet fails the VM saying so.
 * The tenant-network address (`privateIp`) is unchanged, and a load balancer may target either.
 */
import { HikubeClient } from '../../client';
import { contains, parseAddress, parseCidr } from '../../model/cidr';
import { failure, startTestService, TestService, waitFor } from './helpers';
import { PgServer, startPgServer } from './pg-server';

interface Vm {
  id: string;
  status: string;
  statusReason: string | null;
  privateIp: string | null;
  subnetIps: Record<string, string> | null;
}

const VMS = '/v1/vms';

async function ready<T extends { status: string }>(api: HikubeClient, collection: string, id: string, statuses: readonly string[] = ['ready']): Promise<T> {
  const got = await waitFor<T>(api, collection, id, [...statuses, 'failed'], 30_000);
  if (got === 'gone' || !statuses.includes(got.status)) throw new Error(`${collection}/${id} is ${got === 'gone' ? 'gone' : `${got.status}: ${JSON.stringify(got)}`}`);
  return got;
}

async function subnet(api: HikubeClient, tenantId: string, vpcName: string, cidrs: readonly string[]): Promise<string[]> {
  const vpc = await api.createResource<{ id: string }>('/v1/vpcs', { tenantId, name: vpcName });
  const made = await Promise.all(cidrs.map((cidr, i) => api.createResource<{ id: string }>('/v1/vpc-subnets', { vpcId: vpc.id, name: `net-${i}`, cidr })));
  for (const s of made) await ready(api, '/v1/vpc-subnets', s.id);
  return made.map((s) => s.id);
}

/** A /29 holds 5 VMs (.2 to .6: .0 is the network, .1 the gateway, .7 the broadcast address). */
async function scenario(t: TestService, tenantName: string): Promise<void> {
  const api = t.client;
  const tenant = await api.createTenant({ name: tenantName });
  const [small, other] = await subnet(api, tenant.id, 'backend', ['192.168.50.0/29', '172.20.0.0/24']);
  const vm = (name: string, subnetIds: string[]) => api.createResource<Vm>(VMS, { tenantId: tenant.id, name, instanceType: 'u1.small', subnetIds });

  // Five at once fill the subnet: five distinct host addresses.
  const five = await Promise.all(Array.from({ length: 5 }, (_, i) => vm(`vm-${i}`, [small, other])));
  const made = await Promise.all(five.map((v) => ready<Vm>(api, VMS, v.id)));
  const inSmall = made.map((v) => v.subnetIps?.[small]);
  expect([...inSmall].sort()).toEqual(['192.168.50.2', '192.168.50.3', '192.168.50.4', '192.168.50.5', '192.168.50.6']);
  const inOther = made.map((v) => v.subnetIps?.[other] ?? '');
  expect(new Set(inOther).size).toBe(5);
  for (const ip of inOther) expect(contains(parseCidr('172.20.0.0/24'), parseAddress(ip)!)).toBe(true);
  expect(inOther).not.toContain('172.20.0.1'); // the gateway
  // The tenant-network address is the same as ever.
  for (const v of made) expect(v.privateIp).toMatch(/^10\.\d+\.\d+\.\d+$/);

  // A sixth finds no address: it fails, naming the subnet.
  const sixth = await ready<Vm>(api, VMS, (await vm('vm-5', [small])).id, ['failed']);
  expect(sixth.statusReason).toContain(`subnet ${small} (192.168.50.0/29) has no free address left`);

  // An update that leaves the subnets alone keeps the addresses.
  const [first, second] = made;
  await api.updateResource(VMS, first.id, { instanceType: 'u1.medium' });
  expect((await ready<Vm>(api, VMS, first.id)).subnetIps).toEqual(first.subnetIps);

  // Leaving a subnet frees its address there and keeps the other.
  await api.updateResource(VMS, first.id, { subnetIds: [other] });
  expect((await ready<Vm>(api, VMS, first.id)).subnetIps).toEqual({ [other]: first.subnetIps![other] });
  const next = await ready<Vm>(api, VMS, (await vm('vm-6', [small])).id);
  expect(next.subnetIps).toEqual({ [small]: first.subnetIps![small] });

  // Leaving every subnet frees every address it held.
  await api.updateResource(VMS, first.id, { subnetIds: [] });
  expect((await ready<Vm>(api, VMS, first.id)).subnetIps).toEqual({});
  const reuse = await ready<Vm>(api, VMS, (await vm('vm-8', [other])).id);
  expect(reuse.subnetIps).toEqual({ [other]: first.subnetIps![other] });

  // Deleting a VM frees its address.
  await api.deleteResource(VMS, second.id);
  expect(await waitFor(api, VMS, second.id, ['gone'], 30_000)).toBe('gone');
  const after = await ready<Vm>(api, VMS, (await vm('vm-7', [small])).id);
  expect(after.subnetIps).toEqual({ [small]: second.subnetIps![small] });

  // A load balancer may target a VM by its address in a subnet, as by its private IP.
  const lb = await api.createResource<{ id: string; endpoints: string[] }>('/v1/load-balancers', {
    tenantId: tenant.id,
    name: 'web',
    endpoints: [after.subnetIps![small], after.privateIp],
  });
  expect(lb.endpoints).toEqual([after.subnetIps![small], after.privateIp]);
  const outside = await failure(api.createResource('/v1/load-balancers', { tenantId: tenant.id, name: 'bad', endpoints: ['192.168.51.9'] }));
  expect(outside.status).toBe(400);
}

describe('PGlite', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ organisation: 'acme' });
  });
  afterAll(() => t?.stop());
  test("VMs get distinct addresses in their subnets' ranges, freed when they leave", () => scenario(t, 'addresses'));
});

describe('PostgreSQL server', () => {
  let pg: PgServer;
  let t: TestService;
  beforeAll(async () => {
    pg = await startPgServer();
    t = await startTestService({ organisation: 'acme', databaseUrl: pg.databaseUrl, workers: 8 });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    pg?.stop();
  });
  test("VMs made by parallel workers get distinct addresses in their subnets' ranges", () => scenario(t, 'addresses'));
});
