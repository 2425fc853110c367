/**
 * The authorization matrix: every endpoint, for every role, against the token's own tenant, a
 * child, the parent and a sibling. Each cell is the status the service answered (for lists:
 * `200:1` when the target's object is in the answer, `200:0` when it is not), compared with a
 * table written out by hand. Every 2xx body is also searched for anything belonging to the
 * parent or the sibling: no answer may carry another tenant's data.
 *
 * Every resource kind (model/kinds.ts) gets its rows from its descriptor's examples.
 *
 *   acme
 *   └── p            parent   (one object of every kind, a member, a token)
 *       ├── me       own      (the four role tokens live here)
 *       │   └── child child
 *       └── sib      sibling
 */
import { HikubeClient } from '../../client';
import type { ApiToken, Member, Role, Tenant } from '../../client/types';
import { KindDescriptor, triggeredActions } from '../../model/kind';
import { KIND_LIST, KindName, KINDS } from '../../model/kinds';
import { raw, RawResponse, startTestService, TestService, waitFor } from './helpers';

const ROLES: Role[] = ['view', 'use', 'admin', 'super-admin'];
const TARGETS = ['own', 'child', 'parent', 'sibling'] as const;
type Target = (typeof TARGETS)[number];

interface Fixture {
  tenant: Tenant;
  /** One object of each kind, by kind. */
  objects: Record<KindName, string>;
  member: string;
  token: string;
}

let t: TestService;
let api: HikubeClient;
const fx = {} as Record<Target, Fixture>;
const tokens = {} as Record<Role, string>;
/** Strings that belong to the parent or the sibling and must never reach a token of `me`. */
const foreign: string[] = [];
let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}`;

/**
 * A create body of the kind's example in a tenant (for a sub-resource: in the tenant's object of
 * its parent kind), named unless the kind has a fixed name.
 */
let ranges = 0;
/** A kind whose range must not overlap a sibling's (subnets of a VPC) gets a range of its own per body (172.16.0.0/12 holds 4096 /24s). */
const ownRange = (kind: KindDescriptor) => (kind.disjointCidr ? { [kind.disjointCidr.field]: `172.${16 + Math.floor(ranges / 256)}.${ranges++ % 256}.0/24` } : {});
const bodyOf = (kind: KindDescriptor, tenantId: string, name: string, objects: Partial<Record<string, string>>) => ({
  ...kind.examples.create,
  ...ownRange(kind),
  ...(kind.parent ? { [kind.parent.field]: objects[kind.parent.kind] } : { tenantId }),
  ...(kind.fixedName ? {} : { name }),
});
const create = async (kind: KindDescriptor, tenantId: string, name: string, objects: Partial<Record<string, string>>) =>
  (await api.createResource<{ id: string }>(kind.model.collection, bodyOf(kind, tenantId, name, objects))).id;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
  const p = await api.createTenant({ name: 'p', description: 'PARENT-ONLY' });
  const me = await api.createTenant({ name: 'me', parentId: p.id });
  const child = await api.createTenant({ name: 'child', parentId: me.id });
  const sib = await api.createTenant({ name: 'sib', parentId: p.id, description: 'SIBLING-ONLY' });
  for (const [target, tenant] of [
    ['own', me],
    ['child', child],
    ['parent', p],
    ['sibling', sib],
  ] as const) {
    const marker = target === 'parent' || target === 'sibling' ? `${target.toUpperCase()}-ONLY` : target;
    const objects = {} as Record<KindName, string>;
    for (const kind of KIND_LIST) objects[kind.name] = await create(kind, tenant.id, 'fixture', objects);
    const member = await api.createMember({ tenantId: tenant.id, user: `${marker.toLowerCase()}@example.com`, role: 'view' });
    const token = await api.createToken({ tenantId: tenant.id, role: 'view', description: `fixture ${marker}` });
    fx[target] = { tenant, objects, member: member.id, token: token.id };
    if (marker.endsWith('-ONLY')) foreign.push(marker, ...Object.values(objects), member.id, token.id, member.user);
  }
  foreign.push(sib.id);
  for (const role of ROLES) tokens[role] = (await api.createToken({ tenantId: me.id, role })).secret;
}, 180_000);
afterAll(() => t?.stop());

async function call(role: Role, method: string, path: string, body?: unknown): Promise<RawResponse> {
  const res = await raw(t.url, method, path, {
    token: tokens[role],
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (res.status >= 200 && res.status < 300) {
    const leaked = foreign.filter((s) => res.text.includes(s));
    if (leaked.length > 0) throw new Error(`${role} ${method} ${path} answered ${res.status} with another tenant's data: ${leaked.join(', ')}`);
  }
  return res;
}

