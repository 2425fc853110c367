import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { HikubeProvider, Tenant, ValidationError } from '../../constructs/index';
import { HikubeProvider as HikubeProviderL1 } from '../../constructs/generated/provider';

Testing.setupJest();

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('HikubeProvider', () => {
  test('default: no endpoint or token in the configuration (the provider reads the environment)', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new HikubeProvider(stack, 'Hikube');

    // THEN
    const synth = JSON.parse(Testing.synth(stack));
    expect(synth.provider.hikube).toEqual([{}]);
    // cdktf-cli refuses a required provider without a version: the bindings bring one.
    expect(synth.terraform.required_providers.hikube).toEqual({ source: 'hikube/hikube', version: '~> 0.1.0' });
  });

  test('can configure endpoint and token', () => {
    const stack = newStack();
    const token = new TerraformVariable(stack, 'hikube_token', { type: 'string', sensitive: true });
    new HikubeProvider(stack, 'Hikube', { endpoint: 'https://api.hikube.example', token: token.stringValue });
    expect(Testing.synth(stack)).toHaveProviderWithProperties(HikubeProviderL1, {
      endpoint: 'https://api.hikube.example',
      token: '${var.hikube_token}',
    });
  });

  test('warns when the token is a literal', () => {
    const stack = newStack();
    const provider = new HikubeProvider(stack, 'Hikube', { token: 'secret' });
    const warnings = provider.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/token is a literal/)]);
  });

  test('fails if endpoint is not an http(s) URL', () => {
    const stack = newStack();
    expect(() => new HikubeProvider(stack, 'Hikube', { endpoint: 'api.hikube.example' })).toThrow(ValidationError);
    expect(() => new HikubeProvider(stack, 'Other', { endpoint: 'ftp://x' })).toThrow(/test\/Other: endpoint must be an http or https URL/);
  });

  test('a token endpoint skips validation', () => {
    const stack = newStack();
    const endpoint = new TerraformVariable(stack, 'endpoint', { type: 'string' });
    new HikubeProvider(stack, 'Hikube', { endpoint: endpoint.stringValue });
    expect(Testing.synth(stack)).toHaveProviderWithProperties(HikubeProviderL1, { endpoint: '${var.endpoint}' });
  });

  test('the L1 provider is an escape hatch (alias)', () => {
    const stack = newStack();
    const provider = new HikubeProvider(stack, 'Hikube');
    provider.resource.alias = 'eu';
    expect(JSON.parse(Testing.synth(stack)).provider.hikube).toEqual([{ alias: 'eu' }]);
  });
});

describe('full synthesis', () => {
  test('writes a Terraform JSON configuration with the provider, resources and data sources', () => {
    // GIVEN
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new HikubeProvider(stack, 'Hikube', { endpoint: 'https://api.hikube.example' });
    const production = new Tenant(stack, 'Production');
    production.addSubTenant('Web');
    Tenant.fromTenantPath(stack, 'Shared', 'acme/shared');

    // WHEN
    const outdir = Testing.fullSynth(stack);

    // THEN: the shape Terraform expects (toBeValidTerraform would need `terraform init`, offline here)
    const file = path.join(outdir, 'stacks', 'stack', 'cdk.tf.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(config.terraform.required_providers).toEqual({ hikube: { source: 'hikube/hikube', version: '~> 0.1.0' } });
    expect(config.provider.hikube).toEqual([{ endpoint: 'https://api.hikube.example' }]);
    const blocks = Object.values(config.resource.hikube_tenant) as any[];
    expect(blocks.map((b) => b.name).sort()).toEqual(['production', 'web']);
    for (const b of blocks) expect(Object.keys(b).every((k) => /^[a-z_/]+$/.test(k))).toBe(true);
    expect(Object.values(config.data.hikube_tenant)).toEqual([expect.objectContaining({ path: 'acme/shared' })]);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  });
});

describe('package root', () => {
  test('constructs/package.json main points at the compiled constructs index, which exports the public API', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../constructs/package.json'), 'utf8'));
    expect(pkg.main).toBe('lib/constructs/index.js');
    expect(pkg.types).toBe('lib/constructs/index.d.ts');
    // The same module, from source.
    const api = require('../../constructs/index');
    for (const name of ['HikubeProvider', 'Tenant', 'SubTenant', 'TenantBase', 'ValidationError']) {
      expect(typeof api[name]).toBe('function');
    }
    expect(typeof api.l1.HikubeTenant).toBe('function');
    expect(typeof api.l1.DataHikubeTenant).toBe('function');
    expect(api.l1.HikubeProvider).toBe(HikubeProviderL1);
  });
});
