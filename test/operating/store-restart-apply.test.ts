/**
 * The case operators hit: PostgreSQL restarts (3 s down) while `terraform apply` is creating
 * clusters and VMs. The real terraform, the real provider, the service on a real PostgreSQL
 * server that is stopped and started again mid-apply: the apply must still succeed.
 */
import { spawn } from 'node:child_process';
import { terraformEnv } from '../../cli/terraform';
import { PROVIDER_BLOCK, workspace } from '../e2e/harness';
import { PgServer, startPgServer } from '../service/pg-server';
import { startTestService, tempDir, TestService } from '../service/helpers';
import { waitUntil } from '../support/wait';

jest.setTimeout(180_000);

describe('terraform apply across a PostgreSQL restart', () => {
  let pg: PgServer;
  let t: TestService;

  beforeAll(async () => {
    pg = await startPgServer();
    t = await startTestService({ databaseUrl: pg.databaseUrl, dir: tempDir(), simDelays: 'cluster.create=6s,vm.create=5s' });
  });

  afterAll(async () => {
    await t?.stop();
    pg?.stop();
  });

  test('the apply in flight waits out the outage and succeeds; the next plan shows no changes', async () => {
    const ws = workspace({ url: t.url, token: t.token }, 'pg-restart');
    ws.write(`${PROVIDER_BLOCK}
resource "hikube_tenant" "t" {
  name = "restart"
}
resource "hikube_kubernetes_cluster" "k" {
  tenant_id = hikube_tenant.t.id
  name      = "k"
  node_groups = {
    workers = { min_replicas = 1, max_replicas = 2, instance_type = "u1.medium" }
  }
}
resource "hikube_virtual_machine" "a" {
  tenant_id     = hikube_tenant.t.id
  name          = "a"
  instance_type = "s1.small"
}
resource "hikube_virtual_machine" "b" {
  tenant_id     = hikube_tenant.t.id
  name          = "b"
  instance_type = "s1.small"
}
`);
    await ws.ok('init', '-input=false');
    const tf = spawn('terraform', ['apply', '-auto-approve', '-input=false'], {
      cwd: ws.dir,
      env: terraformEnv({ cwd: ws.dir, cliConfigFile: ws.provider.cliConfigFile, env: { HIKUBE_ENDPOINT: t.url, HIKUBE_TOKEN: t.token, TF_LOG: 'WARN', TF_LOG_PATH: ws.logFile } }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    tf.stdout!.on('data', (c: Buffer) => (output += c));
    tf.stderr!.on('data', (c: Buffer) => (output += c));
    const done = new Promise<number | null>((resolve) => tf.on('exit', resolve));

    await waitUntil('terraform to be creating the VM and the cluster', () => /hikube_virtual_machine\.b: Creating\.\.\./.test(output) && /hikube_kubernetes_cluster\.k: Creating\.\.\./.test(output), {
      timeoutMs: 60_000,
      intervalMs: 100,
      detail: () => output,
    });
    pg.halt();
    await new Promise((r) => setTimeout(r, 3000)); // a gap on purpose: the outage lasts 3 s while requests are in flight
    pg.restart();

    expect({ code: await done, output }).toEqual({ code: 0, output: expect.stringContaining('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.') });
    expect(t.logs.some((l) => l.includes('"msg":"store fault"'))).toBe(true); // the outage did hit requests
    expect((await ws.ok('plan', '-input=false', '-detailed-exitcode')).code).toBe(0);
    const vms = await t.client.listResources<{ name: string; status: string }>('/v1/vms');
    expect(vms.items.map((v) => [v.name, v.status]).sort()).toEqual([
      ['a', 'ready'],
      ['b', 'ready'],
    ]);
    expect(ws.logProblems()).toEqual([]);
  });
});
