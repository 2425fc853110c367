/**
 * Secrets out of state and state that can be upgraded (issue 9, items 6 and 7): cloud_init_wo
 * reaches the VM without ever entering plan or state, a version bump sends it again, the old
 * cloud_init still works with a deprecation warning; a VM state stored by schema v0 (without the
 * v1 attributes, with one the schema no longer has) is upgraded on the next plan. Real
 * terraform, provider, service; the service's database is read directly at the end.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnService } from '../../cli/service-process';
import { openPgliteStore } from '../../service/store/pglite';
import { freePort } from '../support/free-port';
import { PROVIDER_BLOCK, RunningService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const FIRST = '#cloud-config\nruncmd: [echo first-secret-7f3a]';
const SECOND = '#cloud-config\nruncmd: [echo second-secret-91bc]';

/** The recommended form: an ephemeral variable (never stored either) into the write-only attribute. */
function config(vm: string): string {
  return `${PROVIDER_BLOCK}
variable "cloud_init" {
  type      = string
  ephemeral = true
  default   = null
}

resource "hikube_tenant" "t" {
  name = "secrets"
}

resource "hikube_virtual_machine" "box" {
  tenant_id     = hikube_tenant.t.id
  name          = "box"
  instance_type = "s1.small"
${vm}
}
`;
}

describe('write-only cloud-init and state upgrades', () => {
  let service: RunningService;
  let ws: Workspace;
  let home: string;
  let port: number;
  const start = async () => {
    service = await spawnService({ home, port, args: ['--sim-delays', 'vm.create=200ms,vm.update=100ms'], env: { DATABASE_URL: '' } });
  };
  const tf = (cloudInit: string, ...args: string[]) => ws.tfEnv({ TF_VAR_cloud_init: cloudInit }, ...args);
  const ok = async (cloudInit: string, ...args: string[]) => {
    const run = await tf(cloudInit, ...args);
    if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
    return run;
  };
  const state = () => fs.readFileSync(path.join(ws.dir, 'terraform.tfstate'), 'utf8');
  const plain = (s: string) => s.replace(/\s+/g, ' ');

  beforeAll(async () => {
    home = tempDir('e2e-secrets');
    port = await freePort();
    await start();
    ws = workspace(service, 'e2e-secrets');
    ws.write(config('  cloud_init_wo         = var.cloud_init\n  cloud_init_wo_version = 1'));
    await ws.ok('init', '-no-color');
  });

  afterAll(async () => {
    await service?.stop();
  });

  afterEach(() => {
    expect(ws.logProblems()).toEqual([]);
  });

  test('cloud_init_wo never enters the plan nor the state', async () => {
    await ok(FIRST, 'plan', '-out=first.tfplan', '-no-color');
    const shown = (await ws.ok('show', '-json', 'first.tfplan')).stdout;
    expect(shown).toContain('"cloud_init_wo_version":1');
    expect(shown).not.toContain('first-secret-7f3a');
    await ok(FIRST, 'apply', '-no-color', 'first.tfplan');
    expect(state()).not.toContain('first-secret-7f3a');
    expect(JSON.parse(state()).resources.find((r: { type: string }) => r.type === 'hikube_virtual_machine').instances[0].attributes.cloud_init_wo).toBeNull();
    const plan = await tf(FIRST, 'plan', '-detailed-exitcode', '-no-color');
    expect(plan.code).toBe(0);
  });

  test('a new value with a new version is sent again, in place', async () => {
    ws.write(config('  cloud_init_wo         = var.cloud_init\n  cloud_init_wo_version = 2'));
    const plan = await ok(SECOND, 'plan', '-no-color');
    expect(plan.stdout).toContain('1 to change');
    expect(plan.stdout).not.toContain('second-secret-91bc');
    await ok(SECOND, 'apply', '-auto-approve', '-no-color');
    expect(state()).not.toContain('second-secret-91bc');
  });

  test('the service received the write-only value (read from its database)', async () => {
    await service.stop();
    const store = await openPgliteStore(service.dataDir);
    try {
      const { rows } = await store.query<{ secret_input: { cloudInit?: string } }>("SELECT secret_input FROM resources WHERE name = 'box'");
      expect(rows[0].secret_input.cloudInit).toBe(SECOND);
    } finally {
      await store.close();
    }
    await start();
  });

  test('a v0 state (no v1 attributes, one attribute v1 dropped) is upgraded on the next plan', async () => {
    const doc = JSON.parse(state());
    const vm = doc.resources.find((r: { type: string }) => r.type === 'hikube_virtual_machine').instances[0];
    // The current version (3: subnet_ips); a v0 state has none of v1's, v2's or v3's attributes.
    expect(vm.schema_version).toBe(3);
    vm.schema_version = 0;
    delete vm.attributes.cloud_init_wo;
    delete vm.attributes.cloud_init_wo_version;
    delete vm.attributes.subnet_ids;
    delete vm.attributes.subnet_ips;
    vm.attributes.legacy_console_url = 'https://console.example/box';
    doc.serial += 1;
    fs.writeFileSync(path.join(ws.dir, 'terraform.tfstate'), JSON.stringify(doc, null, 2));
    ws.write(config('  cloud_init_wo = var.cloud_init'));
    const plan = await tf(SECOND, 'plan', '-detailed-exitcode', '-no-color');
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    await ok(SECOND, 'apply', '-auto-approve', '-no-color');
    const upgraded = JSON.parse(state()).resources.find((r: { type: string }) => r.type === 'hikube_virtual_machine').instances[0];
    expect(upgraded.schema_version).toBe(3);
    expect(upgraded.attributes).not.toHaveProperty('legacy_console_url');
    expect(upgraded.attributes).toHaveProperty('cloud_init_wo_version', null);
    expect(upgraded.attributes).toHaveProperty('subnet_ids', null);
    expect(upgraded.attributes).toHaveProperty('subnet_ips', {}); // upgraded to null, read back at refresh: no subnets
  });

  test('the deprecated cloud_init still works, with a warning that names its replacement', async () => {
    ws.write(config(`  cloud_init = "#cloud-config"`));
    const run = await ok('', 'apply', '-auto-approve', '-no-color');
    const text = plain(run.stdout + run.stderr);
    expect(text).toContain('Deprecated Attribute cloud_init');
    expect(text).toContain('use cloud_init_wo');
    ws.write(config(`  cloud_init    = "#cloud-config"\n  cloud_init_wo = var.cloud_init`));
    const conflict = await tf(FIRST, 'validate', '-no-color');
    expect(conflict.code).toBe(1);
    expect(plain(conflict.stderr)).toContain('Conflicting Cloud-Init');
  });
});
