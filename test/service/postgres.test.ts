import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ApiError } from '../../client';
import { startTestService, tempDir, TestService } from './helpers';

/**
 * The same service against a real PostgreSQL 15 server (DATABASE_URL) started here in a temp
 * dir. initdb refuses to run as root, so as root the server programs run as the `postgres`
 * user through runuser. Missing programs fail the suite with the reason (.ci/run installs them).
 */

const asRoot = process.getuid?.() === 0;
const runAs = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
const unavailable = whyUnavailable();

function whyUnavailable(): string | undefined {
  for (const program of ['initdb', 'pg_ctl', ...(asRoot ? ['runuser'] : [])]) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) return `${program} is not on PATH`;
  }
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root and there is no postgres user';
  return undefined;
}

function run(args: string[]): void {
  execFileSync(runAs[0] ?? args[0], [...runAs.slice(1), ...(runAs.length ? args : args.slice(1))], { stdio: 'pipe' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('with a real PostgreSQL server (DATABASE_URL)', () => {
  let dir: string;
  let pgData: string;
  let databaseUrl: string;
  let t: TestService | undefined;

  beforeAll(async () => {
    if (unavailable) throw new Error(`cannot start a PostgreSQL server: ${unavailable} (install PostgreSQL 15's server programs)`);
    dir = tempDir('hikube-pg-');
    if (asRoot) execFileSync('chown', ['postgres', dir]);
    pgData = path.join(dir, 'pgdata');
    const port = await freePort();
    run(['initdb', '-D', pgData, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    run(['pg_ctl', '-D', pgData, '-l', path.join(dir, 'postgres.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    t = await startTestService({ databaseUrl, dir: tempDir(), organisation: 'pgorg' });
  });

  afterAll(async () => {
    await t?.stop();
    if (pgData && fs.existsSync(pgData)) run(['pg_ctl', '-D', pgData, '-m', 'fast', '-w', 'stop']);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('bootstraps the organisation and serves tenant CRUD', async () => {
    const api = t!.client;
    const root = await api.getTenantByPath('pgorg');
    expect(root).toMatchObject({ parentId: null, namespace: 'tenant-pgorg' });
    const prod = await api.createTenant({ name: 'prod', labels: { env: 'prod' } });
    const team = await api.createTenant({ name: 'team-a', parentId: prod.id, description: 'A' });
    expect(team).toMatchObject({ path: 'pgorg/prod/team-a', namespace: 'tenant-pgorg-prod-team-a', parentId: prod.id });
    expect(await api.getTenant(team.id)).toEqual(team);
    expect((await api.listChildren(prod.id)).items.map((x) => x.id)).toEqual([team.id]);
    expect((await api.listTenants()).items.map((x) => x.path)).toEqual(['pgorg', 'pgorg/prod', 'pgorg/prod/team-a']);
    const updated = await api.updateTenant(team.id, { labels: { owner: 'a' }, description: null });
    expect(updated).toMatchObject({ labels: { owner: 'a' }, description: null });

    const conflict = (await api.createTenant({ name: 'prod-team-a' }).catch((e: unknown) => e)) as ApiError;
    expect(conflict.status).toBe(409);
    expect(conflict.problem.detail).toContain('pgorg/prod/team-a');

    const dup = await Promise.allSettled([api.createTenant({ name: 'twin' }), api.createTenant({ name: 'twin' })]);
    expect(dup.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);

    const blocked = (await api.deleteTenant(prod.id).catch((e: unknown) => e)) as ApiError;
    expect(blocked.status).toBe(409);
    await api.deleteTenant(team.id);
    await api.deleteTenant(prod.id);
    expect(t!.logs.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ msg: 'listening', store: 'postgres' }));
  });

  test('a restart on the same database keeps data and the token', async () => {
    const before = (await t!.client.listTenants()).items;
    const { dir: serviceDir, token } = t!;
    await t!.stop();
    t = await startTestService({ databaseUrl, dir: serviceDir, organisation: 'pgorg' });
    expect(t.token).toBe(token);
    expect((await t.client.listTenants()).items).toEqual(before);
  });
});