/** `200:1` / `200:0`: whether a list answer holds the id. */
const listed = (res: RawResponse, id: string) => (res.status === 200 ? `200:${(res.body.items as { id: string }[]).some((i) => i.id === id) ? 1 : 0}` : String(res.status));

/** Objects made fresh (by the organisation admin) for cells that delete or change them. */
const fresh = {
  tenant: async (x: Target) => (await api.createTenant({ name: unique('d'), parentId: fx[x].tenant.id })).id,
  member: async (x: Target) => (await api.createMember({ tenantId: fx[x].tenant.id, user: `${unique('m')}@example.com`, role: 'view' })).id,
  token: async (x: Target) => (await api.createToken({ tenantId: fx[x].tenant.id, role: 'view' })).id,
};

/** A deleted fixture (of a kind with one per tenant) is made again so that later cells find one. */
async function recreate(kind: KindDescriptor<KindName>, x: Target): Promise<void> {
  await waitFor(api, kind.model.collection, fx[x].objects[kind.name], ['gone']);
  fx[x].objects[kind.name] = await create(kind, fx[x].tenant.id, 'fixture', fx[x].objects);
}

type Cell = (role: Role, x: Target) => Promise<string>;
const status = (res: RawResponse) => String(res.status);

/** Rows: view, use, admin, super-admin; columns: own, child, parent, sibling. */
const ALL = (row: string) => ROLES.map(() => row);
const READ = ALL('200 200 404 404');
const LIST = ALL('200:1 200:1 200:0 200:0');
const ADMIN_CREATE = ['403 403 403 403', '403 403 403 403', '201 201 400 400', '201 201 400 400'];
const ADMIN_CHANGE = (ok: string) => ['403 403 404 404', '403 403 404 404', `${ok} ${ok} 404 404`, `${ok} ${ok} 404 404`];

/**
 * A kind's rows: lists, read, create (one per tenant: an allowed create meets the fixture, 409),
 * start/stop (the `use` role may, when the kind has run fields), change and delete.
 */
