/**
 * The real check: the `terraform` binary launches the fixture provider through a
 * dev_overrides CLI config, handshakes, reads its schema, configures it and shuts it down.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTransport, FIXTURE } from './support';

// Terraform is required (CI installs it): without it these tests fail rather than skip.
describe('terraform 1.11 drives the fixture provider', () => {
  let dir: string;
  let plan: ReturnType<typeof spawnSync>;
  let log: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hikube-tf-handshake-'));
    const bin = join(dir, 'bin');
    const work = join(dir, 'work');
    mkdirSync(bin);
    mkdirSync(work);
    const wrapper = join(bin, 'terraform-provider-hikube');
    writeFileSync(wrapper, `#!/bin/sh\nHIKUBE_PLUGIN_BUILD='${buildTransport()}' exec '${process.execPath}' '${FIXTURE}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    const cliConfig = join(dir, 'terraform.rc');
    writeFileSync(cliConfig, `provider_installation {\n  dev_overrides {\n    "hikube/hikube" = "${bin}"\n  }\n  direct {}\n}\n`);
    writeFileSync(join(work, 'main.tf'), 'terraform {\n  required_providers {\n    hikube = { source = "hikube/hikube" }\n  }\n}\n\nprovider "hikube" {}\n');
    const logPath = join(dir, 'terraform.log');
    plan = spawnSync('terraform', ['plan', '-input=false', '-no-color'], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        TF_CLI_CONFIG_FILE: cliConfig,
        CHECKPOINT_DISABLE: '1',
        TF_LOG: 'trace',
        TF_LOG_PATH: logPath,
      },
    });
    log = readFileSync(logPath, 'utf8');
  });

  afterAll(() => {
    if (dir && !process.env.KEEP_TF_DIR) rmSync(dir, { recursive: true, force: true });
  });

  test('terraform plan succeeds with no changes', () => {
    expect({ status: plan.status, stderr: plan.stderr }).toEqual({ status: 0, stderr: '' });
    expect(plan.stdout).toContain('Provider development overrides are in effect');
    expect(plan.stdout).toContain('No changes.');
  });

  test('the handshake negotiated protocol 6 and our logs reached terraform', () => {
    expect(log).toMatch(/provider: using plugin: version=6/);
    // go-plugin re-logs our JSON lines under the plugin's name (field order varies).
    const ours = log.split('\n').find((l) => l.includes('provider.terraform-provider-hikube: plugin started:'));
    expect(ours).toContain('@module=provider.plugin');
    expect(ours).toMatch(/ address=\/\S+/);
  });

  test('terraform read the schema, then closed the provider', () => {
    expect(log).toMatch(/GRPCProvider\.v6: GetProviderSchema/);
    expect(log).toMatch(/GRPCProvider\.v6: Close/);
  });

  test('every provider process exited gracefully and promptly', () => {
    const problems = log.split('\n').filter((l) => /failed to exit gracefully|\[ERROR\]|\[WARN\] {2}provider/.test(l));
    expect(problems).toEqual([]);
    const started = log.match(/provider: plugin started: path=\S*terraform-provider-hikube/g) ?? [];
    const exited = log.match(/provider: plugin process exited: plugin=\S*terraform-provider-hikube/g) ?? [];
    expect(started.length).toBeGreaterThan(0);
    expect(exited).toHaveLength(started.length);
    // Close (Shutdown RPC) to process exit, per launch: Terraform gives up after 2s.
    const at = (line: string) => Date.parse(line.slice(0, 24));
    const lines = log.split('\n');
    const closes = lines.filter((l) => l.includes('GRPCProvider.v6: Close')).map(at);
    const exits = lines.filter((l) => l.includes('provider: plugin process exited')).map(at);
    closes.forEach((closedAt, i) => expect(exits[i] - closedAt).toBeLessThan(1000));
  });
});
