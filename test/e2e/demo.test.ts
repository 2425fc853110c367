/**
 * The README's main command, as a user runs it: the demo script (service + provider release +
 * the real `cdktf deploy` of examples/quickstart), twice: the second run changes nothing.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compiled } from '../../cli/paths';
import { tempDir } from './harness';

jest.setTimeout(180_000);

/** `out` without terminal escapes (cdktf passes terraform's colours through); `raw` as printed. */
function runDemo(home: string): Promise<{ code: number; out: string; raw: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [compiled('scripts/demo.js'), '--home', home], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c));
    child.on('close', (code) => resolve({ code: code ?? 1, out: out.replace(/\x1b\[[0-9;]*m/g, ''), raw: out }));
  });
}

describe('npm run demo', () => {
  const home = tempDir('demo');

  test('first run deploys the quickstart and prints the tenant tree', async () => {
    const { code, out, raw } = await runDemo(home);
    expect(out).toContain('Apply complete! Resources: 24 added, 0 changed, 0 destroyed.');
    expect(code).toBe(0);
    expect(out).toContain('├── production  (tenant-acme-production - Customer-facing workloads)');
    expect(out).toMatch(/│ {3}├── data {2}\(tenant-acme-production-data/);
    expect(out).toMatch(/• cluster web: Kubernetes v1\.33, node groups system 2-3xu1\.large, workers 2-6xu1\.xlarge, ready, €[0-9.]+\/month/);
    expect(out).toMatch(/• vm devbox: u1\.large, 10\.[0-9.]+, Always, ready/);
    // production/web: a public load balancer in front of two VMs on a private subnet, with their costs.
    expect(out).toMatch(/│ {11}• load-balancer front: 2 x tcp, 203\.0\.113\.[0-9]+, 2 targets, ready, €[0-9.]+\/month/);
    expect(out).toMatch(/│ {11}• subnet app: 192\.168\.10\.0\/24, ready\n/);
    expect(out).toMatch(/│ {11}• vm web1: u1\.medium, 10\.[0-9.]+, Always, ready, €[0-9.]+\/month/);
    // web1's standalone disks, priced on their own.
    expect(out).toMatch(/│ {11}• disk web1-system: ready, €[0-9.]+\/month\n/);
    expect(out).toMatch(/│ {11}• disk uploads: ready, €[0-9.]+\/month\n/);
    // production/data's services, each under its tenant, children named with their parent.
    expect(out).toMatch(/│ {7}• postgres orders: v17, 2 x small, 20 GiB each, ready, €[0-9.]+\/month/);
    expect(out).toContain('│       • postgres-database orders/app: ready\n');
    expect(out).toContain('│       • postgres-user orders/app: ready\n');
    expect(out).toMatch(/│ {7}• redis cache: v8, 2 x micro, 1 GiB each, ready, €[0-9.]+\/month/);
    expect(out).toMatch(/│ {7}• bucket assets: ready/);
    // The demo's own lines are plain text with NO_COLOR (terraform's, passed through by cdktf, are not ours).
    expect(raw).toContain('\n==> [4/4] Tenant tree, read back from the API\n');
    expect(out).toContain(
      '10 tenants, 1 cluster, 2 disks, 1 VPC, 1 subnet, 3 virtual machines, 1 load balancer, 1 monitoring stack, 1 PostgreSQL cluster, 1 PostgreSQL database, 1 PostgreSQL user, 1 bucket, 1 Redis cluster.',
    );
    // The simulated cluster takes longer than terraform's 10 s progress interval; cdktf prefixes
    // terraform's lines with the stack name, so this also shows the deploy went through cdktf.
    expect(out).toMatch(/^quickstart +hikube_kubernetes_cluster\.\S+: Still creating\.\.\. \[\d+s elapsed\]/m);
    // The provider came from the release archive, recorded by hash in the lock file.
    const lock = fs.readFileSync(path.join(home, 'quickstart', 'cdktf.out', 'stacks', 'quickstart', '.terraform.lock.hcl'), 'utf8');
    expect(lock).toMatch(/provider "registry\.terraform\.io\/hikube\/hikube" \{\s+version\s+= "0\.1\.0"\s+constraints = "~> 0\.1\.0"/);
    expect(fs.existsSync(path.join(home, 'quickstart', 'terraform.quickstart.tfstate'))).toBe(true);
    const credentials = path.join(home, 'credentials.json');
    expect(fs.statSync(credentials).mode & 0o777).toBe(0o600);
  });

  test('second run changes nothing', async () => {
    const { code, out } = await runDemo(home);
    expect(code).toBe(0);
    expect(out).toContain('No changes.');
    expect(out).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(out).toContain(
      '10 tenants, 1 cluster, 2 disks, 1 VPC, 1 subnet, 3 virtual machines, 1 load balancer, 1 monitoring stack, 1 PostgreSQL cluster, 1 PostgreSQL database, 1 PostgreSQL user, 1 bucket, 1 Redis cluster.',
    );
  });
});
