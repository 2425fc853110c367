/**
 * `npm run demo`: the whole path, for real. Starts the service on its embedded store,
 * installs our provider into a project-local filesystem mirror, synthesizes the quickstart
 * CDKTF app, runs terraform init + apply on it, and prints the tenant tree read back from the
 * API. State lives in .hikube/, so a second run changes nothing.
 *
 * Flags: --home DIR (default .hikube), --keep (leave the service running; Ctrl-C stops it).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../client/client';
import { installProvider } from '../cli/install-provider';
import { compiled, packageRoot } from '../cli/paths';
import { spawnService, ServiceProcess } from '../cli/service-process';
import { terraform } from '../cli/terraform';
import { formatTenantTree, TreeItem } from '../cli/tree';
import { Cluster, MonitoringStack, Vm } from '../client/types';

const ROOT = packageRoot();
const STACK = 'quickstart';

function step(n: number, text: string): void {
  process.stdout.write(`\n\x1b[1m==> [${n}/5] ${text}\x1b[0m\n`);
}

function fail(message: string): never {
  process.stderr.write(`\ndemo failed: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv: string[]): { home: string; keep: boolean } {
  let home = path.join(ROOT, '.hikube');
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--home' && argv[i + 1]) home = path.resolve(argv[++i]);
    else if (argv[i] === '--keep') keep = true;
    else fail(`unknown argument ${JSON.stringify(argv[i])} (expected --home DIR or --keep)`);
  }
  return { home, keep };
}

async function main(): Promise<void> {
  const { home, keep } = parseArgs(process.argv.slice(2));
  fs.mkdirSync(home, { recursive: true });
  let service: ServiceProcess | undefined;
  const stop = async () => {
    await service?.stop();
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));

  try {
    step(1, `Starting the Hikube service (embedded PGlite store in ${rel(path.join(home, 'data'))})`);
    service = await spawnService({ home, onLog: (line) => logProgress(line) });
    console.log(`    listening on ${service.url}; admin token in ${rel(service.credentialsFile)} (mode 0600)`);

    step(2, 'Installing terraform-provider-hikube into a project-local filesystem mirror');
    const provider = installProvider(path.join(home, 'terraform'));
    console.log(`    ${rel(provider.installed)}\n    CLI config: ${rel(provider.cliConfigFile)}`);

    step(3, 'Synthesizing examples/quickstart (CDK for Terraform)');
    const appDir = path.join(home, STACK);
    fs.mkdirSync(appDir, { recursive: true });
    const outdir = path.join(appDir, 'cdktf.out');
    const synth = spawnSync(process.execPath, [compiled('examples/quickstart/main.js')], {
      cwd: appDir, // cdktf's local backend keeps terraform.quickstart.tfstate here, across runs
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      stdio: 'inherit',
    });
    if (synth.status !== 0) fail('cdktf synth of examples/quickstart failed (see above)');
    const stackDir = path.join(outdir, 'stacks', STACK);
    console.log(`    ${rel(path.join(stackDir, 'cdk.tf.json'))}`);

    step(4, 'terraform init && terraform apply');
    const env = { HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token };
    const tf = (args: string[]) => terraform(args, { cwd: stackDir, cliConfigFile: provider.cliConfigFile, env, stream: true });
    if ((await tf(['init', '-input=false'])).code !== 0) fail('terraform init failed (see above)');
    if ((await tf(['apply', '-auto-approve', '-input=false'])).code !== 0) fail('terraform apply failed (see above)');

    step(5, 'Tenant tree, read back from the API');
    const client = new HikubeClient({ endpoint: service.url, token: service.token });
    const { items } = await client.listTenants();
    const running = await whatTenantsRun(client);
    client.close();
    console.log(formatTenantTree(items, running));
    console.log(`\n${summary(items.length, running)}. Run \`npm run demo\` again: nothing changes the second time.`);

    if (keep) {
      console.log(`\nThe service keeps running at ${service.url} (token in ${rel(service.credentialsFile)}). Ctrl-C stops it.`);
      await new Promise(() => undefined);
    }
  } finally {
    if (!keep) await stop();
  }
}

/** "10 tenants, 1 cluster, 1 VM, 1 monitoring stack" */
function summary(tenants: number, running: TreeItem[]): string {
  const count = (prefix: string) => running.filter((r) => r.label.startsWith(prefix)).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    plural(tenants, 'tenant', 'tenants'),
    plural(count('cluster '), 'cluster', 'clusters'),
    plural(count('vm '), 'VM', 'VMs'),
    plural(count('monitoring stack'), 'monitoring stack', 'monitoring stacks'),
  ].join(', ');
}

/** Clusters, VMs and monitoring stacks as tree lines, each with its status and cost. */
async function whatTenantsRun(client: HikubeClient): Promise<TreeItem[]> {
  const [clusters, vms, stacks] = await Promise.all([
    client.listResources<Cluster>('/v1/clusters'),
    client.listResources<Vm>('/v1/vms'),
    client.listResources<MonitoringStack>('/v1/monitoring-stacks'),
  ]);
  return [
    ...clusters.items.map((c) => ({
      tenantId: c.tenantId,
      label: `cluster ${c.name}: Kubernetes ${c.version}, node groups ${Object.entries(c.nodeGroups).map(([n, g]) => `${n} ${g.minReplicas}-${g.maxReplicas}x${g.instanceType}`).join(', ')}, ${c.status}`,
      monthlyCost: c.monthlyCostEstimate,
    })),
    ...vms.items.map((v) => ({
      tenantId: v.tenantId,
      label: `vm ${v.name}: ${v.instanceType}, ${v.privateIp ?? 'no address yet'}, ${v.runStrategy}, ${v.status}`,
      monthlyCost: v.monthlyCostEstimate,
    })),
    ...stacks.items.map((m) => ({
      tenantId: m.tenantId,
      label: `monitoring stack: ${Object.keys(m.accounts).length} tenants with their own metrics account, ${m.status}`,
      monthlyCost: m.monthlyCostEstimate,
    })),
  ];
}

/** Only the service's warnings and errors interrupt the demo's output. */
function logProgress(line: string): void {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string };
    if (entry.level === 'warn' || entry.level === 'error') console.log(`    service ${entry.level}: ${entry.msg}`);
  } catch {
    /* not a log line */
  }
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
}

main().catch((err: Error) => fail(err.message));
