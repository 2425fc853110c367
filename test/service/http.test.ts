import { tenantModel } from '../../model/tenant';
import { expectProblem, fields, raw, rawJson, startTestService, TestService } from './helpers';

let t: TestService;
let rootId: string;
let childId: string;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  rootId = (await t.client.getTenantByPath('acme')).id;
  childId = (await t.client.createTenant({ name: 'web' })).id;
});
afterAll(() => t?.stop());

describe('authentication', () => {
  const routes = (): [string, string][] => [
    ['GET', '/v1/tenants'],
    ['POST', '/v1/tenants'],
    ['GET', '/v1/tenants/by-path?path=acme'],
    ['GET', `/v1/tenants/${rootId}`],
    ['PATCH', `/v1/tenants/${childId}`],
    ['DELETE', `/v1/tenants/${childId}`],
    ['GET', `/v1/tenants/${rootId}/children`],
    ['GET', '/v1/no-such-route'],
  ];

  test('every route without a token is 401 with WWW-Authenticate: Bearer', async () => {
    for (const [method, path] of routes()) {
      const res = await raw(t.url, method, path, { body: method === 'POST' || method === 'PATCH' ? '{}' : undefined, headers: { 'content-type': 'application/json' } });
      expectProblem(res, 401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="hikube"$/);
    }
  });

  test('every route with a bad token is 401 invalid_token', async () => {
    for (const [method, path] of routes()) {
      const res = await raw(t.url, method, path, { token: 'hkt_not-a-real-token' });
      expect(expectProblem(res, 401).detail).toMatch(/not valid/);
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    }
    const basic = await raw(t.url, 'GET', '/v1/tenants', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expectProblem(basic, 401);
  });

  test('nothing was changed by the refused requests', async () => {
    await expect(t.client.getTenant(childId)).resolves.toMatchObject({ name: 'web' });
  });

  test('healthz and the OpenAPI document need no token', async () => {
    expect((await raw(t.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await raw(t.url, 'GET', '/v1/openapi.json')).status).toBe(200);
  });
});

describe('validation: 400 problem+json naming each failing field', () => {
  test('several failing fields at once', async () => {
    const res = await rawJson(t, 'POST', '/v1/tenants', {
      name: 'Bad_Name',
      parentId: 'nope',
      description: 'x'.repeat(1025),
      labels: { 'bad key!': 'v', team: 'y'.repeat(64), n: 5 },
      deletionProtection: 'yes',
    });
    const problem = expectProblem(res, 400);
    expect(problem.type).toMatch(/validation-error$/);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', path: ['name'], reason: expect.stringContaining('lowercase letters') },
        { field: 'parentId', path: ['parentId'], reason: expect.stringContaining('tnt-') },
        { field: 'description', path: ['description'], reason: expect.stringMatching(/at most 1024 characters, got 1025/) },
        { field: 'labels["bad key!"]', path: ['labels', 'bad key!'], reason: expect.stringContaining('label key') },
        { field: 'labels.team', path: ['labels', 'team'], reason: expect.stringMatching(/at most 63 characters/) },
        { field: 'labels.n', path: ['labels', 'n'], reason: 'must be a string, got 5' },
        { field: 'deletionProtection', path: ['deletionProtection'], reason: 'must be true or false, got "yes"' },
      ]),
    );
    expect(problem.errors).toHaveLength(7);
    expect(problem.detail).toContain('name:');
  });

  test('missing required name', async () => {
    const problem = expectProblem(await rawJson(t, 'POST', '/v1/tenants', {}), 400);
    expect(problem.errors).toEqual([{ field: 'name', path: ['name'], reason: 'is required' }]);
  });

  test('unknown and computed fields are named', async () => {
    const problem = expectProblem(await rawJson(t, 'POST', '/v1/tenants', { name: 'ok', colour: 'red', path: 'acme/x' }), 400);
    expect(fields(problem)).toEqual(['colour', 'path']);
    expect(problem.errors?.[0].reason).toMatch(/^unknown field; accepted fields: name, parentId/);
    expect(problem.errors?.[1].reason).toMatch(/computed by the service/);
  });

  test('too many labels', async () => {
    const labels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    const problem = expectProblem(await rawJson(t, 'POST', '/v1/tenants', { name: 'many', labels }), 400);
    expect(problem.errors).toEqual([{ field: 'labels', path: ['labels'], reason: expect.stringMatching(/at most 64 entries/) }]);
  });

  test('PATCH refuses immutable fields: changing them replaces the tenant', async () => {
    const problem = expectProblem(await rawJson(t, 'PATCH', `/v1/tenants/${childId}`, { name: 'renamed', parentId: rootId, description: 'fine' }), 400);
    expect(problem.errors).toEqual([
      { field: 'name', path: ['name'], reason: 'cannot be changed in place: changing it replaces the tenant' },
      { field: 'parentId', path: ['parentId'], reason: 'cannot be changed in place: changing it replaces the tenant' },
    ]);
    expect((await t.client.getTenant(childId)).description).toBeNull();
  });

  test('PATCH refuses unknown and read-only fields and bad values', async () => {
    const problem = expectProblem(await rawJson(t, 'PATCH', `/v1/tenants/${childId}`, { updatedAt: 'x', deletionProtection: null, bogus: 1 }), 400);
    expect(fields(problem)).toEqual(['bogus', 'deletionProtection', 'updatedAt']);
  });

  test('body must be a JSON object', async () => {
    const problem = expectProblem(await rawJson(t, 'POST', '/v1/tenants', ['name']), 400);
    expect(problem.errors).toEqual([{ field: '', path: [], reason: 'the request body must be a JSON object, got an array' }]);
    expectProblem(await raw(t.url, 'POST', '/v1/tenants', { token: t.token }), 400);
  });
});

