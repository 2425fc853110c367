/**
 * Text a user writes reaches the provider as written, through the real terraform binary, the
 * real hikube provider and the real service: Terraform's template sequences (`${`, `%{`) in
 * descriptions, labels, cloud-init and SSH keys are escaped by the constructs (one place:
 * constructs/private/literal.ts), so `terraform plan` shows the user's text byte for byte.
 */
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeProvider, Tenant } from '../../constructs/index';
import { literal } from '../../constructs/private/literal';
import { openPgliteStore } from '../../service/store/pglite';
import { RunningService, startService, tempDir } from '../e2e/harness';
import { installStandIns, stackDir } from '../support/stand-in-providers';

jest.setTimeout(60_000);

const DESCRIPTION = 'Costs ${var.price} %{ if true }yes%{ endif } $${kept} %%{kept} $$ %';
const LABEL = '${team}';
const CLOUD_INIT = '#cloud-config\nruncmd:\n  - echo "${HOME}" "$${HOME}" %{ for x in y }\n  - printf \'%{\'\n';
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKc+Q3fwq9Gbp8uVt7lkBPmYqO6qB7cwR4KuTJ7V5Yp6 ${USER}@host';

let base: string;
let service: RunningService;
let planned: Record<string, any>;
let outputs: Record<string, any>;

beforeAll(async () => {
  base = tempDir('user-strings');
  service = await startService(path.join(base, 'service'), ['--sim-delays', '0']);
  const stack = new TerraformStack(Testing.app(), 'strings');
  new HikubeProvider(stack, 'Hikube');
  const tenant = new Tenant(stack, 'Strings', { description: DESCRIPTION, labels: { owner: LABEL } });
  tenant.addVm('Box', { instanceType: 'u1.small', cloudInit: CLOUD_INIT, sshKeys: [SSH_KEY] });
  tenant.addApiToken('Ci', { role: 'view', description: DESCRIPTION });
  // literal() itself: a reference inside text stays a reference, the rest stays text.
  new TerraformOutput(stack, 'path', { value: literal(`tenant ${tenant.tenantPath} costs \${nothing} %{ x }`) });
  const json = JSON.parse(Testing.synth(stack));
  delete json.terraform.backend;
  const run = stackDir(installStandIns(path.join(base, 'terraform')), path.join(base, 'work'), json, { HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token });
  await run.ok('init', '-input=false');
  await run.ok('validate');
  await run.ok('plan', '-input=false', '-out=plan.bin');
  const plan = JSON.parse((await run.ok('show', '-json', 'plan.bin')).stdout);
  planned = Object.fromEntries(plan.planned_values.root_module.resources.map((r: any) => [r.type, r.values]));
  await run.ok('apply', '-input=false', 'plan.bin');
  outputs = JSON.parse((await run.ok('output', '-json')).stdout);
});

afterAll(async () => {
  await service?.stop();
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

test('a tenant description and labels arrive as written', () => {
  expect(planned.hikube_tenant.description).toBe(DESCRIPTION);
  expect(planned.hikube_tenant.labels).toEqual({ owner: LABEL });
});

test('cloud-init and SSH keys arrive as written', async () => {
  expect(planned.hikube_virtual_machine.ssh_keys).toEqual([SSH_KEY]);
  // cloud-init goes through the write-only cloud_init_wo: never in the plan, so it is read
  // where it arrived, in the service's database (once the service has stopped).
  expect(planned.hikube_virtual_machine.cloud_init_wo).toBeNull();
  await service.stop();
  const store = await openPgliteStore(service.dataDir);
  try {
    const { rows } = await store.query<{ secret_input: { cloudInit?: string } }>("SELECT secret_input FROM resources WHERE kind = 'vm'");
    expect(rows.map((r) => r.secret_input.cloudInit)).toEqual([CLOUD_INIT]);
  } finally {
    await store.close();
  }
});

test('an API token description arrives as written', () => {
  expect(planned.hikube_api_token.description).toBe(DESCRIPTION);
});

test('references in text still resolve, the literal parts stay literal', () => {
  expect(outputs.path.value).toBe('tenant acme/strings costs ${nothing} %{ x }');
});
