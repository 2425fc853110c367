import fc from 'fast-check';
import { KIND_LIST, KindName } from '../../model/kinds';
import { raw, startTestService, TestService, waitFor } from './helpers';

/**
 * Hostile input to every endpoint: wrong types, huge strings, unicode, path tricks, negative
 * quotas, SQL fragments and prototype-polluting keys, in bodies, ids and query strings. Every
 * answer must be a 4xx problem+json (reads with harmless queries may be 200), never a 5xx, and
 * the data must be unchanged afterwards. Every resource kind (model/kinds.ts) is in it, with an
 * object made from its descriptor's example.
 */

let t: TestService;
let tenantId: string;
let vmId: string;
/** One ready object of every kind, by kind (in a tenant of their own, without policies). */
const objects = {} as Record<KindName, string>;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  tenantId = (await t.client.createTenant({ name: 'target', quotas: { cpu: 8 }, securityPolicy: { allowedInstanceTypes: ['u1.large'] } })).id;
  vmId = (await t.client.createResource<{ id: string }>('/v1/vms', { tenantId, name: 'vm', instanceType: 'u1.large' })).id;
  const home = (await t.client.createTenant({ name: 'objects' })).id;
  for (const kind of KIND_LIST) {
    const owner = kind.parent ? { [kind.parent.field]: objects[kind.parent.kind as KindName] } : { tenantId: home };
    const body = { ...kind.examples.create, ...owner, ...(kind.fixedName ? {} : { name: 'fuzzed' }) };
    objects[kind.name] = (await t.client.createResource<{ id: string }>(kind.model.collection, body)).id;
  }
  await Promise.all([waitFor(t.client, '/v1/vms', vmId), ...KIND_LIST.map((k) => waitFor(t.client, k.model.collection, objects[k.name]))]);
});

/** `vms`, `clusters`, ...: every kind's collection under /v1. */
const KIND_COLLECTIONS = KIND_LIST.map((k) => k.model.collection.replace(/^\/v1\//, ''));
afterAll(() => t?.stop());

const nasty = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE tenants; --",
    '1 OR 1=1',
    '../../etc/passwd',
    '..%2F..%2Fadmin',
    '%00',
    '\u0000',
    'tnt-aaaaaaaaaaaaaaaa/../x',
    '__proto__',
    'constructor',
    '{"$ne":null}',
    '\u202e\u0645\u{1F4A3}',
    'a'.repeat(100_000),
    '-1',
    'NaN',
    'Infinity',
    '1e309',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer({ min: -1e9, max: -1 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(nasty, tie('v'), { maxKeys: 3 }),
  ),
})).v;
/** Always invalid: at least one field of a wrong type, a negative quota or a polluting key. */
const badPart = fc.constantFrom<Record<string, unknown>>(
  { name: 42 },
  { quotas: { cpu: -1 } },
  { securityPolicy: { allowedInstanceTypes: 'u1.large' } },
  { tenantId: "x'; --" },
  JSON.parse('{"__proto__":{"admin":true}}') as Record<string, unknown>,
  { constructor: { prototype: { polluted: true } } },
  { labels: { 'bad key!': 'x' } },
  { networkPrefixLength: -4 },
  { kind: 'drop' },
);
const body = fc.tuple(fc.dictionary(nasty, value, { maxKeys: 4 }), badPart).map(([a, b]) => {
  const out = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
  return JSON.stringify(out).slice(0, -1) + (Object.keys(out).length ? ',' : '') + JSON.stringify(b).slice(1);
});
const rawBody = fc.oneof(body, body, fc.constantFrom('', '{', 'null', '[]', '"x"', '{"a":1}{', '\u0000'), fc.string({ maxLength: 50 }));
const id = nasty.map((s) => encodeURIComponent(s).slice(0, 2000));
const query = fc.dictionary(fc.constantFrom('from', 'to', 'id', 'path', 'tenantId', 'name', 'limit', 'wait', 'a[b]'), nasty, { maxKeys: 3 }).map((q) =>
  Object.entries(q)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).slice(0, 2000)}`)
    .join('&'),
);

type Call = { method: string; path: string; body?: string };
const calls: fc.Arbitrary<Call> = fc.oneof(
  fc.tuple(rawBody).map(([b]) => ({ method: 'POST', path: '/v1/tenants', body: b })),
  fc.tuple(rawBody, fc.constantFrom(...KIND_LIST)).map(([b, k]) => ({ method: 'POST', path: k.model.collection, body: b })),
  fc.tuple(rawBody).map(([b]) => ({ method: 'POST', path: '/v1/validate', body: b })),
  fc.tuple(rawBody).map(([b]) => ({ method: 'POST', path: '/v1/members', body: b })),
  fc.tuple(rawBody).map(([b]) => ({ method: 'POST', path: '/v1/tokens', body: b })),
  fc.tuple(body).map(([b]) => ({ method: 'PATCH', path: `/v1/tenants/${tenantId}`, body: b })),
  fc.tuple(body).map(([b]) => ({ method: 'PATCH', path: `/v1/vms/${vmId}`, body: b })),
  fc.tuple(body, fc.constantFrom(...KIND_LIST)).map(([b, k]) => ({ method: 'PATCH', path: `${k.model.collection}/${objects[k.name]}`, body: b })),
  fc
    .tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), id, fc.constantFrom('tenants', ...KIND_COLLECTIONS, 'members', 'tokens'))
    .map(([m, i, c]) => ({ method: m, path: `/v1/${c}/${i}`, body: m === 'GET' ? undefined : '{}' })),
  fc.tuple(id, fc.constantFrom('children', 'usage', 'audit')).map(([i, s]) => ({ method: 'GET', path: `/v1/tenants/${i}/${s}` })),
  fc.tuple(query).map(([q]) => ({ method: 'GET', path: `/v1/tenants/${tenantId}/usage?${q}` })),
  fc.tuple(query).map(([q]) => ({ method: 'GET', path: `/v1/tenants/by-path?${q}` })),
  fc.tuple(query, fc.constantFrom('tenants', ...KIND_COLLECTIONS)).map(([q, c]) => ({ method: 'GET', path: `/v1/${c}?${q}` })),
);

async function snapshot(): Promise<string> {
  const lists = await Promise.all(['/v1/tenants', ...KIND_LIST.map((k) => k.model.collection)].map((p) => raw(t.url, 'GET', p, { token: t.token })));
  return JSON.stringify(lists.map((l) => l.body));
}

test('thousands of hostile requests: every answer a 4xx problem+json, data unchanged', async () => {
  const before = await snapshot();
  const seen = new Set<number>();
  await fc.assert(
    fc.asyncProperty(calls, async (call) => {
      const res = await raw(t.url, call.method, call.path, { token: t.token, body: call.body, headers: call.body === undefined ? {} : { 'content-type': 'application/json' } });
      seen.add(res.status);
      // A read with a harmless query may succeed; a write never does, and nothing is ever a 5xx.
      const readOk = call.method === 'GET' && res.status === 200;
      if (!readOk && (!(res.status >= 400 && res.status < 500) || !String(res.headers.get('content-type')).includes('application/problem+json'))) {
        throw new Error(`${call.method} ${call.path.slice(0, 200)} ${call.body?.slice(0, 200)} -> ${res.status} ${res.text.slice(0, 300)}`);
      }
    }),
    { numRuns: 3000 },
  );
  expect(await snapshot()).toBe(before);
  expect([...seen].every((s) => s < 500)).toBe(true);
}, 120_000);

/** Input that breaks parsers rather than validators: deep nesting, invalid UTF-8, huge URLs, thousands of parameters. */
const deepJson = fc.tuple(fc.integer({ min: 33, max: 6000 }), fc.constantFrom('[', '{"a":'), fc.boolean()).map(([depth, open, closed]) => {
  const close = open === '[' ? ']' : '}';
  return Buffer.from(open.repeat(depth) + '1' + (closed ? close.repeat(depth) : ''));
});
const invalidUtf8 = fc
  .tuple(fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]), fc.constantFrom('name', 'description'))
  .map(([bad, field]) => Buffer.concat([Buffer.from(`{"name":"utf","${field === 'name' ? 'labels' : field}":"x`), Buffer.from(bad), Buffer.from('y"}')]));
