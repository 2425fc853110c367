/**
 * CPU seconds of one terraform command, split between terraform itself, the provider processes
 * it launches and the service. Wall time on a 2-core machine follows the sum of the three, and
 * contention moves CPU seconds far less than wall time, so this split says where a scenario's
 * time goes and which part a change could move.
 *
 * - terraform and everything it launched: `times` in a shell around it (the children's line);
 * - each provider process: the same, in a wrapper that `HIKUBE_PROVIDER_NODE` makes the
 *   provider's launcher run instead of `node` (the launcher honours it; see provider/release);
 * - the service: its `process_cpu_seconds_total` before and after (the embedded store runs
 *   inside the service process, so its work is counted).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformOptions, terraformEnv } from '../cli/terraform';
import { median } from './stats';

export interface CpuSplit {
  /** terraform's own CPU seconds (its processes, less the providers'). */
  readonly terraform: number;
  /** every provider process's CPU seconds, summed. */
  readonly provider: number;
  /** how many provider processes terraform started. */
  readonly launches: number;
  /** the service's CPU seconds over the command (undefined: no service in the scenario). */
  readonly service?: number;
}

export function totalCpu(split: CpuSplit): number {
  return split.terraform + split.provider + (split.service ?? 0);
}

/** Children's user + system seconds from the output of `times` (its second line). */
function childSeconds(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').pop() ?? '';
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

async function serviceCpu(service: { url: string; token: string }): Promise<number> {
  const res = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${service.token}` } });
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const match = /^process_cpu_seconds_total (\S+)$/m.exec(await res.text());
  if (!match) throw new Error('GET /metrics has no process_cpu_seconds_total');
  return Number(match[1]);
}

/** Runs `terraform args` and splits its CPU time; fails when terraform does (exit 2 allowed with -detailed-exitcode). */
export async function measureCpu(args: string[], options: TerraformOptions, scratch: string, service?: { url: string; token: string }): Promise<CpuSplit> {
  fs.mkdirSync(scratch, { recursive: true });
  const wrapper = path.join(scratch, 'cpu-node.sh');
  const run = process.hrtime.bigint();
  const providerLog = path.join(scratch, `provider-cpu-${run}`);
  const treeLog = path.join(scratch, `terraform-cpu-${run}`);
  // `times` itself, not in a pipe: a pipe would run it in a subshell, which has no children.
  fs.writeFileSync(wrapper, '#!/bin/sh\nnode "$@"\nstatus=$?\ntimes > "$HIKUBE_BENCH_PROVIDER_CPU.$$"\nexit $status\n', { mode: 0o755 });
  const before = service ? await serviceCpu(service) : undefined;
  const env = { ...terraformEnv(options), HIKUBE_PROVIDER_NODE: wrapper, HIKUBE_BENCH_PROVIDER_CPU: providerLog, HIKUBE_BENCH_TREE_CPU: treeLog };
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('sh', ['-c', 'terraform "$@" >/dev/null 2>&1; status=$?; times > "$HIKUBE_BENCH_TREE_CPU"; exit $status', 'sh', ...args], { cwd: options.cwd, env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0 && !(code === 2 && args.includes('-detailed-exitcode'))) throw new Error(`terraform ${args.join(' ')} failed (${code}) while measuring its CPU time`);
  const after = service ? await serviceCpu(service) : undefined;
  const prefix = `${path.basename(providerLog)}.`;
  const launches = fs.readdirSync(scratch).filter((f) => f.startsWith(prefix) && /^\d+$/.test(f.slice(prefix.length)));
  const provider = launches.reduce((sum, f) => sum + childSeconds(fs.readFileSync(path.join(scratch, f), 'utf8')), 0);
  const tree = childSeconds(fs.readFileSync(treeLog, 'utf8'));
  for (const f of [...launches.map((l) => path.join(scratch, l)), treeLog]) fs.rmSync(f, { force: true });
  return { terraform: Math.max(0, tree - provider), provider, launches: launches.length, service: before === undefined ? undefined : after! - before };
}

/** The median of each part over several measurements. */
export function medianSplit(splits: readonly CpuSplit[]): CpuSplit {
  const of = (f: (s: CpuSplit) => number) => median(splits.map(f));
  return {
    terraform: of((s) => s.terraform),
    provider: of((s) => s.provider),
    launches: of((s) => s.launches),
    service: splits.every((s) => s.service !== undefined) ? of((s) => s.service!) : undefined,
  };
}

export const seconds = (s: number) => `${s.toFixed(2)} s`;
