/**
 * `terraform plan` of a stack with N tenants against the same stack of N terraform_data
 * resources (built into terraform: no plugin, no network), both applied first so the plan
 * refreshes every resource, and both measured in the same run, interleaved.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installProvider } from '../cli/install-provider';
import { spawnService } from '../cli/service-process';
import { terraform, TerraformOptions } from '../cli/terraform';
import { CpuSplit, measureCpu, medianSplit } from './cpu';
import { median } from './stats';

const PROVIDERS = { terraform: { required_providers: { hikube: { source: 'hikube/hikube' } } }, provider: { hikube: {} } };

async function timed(args: string[], options: TerraformOptions): Promise<number> {
  const start = process.hrtime.bigint();
  const run = await terraform(args, options);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.code !== 0 && !(args.includes('-detailed-exitcode') && run.code === 2)) {
    throw new Error(`terraform ${args.join(' ')} failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return ms;
}

export interface PlanResult {
  readonly count: number;
  readonly runs: number;
  readonly baselineApplyMs: number;
  readonly tenantsApplyMs: number;
  readonly baselinePlanMs: number;
  readonly tenantsPlanMs: number;
  readonly ratio: number;
  /** Plans of a one-resource stack: the fixed cost (provider launches) without per-resource work. */
  readonly baselineSinglePlanMs: number;
  readonly tenantsSinglePlanMs: number;
  /** CPU seconds of one plan of each stack, split by process (medians of `cpuRuns` plans). */
  readonly tenantsCpu: CpuSplit;
  readonly baselineCpu: CpuSplit;
}

export async function benchPlan(workDir: string, count = 200, runs = 5, log: (s: string) => void = () => undefined, cpuRuns = 3): Promise<PlanResult> {
  const service = await spawnService({ home: path.join(workDir, 'service') });
  try {
    const provider = installProvider(path.join(workDir, 'terraform'));
    const env = { HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token };
    const stacks = {
      baseline: { resource: { terraform_data: { t: { count, input: 'bench-${count.index}' } } } },
      tenants: { ...PROVIDERS, resource: { hikube_tenant: { t: { count, name: 'bench-${count.index}' } } } },
      baselineSingle: { resource: { terraform_data: { one: { input: 'single' } } } },
      tenantsSingle: { ...PROVIDERS, resource: { hikube_tenant: { one: { name: 'single' } } } },
    };
    const dirs = Object.fromEntries(Object.keys(stacks).map((k) => [k, path.join(workDir, k)])) as Record<keyof typeof stacks, string>;
    const opts = (dir: string): TerraformOptions => ({ cwd: dir, cliConfigFile: provider.cliConfigFile, env });
    for (const [name, stack] of Object.entries(stacks) as [keyof typeof stacks, object][]) {
      fs.mkdirSync(dirs[name], { recursive: true });
      fs.writeFileSync(path.join(dirs[name], 'main.tf.json'), JSON.stringify(stack));
      await timed(['init', '-input=false'], opts(dirs[name]));
    }

    log(`apply ${count} terraform_data and ${count} hikube_tenant`);
    const baselineApplyMs = await timed(['apply', '-auto-approve', '-input=false'], opts(dirs.baseline));
    const tenantsApplyMs = await timed(['apply', '-auto-approve', '-input=false'], opts(dirs.tenants));
    await timed(['apply', '-auto-approve', '-input=false'], opts(dirs.baselineSingle));
    await timed(['apply', '-auto-approve', '-input=false'], opts(dirs.tenantsSingle));

    const samples: Record<keyof typeof stacks, number[]> = { baseline: [], tenants: [], baselineSingle: [], tenantsSingle: [] };
    for (let i = 0; i < runs; i++) {
      log(`plan run ${i + 1}/${runs}`);
      for (const name of Object.keys(stacks) as (keyof typeof stacks)[]) {
        samples[name].push(await timed(['plan', '-input=false', '-detailed-exitcode'], opts(dirs[name])));
      }
    }
    // Apart from the timed runs: the CPU probe adds a shell around each process.
    const cpu = { baseline: [] as CpuSplit[], tenants: [] as CpuSplit[] };
    for (let i = 0; i < cpuRuns; i++) {
      log(`plan CPU split ${i + 1}/${cpuRuns}`);
      cpu.baseline.push(await measureCpu(['plan', '-input=false', '-detailed-exitcode'], opts(dirs.baseline), path.join(workDir, 'cpu')));
      cpu.tenants.push(await measureCpu(['plan', '-input=false', '-detailed-exitcode'], opts(dirs.tenants), path.join(workDir, 'cpu'), service));
    }
    await timed(['destroy', '-auto-approve', '-input=false'], opts(dirs.tenants));
    await timed(['destroy', '-auto-approve', '-input=false'], opts(dirs.tenantsSingle));
    const baselinePlanMs = median(samples.baseline);
    const tenantsPlanMs = median(samples.tenants);
    return {
      count,
      runs,
      baselineApplyMs,
      tenantsApplyMs,
      baselinePlanMs,
      tenantsPlanMs,
      ratio: tenantsPlanMs / baselinePlanMs,
      baselineSinglePlanMs: median(samples.baselineSingle),
      tenantsSinglePlanMs: median(samples.tenantsSingle),
      tenantsCpu: medianSplit(cpu.tenants),
      baselineCpu: medianSplit(cpu.baseline),
    };
  } finally {
    await service.stop();
  }
}
