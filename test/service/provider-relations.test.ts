import { HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { monitoringStackModel } from '../../model/monitoring';
import { providerModel } from '../../model/provider';
import { tenantModel } from '../../model/tenant';
import { ResourceModel } from '../../model/schema';
import { CtyValue, decodeValue, encodeValue } from '../../provider/cty';
import { objectTypeOf } from '../../provider/framework/schema';
import { createProviderHandlers } from '../../provider/framework/server';
import { hikubeProvider } from '../../provider/provider';
import { waitUntil } from '../support/wait';
import { startTestService, TestService } from './helpers';

/**
 * Relations between creates of one apply (issue 9, item 4), with the orderings Terraform may
 * pick but a test of the whole binary cannot force: the provider's real handlers, in this
 * process, against a real service. A tenant created before the stack's request must still
 * come back with its owner; a stack finished before a sub-tenant's create must still list it.
 */

let t: TestService;
let api: HikubeClient;
let production: Tenant;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' }); // simulated objects are born ready
  api = t.client;
  production = await api.createTenant({ name: 'production' });
});
afterAll(() => t?.stop());

async function provider() {
  const h = createProviderHandlers(hikubeProvider, silent);
  const configured = await h.ConfigureProvider!({
    terraformVersion: '1.11.4',
    config: { msgpack: encodeValue({ endpoint: t.url, token: t.token, request_timeout: null }, objectTypeOf(providerModel.attributes)) },
  });
  expect(configured.diagnostics).toEqual([]);
  /** Plans a create (as Terraform does right before applying it); returns the apply to run later. */
  async function plan(model: ResourceModel, values: Record<string, unknown>) {
    const type = objectTypeOf(model.attributes);
    const config = Object.fromEntries(Object.keys(model.attributes).map((n) => [n, values[n] ?? null])) as CtyValue;
    const planned = await h.PlanResourceChange!({ typeName: model.typeName, proposedNewState: { msgpack: encodeValue(config, type) }, config: { msgpack: encodeValue(config, type) } });
    expect(planned.diagnostics).toEqual([]);
    return async () => {
      const applied = await h.ApplyResourceChange!({
        typeName: model.typeName,
        priorState: { msgpack: encodeValue(null, type) },
        plannedState: planned.plannedState,
        config: { msgpack: encodeValue(config, type) },
      });
      expect(applied.diagnostics).toEqual([]);
      return decodeValue(applied.newState!.msgpack!, type) as Record<string, unknown>;
    };
  }
  return plan;
}

test('a tenant created before the stack is posted comes back with its owner and account', async () => {
  const plan = await provider();
  const stack = await plan(monitoringStackModel, { tenant_id: production.id });
  const web = await plan(tenantModel, { name: 'web', parent_id: production.id });
  const webDone = web(); // Terraform applies the tenant first...
  await waitUntil('the tenant to be created', async () => (await api.listTenants()).items.some((x) => x.name === 'web' && x.parentId === production.id));
  const stackState = await stack(); // ...and the stack only later
  const webState = await webDone;
  expect(webState.monitoring_owner_id).toBe(production.id);
  expect(typeof webState.metrics_account_id).toBe('number');
  expect((stackState.accounts as Record<string, { account_id: number }>)[String(webState.id)].account_id).toBe(webState.metrics_account_id);
});

test('a stack finished before a sub-tenant of the same apply is created still lists it', async () => {
  const parent = await api.createTenant({ name: 'staging' });
  const plan = await provider();
  const stack = await plan(monitoringStackModel, { tenant_id: parent.id });
  const late = await plan(tenantModel, { name: 'late', parent_id: parent.id });
  const stackDone = stack(); // the stack is ready at once...
  await waitUntil('the stack to be ready', async () => (await api.listResources<{ status: string }>('/v1/monitoring-stacks', { tenantId: parent.id })).items[0]?.status === 'ready');
  const lateState = await late(); // ...the sub-tenant comes later
  const stackState = await stackDone;
  expect(Object.keys(stackState.accounts as object)).toContain(String(lateState.id));
  expect(lateState.monitoring_owner_id).toBe(parent.id);
});
