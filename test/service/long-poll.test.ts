/** GET /v1/<kind>/{id}?wait=ready|gone: answers when the operation settles, not after a poll interval. */
import { ApiError } from '../../client';
import { Tenant, Vm } from '../../client/types';
import { expectProblem, raw, startTestService, TestService } from './helpers';

let t: TestService;
let root: Tenant;

beforeAll(async () => {
  t = await startTestService({ simDelays: 'vm.create=600ms,vm.delete=300ms' });
  root = await t.client.getTenantByPath('acme');
});
afterAll(() => t?.stop());

test('wait=ready answers once the VM is ready, well before the wait limit', async () => {
  const vm = await t.client.createResource<Vm>('/v1/vms', { tenantId: root.id, name: 'lp-1', instanceType: 's1.small' });
  expect(vm.status).toBe('pending');
  const started = Date.now();
  const ready = await t.client.waitForResource<Vm>('/v1/vms', vm.id, 'ready', 15_000);
  expect(ready.status).toBe('ready');
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('wait answers with the current state when the limit passes first', async () => {
  const vm = await t.client.createResource<Vm>('/v1/vms', { tenantId: root.id, name: 'lp-2', instanceType: 's1.small' });
  const now = await t.client.waitForResource<Vm>('/v1/vms', vm.id, 'ready', 0);
  expect(['pending', 'provisioning']).toContain(now.status);
});

test('wait=gone ends in 404 once the driver removed the VM', async () => {
  const vm = await t.client.waitForResource<Vm>('/v1/vms', (await t.client.listResources<Vm>('/v1/vms', { name: 'lp-1' })).items[0].id, 'ready', 15_000);
  await t.client.deleteResource('/v1/vms', vm.id);
  const err = await t.client.waitForResource('/v1/vms', vm.id, 'gone', 15_000).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).status).toBe(404);
});

test('bad wait parameters are 400 naming them', async () => {
  const vm = (await t.client.listResources<Vm>('/v1/vms', { name: 'lp-2' })).items[0];
  const problem = expectProblem(await raw(t.url, 'GET', `/v1/vms/${vm.id}?wait=soon&waitMs=99999999`, { token: t.token }), 400);
  expect(problem.errors?.map((e) => e.field).sort()).toEqual(['wait', 'waitMs']);
});
