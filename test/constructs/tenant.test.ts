import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { SubTenant, Tenant, ValidationError } from '../../constructs/index';
import { DataHikubeTenant } from '../../constructs/generated/data-tenant';
import { HikubeTenant } from '../../constructs/generated/tenant';

Testing.setupJest();

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

/** The synthesized `hikube_tenant` blocks, by logical id. */
function tenants(stack: TerraformStack): Record<string, any> {
  return JSON.parse(Testing.synth(stack)).resource.hikube_tenant;
}

/** What a token becomes in Terraform JSON, read back through an output. */
function resolve(stack: TerraformStack, value: string): string {
  const id = `resolve${stack.node.children.length}`;
  new TerraformOutput(stack, id, { value });
  return JSON.parse(Testing.synth(stack)).output[id].value;
}

/** Runs `fn` and returns the ValidationError it throws. */
function validationError(fn: () => void): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('Tenant', () => {
  test('default name is derived from the construct id', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new Tenant(stack, 'Production');
    new Tenant(stack, 'Team_A--Ops');

    // THEN
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'production' });
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'team-a-ops' });
  });

  test('can configure name', () => {
    const stack = newStack();
    const tenant = new Tenant(stack, 'Production', { name: 'prod' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, { name: 'prod' });
    expect(tenant.tenantName).toBe('prod');
  });

  test('default deletion protection is off', () => {
    const stack = newStack();
    new Tenant(stack, 'Production');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, { deletion_protection: false });
  });

  test('can configure deletion protection', () => {
    const stack = newStack();
    new Tenant(stack, 'Production', { deletionProtection: true });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, { deletion_protection: true });
  });

  test('default: no description, no labels, no parent (top-level tenant)', () => {
    const stack = newStack();
    new Tenant(stack, 'Production');
    const [block] = Object.values(tenants(stack));
    expect(block).toEqual({ name: 'production', deletion_protection: false });
  });

  test('can configure description and labels', () => {
    const stack = newStack();
    new Tenant(stack, 'Production', {
      description: 'Customer-facing workloads',
      labels: { env: 'production', 'example.com/team': 'platform' },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, {
      description: 'Customer-facing workloads',
      labels: { env: 'production', 'example.com/team': 'platform' },
    });
  });

  test('exposes id, path and namespace as references to the resource', () => {
    const stack = newStack();
    const tenant = new Tenant(stack, 'Production');
    const fqn = `hikube_tenant.${tenant.resource.friendlyUniqueId}`;
    expect(resolve(stack, tenant.tenantId)).toBe(`\${${fqn}.id}`);
    expect(resolve(stack, tenant.tenantPath)).toBe(`\${${fqn}.path}`);
    expect(resolve(stack, tenant.namespace)).toBe(`\${${fqn}.namespace}`);
  });

  test('the L1 resource is an escape hatch', () => {
    const stack = newStack();
    const tenant = new Tenant(stack, 'Production');
    tenant.resource.addOverride('lifecycle.prevent_destroy', true);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, { lifecycle: { prevent_destroy: true } });
  });

  test('fails if name is invalid', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const error = validationError(() => new Tenant(stack, 'Production', { name: 'Bad_Name' }));

    // THEN
    expect(error.constructPath).toBe('test/Production');
    expect(error.value).toBe('Bad_Name');
    expect(error.message).toMatch(/^test\/Production: invalid name: "Bad_Name" is invalid: expected 1 to 32 characters/);
    expect(error.fix).toMatch(/Pass a valid `name`/);
  });

  test('fails if name is too long', () => {
    const error = validationError(() => new Tenant(newStack(), 'T', { name: 'a'.repeat(33) }));
    expect(error.message).toMatch(/invalid name/);
  });

  test('fails if no name can be derived from the construct id', () => {
    const error = validationError(() => new Tenant(newStack(), '1st'));
    expect(error.message).toMatch(/cannot derive a tenant name from the construct id \(1 to 32 characters.*\(received "1st"\)\. Pass `name` explicitly/);
  });

  test('fails if a label key is invalid', () => {
    const error = validationError(() => new Tenant(newStack(), 'Production', { labels: { 'bad key!': 'x' } }));
    expect(error.message).toMatch(/invalid labels\["bad key!"\]: key "bad key!" is invalid: expected a Kubernetes label key/);
    expect(error.value).toBe('bad key!');
  });

  test('fails if a label value is too long', () => {
    const error = validationError(() => new Tenant(newStack(), 'Production', { labels: { env: 'x'.repeat(64) } }));
    expect(error.message).toMatch(/invalid labels\["env"\]: must be at most 63 characters, got 64/);
    expect(error.value).toBe('x'.repeat(64));
  });

  test('fails if there are too many labels', () => {
    const labels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    const error = validationError(() => new Tenant(newStack(), 'Production', { labels }));
    expect(error.message).toMatch(/invalid labels: must have at most 64 entries, got 65/);
  });

  test('fails if description is too long', () => {
    const error = validationError(() => new Tenant(newStack(), 'Production', { description: 'd'.repeat(1025) }));
    expect(error.message).toMatch(/invalid description: must be at most 1024 characters, got 1025/);
    expect(error.fix).toMatch(/at most 1024 characters/);
  });

  test('tokens skip validation', () => {
    // GIVEN
    const stack = newStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    const text = new TerraformVariable(stack, 'text', { type: 'string' });

    // WHEN
    new Tenant(stack, 'Production', {
      name: name.stringValue,
      description: text.stringValue,
      labels: { env: text.stringValue, [text.stringValue]: 'x' },
    });

    // THEN
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, {
      name: '${var.name}',
      description: '${var.text}',
      labels: { env: '${var.text}', '${var.text}': 'x' },
    });
  });
});

