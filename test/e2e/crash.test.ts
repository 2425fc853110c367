/**
 * The service is SIGKILLed in the middle of an apply that creates clusters and VMs, then
 * started again on the same data: terraform converges, with no duplicate and no orphan.
 */
import { HikubeClient } from '../../client/client';
import { spawnService } from '../../cli/service-process';
import { PROVIDER_BLOCK, RunningService, tempDir, Workspace, workspace } from './harness';
import { freePort } from '../support/free-port';
import { waitUntil } from '../support/wait';

jest.setTimeout(240_000);

const DELAYS = 'cluster.create=4s,vm.create=3s,cluster.delete=200ms,vm.delete=200ms';

function config(createTimeout?: string): string {
  const timeouts = createTimeout ? `\n  timeouts = { create = "${createTimeout}" }` : '';
  const clusters = ['alpha', 'beta']
    .map(
      (name) => `
resource "hikube_kubernetes_cluster" "${name}" {
  tenant_id = hikube_tenant.t.id
  name      = "${name}"
  node_groups = {
    workers = { min_replicas = 1, max_replicas = 3, instance_type = "u1.medium" }
  }${timeouts}
}`,
    )
    .join('\n');
  const vms = ['vm-1', 'vm-2', 'vm-3']
    .map(
      (name) => `
resource "hikube_virtual_machine" "${name.replace('-', '_')}" {
  tenant_id     = hikube_tenant.t.id
  name          = "${name}"
  instance_type = "s1.small"${timeouts}
}`,
    )
    .join('\n');
  return `${PROVIDER_BLOCK}
resource "hikube_tenant" "t" {
  name = "crash"
}
${clusters}
${vms}
`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Census {
  clusters: string[];
  vms: string[];
  driver: { kind: string; id: string }[];
  ids: string[];
}

async function census(client: HikubeClient): Promise<Census> {
  const clusters = (await client.listResources<{ id: string; name: string }>('/v1/clusters')).items;
  const vms = (await client.listResources<{ id: string; name: string }>('/v1/vms')).items;
  const driver = (await client.request<{ items: { kind: string; id: string }[] }>('GET', '/v1/admin/driver-objects')).items;
  return {
    clusters: clusters.map((c) => c.name).sort(),
    vms: vms.map((v) => v.name).sort(),
    driver,
    ids: [...clusters, ...vms].map((r) => r.id).sort(),
  };
}

/** Waits until the service has accepted all five creates (they are pending in its database). */
async function untilAllAccepted(client: HikubeClient): Promise<void> {
  let seen: Census | undefined;
  await waitUntil(
    'the service to see the five creates',
    async () => {
      seen = await census(client).catch(() => seen);
      return seen?.clusters.length === 2 && seen.vms.length === 3;
    },
    { timeoutMs: 30_000, detail: () => JSON.stringify(seen) },
  );
}

function expectConverged(c: Census): void {
  // No duplicates: each name once. No orphans: the back-end holds exactly these objects.
  expect(c.clusters).toEqual(['alpha', 'beta']);
  expect(c.vms).toEqual(['vm-1', 'vm-2', 'vm-3']);
  expect(c.driver.map((d) => d.id).sort()).toEqual(c.ids);
}

describe.each([
  ['a short outage: the running apply waits it out', undefined, 1_000],
  ['a long outage: the apply times out, the next one finds the same objects', '5s', 8_000],
])('SIGKILL mid-apply, %s', (_name, createTimeout, downMs) => {
  let home: string;
  let port: number;
  let service: RunningService;
  let ws: Workspace;

  const start = async () => {
    service = await spawnService({ home, port, args: ['--sim-delays', DELAYS] });
  };

  beforeAll(async () => {
    home = tempDir('e2e-crash');
    port = await freePort();
    await start();
    ws = workspace(service, 'e2e-crash');
    ws.write(config(createTimeout));
    await ws.ok('init', '-no-color');
  });

  afterAll(async () => {
    await service?.stop();
  });

  test('converges with no duplicates and no orphans', async () => {
    const apply = ws.tf('apply', '-auto-approve', '-no-color');
    const client = new HikubeClient({ endpoint: service.url, token: service.token });
    await untilAllAccepted(client);
    await service.stop('SIGKILL');
    await sleep(downMs); // a gap on purpose: the service stays down while terraform retries
    await start();

    const first = await apply;
    if (createTimeout) {
      expect(first.code).toBe(1);
      expect(first.stderr.replace(/\s+/g, ' ')).toContain('Timed Out Waiting for');
      const second = await ws.ok('apply', '-auto-approve', '-no-color');
      expect(second.stdout).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed\./);
    } else {
      expect(first.stdout + first.stderr).toContain('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.');
      expect(first.code).toBe(0);
    }
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    expectConverged(await census(client));
    expect(ws.logProblems()).toEqual([]);

    await ws.ok('destroy', '-auto-approve', '-no-color');
    const after = await census(client);
    expect(after.ids).toEqual([]);
    expect(after.driver).toEqual([]);
    client.close();
  });
});
