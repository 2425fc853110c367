/**
 * The REST contract: the OpenAPI document is valid OpenAPI 3.1 (checked by a real validator),
 * and every answer the real service gives, over HTTP, is one the document declares for that
 * route and status, with a body its schema accepts. Every declared answer of every route must
 * be exercised here: a route (or a status) added to model/api/routes.ts without a request in
 * this file fails the last test.
 */
import { PAGE_LIMITS } from '../../model/api/limits';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import express from 'express';
import { BODY_LIMIT_BYTES, IDEMPOTENCY_HEADER, operationBackedModels, RouteDecl, ROUTES } from '../../model/api/routes';
import { AUDIT_KINDS } from '../../model/api/types';
import { KindDescriptor, ROTATE, triggeredActions } from '../../model/kind';
import { KIND_LIST } from '../../model/kinds';
import { apiNameOf, camelCase } from '../../model/schema';
import { checkRoutes, declaredRoute } from '../../service/http/routes';
import { raw, RawResponse, startTestService, TestService } from './helpers';

type Json = any;

let t: TestService;
let doc: Json;
let ajv: Ajv2020;
const validators = new Map<string, ValidateFunction>();
/** `operationId status` of every answer checked against the document. */
const exercised = new Set<string>();

beforeAll(async () => {
  // Creates answer at once; deletions take long, so a resource can be caught while `deleting`.
  // Those held deletes need no quick polling: at the helpers' 50 ms, the dozens this file leaves
  // would keep the embedded store busy and slow every later request.
  t = await startTestService({ simDelays: '*.create=0,*.update=0,*.delete=10m', pollIntervalMs: 5_000 });
  doc = (await raw(t.url, 'GET', '/v1/openapi.json')).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
});

afterAll(async () => {
  await t.stop();
  fs.rmSync(t.dir, { recursive: true, force: true });
});

const DOC_ID = 'urn:hikube:openapi';

