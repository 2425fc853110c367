/** Members and API tokens: the rules beyond the authorization matrix. */
import { HikubeClient } from '../../client';
import type { Tenant } from '../../client/types';
import { MEMBER_ID_PATTERN, TOKEN_ID_PATTERN } from '../../model/access';
import { hashToken } from '../../service/auth/tokens';
import { expectProblem, failure, raw, startTestService, TestService } from './helpers';

let t: TestService;
let api: HikubeClient;
let team: Tenant;
let sub: Tenant;

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
  team = await api.createTenant({ name: 'team' });
  sub = await api.createTenant({ name: 'sub', parentId: team.id });
});
afterAll(() => t?.stop());

describe('API tokens', () => {
  test('the secret is in the create answer only; GET and lists never show it', async () => {
    const created = await api.createToken({ tenantId: team.id, role: 'use', description: 'ci' });
    expect(created).toEqual({
      id: expect.stringMatching(TOKEN_ID_PATTERN),
      tenantId: team.id,
      role: 'use',
      description: 'ci',
      expiresAt: null,
      revokedAt: null,
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^hkt_[A-Za-z0-9_-]{43}$/),
    });
    const { secret, ...rest } = created;
    expect(await api.getToken(created.id)).toEqual(rest);
    const listed = await raw(t.url, 'GET', `/v1/tokens?tenantId=${team.id}`, { token: t.token });
    expect(listed.text).not.toContain(secret);
    expect(listed.text).not.toContain('"secret"');
    const audit = await raw(t.url, 'GET', `/v1/tenants/${team.id}/audit`, { token: t.token });
    expect(audit.text).not.toContain(secret);
  });

  test('only the SHA-256 of the secret is stored', async () => {
    const { id, secret } = await api.createToken({ tenantId: team.id, role: 'view' });
    const { rows } = await t.service.store.query<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [id]);
    expect(rows[0].token_hash).toBe(hashToken(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
    const dump = await t.service.store.query<{ t: string }>("SELECT string_agg(to_jsonb(a)::text, ' ') AS t FROM audit_log a");
    expect(dump.rows[0].t).not.toContain(secret);
    expect(dump.rows[0].t).not.toContain(hashToken(secret));
  });

  test('the secret works at once, on its own subtree only', async () => {
    const { secret } = await api.createToken({ tenantId: team.id, role: 'view' });
    const client = t.clientWith(secret);
    expect((await client.listTenants()).items.map((x) => x.path)).toEqual(['acme/team', 'acme/team/sub']);
    const root = await api.getTenantByPath('acme');
    expect((await failure(client.getTenant(root.id))).status).toBe(404);
  });

  test('no escalation: a token never carries a role above its maker, and names both roles', async () => {
    const admin = t.clientWith(await t.service.issueToken({ tenantId: team.id, role: 'admin' }));
    const err = await failure(admin.createToken({ tenantId: sub.id, role: 'super-admin' }));
    expect(err.status).toBe(403);
    expect(err.problem.detail).toMatch(/admin.*super-admin/);
    expect((await admin.createToken({ tenantId: sub.id, role: 'admin' })).role).toBe('admin');
    // and only for the maker's own subtree
    const root = await api.getTenantByPath('acme');
    expect((await failure(admin.createToken({ tenantId: root.id, role: 'view' }))).status).toBe(400);
    // a super-admin token can be revoked only by a token at least as strong
    const strong = await api.createToken({ tenantId: sub.id, role: 'super-admin' });
    expect((await failure(admin.revokeToken(strong.id))).status).toBe(403);
  });

  test('revocation is immediate; the row stays with revokedAt; revoking again is a no-op', async () => {
    const { id, secret } = await api.createToken({ tenantId: team.id, role: 'admin' });
    const client = t.clientWith(secret);
    await client.getTenant(team.id);
    await api.revokeToken(id);
    const res = await raw(t.url, 'GET', `/v1/tenants/${team.id}`, { token: secret });
    expect(expectProblem(res, 401).detail).toMatch(/revoked/);
    expect((await api.getToken(id)).revokedAt).toEqual(expect.any(String));
    await api.revokeToken(id);
    expect(expectProblem(await raw(t.url, 'PATCH', `/v1/tokens/${id}`, { token: t.token }), 405)).toBeDefined();
  });

  test('deleting a tenant ends its tokens at once, even one that was just used', async () => {
    const doomed = await api.createTenant({ name: 'doomed', parentId: team.id });
    const { secret } = await api.createToken({ tenantId: doomed.id, role: 'admin' });
    await t.clientWith(secret).getTenant(doomed.id); // authenticated once: remembered by the embedded store's token cache
    await api.deleteTenant(doomed.id);
    expectProblem(await raw(t.url, 'GET', `/v1/tenants/${team.id}`, { token: secret }), 401);
  });

  test('an expired token gets 401; an expiry in the past is refused at creation', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const { secret, expiresAt } = await api.createToken({ tenantId: team.id, role: 'view', expiresAt: soon });
    expect(expiresAt).toBe(soon);
    await t.clientWith(secret).getTenant(team.id);
    await new Promise((r) => setTimeout(r, 1600)); // a gap on purpose: past the token's expiry
    expectProblem(await raw(t.url, 'GET', `/v1/tenants/${team.id}`, { token: secret }), 401);
    const err = await failure(api.createToken({ tenantId: team.id, role: 'view', expiresAt: '2001-01-01T00:00:00Z' }));
    expect(err.status).toBe(400);
    expect(err.problem.errors?.[0].field).toBe('expiresAt');
  });

  test('the secret cannot be chosen by the caller', async () => {
    const err = await failure(api.request('POST', '/v1/tokens', { tenantId: team.id, role: 'view', secret: 'hkt_mine' }));
    expect(err.status).toBe(400);
    expect(err.problem.errors?.map((e) => e.field)).toEqual(['secret']);
  });
});

