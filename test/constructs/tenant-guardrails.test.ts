import { TerraformStack, Testing } from 'cdktf';
import { Tenant, ValidationError } from '../../constructs/index';

/** Tenant props for quotas, security policy and network size. */

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

function tenantJson(stack: TerraformStack): Record<string, unknown> {
  return Object.values(JSON.parse(Testing.synth(stack)).resource.hikube_tenant)[0] as Record<string, unknown>;
}

test('default guardrails: none of its own, network size left to the service', () => {
  const stack = newStack();
  new Tenant(stack, 'Prod');
  const t = tenantJson(stack);
  expect(t.quotas).toBeUndefined();
  expect(t.security_policy).toBeUndefined();
  expect(t.network_prefix_length).toBeUndefined();
});

test('can configure quotas, security policy and network prefix length', () => {
  const stack = newStack();
  new Tenant(stack, 'Prod', {
    quotas: { cpu: 64, memoryGib: 256, subTenants: 10 },
    securityPolicy: { allowedInstanceTypes: ['u1.large'], allowedKubernetesVersions: ['v1.33'], externalIpsAllowed: false, egressCidrs: ['10.0.0.0/8'] },
    networkPrefixLength: 16,
  });
  const t = tenantJson(stack);
  expect(t.quotas).toEqual({ cpu: 64, memory_gib: 256, sub_tenants: 10 });
  expect(t.security_policy).toEqual({ allowed_instance_types: ['u1.large'], allowed_kubernetes_versions: ['v1.33'], external_ips_allowed: false, egress_cidrs: ['10.0.0.0/8'] });
  expect(t.network_prefix_length).toBe(16);
});

test("a kind's count quota and the engine policy reach Terraform under their names", () => {
  const stack = newStack();
  new Tenant(stack, 'Data', { quotas: { postgres: 2, clusters: 1 }, securityPolicy: { allowedEngines: ['postgres'], allowedEngineVersions: { postgres: ['v17', 'v18'] } } });
  const t = tenantJson(stack);
  expect(t.quotas).toEqual({ postgres: 2, clusters: 1 });
  expect(t.security_policy).toEqual({ allowed_engines: ['postgres'], allowed_engine_versions: { postgres: ['v17', 'v18'] } });
});

test.each([
  ['a negative quota', { quotas: { cpu: -1 } }, /quotas.cpu/],
  ['an unknown instance type', { securityPolicy: { allowedInstanceTypes: ['u9.huge'] } }, /u9.huge/],
  ['an unknown Kubernetes version', { securityPolicy: { allowedKubernetesVersions: ['v1.20'] } }, /v1.20 is not offered/],
  ['an unknown engine', { securityPolicy: { allowedEngines: ['oracle'] } }, /allowedEngines: oracle is not an engine/],
  ['versions of an unknown engine', { securityPolicy: { allowedEngineVersions: { oracle: ['19c'] } } }, /allowedEngineVersions: oracle is not an engine/],
  ['an unknown engine version', { securityPolicy: { allowedEngineVersions: { postgres: ['v9'] } } }, /allowedEngineVersions\["postgres"\]: v9 is not a postgres version/],
  ['a bad egress CIDR', { securityPolicy: { egressCidrs: ['10.0.0.0/33'] } }, /egressCidrs/],
  ['a network prefix out of range', { networkPrefixLength: 30 }, /networkPrefixLength/],
])('fails if given %s', (_name, props, message) => {
  expect(() => new Tenant(newStack(), 'Prod', props)).toThrow(ValidationError);
  expect(() => new Tenant(newStack(), 'Prod', props)).toThrow(message);
});
