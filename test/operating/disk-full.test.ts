import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectProblem, raw, rawJson, startTestService, tempDir, TestService } from '../service/helpers';

/**
 * A full disk under the embedded store, for real: the data directory lives on a small tmpfs
 * mounted for this test (mounting takes root: CI runs as root), which a filler file fills.
 * Writes answer 507 saying the store is out of space, reads keep working, readiness reports
 * it, and once space is freed writes work again.
 */
describe('a full disk under the embedded store', () => {
  let mount: string;
  let t: TestService;
  const filler = () => path.join(mount, 'filler');

  beforeAll(async () => {
    mount = tempDir('hikube-tmpfs-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=192m,mode=0700', 'tmpfs', mount]);
    t = await startTestService({ dir: tempDir(), dataDir: path.join(mount, 'data') });
  });

  afterAll(async () => {
    await t?.stop();
    execFileSync('umount', [mount]);
  });

  test('writes get 507, reads still work, /readyz says the disk is full; freeing space brings writes back', async () => {
    const team = await t.client.createTenant({ name: 'team', description: 'made before the disk filled' });
    const { bavail, bsize } = fs.statfsSync(mount);
    fs.writeFileSync(filler(), Buffer.alloc(Number(bavail * bsize) - 64 * 1024));

    // Incompressible text, so PostgreSQL must extend its files at once.
    const noise = () =>
      Array.from({ length: 100 }, () => Math.random().toString(36).slice(2))
        .join(' ')
        .slice(0, 1000);
    let full;
    for (let i = 0; i < 200 && !full; i++) {
      const res = await rawJson(t, 'POST', '/v1/tenants', { name: `t${i}`, description: noise() });
      if (res.status !== 201) full = res;
    }
    expect(full).toBeDefined();
    const problem = expectProblem(full!, 507);
    expect(problem.detail).toMatch(/out of disk space/);
    expect(t.logs.some((l) => /"level":"error".*unexpected error/.test(l))).toBe(false);

    const read = await raw(t.url, 'GET', `/v1/tenants/${team.id}`, { token: t.token });
    expect(read.status).toBe(200);
    expect(read.body.description).toBe('made before the disk filled');
    expect((await raw(t.url, 'GET', '/healthz')).status).toBe(200);
    const ready = await raw(t.url, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.disk).toMatch(/^full/);

    fs.rmSync(filler());
    expect((await raw(t.url, 'GET', '/readyz')).status).toBe(200);
    expect((await rawJson(t, 'POST', '/v1/tenants', { name: 'after' })).status).toBe(201);
  });
});
