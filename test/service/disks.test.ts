/**
 * Standalone disks in the service: the image download's progress while the simulated back-end
 * creates the disk; a disk attached to one VM at most (409 naming the VM that has it, on create
 * and update), kept (and freed) when that VM is deleted, and not deleted while attached; ids of
 * another tenant or of nothing refused on the element; a disk never shrinks; a VM's system disk
 * image renamed to Hikube's name is no change; storage quotas and the count quota count disks.
 */
import { HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { failure, fields, startTestService, TestService, waitFor } from './helpers';
import { waitUntil } from '../support/wait';
import { REFERENCE_POLICY } from '../../model/guardrails';

interface Disk {
  id: string;
  name: string;
  sizeGb: number;
  attachedTo: string | null;
  downloadProgress: number | null;
  status: string;
}
interface Vm {
  id: string;
  disks: string[] | null;
  systemDisk: unknown;
  status: string;
}

const DISKS = '/v1/disks';
const VMS = '/v1/vms';
let t: TestService;
let api: HikubeClient;
let tenant: Tenant;

const disk = (name: string, extra: Record<string, unknown> = {}) => api.createResource<Disk>(DISKS, { tenantId: tenant.id, name, sizeGb: 20, ...extra });
const vm = (name: string, disks: string[], extra: Record<string, unknown> = {}) => api.createResource<Vm>(VMS, { tenantId: tenant.id, name, instanceType: 'u1.small', disks, ...extra });
const getDisk = (id: string) => api.getResource<Disk>(DISKS, id);

beforeAll(async () => {
  // Disks take 3 s to fill here, so the download can be seen under way; the rest is immediate.
  t = await startTestService({ simDelays: 'disk.create=3s' });
  api = t.client;
  tenant = await api.createTenant({ name: 'disks' });
}, 60_000);
afterAll(() => t?.stop());

test('a disk filled from an image reports its download progress while provisioning, then 100; an empty one reports none', async () => {
  const filled = await disk('filled', { image: 'ubuntu-24.04' });
  const empty = await disk('empty');
  const seen = await waitUntil(
    'a download progress between 0 and 100 while provisioning',
    async () => {
      const d = await getDisk(filled.id);
      return d.status === 'provisioning' && typeof d.downloadProgress === 'number' && d.downloadProgress > 0 && d.downloadProgress < 100 && d;
    },
    { timeoutMs: 10_000, intervalMs: 50 },
  );
  expect(seen.downloadProgress).toBeGreaterThan(0);
  expect(await waitFor<Disk>(api, DISKS, filled.id)).toMatchObject({ status: 'ready', downloadProgress: 100, attachedTo: null });
  expect(await waitFor<Disk>(api, DISKS, empty.id)).toMatchObject({ status: 'ready', downloadProgress: null });
});

test('a disk is attached to one VM at most: a second one gets 409 naming the first, on create and on update', async () => {
  const d = await disk('shared');
  const first = await vm('first', [d.id]);
  expect(first.systemDisk).toBeNull();
  expect((await getDisk(d.id)).attachedTo).toBe(first.id);

  const created = await failure(vm('second', [d.id]));
  expect(created.status).toBe(409);
  expect(created.problem.type).toMatch(/\/disk-attached$/);
  expect(created.problem.detail).toContain(`disks[0]: disk ${d.id} is already attached to virtual machine acme/disks/first (${first.id})`);

  const boot = await disk('other-boot');
  const other = await vm('other', [boot.id]);
  const updated = await failure(api.updateResource(VMS, other.id, { disks: [boot.id, d.id] }));
  expect(updated.status).toBe(409);
  expect(updated.problem.detail).toContain(`disks[1]: disk ${d.id} is already attached to virtual machine acme/disks/first (${first.id})`);
  // The holder itself may list it again (an unrelated change).
  await api.updateResource(VMS, first.id, { disks: [d.id], runStrategy: 'Halted' });
});

test('an attached disk is not deleted (409 naming the VM); deleting the VM keeps the disk and frees it for another', async () => {
  const d = await disk('kept');
  const holder = await vm('holder', [d.id]);
  const refused = await failure(api.deleteResource(DISKS, d.id));
  expect(refused.status).toBe(409);
  expect(refused.problem.type).toMatch(/\/disk-in-use$/);
  expect(refused.problem.detail).toContain(`is attached to virtual machine acme/disks/holder (${holder.id})`);

  await api.deleteResource(VMS, holder.id);
  expect(await waitFor(api, VMS, holder.id, ['gone'])).toBe('gone');
  // The disk takes 3 s to fill (simDelays): the VM can be gone before that, so its disk is waited for.
  expect(await waitFor<Disk>(api, DISKS, d.id)).toMatchObject({ attachedTo: null, status: 'ready' });
  const next = await vm('next', [d.id]);
  expect((await getDisk(d.id)).attachedTo).toBe(next.id);
});

test('ids of another tenant, of nothing, twice, or beside a system disk of its own are refused on the field', async () => {
  const elsewhere = await api.createTenant({ name: 'elsewhere' });
  const foreign = await api.createResource<Disk>(DISKS, { tenantId: elsewhere.id, name: 'foreign', sizeGb: 20 });
  const mine = await disk('mine');
  const bad = await failure(vm('bad', [mine.id, foreign.id, 'dsk-aaaaaaaaaaaaaaaa']));
  expect(bad.status).toBe(400);
  expect(fields(bad.problem)).toEqual(['disks[1]', 'disks[2]']);
  expect(bad.problem.errors?.[0].reason).toContain(`names no disk of tenant acme/disks, got "${foreign.id}"`);
  // The plan refuses the same elements, with the same words (one rule for disks and subnets alike).
  const planned = await api.validate({ kind: 'vm', tenantId: tenant.id, spec: { name: 'bad', instanceType: 'u1.small', disks: [mine.id, foreign.id, 'dsk-aaaaaaaaaaaaaaaa'] } });
  expect(planned.problems.map((p) => [p.field, p.policy, p.reason])).toEqual(bad.problem.errors?.map((e) => [e.field.replace(/\[(\d+)\]/, '.$1'), REFERENCE_POLICY, e.reason]));
  const twice = await failure(vm('twice', [mine.id, mine.id]));
  expect(fields(twice.problem)).toEqual(['disks[1]']);
  const both = await failure(vm('both', [mine.id], { systemDisk: { sizeGb: 20 } }));
  expect(fields(both.problem)).toEqual(['systemDisk']);
  expect(both.problem.errors?.[0].reason).toContain('conflicts with disks');
});

test('a disk grows and never shrinks; switching a VM from its own system disk to disks is refused', async () => {
  const d = await waitFor<Disk>(api, DISKS, (await disk('grows')).id);
  if (d === 'gone') throw new Error('gone');
  await api.updateResource(DISKS, d.id, { sizeGb: 64 });
  expect(await waitFor<Disk>(api, DISKS, d.id)).toMatchObject({ sizeGb: 64, status: 'ready' });
  const shrink = await failure(api.updateResource(DISKS, d.id, { sizeGb: 32 }));
  expect(shrink.status).toBe(400);
  expect(shrink.problem.errors).toEqual([expect.objectContaining({ field: 'sizeGb', reason: 'disks never shrink: it is 64 GB now, got 32' })]);

  const own = await api.createResource<Vm>(VMS, { tenantId: tenant.id, name: 'own', instanceType: 'u1.small' });
  expect(own.systemDisk).toMatchObject({ sizeGb: 20 });
  const free = await disk('free');
  // What the provider sends when `disks` appears: the own system disk would go, so it is refused.
  const switched = await failure(api.updateResource(VMS, own.id, { disks: [free.id], systemDisk: null }));
  expect(fields(switched.problem)).toEqual(['disks']);
  expect(switched.problem.errors?.[0].reason).toContain("cannot replace the VM's own system disk in place");
});

test("a VM's system disk image: our old name and Hikube's are the same image (accepted in place), another image is refused", async () => {
  const made = await api.createResource<Vm>(VMS, { tenantId: tenant.id, name: 'old-image', instanceType: 'u1.medium', systemDisk: { sizeGb: 20, image: 'ubuntu-24.04' } });
  await waitFor<Vm>(api, VMS, made.id);
  const renamed = await api.updateResource<Vm>(VMS, made.id, { systemDisk: { sizeGb: 20, storageClass: 'replicated', image: 'ubuntu-2404' } });
  expect(renamed.systemDisk).toMatchObject({ image: 'ubuntu-2404' });
  const other = await failure(api.updateResource(VMS, made.id, { systemDisk: { sizeGb: 20, storageClass: 'replicated', image: 'ubuntu-2204' } }));
  expect(other.status).toBe(400);
  expect(other.problem.errors).toEqual([expect.objectContaining({ field: 'systemDisk.image', reason: expect.stringContaining('cannot be changed in place') })]);
});

test('disks count against the storage quota and their own count quota', async () => {
  const small = await api.createTenant({ name: 'small', quotas: { storageGib: 60, disks: 2 } });
  await api.createResource(DISKS, { tenantId: small.id, name: 'a', sizeGb: 40 });
  const over = await failure(api.createResource(DISKS, { tenantId: small.id, name: 'b', sizeGb: 30 }));
  expect(over.problem.type).toMatch(/\/quota-exceeded$/);
  expect(fields(over.problem)).toEqual(['sizeGb']);
  await api.createResource(DISKS, { tenantId: small.id, name: 'b', sizeGb: 20 });
  const count = await failure(api.createResource(DISKS, { tenantId: small.id, name: 'c', sizeGb: 20 }));
  expect(fields(count.problem)).toContain('name');
});
