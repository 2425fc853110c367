import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestService, tempDir, waitFor } from '../service/helpers';

/** Every file and directory under `dir` with group or other permission bits, as `mode path`. */
function exposed(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) out.push(`${(st.mode & 0o777).toString(8)} ${path.relative(dir, p) || '.'}`);
    if (st.isDirectory()) fs.readdirSync(p).forEach((e) => walk(path.join(p, e)));
  };
  walk(dir);
  return out;
}

/**
 * The embedded store's files hold secrets (a VM's cloud-init): whatever the umask and however
 * the operator made the data directory, nobody but the service's user may read or write them.
 */
describe('PGlite data files', () => {
  test('are private (0700 directories, 0600 files) with umask 000 and an operator-made 0755 data directory', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    const umask = process.umask(0);
    try {
      const t = await startTestService({ dir, dataDir });
      try {
        expect(exposed(dataDir)).toEqual([]);
        const team = await t.client.createTenant({ name: 'team' });
        const vm = await t.client.createResource<{ id: string }>('/v1/vms', { tenantId: team.id, name: 'web', instanceType: 'u1.large', cloudInit: '#cloud-config\npassword: s3cret-in-cloud-init' });
        await waitFor(t.client, '/v1/vms', vm.id);
        // Files PGlite creates while running sit in a directory nobody else can enter.
        expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      } finally {
        await t.stop();
      }
      expect(exposed(dataDir)).toEqual([]);
      // Made readable again behind the service's back: the next start puts it right.
      fs.chmodSync(dataDir, 0o755);
      fs.chmodSync(path.join(dataDir, 'pgdata', 'PG_VERSION'), 0o666);
      const again = await startTestService({ dir, dataDir });
      try {
        expect(exposed(dataDir)).toEqual([]);
      } finally {
        await again.stop();
      }
    } finally {
      process.umask(umask);
    }
  });

  test('a data directory owned by another user is refused, not taken over', async () => {
    // Handing a directory to another user takes root (CI runs as root; see docs/operating-the-service.md).
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    fs.chownSync(dataDir, 65534, 65534);
    await expect(startTestService({ dir, dataDir })).rejects.toThrow(/belongs to uid 65534, not to this service's user/);
  });
});