describe('members', () => {
  test('create, read, list by user, change the role in place, delete', async () => {
    const m = await api.createMember({ tenantId: team.id, user: 'alice@example.com', role: 'view' });
    expect(m).toEqual({ id: expect.stringMatching(MEMBER_ID_PATTERN), tenantId: team.id, user: 'alice@example.com', role: 'view', createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(await api.getMember(m.id)).toEqual(m);
    expect((await api.listMembers({ user: 'ALICE@example.com' })).items.map((x) => x.id)).toEqual([m.id]);
    const changed = await api.updateMember(m.id, { role: 'admin' });
    expect(changed).toMatchObject({ id: m.id, role: 'admin' });
    await api.deleteMember(m.id);
    expect((await failure(api.getMember(m.id))).status).toBe(404);
  });

  test('one membership per user and tenant (case-insensitive): 409; another tenant is fine', async () => {
    await api.createMember({ tenantId: team.id, user: 'bob@example.com', role: 'view' });
    const err = await failure(api.createMember({ tenantId: team.id, user: 'Bob@Example.com', role: 'admin' }));
    expect(err.status).toBe(409);
    expect(err.problem.detail).toMatch(/already a member/);
    await api.createMember({ tenantId: sub.id, user: 'bob@example.com', role: 'admin' });
  });

  test('bad e-mail or role: 400 naming the field; user and tenant cannot change in place', async () => {
    const err = await failure(api.request('POST', '/v1/members', { tenantId: team.id, user: 'not-an-email', role: 'owner' }));
    expect(err.problem.errors?.map((e) => e.field)).toEqual(['role', 'user']);
    const m = await api.createMember({ tenantId: team.id, user: 'carol@example.com', role: 'view' });
    const patch = await failure(api.request('PATCH', `/v1/members/${m.id}`, { user: 'dave@example.com' }));
    expect(patch.status).toBe(400);
  });

  test('no escalation: an admin grants at most admin, and cannot touch a super-admin membership', async () => {
    const admin = t.clientWith(await t.service.issueToken({ tenantId: team.id, role: 'admin' }));
    expect((await failure(admin.createMember({ tenantId: sub.id, user: 'erin@example.com', role: 'super-admin' }))).status).toBe(403);
    const m = await admin.createMember({ tenantId: sub.id, user: 'erin@example.com', role: 'use' });
    expect((await failure(admin.updateMember(m.id, { role: 'super-admin' }))).status).toBe(403);
    const boss = await api.createMember({ tenantId: sub.id, user: 'frank@example.com', role: 'super-admin' });
    expect((await failure(admin.deleteMember(boss.id))).status).toBe(403);
    expect((await failure(admin.updateMember(boss.id, { role: 'view' }))).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  test('documents members, tokens and the audit log, with every $ref resolved', async () => {
    const doc = (await raw(t.url, 'GET', '/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/members', '/v1/members/{id}', '/v1/tokens', '/v1/tokens/{id}', '/v1/tenants/{id}/audit']));
    expect(Object.keys(doc.paths['/v1/tokens/{id}']).sort()).toEqual(['delete', 'get', 'parameters']);
    expect(Object.keys(doc.components.schemas.MemberUpdate.properties)).toEqual(['role']);
    expect(Object.keys(doc.components.schemas.ApiTokenCreate.properties).sort()).toEqual(['description', 'expiresAt', 'role', 'tenantId']);
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
    for (const r of refs) expect(doc.components.schemas).toHaveProperty(r.slice(22, -1));
  });
});