function kindRows(kind: KindDescriptor<KindName>): [string, Cell, string[]][] {
  const c = kind.model.collection;
  const id = (x: Target) => fx[x].objects[kind.name];
  const run = kind.examples.run;
  const rows: [string, Cell, string[]][] = [
    [`GET ${c}?tenantId=`, async (r, x) => listed(await call(r, 'GET', `${c}?tenantId=${fx[x].tenant.id}`), id(x)), LIST],
    [`GET ${c}?id=`, async (r, x) => listed(await call(r, 'GET', `${c}?id=${id(x)}`), id(x)), LIST],
    [`GET ${c}/{id}`, async (r, x) => status(await call(r, 'GET', `${c}/${id(x)}`)), READ],
    [
      `POST ${c}`,
      async (r, x) => status(await call(r, 'POST', c, bodyOf(kind, fx[x].tenant.id, unique(kind.idPrefix), fx[x].objects))),
      ADMIN_CREATE.map((row) => row.replace(/201/g, kind.fixedName ? '409' : '202')),
    ],
  ];
  if (run) {
    rows.push([
      `PATCH ${c}/{id} ${Object.keys(run(0)).join(', ')} (start/stop: use)`,
      async (r, x) => status(await call(r, 'PATCH', `${c}/${id(x)}`, run(seq++))),
      ['403 403 404 404', '202 202 404 404', '202 202 404 404', '202 202 404 404'],
    ]);
  }
  // Rotating generated secrets is a change of the object; a VM's restart is use, as starting and stopping it.
  for (const action of triggeredActions(kind)) {
    const expected = action.as === 'resource.run' ? ['403 403 404 404', '202 202 404 404', '202 202 404 404', '202 202 404 404'] : ADMIN_CHANGE('202');
    rows.push([`POST ${c}/{id}/${action.name} (${action.as === 'resource.run' ? 'use' : 'admin'})`, async (r, x) => status(await call(r, 'POST', `${c}/${id(x)}/${action.name}`)), expected]);
  }
  const update = kind.examples.update;
  // A kind with nothing to change in place (a bucket) has no PATCH: refused alike for every role.
  rows.push(
    update
      ? [`PATCH ${c}/{id}${run ? ` ${Object.keys(update(0)).join(', ')}` : ''}`, async (r, x) => status(await call(r, 'PATCH', `${c}/${id(x)}`, update(seq++))), ADMIN_CHANGE('202')]
      : [`PATCH ${c}/{id} (none: 405)`, async (r, x) => status(await call(r, 'PATCH', `${c}/${id(x)}`, {})), Array<string>(4).fill('405 405 405 405')],
    [
      `DELETE ${c}/{id}`,
      async (r, x) => {
        if (!kind.fixedName) return status(await call(r, 'DELETE', `${c}/${await create(kind, fx[x].tenant.id, unique(kind.idPrefix), fx[x].objects)}`));
        const res = await call(r, 'DELETE', `${c}/${id(x)}`);
        if (res.status === 202) await recreate(kind, x);
        return status(res);
      },
      ADMIN_CHANGE('202'),
    ],
  );
  return rows;
}

