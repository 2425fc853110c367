/**
 * State upgrades through the real terraform binary (issue 9, item 7): a state written by schema
 * v0, where the attribute was still called `image`, is read by a provider whose v1 renamed it
 * `system_image`. Terraform sends the stored JSON through UpgradeResourceState; the plan must
 * see the old value under the new name. The provider is a fixture on our framework (no
 * service needed), launched by terraform through dev_overrides.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PLUGIN = path.join(__dirname, 'fixtures', 'upgrade-plugin.js');

let dir: string;
let work: string;
let env: NodeJS.ProcessEnv;

const V0_STATE = {
  version: 4,
  terraform_version: '1.11.4',
  serial: 1,
  lineage: '6f1d7a52-0000-4000-8000-000000000001',
  outputs: {},
  resources: [
    {
      mode: 'managed',
      type: 'fixture_machine',
      name: 'web',
      provider: 'provider["registry.terraform.io/hikube/hikube"]',
      instances: [{ schema_version: 0, attributes: { id: 'm-1', image: 'ubuntu-24.04' }, sensitive_attributes: [] }],
    },
  ],
};

function configure(image: string): void {
  fs.writeFileSync(
    path.join(work, 'main.tf'),
    `terraform {\n  required_providers {\n    fixture = { source = "hikube/hikube" }\n  }\n}\n\nresource "fixture_machine" "web" {\n  system_image = "${image}"\n}\n`,
  );
  fs.writeFileSync(path.join(work, 'terraform.tfstate'), JSON.stringify(V0_STATE));
}

function terraform(...args: string[]) {
  return spawnSync('terraform', [...args, '-no-color'], { cwd: work, encoding: 'utf8', timeout: 60_000, env });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hikube-tf-upgrade-'));
  const bin = path.join(dir, 'bin');
  work = path.join(dir, 'work');
  fs.mkdirSync(bin);
  fs.mkdirSync(work);
  const wrapper = path.join(bin, 'terraform-provider-hikube');
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec '${process.execPath}' '${PLUGIN}' "$@"\n`);
  fs.chmodSync(wrapper, 0o755);
  const cliConfig = path.join(dir, 'terraform.rc');
  fs.writeFileSync(cliConfig, `provider_installation {\n  dev_overrides {\n    "hikube/hikube" = "${bin}"\n  }\n  direct {}\n}\n`);
  env = { PATH: process.env.PATH, HOME: dir, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a v0 state with the old attribute name plans clean against the same value under the new name', () => {
  configure('ubuntu-24.04');
  const plan = terraform('plan', '-detailed-exitcode', '-input=false');
  expect({ code: plan.status, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
  expect(plan.stdout).toContain('No changes.');
});

test('the upgraded value is the stored one: another image in the configuration is an in-place change from it', () => {
  configure('debian-12');
  const plan = terraform('plan', '-detailed-exitcode', '-input=false');
  expect(plan.status).toBe(2);
  expect(plan.stdout).toMatch(/~ system_image = "ubuntu-24\.04" -> "debian-12"/);
});

test('a refresh writes the state back as v1, under the new name', () => {
  configure('ubuntu-24.04');
  const refresh = terraform('apply', '-refresh-only', '-auto-approve', '-input=false');
  expect({ code: refresh.status, stderr: refresh.stderr }).toEqual({ code: 0, stderr: '' });
  const stored = JSON.parse(fs.readFileSync(path.join(work, 'terraform.tfstate'), 'utf8')) as typeof V0_STATE;
  expect(stored.resources[0].instances[0]).toMatchObject({ schema_version: 1, attributes: { id: 'm-1', system_image: 'ubuntu-24.04' } });
  expect(stored.resources[0].instances[0].attributes).not.toHaveProperty('image');
});
