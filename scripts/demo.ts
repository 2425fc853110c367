/**
 * `npm run demo`: the whole path, for real. Starts the service on its embedded store,
 * installs our provider's release archive into a project-local filesystem mirror, deploys the
 * quickstart CDKTF app with the real `cdktf deploy` (synth, terraform init, terraform apply),
 * and prints the tenant tree read back from the API. State lives in .hikube/, so a second run
 * changes nothing.
 *
 * Flags: --home DIR (default .hikube), --keep (leave the service running; Ctrl-C stops it).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../client/client';
import { installProvider } from '../cli/install-provider';
import { packageRoot } from '../cli/paths';
import { spawnService, ServiceProcess } from '../cli/service-process';
import { colourEnabled } from '../cli/style';
import { formatTenantTree, Running, treeItems } from '../cli/tree';
import { KIND_LIST } from '../model/kinds';

const ROOT = packageRoot();
const STACK = 'quickstart';

function step(n: number, text: string): void {
  const line = `==> [${n}/4] ${text}`;
  process.stdout.write(`\n${colourEnabled() ? `\x1b[1m${line}\x1b[0m` : line}\n`);
}

/**
 * The demo's cdktf project: the top-level cdktf.json with its app command made absolute, in
 * its own folder under the demo's home, so that its state and cdktf.out stay there.
 */
function writeCdktfProject(dir: string): string {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string };
  const app = config.app.replace(/(\S+\.js)/, (script) => JSON.stringify(path.join(ROOT, script)));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'cdktf.json');
  fs.writeFileSync(file, JSON.stringify({ ...config, app }, null, 2) + '\n');
  return file;
}

/** Runs the real cdktf CLI (the project's dev dependency), streaming its output. */
function cdktf(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<number> {
  const bin = path.join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
  if (!fs.existsSync(bin)) fail(`${bin} is missing: run npm ci first`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      // Off a terminal, CI=true makes cdktf print plain lines instead of redrawing a status bar.
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ...(process.stdout.isTTY ? {} : { CI: 'true' }), ...options.env },
      stdio: 'inherit',
    });
    child.on('error', (err) => fail(`could not start cdktf: ${err.message}`));
    child.on('close', (code) => resolve(code ?? 1));
  });
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

    step(3, 'cdktf deploy quickstart (synth, terraform init, terraform apply)');
    const appDir = path.join(home, STACK);
    const cdktfJson = writeCdktfProject(appDir);
    console.log(`    ${rel(cdktfJson)} (from the top-level cdktf.json)`);
    const deploy = await cdktf(['deploy', STACK, '--auto-approve', '--skip-provider-lock'], {
      cwd: appDir, // cdktf's local backend keeps terraform.quickstart.tfstate here, across runs
      env: { TF_CLI_CONFIG_FILE: provider.cliConfigFile, HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token },
    });
    if (deploy !== 0) fail('cdktf deploy failed (see above)');

    step(4, 'Tenant tree, read back from the API');
    const client = new HikubeClient({ endpoint: service.url, token: service.token });
    const { items } = await client.listTenants();
    const running = await whatTenantsRun(client);
    client.close();
    console.log(formatTenantTree(items, treeItems(Object.fromEntries(KIND_LIST.map((k, i) => [k.name, running[i]])))));
    console.log(`\n${summary(items.length, running)}. Run \`npm run demo\` again: nothing changes the second time.`);

    if (keep) {
      console.log(`\nThe service keeps running at ${service.url} (token in ${rel(service.credentialsFile)}). Ctrl-C stops it.`);
      await new Promise(() => undefined);
    }
  } finally {
    if (!keep) await stop();
  }
}

/** "10 tenants, 1 cluster, 1 virtual machine, ...": every kind that has objects, by its noun, in registry order. */
function summary(tenants: number, running: Running[][]): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [plural(tenants, 'tenant', 'tenants'), ...KIND_LIST.flatMap((k, i) => (running[i].length > 0 ? [plural(running[i].length, k.model.noun, `${k.model.noun}s`)] : []))].join(', ');
}

/** What tenants run, every kind in registry order. */
async function whatTenantsRun(client: HikubeClient): Promise<Running[][]> {
  return (await Promise.all(KIND_LIST.map((k) => client.listResources<Running>(k.model.collection)))).map((page) => page.items);
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
