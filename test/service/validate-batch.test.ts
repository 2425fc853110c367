import { HikubeClient } from '../../client';
import { Tenant } from '../../client/types';
import { expectProblem, rawJson, startTestService, TestService } from './helpers';

/** POST /v1/validate with a plan's batch: cumulative quotas, the token's role, per-request errors. */

let t: TestService;
let api: HikubeClient;
let tenant: Tenant;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
  tenant = await api.createTenant({ name: 'small', quotas: { vms: 2, subTenants: 1 } });
});
afterAll(() => t?.stop());

const vm = (name: string) => ({ kind: 'vm' as const, tenantId: tenant.id, spec: { tenantId: tenant.id, name, instanceType: 's1.small' } });

describe('POST /v1/validate, batch form', () => {
  test('each request counts the accepted ones before it: the third VM of a quota of 2 is refused', async () => {
    const { results } = await api.validateBatch({ requests: [vm('a'), vm('b'), vm('c')] });
    expect(results.map((r) => r.problems.length)).toEqual([0, 0, 1]);
    expect(results[2].problems[0]).toMatchObject({ policy: 'quotas.vms', setBy: 'acme/small' });
  });

  test('context from earlier batches counts but is not judged again', async () => {
    const { results } = await api.validateBatch({ requests: [vm('c')], context: [vm('a'), vm('b')] });
    expect(results[0].problems.map((p) => p.policy)).toEqual(['quotas.vms']);
    const alone = await api.validateBatch({ requests: [vm('c')] });
    expect(alone.results[0].problems).toEqual([]);
  });

  test('sub-tenant quotas count planned tenants too', async () => {
    const child = (name: string) => ({ kind: 'tenant' as const, tenantId: tenant.id, spec: { name, parentId: tenant.id } });
    const { results } = await api.validateBatch({ requests: [child('x'), child('y')] });
    expect(results.map((r) => r.problems.map((p) => p.policy))).toEqual([[], ['quotas.sub_tenants']]);
  });

  test('a view token learns at plan time that it may not create: policy role', async () => {
    const view = await api.createToken({ tenantId: tenant.id, role: 'view' });
    const { results } = await t.clientWith(view.secret).validateBatch({ requests: [vm('a')] });
    expect(results[0].problems).toEqual([expect.objectContaining({ policy: 'role', setBy: 'acme/small', reason: expect.stringContaining('needs admin') })]);
  });

  test('a request that cannot be judged gets its own error, not the batch', async () => {
    const { results } = await api.validateBatch({ requests: [{ ...vm('a'), tenantId: 'tnt-aaaaaaaaaaaaaaaa' }, vm('b')] });
    expect(results[0].error?.status).toBe(400);
    expect(results[1]).toEqual({ problems: [] });
  });

  test('a malformed batch is a 400 naming the failing entries', async () => {
    const problem = expectProblem(await rawJson(t, 'POST', '/v1/validate', { requests: [{ kind: 'ship' }], extra: 1 }), 400);
    expect(JSON.stringify(problem.errors)).toContain('requests[0].kind');
    expect(JSON.stringify(problem.errors)).toContain('extra');
  });
});
