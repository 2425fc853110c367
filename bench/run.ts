/**
 * `npm run bench`: measures, in one run, each goal against its baseline and writes
 * docs/benchmarks.md. Ratios, not absolute times, are what the goals are about.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { packageRoot } from '../cli/paths';
import { benchApply } from './apply';
import { benchCliStartup } from './cli-startup';
import { benchOperating, operatingSection } from './operating';
import { benchPlan } from './plan';
import { buildSea } from './sea';
import { benchStartup } from './startup';
import { CpuSplit, seconds, totalCpu } from './cpu';
import { fmt } from './stats';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const kib = (bytes: number) => `${(bytes / 2 ** 10).toFixed(0)} KiB`;

const cpus = os.cpus().length;
/** Commands measured for the CPU split, per stack (apart from the timed runs). */
const CPU_RUNS = 3;

/** A row of the CPU table: our split, the baseline's total, and the wall-time floor that CPU sets. */
function cpuRow(what: string, ours: CpuSplit, baseline: CpuSplit, baselineWallMs: number): string {
  const all = totalCpu(ours);
  const floorMs = (all / cpus) * 1000;
  return `| ${what} | ${seconds(ours.terraform)} | ${seconds(ours.provider)} (${ours.launches} launches) | ${ours.service === undefined ? '-' : seconds(ours.service)} | ${seconds(all)} | ${seconds(totalCpu(baseline))} | ${fmt(floorMs)}, ${(floorMs / baselineWallMs).toFixed(2)}x |`;
}

function verdict(ratio: number, target: number): string {
  return ratio <= target ? `✅ within ${target}x` : `❌ over ${target}x`;
}

async function main(): Promise<void> {
  const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hikube-bench-'));

  log('single executable build of the provider (for comparison)');
  const sea = await buildSea(path.join(work, 'sea'));
  log('provider start-up vs node -e 0');
  const startup = await benchStartup(21, { sea: sea.executable });
  log(`handshake ${fmt(startup.handshakeMs)}, bare node ${fmt(startup.bareNodeMs)}, ratio ${startup.ratio.toFixed(2)}`);

  const cli = await benchCliStartup(); // hikube --version and tenants list vs node -e 0 (docs/cli.md)
  log(`cli --version ${fmt(cli.versionMs)}, tenants list ${fmt(cli.listMs)} (${fmt(cli.uncachedMs)} without the code cache), bare node ${fmt(cli.bareNodeMs)}`);

  const plan = await benchPlan(work, 200, 5, log, CPU_RUNS);
  log(`plan ${fmt(plan.tenantsPlanMs)}, terraform_data ${fmt(plan.baselinePlanMs)}, ratio ${plan.ratio.toFixed(2)}`);

  const apply = await benchApply(work, 50, 3, log, CPU_RUNS);
  log(`apply ${fmt(apply.oursMs)}, terraform_data ${fmt(apply.baselineMs)}, ratio ${apply.ratio.toFixed(2)}`);
  const operating = await benchOperating(work, log);
  fs.rmSync(work, { recursive: true, force: true });

  // Only the version line: no CLI config of the user's is needed (a missing one prints a warning).
  const tfVersion = execFileSync('terraform', ['version'], { env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: os.devNull }, stdio: ['ignore', 'pipe', 'ignore'] })
    .toString()
    .split('\n')[0];
  const md = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${tfVersion}.
Each goal is a ratio against a baseline measured in the same run (medians, runs interleaved),
so a slower or busier machine moves both sides.

