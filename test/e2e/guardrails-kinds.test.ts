/**
 * Guardrails derived from the kinds' registry, at `terraform plan`: the count quota of a kind
 * (`quotas.postgres`) and the engine policy (`allowed_engines`, `allowed_engine_versions`),
 * over real terraform, our provider and the service; and the upgrade path: a tenant stored
 * before these keys existed, and a state written by a provider without them, plan clean.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HikubeClient } from '../../client/client';
import { e2eSuite, PROVIDER_BLOCK, Workspace } from './harness';

jest.setTimeout(240_000);

const TENANTS = `
resource "hikube_tenant" "data" {
  name   = "data"
  quotas = { postgres = 1 }
  security_policy = {
    allowed_engines         = ["postgres"]
    allowed_engine_versions = { postgres = ["v17", "v18"] }
  }
}

resource "hikube_tenant" "apps" {
  name            = "apps"
  parent_id       = hikube_tenant.data.id
  security_policy = { allowed_engines = [] }
}
`;

const postgres = (local: string, tenant: string, extra = '') => `
resource "hikube_postgres" "${local}" {
  tenant_id = hikube_tenant.${tenant}.id
  name      = "${local}"
  replicas  = 1
  size_gb   = 1
  preset    = "nano"${extra}
}
`;

describe('kind quotas and engine policies at plan time', () => {
  let ws: Workspace;
  let api: HikubeClient;
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const clusters = async () => (await api.listResources<{ name: string }>('/v1/postgres')).items.map((p) => p.name).sort();

  const suite = e2eSuite('e2e-guardrails-kinds', ['--sim-delays', '0']);
  beforeAll(async () => {
    ({ ws, api } = suite);
    ws.write(`${PROVIDER_BLOCK}${TENANTS}`);
    await ws.ok('init', '-no-color');
    await ws.ok('apply', '-auto-approve', '-no-color');
  });

  test('a version outside allowed_engine_versions fails the plan on `version`, naming the policy and the tenant', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANTS}${postgres('old', 'data', '\n  version   = "v16"')}`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('Error: Security Policy Violation');
    expect(text).toContain('postgres version v16 is not allowed by the security policy of acme/data (allowed: v17, v18)');
    expect(text).toContain('The policy security_policy.allowed_engine_versions is set by tenant acme/data');
    expect(text).toContain('with hikube_postgres.old');
    expect(text).toContain('version = "v16"'); // the attribute blamed, shown from the configuration
    expect(await clusters()).toEqual([]);
  });

  test('an engine the policy leaves out fails the plan, naming allowed_engines and the tenant that set it', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANTS}${postgres('cache', 'apps')}`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('engine postgres is not allowed by the security policy of acme/data/apps (allowed: none)');
    expect(text).toContain('The policy security_policy.allowed_engines is set by tenant acme/data/apps');
    expect(text).toContain('with hikube_postgres.cache');
  });

  test('two clusters against quotas.postgres = 1 fail the plan (the whole plan counts), naming quota and tenant', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANTS}${postgres('one', 'data')}${postgres('two', 'data')}`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text.match(/Error: Quota Exceeded/g)).toHaveLength(1);
    // The first cluster of the plan is counted as in use when the second is judged.
    expect(text).toContain('quota postgres of acme/data exceeded: 1 in use, 1 requested, limit 1');
    expect(text).toContain('The quota quotas.postgres is set by tenant acme/data');
    expect(text).toMatch(/with hikube_postgres\.(one|two)/);
    expect(await clusters()).toEqual([]);
  });

  test('one allowed cluster plans and applies; a second one later is refused at plan', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANTS}${postgres('one', 'data', '\n  version   = "v18"')}`);
    await ws.ok('apply', '-auto-approve', '-no-color');
    expect(await clusters()).toEqual(['one']);
    ws.write(`${PROVIDER_BLOCK}${TENANTS}${postgres('one', 'data', '\n  version   = "v18"')}${postgres('two', 'data')}`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    expect(plain(plan.stderr)).toContain('quota postgres of acme/data exceeded: 1 in use, 1 requested, limit 1');
  });

  test('a sub-tenant policy wider than its parent fails the plan, naming the ancestor', async () => {
    const wider = TENANTS.replace('security_policy = { allowed_engines = [] }', 'security_policy = { allowed_engine_versions = { postgres = ["v16"] } }');
    ws.write(`${PROVIDER_BLOCK}${wider}${postgres('one', 'data', '\n  version   = "v18"')}`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('postgres version v16 is wider than the security policy of acme/data allows (allowed: v17, v18)');
    expect(text).toContain('with hikube_tenant.apps');
  });

  test('an import keeps an empty allowed_engines (no engine) apart from an unset one (any), and plans clean', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANTS}${postgres('one', 'data', '\n  version   = "v18"')}`);
    await ws.ok('state', 'rm', 'hikube_tenant.apps');
    await ws.ok('import', '-no-color', 'hikube_tenant.apps', 'acme/data/apps');
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
    const shown = JSON.parse((await ws.ok('show', '-json')).stdout);
    const apps = shown.values.root_module.resources.find((r: { address: string }) => r.address === 'hikube_tenant.apps');
    expect(apps.values.security_policy).toMatchObject({ allowed_engines: [], allowed_instance_types: null });
  });

  test('upgrade path: a tenant stored before the new keys, and a state written by a provider without them, plan clean', async () => {
    // A tenant the service stored before: quotas and a policy holding only the old keys.
    const legacy = await api.createTenant({ name: 'legacy', quotas: { cpu: 8, vms: 2, clusters: 1 }, securityPolicy: { allowedInstanceTypes: ['s1.small'], externalIpsAllowed: false } });
    expect(legacy.quotas).toEqual({ cpu: 8, vms: 2, clusters: 1 });
    const LEGACY = `
resource "hikube_tenant" "legacy" {
  name   = "legacy"
  quotas = { cpu = 8, vms = 2, clusters = 1 }
  security_policy = {
    allowed_instance_types = ["s1.small"]
    external_ips_allowed   = false
  }
}
`;
    ws.write(`${PROVIDER_BLOCK}${TENANTS}${postgres('one', 'data', '\n  version   = "v18"')}${LEGACY}`);
    await ws.ok('import', '-no-color', 'hikube_tenant.legacy', 'acme/legacy');
    const imported = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    // Its state as a provider before these keys wrote it: the objects lack them altogether.
    const file = path.join(ws.dir, 'terraform.tfstate');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const [instance] = doc.resources.find((r: { type: string; name: string }) => r.type === 'hikube_tenant' && r.name === 'legacy').instances;
    expect(instance.attributes.quotas).toHaveProperty('postgres', null);
    delete instance.attributes.quotas.postgres;
    delete instance.attributes.security_policy.allowed_engines;
    delete instance.attributes.security_policy.allowed_engine_versions;
    doc.serial += 1;
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    const upgraded = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(upgraded.stderr).toBe('');
    expect(upgraded.code).toBe(0);
    await ws.ok('state', 'rm', 'hikube_tenant.legacy');
    await api.deleteTenant(legacy.id);
  });

  test('destroy cleans up', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANTS}${postgres('one', 'data', '\n  version   = "v18"')}`);
    const run = await ws.ok('destroy', '-auto-approve', '-no-color');
    expect(run.stdout).toContain('Destroy complete!');
  });
});