describe('malformed requests', () => {
  test('malformed JSON is 400', async () => {
    const res = await raw(t.url, 'POST', '/v1/tenants', { token: t.token, body: '{"name": "x",', headers: { 'content-type': 'application/json' } });
    expect(expectProblem(res, 400)).toMatchObject({ type: expect.stringMatching(/malformed-json$/), detail: expect.stringContaining('not valid JSON') });
  });

  test('a body that is not JSON is 415', async () => {
    const res = await raw(t.url, 'POST', '/v1/tenants', { token: t.token, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(expectProblem(res, 415).detail).toMatch(/must be JSON/);
  });

  test('a body over 1 MiB is 413', async () => {
    const body = JSON.stringify({ name: 'big', description: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(await raw(t.url, 'POST', '/v1/tenants', { token: t.token, body, headers: { 'content-type': 'application/json' } }), 413);
  });

  test('unknown routes are 404 and wrong methods 405, as problem+json', async () => {
    expect(expectProblem(await raw(t.url, 'GET', '/v1/nothing', { token: t.token }), 404).detail).toMatch(/no such endpoint: GET \/v1\/nothing/);
    const res = await raw(t.url, 'PUT', `/v1/tenants/${childId}`, { token: t.token });
    expectProblem(res, 405);
    expect(res.headers.get('allow')).toBe('GET, PATCH, DELETE');
  });

  test('problems carry the request path as instance', async () => {
    expect(expectProblem(await raw(t.url, 'GET', '/v1/tenants/tnt-aaaaaaaaaaaaaaaa', { token: t.token }), 404).instance).toBe('/v1/tenants/tnt-aaaaaaaaaaaaaaaa');
  });
});

describe('OpenAPI document', () => {
  test('is OpenAPI 3.1 with every route and schemas derived from the model', async () => {
    const doc = (await raw(t.url, 'GET', '/v1/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/tenants', '/v1/tenants/by-path', '/v1/tenants/{id}', '/v1/tenants/{id}/children', '/v1/openapi.json', '/healthz']));
    expect(Object.keys(doc.paths['/v1/tenants/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    const tenant = doc.components.schemas.Tenant;
    expect(Object.keys(tenant.properties).sort()).toEqual(
      [
        'createdAt',
        'deletionProtection',
        'description',
        'id',
        'labels',
        'metricsAccountId',
        'monitoringOwnerId',
        'name',
        'namespace',
        'networkCidr',
        'networkPrefixLength',
        'parentId',
        'path',
        'quotas',
        'securityPolicy',
        'updatedAt',
      ].sort(),
    );
    expect(tenant.properties.name).toMatchObject({ type: 'string', pattern: tenantModel.attributes.name.validation?.pattern?.source, description: tenantModel.attributes.name.description });
    expect(tenant.properties.labels).toMatchObject({ type: 'object', maxProperties: 64, additionalProperties: { type: 'string', maxLength: 63 } });
    expect(tenant.properties.id.type).toBe('string'); // computed: never null
    expect(tenant.properties.parentId.type).toEqual(['string', 'null']); // null for the root
    expect(doc.components.schemas.TenantCreate.required).toEqual(['name']);
    expect(Object.keys(doc.components.schemas.TenantUpdate.properties).sort()).toEqual(['deletionProtection', 'description', 'labels', 'quotas', 'securityPolicy']);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
    for (const r of refs) expect(doc.components.schemas).toHaveProperty(r.slice(22, -1));
  });
});

describe('logs', () => {
  test('every line is JSON with time, level and msg; one request line per request; no token', async () => {
    await raw(t.url, 'GET', '/v1/tenants', { token: t.token, headers: { 'x-request-id': 'req-log-test' } });
    const lines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const line of lines) expect(line).toEqual(expect.objectContaining({ time: expect.any(String), level: expect.any(String), msg: expect.any(String) }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'listening', url: t.url, store: 'pglite' }));
    expect(lines.filter((l) => l.requestId === 'req-log-test')).toEqual([
      expect.objectContaining({ level: 'info', msg: 'request', method: 'GET', path: '/v1/tenants', status: 200, ms: expect.any(Number) }),
    ]);
    expect(t.logs.join('\n')).not.toContain(t.token);
  });
});