| goal | ours | baseline | ratio | target |
| --- | --- | --- | --- | --- |
| provider start-up: spawn to handshake line, vs \`node -e 0\` spawn to exit (${startup.runs} runs) | ${fmt(startup.handshakeMs)} | ${fmt(startup.bareNodeMs)} | ${startup.ratio.toFixed(2)}x | ${verdict(startup.ratio, 1.3)} |
${cli.rows}
| \`terraform apply\` creating ${apply.count} clusters + ${apply.count} VMs (simulated back-end, delays at zero) vs ${2 * apply.count} \`terraform_data\` (${apply.runs} runs) | ${fmt(apply.oursMs)} | ${fmt(apply.baselineMs)} | ${apply.ratio.toFixed(2)}x | ${verdict(apply.ratio, 5)} |
| \`terraform plan\`, ${plan.count} applied \`hikube_tenant\` (refresh of each through the service) vs ${plan.count} \`terraform_data\` (${plan.runs} runs) | ${fmt(plan.tenantsPlanMs)} | ${fmt(plan.baselinePlanMs)} | ${plan.ratio.toFixed(2)}x | ${verdict(plan.ratio, 5)} |

Single executable (Node's SEA, built from the same bundle with code cache, for information): start-up
${fmt(startup.othersMs.sea)} (${(startup.othersMs.sea / startup.bareNodeMs).toFixed(2)}x \`node -e 0\`, against ${startup.ratio.toFixed(2)}x for the release), built in
${fmt(sea.buildMs)}, ${mib(sea.sizeBytes)} per platform (${mib(sea.archiveBytes)} zipped) against ${kib(sea.releaseArchiveBytes)} for the release
archive that serves every platform. Why we ship the launcher and bundle: [distribution](distribution.md).

Where the plan time goes (same run, medians): a stack of one resource plans in
${fmt(plan.tenantsSinglePlanMs)} with \`hikube_tenant\` and ${fmt(plan.baselineSinglePlanMs)} with \`terraform_data\`: the
${fmt(plan.tenantsSinglePlanMs - plan.baselineSinglePlanMs)} between them is the fixed cost of any external provider, which Terraform
launches three times per plan, one launch after the other (schema, validation, plan), each at
least one Node start-up. Per resource, the marginal cost is
${fmt((plan.tenantsPlanMs - plan.tenantsSinglePlanMs) / (plan.count - 1))} for \`hikube_tenant\` (four gRPC round trips: upgrade, refresh, validate,
plan; refreshes are batched: lookups arriving while one request is in flight go together in
the next, 50 tenants per request at most) against
${fmt((plan.baselinePlanMs - plan.baselineSinglePlanMs) / (plan.count - 1))} for the built-in \`terraform_data\`, which makes no round trip at all. Two cores make the plan CPU-bound:
per resource, terraform itself spends about as much CPU on its side of the round trips as the
provider does (measured with \`time\` around the provider processes); of the provider's own share,
Node's HTTP/2 (the gRPC plumbing) is most, its value codecs (decoded and encoded without copies) little.

Where the apply time goes (same run, medians): the same ${2 * apply.count} creates sent straight to the service
over HTTP, ten in flight as terraform does, each waited for until ready, take ${fmt(apply.serviceOnlyMs)}. Every
create is a request transaction (with the quota check under ancestor locks, a usage interval and
an audit entry) plus an operation that a worker claims together with its resource (one statement),
hands to the driver and records (one short transaction), all on the embedded PGlite store, which
runs one statement at a time inside the service process (about 19 statements and 3 transactions per
create, counted once on a whole \`terraform apply\` of 50 clusters + 50 VMs, plan included; 24 and 4
before each statement went to PostgreSQL in one call, tokens were remembered and settling a key took
one statement). On top of that, terraform plans each resource twice (at plan, and again
during apply) and each plan asks the service to check policies and quotas (\`POST /v1/validate\`,
one request per batch of planned changes, each tenant read once per batch),
and it launches the provider three to four times. A PostgreSQL server (\`DATABASE_URL\`) and more
service replicas spread the service's share of this work.

Where the CPU goes (\`bench/cpu.ts\`, medians of ${CPU_RUNS} runs apart from the timed ones): CPU seconds of one
command, by process. Contention moves CPU seconds far less than wall time, and on ${cpus} cores a
command cannot take less wall time than its CPU seconds divided by ${cpus}, however well its
processes overlap: that bound is the "floor" column, as a ratio to the baseline's wall time.

| one command | terraform itself | provider processes | service (embedded store inside) | all | baseline, all | floor on ${cpus} cores |
| --- | --- | --- | --- | --- | --- | --- |
${cpuRow(`\`terraform plan\` of ${plan.count} applied tenants`, plan.tenantsCpu, plan.baselineCpu, plan.baselinePlanMs)}
${cpuRow(`\`terraform apply\` of ${apply.count} clusters + ${apply.count} VMs`, apply.oursCpu, apply.baselineCpu, apply.baselineMs)}

Terraform's own work for an external provider (four gRPC calls per resource at plan, over mutual
TLS, plus the provider launches it waits for) is ${(plan.tenantsCpu.terraform / totalCpu(plan.baselineCpu)).toFixed(1)}x the whole baseline's CPU at plan and
${(apply.oursCpu.terraform / totalCpu(apply.baselineCpu)).toFixed(1)}x at apply, before our provider or service does anything; the built-in \`terraform_data\`
makes no call at all. Each provider process costs at least a Node start-up (the plan's
${plan.tenantsCpu.launches} launches average ${seconds(plan.tenantsCpu.provider / Math.max(1, plan.tenantsCpu.launches))} of CPU each, their calls included). The service's CPU
at apply is mostly the creates on the embedded store (PGlite runs PostgreSQL in WebAssembly inside
the service process); before the store's statement path was rebuilt (one call per statement, each
SQL text prepared once), tokens remembered and settling made one statement, the same apply cost
the service 3.3 s of CPU, 1.8 s after (measured once, 2026-12-01).

For information (one run each, not a goal): \`terraform apply\` creating the ${plan.count} tenants took
${fmt(plan.tenantsApplyMs)}; creating ${plan.count} \`terraform_data\` took ${fmt(plan.baselineApplyMs)}.

How it is measured: \`bench/startup.ts\` installs the release archive unpacked (as \`terraform init\`
leaves it) and starts its executable (the shell launcher, which runs the bundled provider with
\`node\`) with the environment Terraform gives a plugin and stops the clock at the first stdout line (the go-plugin handshake);
\`bench/plan.ts\` starts the real service on its embedded store, applies both stacks, then times
\`terraform plan -detailed-exitcode\` on each (no changes expected).
${operatingSection(operating)}`;
  const out = path.join(packageRoot(), 'docs', 'benchmarks.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, md);
  process.stdout.write(md);
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.message}\n`);
  process.exit(1);
});
