import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { ApiToken, ITenant, Tenant, TenantMember, ValidationError } from '../../constructs/index';
import { HikubeApiToken } from '../../constructs/generated/api-token';
import { HikubeTenantMember } from '../../constructs/generated/tenant-member';
import { newStack, resolve } from './helpers';

Testing.setupJest();

describe('tenant.grant', () => {
  test.each<[string, (stack: ReturnType<typeof newStack>) => ITenant]>([
    ['a tenant', (stack) => new Tenant(stack, 'Production')],
    ['a sub-tenant', (stack) => new Tenant(stack, 'Acme').addSubTenant('Production')],
    ['an imported tenant', (stack) => Tenant.fromTenantPath(stack, 'Production', 'acme/production')],
  ])('%s grants a role to a user on itself', (_kind, make) => {
    // GIVEN
    const stack = newStack();
    const tenant = make(stack);

    // WHEN
    const member = tenant.grant('alice@example.com', 'admin');

    // THEN
    expect(member).toBeInstanceOf(TenantMember);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeTenantMember, {
      tenant_id: resolve(stack, tenant.tenantId),
      user: 'alice@example.com',
      role: 'admin',
    });
  });

  test('fails if the user is not an e-mail address', () => {
    expect(() => new Tenant(newStack(), 'Production').grant('alice', 'view')).toThrow(ValidationError);
    expect(() => new Tenant(newStack(), 'Production').grant('alice', 'view')).toThrow(/Production\/Member-alice: invalid user: not an e-mail address \(received "alice"\)/);
  });

  test('fails if the role is unknown', () => {
    const tenant = new Tenant(newStack(), 'Production');
    expect(() => tenant.grant('alice@example.com', 'owner' as never)).toThrow(/invalid role \(received "owner"\)\. Pass one of 'view', 'use', 'admin', 'super-admin'/);
  });

  test('fails if the same user is granted twice on one tenant', () => {
    const tenant = new Tenant(newStack(), 'Production');
    tenant.grant('alice@example.com', 'view');
    expect(() => tenant.grant('Alice@example.com', 'admin')).toThrow(/already has a role on this tenant/);
  });

  test('skips unresolved tokens', () => {
    const stack = newStack();
    const source = new Tenant(stack, 'Source');
    const tenant = new Tenant(stack, 'Production');
    expect(() => tenant.grant(source.tenantPath, 'view')).not.toThrow();
    expect(() => tenant.grant(source.namespace, 'view')).not.toThrow();
  });
});

describe('tenant.addApiToken', () => {
  test('default: no description, no expiry; exposes the sensitive secret', () => {
    // GIVEN
    const stack = newStack();
    const tenant = new Tenant(stack, 'Production');

    // WHEN
    const token = tenant.addApiToken('Ci', { role: 'use' });

    // THEN
    expect(token).toBeInstanceOf(ApiToken);
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(HikubeApiToken, { tenant_id: resolve(stack, tenant.tenantId), role: 'use' });
    const resources = JSON.parse(synth).resource.hikube_api_token as Record<string, Record<string, unknown>>;
    const [config] = Object.values(resources);
    expect(config).not.toHaveProperty('description');
    expect(config).not.toHaveProperty('expires_at');
    expect(resolve(stack, token.secret)).toMatch(/^\$\{hikube_api_token\..*\.secret\}$/);
  });

  test('can configure description and expiry', () => {
    const stack = newStack();
    new Tenant(stack, 'Production').addApiToken('Ci', { role: 'view', description: 'deploys', expiresAt: '2027-01-01T00:00:00Z' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeApiToken, { role: 'view', description: 'deploys', expires_at: '2027-01-01T00:00:00Z' });
  });

  test('fails if expiresAt is not an RFC 3339 time', () => {
    const tenant = new Tenant(newStack(), 'Production');
    expect(() => tenant.addApiToken('Ci', { role: 'view', expiresAt: 'next year' })).toThrow(/Production\/Ci: invalid expiresAt: not an RFC 3339 time/);
  });

  test('fails if the role is unknown', () => {
    const tenant = new Tenant(newStack(), 'Production');
    expect(() => tenant.addApiToken('Ci', { role: 'root' as never })).toThrow(/invalid role/);
  });
});
