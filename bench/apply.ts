/**
 * `terraform apply` creating N clusters and N VMs (simulated back-end, every delay at zero)
 * against 2N terraform_data in the same run: the cost of our whole path (provider, service,
 * operations, workers, waiting) with the back-end's own time taken out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../client/client';
import { installProvider } from '../cli/install-provider';
import { spawnService } from '../cli/service-process';
import { terraform, TerraformOptions } from '../cli/terraform';
import { CpuSplit, measureCpu, medianSplit } from './cpu';
import { median } from './stats';

// `0` zeroes every delay of every kind (service/drivers/sim-config.ts).
const ZERO_DELAYS = '0';

async function timed(args: string[], options: TerraformOptions): Promise<number> {
  const start = process.hrtime.bigint();
  const run = await terraform(args, options);
  if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface ApplyResult {
  readonly count: number;
  readonly runs: number;
  readonly baselineMs: number;
  readonly oursMs: number;
  readonly ratio: number;
  /** The same creates sent straight to the service (ten in flight, like terraform), each waited for. */
  readonly serviceOnlyMs: number;
  /** CPU seconds of one apply of each stack, split by process (medians of `cpuRuns` applies). */
  readonly oursCpu: CpuSplit;
  readonly baselineCpu: CpuSplit;
}

/** Creates `count` clusters and VMs over HTTP with ten requests in flight, waits for each, deletes them. */
async function serviceOnly(client: HikubeClient, tenantId: string, count: number): Promise<number> {
  const jobs = Array.from({ length: 2 * count }, (_, i) =>
    i % 2
      ? { collection: '/v1/vms', body: { tenantId, name: `sv-${i}`, instanceType: 's1.small' } }
      : { collection: '/v1/clusters', body: { tenantId, name: `sc-${i}`, nodeGroups: { workers: { minReplicas: 1, maxReplicas: 3, instanceType: 'u1.medium' } } } },
  );
  const made: { collection: string; id: string }[] = [];
  const start = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const created = await client.createResource<{ id: string }>(job.collection, job.body);
      await client.waitForResource(job.collection, created.id, 'ready', 20_000);
      made.push({ collection: job.collection, id: created.id });
    }
  };
  await Promise.all(Array.from({ length: 10 }, lane));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await Promise.all(made.map((m) => client.deleteResource(m.collection, m.id)));
  await Promise.all(made.map((m) => client.waitForResource(m.collection, m.id, 'gone', 20_000).catch(() => undefined)));
  return ms;
}

export async function benchApply(workDir: string, count = 50, runs = 3, log: (s: string) => void = () => undefined, cpuRuns = 3): Promise<ApplyResult> {
  const service = await spawnService({ home: path.join(workDir, 'service'), args: ['--sim-delays', ZERO_DELAYS] });
  try {
    const provider = installProvider(path.join(workDir, 'terraform'));
    const env = { HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token };
    const dirs = { baseline: path.join(workDir, 'apply-baseline'), ours: path.join(workDir, 'apply-ours') };
    const opts = (dir: string): TerraformOptions => ({ cwd: dir, cliConfigFile: provider.cliConfigFile, env });
    fs.mkdirSync(dirs.baseline, { recursive: true });
    fs.mkdirSync(dirs.ours, { recursive: true });
    fs.writeFileSync(path.join(dirs.baseline, 'main.tf.json'), JSON.stringify({ resource: { terraform_data: { t: { count: 2 * count, input: 'r-${count.index}' } } } }));
    fs.writeFileSync(
      path.join(dirs.ours, 'main.tf.json'),
      JSON.stringify({
        terraform: { required_providers: { hikube: { source: 'hikube/hikube' } } },
        provider: { hikube: {} },
        // The tenant exists before the timed applies: only clusters and VMs are measured.
        data: { hikube_tenant: { root: { path: 'acme' } } },
        resource: {
          hikube_kubernetes_cluster: {
            c: {
              count,
              tenant_id: '${data.hikube_tenant.root.id}',
              name: 'c-${count.index}',
              node_groups: { workers: { min_replicas: 1, max_replicas: 3, instance_type: 'u1.medium' } },
            },
          },
          hikube_virtual_machine: {
            v: { count, tenant_id: '${data.hikube_tenant.root.id}', name: 'v-${count.index}', instance_type: 's1.small' },
          },
        },
      }),
    );
    await timed(['init', '-input=false'], opts(dirs.baseline));
    await timed(['init', '-input=false'], opts(dirs.ours));

    const baseline: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < runs; i++) {
      log(`apply run ${i + 1}/${runs}: ${2 * count} terraform_data, then ${count} clusters + ${count} VMs`);
      baseline.push(await timed(['apply', '-auto-approve', '-input=false'], opts(dirs.baseline)));
      ours.push(await timed(['apply', '-auto-approve', '-input=false'], opts(dirs.ours)));
      await timed(['destroy', '-auto-approve', '-input=false'], opts(dirs.baseline));
      await timed(['destroy', '-auto-approve', '-input=false'], opts(dirs.ours));
    }
    // Apart from the timed runs: the CPU probe adds a shell around each process.
    const cpu = { baseline: [] as CpuSplit[], ours: [] as CpuSplit[] };
    for (let i = 0; i < cpuRuns; i++) {
      log(`apply CPU split ${i + 1}/${cpuRuns}`);
      cpu.baseline.push(await measureCpu(['apply', '-auto-approve', '-input=false'], opts(dirs.baseline), path.join(workDir, 'cpu')));
      cpu.ours.push(await measureCpu(['apply', '-auto-approve', '-input=false'], opts(dirs.ours), path.join(workDir, 'cpu'), service));
      await timed(['destroy', '-auto-approve', '-input=false'], opts(dirs.baseline));
      await timed(['destroy', '-auto-approve', '-input=false'], opts(dirs.ours));
    }
    const client = new HikubeClient({ endpoint: service.url, token: service.token });
    const root = await client.getTenantByPath('acme');
    const direct: number[] = [];
    for (let i = 0; i < runs; i++) direct.push(await serviceOnly(client, root.id, count));
    client.close();
    const baselineMs = median(baseline);
    const oursMs = median(ours);
    return { count, runs, baselineMs, oursMs, ratio: oursMs / baselineMs, serviceOnlyMs: median(direct), oursCpu: medianSplit(cpu.ours), baselineCpu: medianSplit(cpu.baseline) };
  } finally {
    await service.stop();
  }
}