describe('SubTenant', () => {
  test('addSubTenant creates a tenant whose parent_id references the parent id', () => {
    // GIVEN
    const stack = newStack();
    const production = new Tenant(stack, 'Production');

    // WHEN
    const web = production.addSubTenant('Web', { description: 'Frontends' });

    // THEN
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(HikubeTenant, {
      name: 'web',
      description: 'Frontends',
      parent_id: `\${hikube_tenant.${production.resource.friendlyUniqueId}.id}`,
    });
    expect(web).toBeInstanceOf(SubTenant);
    expect(web.parent).toBe(production);
    expect(web.node.path).toBe('test/Production/Web');
  });

  test('sub-tenants nest', () => {
    const stack = newStack();
    const teamA = new Tenant(stack, 'Development').addSubTenant('TeamA', { name: 'team-a' });
    const ci = teamA.addSubTenant('Ci');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, {
      name: 'ci',
      parent_id: `\${hikube_tenant.${teamA.resource.friendlyUniqueId}.id}`,
    });
    expect(ci.node.path).toBe('test/Development/TeamA/Ci');
  });

  test('can be created with an explicit parent', () => {
    const stack = newStack();
    const production = new Tenant(stack, 'Production');
    new SubTenant(stack, 'Data', { parent: production, deletionProtection: true });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, {
      name: 'data',
      deletion_protection: true,
      parent_id: `\${hikube_tenant.${production.resource.friendlyUniqueId}.id}`,
    });
  });

  test('fails if name is invalid', () => {
    const stack = newStack();
    const production = new Tenant(stack, 'Production');
    const error = validationError(() => production.addSubTenant('Web', { name: '-web' }));
    expect(error.constructPath).toBe('test/Production/Web');
  });
});

describe('Tenant.fromTenantPath', () => {
  test('reads the tenant through the hikube_tenant data source', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const production = Tenant.fromTenantPath(stack, 'Production', 'acme/production');

    // THEN
    const synth = Testing.synth(stack);
    expect(synth).toHaveDataSourceWithProperties(DataHikubeTenant, { path: 'acme/production' });
    expect(synth).not.toHaveResource(HikubeTenant);
    expect(production.tenantPath).toBe('acme/production');
    expect(resolve(stack, production.tenantId)).toMatch(/^\$\{data\.hikube_tenant\.[\w-]+\.id\}$/);
    expect(resolve(stack, production.namespace)).toMatch(/^\$\{data\.hikube_tenant\.[\w-]+\.namespace\}$/);
  });

  test('an imported tenant can be the parent of a sub-tenant', () => {
    const stack = newStack();
    const production = Tenant.fromTenantPath(stack, 'Production', 'acme/production');
    new SubTenant(stack, 'Web', { parent: production });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenant, {
      name: 'web',
      parent_id: resolve(stack, production.tenantId),
    });
  });

  test('fails if the path is not a tenant path', () => {
    const error = validationError(() => Tenant.fromTenantPath(newStack(), 'Production', 'acme//Production'));
    expect(error.message).toMatch(/invalid tenant path: segment "" is not a tenant name/);
    expect(error.value).toBe('acme//Production');
  });

  test('a token path skips validation', () => {
    const stack = newStack();
    const path = new TerraformVariable(stack, 'path', { type: 'string' });
    Tenant.fromTenantPath(stack, 'Imported', path.stringValue);
    expect(Testing.synth(stack)).toHaveDataSourceWithProperties(DataHikubeTenant, { path: '${var.path}' });
  });
});