const writePath = fc.constantFrom('/v1/tenants', '/v1/vms', '/v1/validate', '/v1/members', '/v1/tokens');
const parserCalls: fc.Arbitrary<{ method: string; path: string; body?: Buffer }> = fc.oneof(
  fc.tuple(writePath, deepJson).map(([path, body]) => ({ method: 'POST', path, body })),
  fc.tuple(writePath, invalidUtf8).map(([path, body]) => ({ method: 'POST', path, body })),
  fc.tuple(fc.integer({ min: 17_000, max: 120_000 }), fc.constantFrom('tenants', 'vms', 'tokens')).map(([n, c]) => ({ method: 'GET', path: `/v1/${c}?id=${'a'.repeat(n)}` })),
  fc
    .tuple(fc.integer({ min: 201, max: 10_000 }), fc.constantFrom('tenants', 'vms', 'members'))
    .map(([n, c]) => ({ method: 'GET', path: `/v1/${c}?${Array.from({ length: n }, (_, i) => `p${i}=1`).join('&')}` })),
);

test('parser-breaking input (4,000-level JSON, invalid UTF-8, 100 KB URLs, 10,000 parameters): 4xx problem+json, data unchanged', async () => {
  const before = await snapshot();
  await fc.assert(
    fc.asyncProperty(parserCalls, async (call) => {
      const res = await raw(t.url, call.method, call.path, { token: t.token, body: call.body, headers: call.body === undefined ? {} : { 'content-type': 'application/json' } });
      const problem = res.body as { status?: number; requestId?: string } | undefined;
      if (!(res.status >= 400 && res.status < 500) || !String(res.headers.get('content-type')).includes('application/problem+json') || problem?.status !== res.status || !problem.requestId) {
        throw new Error(`${call.method} ${call.path.slice(0, 120)} ${call.body?.subarray(0, 80).toString('latin1')} -> ${res.status} ${res.text.slice(0, 300)}`);
      }
    }),
    { numRuns: 300 },
  );
  for (const [body, detail] of [
    [Buffer.from('['.repeat(4000) + ']'.repeat(4000)), /more than 32 levels deep/],
    [Buffer.concat([Buffer.from('{"name":"bad-\xff-"}', 'latin1')]), /not valid UTF-8/],
  ] as const) {
    const res = await raw(t.url, 'POST', '/v1/tenants', { token: t.token, body, headers: { 'content-type': 'application/json' } });
    expect({ status: res.status, detail: res.body?.detail }).toEqual({ status: 400, detail: expect.stringMatching(detail) });
  }
  const url = await raw(t.url, 'GET', `/v1/tenants?x=${'a'.repeat(100_000)}`, { token: t.token });
  expect({ status: url.status, type: url.headers.get('content-type') }).toEqual({ status: 431, type: 'application/problem+json' });
  expect(await snapshot()).toBe(before);
  expect(t.logs.filter((l) => l.includes('unexpected error'))).toEqual([]);
}, 180_000);
