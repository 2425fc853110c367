import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { HikubeClient } from '../../client';
import { Cluster, Vm } from '../../client/types';
import { compileService } from './compiled';
import { driverObjects, tempDir, waitFor } from './helpers';

/**
 * SIGKILL the real service process in the middle of creating clusters and VMs, start it again
 * on the same data dir, and retry the creates with their idempotency keys (as a re-run apply
 * does): everything converges, without duplicates and without orphan driver objects.
 */

let main: string;
let remove: () => void;
let child: ChildProcessWithoutNullStreams | undefined;
const dir = tempDir();
const credentialsFile = path.join(dir, 'credentials.json');

beforeAll(() => ({ main, remove } = compileService()));
afterAll(() => {
  child?.kill('SIGKILL');
  remove?.();
});

async function startMain(): Promise<{ url: string; lines: Record<string, unknown>[] }> {
  child = spawn(
    process.execPath,
    [main, '--port', '0', '--org', 'crashco', '--data-dir', path.join(dir, 'data'), '--credentials-file', credentialsFile, '--sim-delays', 'cluster.create=2500ms,vm.create=1500ms,*.delete=200ms'],
    {
      env: { PATH: process.env.PATH, HIKUBE_LEASE_MS: '1500' },
    },
  );
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const reader = readline.createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    reader.on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      lines.push(parsed);
      if (parsed.msg === 'listening') resolve(String(parsed.url));
    });
    child!.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr.join('')}`)));
  });
  return { url, lines };
}

function killHard(): Promise<void> {
  const exited = new Promise<void>((resolve) => child!.on('exit', () => resolve()));
  child!.kill('SIGKILL');
  return exited.then(() => {
    child = undefined;
  });
}

test('SIGKILL mid-operation: restart converges, no duplicates, no orphans', async () => {
  const first = await startMain();
  const token = (JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as { token: string }).token;
  let api = new HikubeClient({ endpoint: first.url, token });
  const tenant = await api.createTenant({ name: 'crashy' });
  const requests = [
    ...[1, 2, 3].map((i) => ({
      collection: '/v1/clusters',
      key: `cluster-${i}`,
      body: { tenantId: tenant.id, name: `k${i}`, nodeGroups: { w: { minReplicas: 1, maxReplicas: 3, instanceType: 'u1.medium' } } },
    })),
    ...[1, 2, 3, 4].map((i) => ({ collection: '/v1/vms', key: `vm-${i}`, body: { tenantId: tenant.id, name: `v${i}`, instanceType: 'u1.small' } })),
  ];
  const created = await Promise.all(requests.map((r) => api.createResource<Cluster | Vm>(r.collection, r.body, r.key)));
  // Kill while the driver is provisioning: some work is in flight, none finished.
  await waitFor(api, '/v1/clusters', created[0].id, ['provisioning']);
  const before = await Promise.all(created.map((r, i) => api.getResource<Cluster | Vm>(requests[i].collection, r.id)));
  expect(before.some((r) => r.status === 'ready')).toBe(false);
  api.close();
  await killHard();

  const second = await startMain();
  api = new HikubeClient({ endpoint: second.url, token });
  // The apply runs again: same keys, same bodies -> the same resources.
  const retried = await Promise.all(requests.map((r) => api.createResource<Cluster | Vm>(r.collection, r.body, r.key)));
  expect(retried.map((r) => r.id)).toEqual(created.map((r) => r.id));
  for (const [i, r] of created.entries()) expect(await waitFor(api, requests[i].collection, r.id, ['ready', 'failed'], 30_000)).toMatchObject({ status: 'ready' });
  expect((await api.listResources('/v1/clusters')).items).toHaveLength(3);
  expect((await api.listResources('/v1/vms')).items).toHaveLength(4);
  expect((await driverObjects(api)).map((o) => o.id).sort()).toEqual(created.map((r) => r.id).sort());
  expect(second.lines.some((l) => l.msg === 'operation finished')).toBe(true);

  await Promise.all(created.map((r, i) => api.deleteResource(requests[i].collection, r.id)));
  for (const [i, r] of created.entries()) await waitFor(api, requests[i].collection, r.id, ['gone']);
  expect(await driverObjects(api)).toEqual([]);
  api.close();
  child!.kill('SIGTERM');
}, 60_000);
