import { HikubeClient } from '../../client';
import { Page } from '../../client/types';
import { expectProblem, raw, startTestService, TestService } from '../service/helpers';
import { spawn } from 'node:child_process';
import { compiled } from '../../cli/paths';

/**
 * Every list is paginated the same way (limit, cursor, nextCursor) in a stable order: walking
 * the pages gives every item exactly once, even while items are created meanwhile, and the
 * client and the CLI follow the pages.
 */
describe('cursor pagination', () => {
  let t: TestService;
  let small: HikubeClient;
  const tenantIds: string[] = [];
  const vmIds: string[] = [];

  beforeAll(async () => {
    t = await startTestService({ workers: 0 });
    small = new HikubeClient({ endpoint: t.url, token: t.token, pageSize: 7 });
    for (let i = 0; i < 23; i++) tenantIds.push((await t.client.createTenant({ name: `team-${String(i).padStart(2, '0')}` })).id);
    for (let i = 0; i < 23; i++) {
      vmIds.push((await t.client.createResource<{ id: string }>('/v1/vms', { tenantId: tenantIds[i % 3], name: `vm-${i}`, instanceType: 's1.small' })).id);
      await t.client.createMember({ tenantId: tenantIds[i], user: `u${i}@example.com`, role: 'view' });
      await t.client.createToken({ tenantId: tenantIds[i], role: 'view' });
    }
  });

  afterAll(async () => {
    small?.close();
    await t?.stop();
  });

  async function walk(path: string, limit: number, during?: (page: number) => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; ; n++) {
      const page: Page<{ id: string }> = await t.client.listPage(path, { limit, cursor: cursor ?? undefined });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      if (!cursor) return seen;
      await during?.(n);
    }
  }

  test.each([
    ['/v1/tenants', 24],
    ['/v1/vms', 23],
    ['/v1/members', 23],
    ['/v1/tokens', 24], // the bootstrap admin token too
  ])('%s: pages of 5 give every item exactly once, in a stable order', async (path, count) => {
    const all = await walk(path, 5);
    expect(all).toHaveLength(count);
    expect(new Set(all).size).toBe(count);
    expect(await walk(path, 5)).toEqual(all);
    expect(await walk(path, 1000)).toEqual(all);
  });

  test('without limit a list answers one page of 100 with its cursor; children and audit pages too', async () => {
    const first = await t.client.listPage<{ id: string }>('/v1/tenants');
    expect(first.items).toHaveLength(24);
    expect(first.nextCursor).toBeNull();
    const root = first.items[0];
    const kids: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Page<{ id: string }> = await t.client.listPage(`/v1/tenants/${root.id}/children`, { limit: 4, cursor });
      kids.push(...page.items.map((k) => k.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(kids.sort()).toEqual([...tenantIds].sort());
    const audit = await t.client.listPage<{ id: string }>(`/v1/tenants/${root.id}/audit`, { limit: 10 });
    expect(audit.items).toHaveLength(10);
    const next = await t.client.listPage<{ id: string }>(`/v1/tenants/${root.id}/audit`, { limit: 10, cursor: audit.nextCursor! });
    expect(next.items).toHaveLength(10);
    expect(next.items.map((i) => i.id).filter((id) => audit.items.some((a) => a.id === id))).toEqual([]);
  });

  test('items created while a client pages are never a reason to skip or repeat one', async () => {
    const made: string[] = [];
    const seen = await walk('/v1/tenants', 4, async (n) => {
      made.push((await t.client.createTenant({ name: `zz-late-${n}` })).id); // sorts after every page so far
    });
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of [...tenantIds]) expect(seen).toContain(id);
    for (const id of made) expect(seen).toContain(id);
  });

  test('the client reads whole lists page by page', async () => {
    expect((await small.listResources<{ id: string }>('/v1/vms')).items.map((v) => v.id).sort()).toEqual([...vmIds].sort());
    expect((await small.listTenants()).items.length).toBeGreaterThanOrEqual(24);
    expect((await small.listMembers()).items).toHaveLength(23);
  });

  test('the CLI follows the pages', async () => {
    const run = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [compiled('cli/main.js'), 'tenants', 'list', '-o', 'json', '--endpoint', t.url, '--token', t.token], { env: { ...process.env, HIKUBE_PAGE_SIZE: '3' } });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(run.code).toBe(0);
    const listed = (JSON.parse(run.stdout) as { items: { id: string }[] }).items;
    expect(new Set(listed.map((x) => x.id)).size).toBe(listed.length);
    for (const id of tenantIds) expect(listed.map((x) => x.id)).toContain(id);
  });

  test.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['cursor=garbage!', 'cursor'],
    [`cursor=${Buffer.from('not ours').toString('base64url')}`, 'cursor'],
  ])('?%s is a 400 naming %s', async (query, field) => {
    const res = await raw(t.url, 'GET', `/v1/vms?${query}`, { token: t.token });
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.field)).toEqual([field]);
  });
});