const MATRIX: [string, Cell, string[]][] = [
  // ---- tenants ----
  ['GET /v1/tenants?id=', async (r, x) => listed(await call(r, 'GET', `/v1/tenants?id=${fx[x].tenant.id}`), fx[x].tenant.id), LIST],
  ['GET /v1/tenants', async (r, x) => listed(await call(r, 'GET', '/v1/tenants'), fx[x].tenant.id), LIST],
  ['GET /v1/tenants/{id}', async (r, x) => status(await call(r, 'GET', `/v1/tenants/${fx[x].tenant.id}`)), READ],
  ['GET /v1/tenants/by-path', async (r, x) => status(await call(r, 'GET', `/v1/tenants/by-path?path=${encodeURIComponent(fx[x].tenant.path)}`)), READ],
  ['GET /v1/tenants/{id}/children', async (r, x) => status(await call(r, 'GET', `/v1/tenants/${fx[x].tenant.id}/children`)), READ],
  [
    'POST /v1/tenants (sub-tenant of the target)',
    async (r, x) => status(await call(r, 'POST', '/v1/tenants', { name: unique('n'), parentId: fx[x].tenant.id })),
    ['403 403 403 403', '403 403 403 403', '403 403 403 403', '201 201 400 400'],
  ],
  ['PATCH /v1/tenants/{id} description', async (r, x) => status(await call(r, 'PATCH', `/v1/tenants/${fx[x].tenant.id}`, { description: `d${seq++}` })), ADMIN_CHANGE('200')],
  [
    'PATCH /v1/tenants/{id} quotas (decided on the parent)',
    async (r, x) => status(await call(r, 'PATCH', `/v1/tenants/${fx[x].tenant.id}`, { quotas: { vms: 1000 + seq++ } })),
    ['403 403 404 404', '403 403 404 404', '403 403 404 404', '403 200 404 404'],
  ],
  [
    'PATCH /v1/tenants/{id} securityPolicy (decided on the parent)',
    async (r, x) => status(await call(r, 'PATCH', `/v1/tenants/${fx[x].tenant.id}`, { securityPolicy: { externalIpsAllowed: seq++ % 2 === 0 } })),
    ['403 403 404 404', '403 403 404 404', '403 403 404 404', '403 200 404 404'],
  ],
  ['PATCH /v1/tenants/{id} deletionProtection', async (r, x) => status(await call(r, 'PATCH', `/v1/tenants/${fx[x].tenant.id}`, { deletionProtection: false })), ADMIN_CHANGE('200')],
  [
    'DELETE /v1/tenants/{id} (own: the fixture itself; child: a fresh sub-tenant)',
    async (r, x) => status(await call(r, 'DELETE', `/v1/tenants/${x === 'child' ? await fresh.tenant('own') : fx[x].tenant.id}`)),
    ['403 403 404 404', '403 403 404 404', '403 403 404 404', '403 204 404 404'],
  ],
  ['GET /v1/tenants/{id}/usage', async (r, x) => status(await call(r, 'GET', `/v1/tenants/${fx[x].tenant.id}/usage`)), READ],
  [
    'POST /v1/validate',
    async (r, x) => status(await call(r, 'POST', '/v1/validate', { kind: 'vm', tenantId: fx[x].tenant.id, spec: bodyOf(KINDS.vm, fx[x].tenant.id, unique('v'), {}) })),
    ALL('200 200 400 400'),
  ],
  ['GET /v1/tenants/{id}/audit', async (r, x) => status(await call(r, 'GET', `/v1/tenants/${fx[x].tenant.id}/audit`)), ADMIN_CHANGE('200')],
  // ---- members ----
  ['GET /v1/members?tenantId=', async (r, x) => listed(await call(r, 'GET', `/v1/members?tenantId=${fx[x].tenant.id}`), fx[x].member), LIST],
  ['GET /v1/members?id=', async (r, x) => listed(await call(r, 'GET', `/v1/members?id=${fx[x].member}`), fx[x].member), LIST],
  ['GET /v1/members/{id}', async (r, x) => status(await call(r, 'GET', `/v1/members/${fx[x].member}`)), READ],
  ['POST /v1/members', async (r, x) => status(await call(r, 'POST', '/v1/members', { tenantId: fx[x].tenant.id, user: `${unique('u')}@example.com`, role: 'view' })), ADMIN_CREATE],
  ['PATCH /v1/members/{id}', async (r, x) => status(await call(r, 'PATCH', `/v1/members/${await fresh.member(x)}`, { role: 'use' })), ADMIN_CHANGE('200')],
  ['DELETE /v1/members/{id}', async (r, x) => status(await call(r, 'DELETE', `/v1/members/${await fresh.member(x)}`)), ADMIN_CHANGE('204')],
  // ---- API tokens ----
  ['GET /v1/tokens?tenantId=', async (r, x) => listed(await call(r, 'GET', `/v1/tokens?tenantId=${fx[x].tenant.id}`), fx[x].token), LIST],
  ['GET /v1/tokens?id=', async (r, x) => listed(await call(r, 'GET', `/v1/tokens?id=${fx[x].token}`), fx[x].token), LIST],
  ['GET /v1/tokens', async (r, x) => listed(await call(r, 'GET', '/v1/tokens'), fx[x].token), LIST],
  ['GET /v1/tokens/{id}', async (r, x) => status(await call(r, 'GET', `/v1/tokens/${fx[x].token}`)), READ],
  ['POST /v1/tokens', async (r, x) => status(await call(r, 'POST', '/v1/tokens', { tenantId: fx[x].tenant.id, role: 'view' })), ADMIN_CREATE],
  ['DELETE /v1/tokens/{id}', async (r, x) => status(await call(r, 'DELETE', `/v1/tokens/${await fresh.token(x)}`)), ADMIN_CHANGE('204')],
  ...KIND_LIST.flatMap(kindRows),
  // ---- catalog and operator endpoints: not tied to a tenant ----
  ['GET /v1/catalog/instance-types', async (r) => status(await call(r, 'GET', '/v1/catalog/instance-types')), ALL('200 200 200 200')],
  ['GET /v1/catalog/kubernetes-versions', async (r) => status(await call(r, 'GET', '/v1/catalog/kubernetes-versions')), ALL('200 200 200 200')],
  ['GET /v1/catalog/presets', async (r) => status(await call(r, 'GET', '/v1/catalog/presets?engine=postgres')), ALL('200 200 200 200')],
  ['GET /v1/catalog/images', async (r) => status(await call(r, 'GET', '/v1/catalog/images')), ALL('200 200 200 200')],
  ['GET /v1/catalog/gpus', async (r) => status(await call(r, 'GET', '/v1/catalog/gpus')), ALL('200 200 200 200')],
  ['GET /v1/catalog/postgres-extensions', async (r) => status(await call(r, 'GET', '/v1/catalog/postgres-extensions')), ALL('200 200 200 200')],
  ['GET /v1/prices/{category}', async (r) => status(await call(r, 'GET', '/v1/prices/data-services?currency=CHF')), ALL('200 200 200 200')],
  ['GET /v1/admin/driver-objects (organisation root only)', async (r) => status(await call(r, 'GET', '/v1/admin/driver-objects')), ALL('403 403 403 403')],
];

