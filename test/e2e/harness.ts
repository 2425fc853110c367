/**
 * End-to-end harness: the real service (a child process on its embedded store), the real
 * provider installed in a filesystem mirror, and the real terraform binary. Nothing of ours
 * is mocked.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { installProvider, InstalledProvider } from '../../cli/install-provider';
import { ServiceProcess, spawnService } from '../../cli/service-process';
import { terraform, TerraformRun } from '../../cli/terraform';

/** Messages Terraform only logs, although they mean the provider is wrong. */
const FORBIDDEN_LOG_LINES = ['failed to exit gracefully', 'Provider produced invalid plan', 'Provider produced inconsistent result', 'inconsistent final plan', 'produced an unexpected new value'];

export type RunningService = ServiceProcess;

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hikube-${prefix}-`));
}

/** Starts the real service (its own process, embedded store) in `dir`. */
export function startService(dir: string, args: string[] = [], port?: number): Promise<RunningService> {
  return spawnService({ home: dir, args, port, env: { DATABASE_URL: '' } });
}

export interface Workspace {
  readonly dir: string;
  readonly provider: InstalledProvider;
  readonly logFile: string;
  /** Writes main.tf (HCL) or main.tf.json (object). */
  write(config: string | object): void;
  tf(...args: string[]): Promise<TerraformRun>;
  /** Like tf, with some environment variables overridden (e.g. a wrong endpoint). */
  tfEnv(overrides: Record<string, string>, ...args: string[]): Promise<TerraformRun>;
  /** Runs terraform and fails the test with its output when the exit code differs. */
  ok(...args: string[]): Promise<TerraformRun>;
  /** Lines of Terraform's log that show a provider bug Terraform tolerated. */
  logProblems(): string[];
}

export function workspace(service: { url: string; token: string }, name = 'ws'): Workspace {
  const base = tempDir(name);
  const provider = installProvider(path.join(base, 'terraform'));
  const dir = path.join(base, 'work');
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(base, 'terraform.log');
  const env = {
    HIKUBE_ENDPOINT: service.url,
    HIKUBE_TOKEN: service.token,
    TF_LOG: 'WARN',
    TF_LOG_PATH: logFile,
    TF_INPUT: '0',
  };
  const ws: Workspace = {
    dir,
    provider,
    logFile,
    write(config) {
      fs.rmSync(path.join(dir, 'main.tf'), { force: true });
      fs.rmSync(path.join(dir, 'main.tf.json'), { force: true });
      if (typeof config === 'string') fs.writeFileSync(path.join(dir, 'main.tf'), config);
      else fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
    },
    tf: (...args) => terraform(args, { cwd: dir, cliConfigFile: provider.cliConfigFile, env }),
    tfEnv: (overrides, ...args) => terraform(args, { cwd: dir, cliConfigFile: provider.cliConfigFile, env: { ...env, ...overrides } }),
    async ok(...args) {
      const run = await ws.tf(...args);
      if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
      return run;
    },
    logProblems() {
      if (!fs.existsSync(logFile)) return [];
      return fs
        .readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => FORBIDDEN_LOG_LINES.some((f) => line.includes(f)));
    },
  };
  return ws;
}

export function apiClient(service: { url: string; token: string }): HikubeClient {
  return new HikubeClient({ endpoint: service.url, token: service.token });
}

export interface E2eSuite {
  readonly service: RunningService;
  readonly ws: Workspace;
  readonly api: HikubeClient;
}

/**
 * Registers a suite's hooks: a real service (started with `serviceArgs`, on `port` or any free one), one workspace and an
 * API client before all tests, stopped after; Terraform's log checked for tolerated provider
 * bugs after each test. The fields are set once the suite's first beforeAll has run.
 */
export function e2eSuite(name: string, serviceArgs: string[] = [], port?: number): E2eSuite {
  const suite = {} as { service: RunningService; ws: Workspace; api: HikubeClient };
  beforeAll(async () => {
    suite.service = await startService(tempDir(name), serviceArgs, port);
    suite.ws = workspace(suite.service, name);
    suite.api = apiClient(suite.service);
  });
  afterAll(async () => {
    suite.api?.close();
    await suite.service?.stop();
  });
  afterEach(() => {
    expect(suite.ws.logProblems()).toEqual([]);
  });
  return suite;
}

/** The first instance of a resource type in the workspace's local state file. */
export function stateInstance(ws: Workspace, type: string): { attributes: Record<string, unknown>; sensitive_attributes: unknown[] } {
  const state = JSON.parse(fs.readFileSync(path.join(ws.dir, 'terraform.tfstate'), 'utf8')) as {
    resources: { type: string; instances: { attributes: Record<string, unknown>; sensitive_attributes: unknown[] }[] }[];
  };
  return state.resources.find((r) => r.type === type)!.instances[0];
}

export const PROVIDER_BLOCK = `terraform {
  required_providers {
    hikube = { source = "hikube/hikube" }
  }
}

provider "hikube" {}
`;