function validatorFor(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    // Component references are relative to the document: point them at it.
    v = ajv.compile(JSON.parse(key.replace(/"#\/components\//g, `"${DOC_ID}#/components/`)));
    validators.set(key, v);
  }
  return v;
}

interface Call {
  readonly params?: Record<string, string>;
  readonly query?: string;
  readonly body?: unknown;
  /** Sent as is (with `contentType`), instead of `body` as JSON. */
  readonly rawBody?: string;
  readonly contentType?: string;
  /** Another token; null sends none. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

function route(operationId: string): RouteDecl {
  const r = ROUTES.find((x) => x.operationId === operationId);
  if (!r) throw new Error(`no route ${operationId} in model/api/routes.ts`);
  return r;
}

/**
 * Sends a request to a declared route, expects `status`, and checks the answer against the
 * document: the status is declared for the route, the media type is the declared one, and the
 * body matches the declared schema (or is empty when none is declared).
 */
async function call(operationId: string, status: number, c: Call = {}): Promise<RawResponse> {
  const r = route(operationId);
  const urlPath = r.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = c.params?.[name];
    if (value === undefined) throw new Error(`${operationId}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const headers: Record<string, string> = { ...c.headers };
  let body: string | undefined;
  if (c.rawBody !== undefined) {
    body = c.rawBody;
    headers['content-type'] = c.contentType ?? 'application/json';
  } else if (c.body !== undefined) {
    body = JSON.stringify(c.body);
    headers['content-type'] = 'application/json';
  }
  const res = await raw(t.url, r.method.toUpperCase(), `${urlPath}${c.query ? `?${c.query}` : ''}`, { token: c.token === null ? undefined : (c.token ?? t.token), body, headers });
  const what = `${r.method.toUpperCase()} ${urlPath} (${operationId})`;
  expect({ what, status: res.status, body: res.body }).toMatchObject({ what, status });

  const declared = doc.paths[r.path]?.[r.method]?.responses?.[String(res.status)];
  expect({ what, declared: declared !== undefined }).toEqual({ what, declared: true });
  if (declared.content) {
    const [mediaType] = Object.keys(declared.content);
    expect({ what, contentType: res.headers.get('content-type') }).toEqual({ what, contentType: expect.stringContaining(mediaType) });
    const validate = validatorFor(declared.content[mediaType].schema);
    const valid = validate(mediaType.includes('json') ? res.body : res.text);
    expect({ what, errors: valid ? [] : validate.errors }).toEqual({ what, errors: [] });
  } else {
    expect({ what, body: res.text }).toEqual({ what, body: '' });
  }
  exercised.add(`${operationId} ${res.status}`);
  return res;
}

const TENANT_NOBODY = 'tnt-aaaaaaaaaaaaaaaa';

/** A valid-looking id of a route's path, for answers given before the id is looked up (401, 413, 415). */
function anyParams(r: RouteDecl): Record<string, string> {
  return Object.fromEntries((r.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, TENANT_NOBODY]));
}

describe('the document', () => {
  test('is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator)', () => {
    const file = path.join(t.dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const out = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '../support/validate-openapi.mjs'), file], { encoding: 'utf8' }));
    expect(out).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test('has every declared route once, and every tag it uses is declared', () => {
    const operations = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item as object)
        .filter((k) => k !== 'parameters')
        .map((m) => `${m} ${p}`),
    );
    expect(operations.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const tags = new Set(doc.tags.map((x: { name: string }) => x.name));
    expect(ROUTES.filter((r) => !tags.has(r.tag)).map((r) => r.operationId)).toEqual([]);
  });

  test('documents the ?id= batch filter of every list the client batches', () => {
    const lists = ['listTenants', 'listMembers', 'listTokens', ...operationBackedModels().map((m) => `list${m.schemaName}s`)];
    for (const operationId of lists) {
      const r = route(operationId);
      expect({ operationId, id: doc.paths[r.path].get.parameters.find((p: Json) => p.name === 'id' && p.in === 'query') }).toMatchObject({
        operationId,
        id: { schema: { type: 'array', maxItems: 100 }, style: 'form', explode: true },
      });
    }
  });
});

describe('the service serves exactly the declared routes', () => {
  const wall: express.RequestHandler = (_req, _res, next) => next();
  const app = (build: (a: express.Express) => void) => {
    const a = express();
    a.get('/healthz', () => undefined);
    a.use(wall);
    build(a);
    return a;
  };
  const declared = ROUTES.filter((r) => r.operationId === 'health' || r.operationId === 'getTenant');

  test('a route without a declaration, or a declaration without a route, stops it', () => {
    expect(() =>
      checkRoutes(
        app((a) => a.get('/v1/tenants/:id', () => undefined)),
        wall,
        declared,
      ),
    ).not.toThrow();
    expect(() =>
      checkRoutes(
        app((a) => a.get('/v1/tenants/:id', () => undefined).post('/v1/tenants/:id', () => undefined)),
        wall,
        declared,
      ),
    ).toThrow('POST /v1/tenants/{id} is served but not declared in model/api/routes.ts');
    expect(() =>
      checkRoutes(
        app(() => undefined),
        wall,
        declared,
      ),
    ).toThrow('GET /v1/tenants/{id} is declared in model/api/routes.ts but not served');
  });

  test('a router serves a path with a handler for each declared method, or is not built', () => {
    const handler = () => undefined;
    expect(() => declaredRoute(express.Router(), '/v1/tokens', '/:id', { get: handler, delete: handler })).not.toThrow();
    expect(() => declaredRoute(express.Router(), '/v1/tokens', '/:id', { get: handler, patch: handler, delete: handler })).toThrow('/v1/tokens/{id}: PATCH has no declaration in model/api/routes.ts');
    expect(() => declaredRoute(express.Router(), '/v1/tokens', '/:id', { get: handler })).toThrow('/v1/tokens/{id}: declared DELETE has no handler');
  });

  test('405 names the declared methods', async () => {
    const res = await raw(t.url, 'PUT', `/v1/tenants/${TENANT_NOBODY}`, { token: t.token });
    expect({ status: res.status, allow: res.headers.get('allow') }).toEqual({
      status: 405,
      allow: ROUTES.filter((r) => r.path === '/v1/tenants/{id}')
        .map((r) => r.method.toUpperCase())
        .join(', '),
    });
  });

  test('routes of mounted routers count with their mount path; a public route behind the token check stops it', () => {
    const router = express.Router();
    router.route('/:id').get(() => undefined);
    expect(() =>
      checkRoutes(
        app((a) => a.use('/v1/tenants', router)),
        wall,
        declared,
      ),
    ).not.toThrow();
    const late = express();
    late.use(wall);
    late.get('/healthz', () => undefined).get('/v1/tenants/:id', () => undefined);
    expect(() => checkRoutes(late, wall, declared)).toThrow('GET /healthz is declared public but served after the token check');
  });
});

describe('every answer of every route matches the document', () => {
  let tenant: Json;
  let viewToken: string;
  let sub: Json;
  let subToken: string;

  beforeAll(async () => {
    tenant = (await call('createTenant', 201, { body: { name: 'contract' } })).body;
    viewToken = await t.service.issueToken({ tenantId: tenant.id, role: 'view' });
    sub = (await call('createTenant', 201, { body: { name: 'sub', parentId: tenant.id } })).body;
    subToken = await t.service.issueToken({ tenantId: sub.id, role: 'super-admin' });
  });

  test('without a token: 401 on every guarded route; bodies not JSON, too large or of another type: 400, 413, 415', async () => {
    for (const r of ROUTES.filter((x) => !x.public)) await call(r.operationId, 401, { token: null, params: anyParams(r) });
    for (const r of ROUTES.filter((x) => x.requestBody)) {
      await call(r.operationId, 415, { params: anyParams(r), rawBody: 'name=x', contentType: 'text/plain' });
      await call(r.operationId, 413, { params: anyParams(r), rawBody: JSON.stringify({ description: 'x'.repeat(BODY_LIMIT_BYTES) }) });
    }
  });

  test('public routes', async () => {
    await call('openApi', 200, { token: null });
    await call('health', 200, { token: null });
    await call('ready', 200, { token: null });
    // The database stops answering the readiness probe (workers' queries go on): not ready.
    const store = t.service.store;
    const original = store.query.bind(store);
    const query = jest
      .spyOn(store, 'query')
      .mockImplementation(((sql: string, params?: unknown[]) => (sql === 'SELECT 1' ? Promise.reject(new Error('connection refused')) : original(sql, params))) as typeof store.query);
    try {
      await call('ready', 503, { token: null });
    } finally {
      query.mockRestore();
    }
  });

  test('the check itself refuses bodies the document does not allow', async () => {
    const answer = (await call('getTenant', 200, { params: { id: tenant.id } })).body;
    const schema = doc.paths['/v1/tenants/{id}'].get.responses['200'].content['application/json'].schema;
    expect(validatorFor(schema)(answer)).toBe(true);
    expect(validatorFor(schema)({ ...answer, surprise: 1 })).toBe(false);
    expect(validatorFor(schema)({ ...answer, id: null })).toBe(false);
    const { path: _path, ...withoutPath } = answer;
    expect(validatorFor(schema)(withoutPath)).toBe(false);
  });

  test('tenants', async () => {
    await call('listTenants', 200);
    await call('listTenants', 200, { query: `id=${tenant.id}&id=${TENANT_NOBODY}` });
    await call('listTenants', 400, { query: 'limit=0' });
    await call('createTenant', 400, { body: { name: 'Not A Name' } });
    await call('createTenant', 403, { token: viewToken, body: { name: 'nope', parentId: tenant.id } });
    await call('createTenant', 409, { body: { name: 'contract' } });
    await call('getTenantByPath', 200, { query: `path=${encodeURIComponent(tenant.path)}` });
    await call('getTenantByPath', 400);
    await call('getTenantByPath', 404, { query: 'path=acme/nobody' });
    await call('getTenant', 200, { params: { id: tenant.id } });
    await call('getTenant', 404, { params: { id: TENANT_NOBODY } });
    await call('updateTenant', 200, { params: { id: tenant.id }, body: { description: 'contract test', quotas: { cpu: 64 }, securityPolicy: { externalIpsAllowed: true } } });
    await call('updateTenant', 400, { params: { id: tenant.id }, body: { name: 'renamed' } });
    await call('updateTenant', 403, { token: viewToken, params: { id: tenant.id }, body: { description: 'x' } });
    await call('updateTenant', 404, { params: { id: TENANT_NOBODY }, body: { description: 'x' } });
    await call('listTenantChildren', 200, { params: { id: tenant.id } });
    await call('listTenantChildren', 400, { params: { id: tenant.id }, query: 'limit=0' });
    await call('listTenantChildren', 404, { params: { id: TENANT_NOBODY } });
    const leaf = (await call('createTenant', 201, { body: { name: 'leaf', parentId: tenant.id } })).body;
    await call('deleteTenant', 403, { token: viewToken, params: { id: leaf.id } });
    await call('deleteTenant', 404, { params: { id: TENANT_NOBODY } });
    await call('deleteTenant', 409, { params: { id: tenant.id } }); // has sub-tenants
    await call('deleteTenant', 204, { params: { id: leaf.id } });
  });

  // Every kind of the registry, from its descriptor's example specs.
  test.each(KIND_LIST.map((k): [string, KindDescriptor] => [k.model.schemaName, k]))('%s', async (name, kind) => {
    // A kind with nothing to change in place (a bucket) has no PATCH: 405, naming what it has.
    const sample = { update: kind.examples.update?.(1) };
    const id = (op: string) => `${op}${name}`;
    // A sub-resource goes into a parent of its own (the parent kind's test deletes its object).
    const parent = kind.parent && KIND_LIST.find((k) => k.name === kind.parent!.kind)!;
    const owner: Record<string, string> = parent
      ? { [kind.parent!.field]: (await call(`create${parent.model.schemaName}`, 202, { body: { ...parent.examples.create, tenantId: tenant.id, name: `parent-of-${kind.idPrefix}` } })).body.id }
      : { tenantId: tenant.id };
    const body = { ...kind.examples.create, ...owner, ...(kind.fixedName ? {} : { name: 'contract' }) };
    const key = { [IDEMPOTENCY_HEADER]: `contract-${name}` };
    const created = (await call(id('create'), 202, { body, headers: key })).body;
    await call(id('create'), 200, { body, headers: key });
    // A parent with a sub-resource in it is not deleted (409), nor a sub-resource another one names.
    if (parent) await call(`delete${parent.model.schemaName}`, 409, { params: { id: owner[kind.parent!.field] } });
    for (const holder of KIND_LIST.filter((h) => kind.parent && h.parent?.kind === kind.parent.kind)) {
      for (const r of (holder.refersTo ?? []).filter((x) => x.kind === kind.name)) {
        const held = (await call(id('create'), 202, { body: { ...body, name: 'held' } })).body;
        const role = holder.model.attributes[r.field].validation?.oneOf?.[0];
        const naming = { ...holder.examples.create, ...owner, name: 'holder', [r.field]: { held: role } };
        await call(`create${holder.model.schemaName}`, 202, { body: naming });
        await call(id('delete'), 409, { params: { id: held.id } });
      }
    }
    // An object another kind uses by id (a disk in a VM's disks, a subnet in its subnetIds) is not deleted while used (409).
    for (const user of KIND_LIST) {
      for (const u of (user.uses ?? []).filter((x) => x.kind === kind.name)) {
        const range = kind.disjointCidr ? { [kind.disjointCidr.field]: '172.31.0.0/24' } : {};
        const used = (await call(id('create'), 202, { body: { ...body, ...range, name: 'used' } })).body;
        // A list of ids (a VM's subnetIds) or a single one (a cluster's backupBucketId), as the model types the field.
        const field = Object.entries(user.model.attributes).find(([n, d]) => apiNameOf(n, d) === u.field)![1];
        const ref = field.type.kind === 'list' || field.type.kind === 'set' ? [used.id] : used.id;
        await call(`create${user.model.schemaName}`, 202, { body: { ...user.examples.create, tenantId: tenant.id, name: `uses-${kind.idPrefix}`, [u.field]: ref } });
        await call(id('delete'), 409, { params: { id: used.id } });
      }
    }
    const another = parent ? { ...body, name: 'other' } : { ...body, tenantId: sub.id };
    await call(id('create'), 422, { body: another, headers: key }); // same key, another body
    await call(id('create'), 409, { body });
    await call(id('create'), 400, { body: {} });
    await call(id('create'), 403, { token: viewToken, body });
    await call(`list${name}s`, 200, { query: `id=${created.id}&tenantId=${tenant.id}` });
    await call(`list${name}s`, 400, { query: 'id=nope' });
    const readyish = (await call(id('get'), 200, { params: { id: created.id }, query: 'wait=ready&waitMs=5000' })).body;
    expect(['ready', 'failed']).toContain(readyish.status);
    await call(id('get'), 200, { params: { id: created.id }, token: viewToken }); // secrets null below admin
    await call(id('get'), 400, { params: { id: created.id }, query: 'wait=soon' });
    await call(id('get'), 404, { params: { id: `${created.id.split('-')[0]}-aaaaaaaaaaaaaaaa` } });
    if (sample.update) {
      await call(id('update'), 202, { params: { id: created.id }, body: sample.update });
      await call(id('update'), 400, { params: { id: created.id }, body: { tenantId: TENANT_NOBODY } });
      await call(id('update'), 403, { token: viewToken, params: { id: created.id }, body: sample.update });
      await call(id('update'), 404, { params: { id: `${created.id.split('-')[0]}-aaaaaaaaaaaaaaaa` }, body: sample.update });
    } else {
      expect(ROUTES.find((r) => r.operationId === id('update'))).toBeUndefined();
      const res = await raw(t.url, 'PATCH', `${kind.model.collection}/${created.id}`, { token: t.token, body: '{}', headers: { 'content-type': 'application/json' } });
      expect({ status: res.status, allow: res.headers.get('allow') }).toEqual({ status: 405, allow: 'GET, DELETE' });
    }
    // Triggered actions: `rotate` (the new secrets in the answer), a VM's `restart`...
    const actionOps = triggeredActions(kind).map((a) => ROUTES.find((r) => r.method === 'post' && r.path === `${kind.model.collection}/{id}/${a.name}`)!.operationId);
    for (const [i, action] of triggeredActions(kind).entries()) {
      const answer = (await call(actionOps[i], 202, { params: { id: created.id } })).body;
      if (action === ROTATE) for (const s of kind.secrets!.generated) expect(typeof answer[camelCase(s.attribute)]).toBe('string');
      await call(actionOps[i], 403, { token: viewToken, params: { id: created.id } });
      await call(actionOps[i], 404, { params: { id: `${created.id.split('-')[0]}-aaaaaaaaaaaaaaaa` } });
    }
    await call(`settle${name}Create`, 403, { token: viewToken, params: { id: created.id } });
    await call(`settle${name}Create`, 204, { params: { id: created.id } });
    await call(`settle${name}Create`, 404, { params: { id: `${created.id.split('-')[0]}-aaaaaaaaaaaaaaaa` } });
    await call(id('delete'), 403, { token: viewToken, params: { id: created.id } });
    await call(id('delete'), 404, { params: { id: `${created.id.split('-')[0]}-aaaaaaaaaaaaaaaa` } });
    await call(id('delete'), 202, { params: { id: created.id } });
    if (sample.update) await call(id('update'), 409, { params: { id: created.id }, body: sample.update }); // deletions take 10 minutes here
    for (const op of actionOps) await call(op, 409, { params: { id: created.id } });
  });

  test('members and tokens', async () => {
    await call('listMembers', 200, { query: `tenantId=${tenant.id}` });
    await call('listMembers', 400, { query: 'user=not-an-email' });
    const member = (await call('createMember', 201, { body: { tenantId: tenant.id, user: 'ann@example.com', role: 'use' } })).body;
    await call('createMember', 400, { body: { tenantId: tenant.id, user: 'ann@example.com', role: 'boss' } });
    await call('createMember', 403, { token: viewToken, body: { tenantId: tenant.id, user: 'bob@example.com', role: 'view' } });
    await call('createMember', 409, { body: { tenantId: tenant.id, user: 'ann@example.com', role: 'view' } });
    await call('listMembers', 200, { query: `id=${member.id}` });
    await call('getMember', 200, { params: { id: member.id } });
    await call('getMember', 404, { params: { id: 'mem-aaaaaaaaaaaaaaaa' } });
    await call('updateMember', 200, { params: { id: member.id }, body: { role: 'admin' } });
    await call('updateMember', 400, { params: { id: member.id }, body: { user: 'x@example.com' } });
    await call('updateMember', 403, { token: viewToken, params: { id: member.id }, body: { role: 'view' } });
    await call('updateMember', 404, { params: { id: 'mem-aaaaaaaaaaaaaaaa' }, body: { role: 'view' } });
    await call('deleteMember', 403, { token: viewToken, params: { id: member.id } });
    await call('deleteMember', 404, { params: { id: 'mem-aaaaaaaaaaaaaaaa' } });
    await call('deleteMember', 204, { params: { id: member.id } });

    const token = (await call('createToken', 201, { body: { tenantId: tenant.id, role: 'view', description: 'contract' } })).body;
    expect(typeof token.secret).toBe('string');
    await call('createToken', 400, { body: { tenantId: tenant.id, role: 'view', expiresAt: '2001-01-01T00:00:00Z' } });
    await call('createToken', 403, { token: viewToken, body: { tenantId: tenant.id, role: 'view' } });
    await call('listTokens', 200, { query: `id=${token.id}` });
    await call('listTokens', 400, { query: 'id=nope' });
    const read = (await call('getToken', 200, { params: { id: token.id } })).body;
    expect(read).not.toHaveProperty('secret');
    await call('getToken', 404, { params: { id: 'tok-aaaaaaaaaaaaaaaa' } });
    await call('revokeToken', 403, { token: viewToken, params: { id: token.id } });
    await call('revokeToken', 404, { params: { id: 'tok-aaaaaaaaaaaaaaaa' } });
    await call('revokeToken', 204, { params: { id: token.id } });
    await call('getToken', 200, { params: { id: token.id } }); // revoked: revokedAt set
  });

  test('audit, usage, validation, catalog, admin and metrics', async () => {
    // Every kind's test above writes entries: the largest page holds them all (the default one no longer does).
    const audit = (await call('listAudit', 200, { params: { id: tenant.id }, query: `limit=${PAGE_LIMITS.max}` })).body;
    expect(new Set(audit.items.map((e: Json) => e.kind))).toEqual(new Set(AUDIT_KINDS)); // every kind of entry, made above
    await call('listAudit', 400, { params: { id: tenant.id }, query: 'limit=0' });
    await call('listAudit', 403, { token: viewToken, params: { id: tenant.id } });
    await call('listAudit', 404, { params: { id: TENANT_NOBODY } });
    await call('tenantUsage', 200, { params: { id: tenant.id } });
    await call('tenantUsage', 400, { params: { id: tenant.id }, query: 'from=yesterday' });
    await call('tenantUsage', 404, { params: { id: TENANT_NOBODY } });

    // Answers with problems in them: a VM over the sub-tenant's vCPU quota.
    await call('updateTenant', 200, { params: { id: sub.id }, body: { quotas: { cpu: 1 } } });
    const request = { kind: 'vm', tenantId: sub.id, spec: { tenantId: sub.id, name: 'big', instanceType: 'u1.8xlarge' } };
    expect((await call('validateChange', 200, { body: request })).body.problems).not.toEqual([]);
    const batch = (await call('validateChange', 200, { body: { requests: [request, { ...request, kind: 'cluster', spec: {} }], context: [] } })).body;
    expect(batch.results[0].problems).not.toEqual([]);
    await call('validateChange', 400, { body: { kind: 'nothing' } });

    await call('listInstanceTypes', 200);
    await call('kubernetesVersions', 200);
    await call('listPresets', 200);
    await call('listPresets', 200, { query: 'engine=postgres', token: viewToken });
    await call('listPresets', 400, { query: 'engine=oracle' });
    await call('postgresExtensions', 200);
    await call('listGpus', 200);
    await call('listImages', 200);
    await call('listPrices', 200, { params: { category: 'storage' } });
    await call('listPrices', 200, { params: { category: 'compute' }, query: 'currency=CHF', token: viewToken });
    await call('listPrices', 400, { params: { category: 'compute' }, query: 'currency=USD' });
    await call('listPrices', 404, { params: { category: 'databases' } });
    await call('listDriverObjects', 200);
    await call('listDriverObjects', 403, { token: subToken });
    await call('metrics', 200);
    await call('metrics', 403, { token: subToken });
  });

  test('every declared answer of every route was exercised above', () => {
    const declared = ROUTES.flatMap((r) => Object.keys(r.responses).map((status) => `${r.operationId} ${status}`));
    expect(declared.filter((d) => !exercised.has(d))).toEqual([]);
    expect(exercised.size).toBe(declared.length);
  });
});