describe('authorization matrix: role x target', () => {
  test.each(MATRIX.map(([name, cell, expected]) => ({ name, cell, expected })))('$name', async ({ cell, expected }) => {
    const got: string[] = [];
    for (const role of ROLES) {
      const row: string[] = [];
      for (const x of TARGETS) row.push(await cell(role, x));
      got.push(row.join(' '));
    }
    expect(Object.fromEntries(ROLES.map((r, i) => [r, got[i]]))).toEqual(Object.fromEntries(ROLES.map((r, i) => [r, expected[i]])));
  });
});

describe('refusals tell nothing about other tenants', () => {
  test('the leak check has something to look for', () => {
    expect(foreign).toEqual(expect.arrayContaining(['PARENT-ONLY', 'SIBLING-ONLY', fx.parent.token, fx.sibling.member, fx.sibling.tenant.id]));
  });

  test('an id outside the subtree and an id that does not exist get the same answer', async () => {
    const unknown = { tenant: 'tnt-aaaaaaaaaaaaaaaa', member: 'mem-aaaaaaaaaaaaaaaa', token: 'tok-aaaaaaaaaaaaaaaa', cluster: 'kc-aaaaaaaaaaaaaaaa' };
    const pairs: [string, string, string][] = [
      ['/v1/tenants/', fx.sibling.tenant.id, unknown.tenant],
      ['/v1/members/', fx.sibling.member, unknown.member],
      ['/v1/tokens/', fx.parent.token, unknown.token],
    ];
    for (const [prefix, hidden, missing] of pairs) {
      const a = await call('super-admin', 'GET', prefix + hidden);
      const b = await call('super-admin', 'GET', prefix + missing);
      expect([a.status, a.body.detail.replace(hidden, 'X')]).toEqual([b.status, b.body.detail.replace(missing, 'X')]);
    }
  });

  test('a token sees exactly its subtree in every list', async () => {
    const tenants = (await call('view', 'GET', '/v1/tenants')).body.items as Tenant[];
    expect(tenants.map((x) => x.path)).toEqual(expect.arrayContaining(['acme/p/me', 'acme/p/me/child']));
    expect(tenants.every((x) => x.path === 'acme/p/me' || x.path.startsWith('acme/p/me/'))).toBe(true);
    const members = (await call('view', 'GET', '/v1/members')).body.items as Member[];
    const tokenList = (await call('view', 'GET', '/v1/tokens')).body.items as ApiToken[];
    const mine = new Set(tenants.map((x) => x.id));
    expect([...members, ...tokenList].every((x) => mine.has(x.tenantId))).toBe(true);
  });
});
