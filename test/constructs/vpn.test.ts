import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { onlyBlock, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

describe('Vpn and VpnUser', () => {
  test('default: tenant.addVpn() names it from its id; addUser() puts users under it', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    const vpn = tenant.addVpn('Office');
    const alice = vpn.addUser('Alice');

    // THEN
    expect(vpn.node.scope).toBe(tenant);
    expect(alice.vpn).toBe(vpn);
    expect(onlyBlock(stack, 'hikube_vpn')).toEqual({ tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`, name: 'office' });
    expect(onlyBlock(stack, 'hikube_vpn_user')).toEqual({ vpn_id: `\${hikube_vpn.${vpn.resource.friendlyUniqueId}.id}`, name: 'alice' });
  });

  test('can configure replicas, external, host and a rotation trigger', () => {
    const { stack, tenant } = stackWithTenant();
    const vpn = tenant.addVpn('Office', { replicas: 3, external: false, host: 'vpn.example.com' });
    vpn.addUser('Bob', { rotationTriggers: { rotated: '2026-12' } });
    expect(onlyBlock(stack, 'hikube_vpn')).toMatchObject({ replicas: 3, external: false, host: 'vpn.example.com' });
    expect(onlyBlock(stack, 'hikube_vpn_user')).toMatchObject({ name: 'bob', rotation_triggers: { rotated: '2026-12' } });
  });

  test("a user's access URL and the VPN's port are tokens of their attributes", () => {
    const { stack, tenant } = stackWithTenant();
    const vpn = tenant.addVpn('Office');
    const alice = vpn.addUser('Alice');
    new TerraformOutput(stack, 'alice_url', { value: alice.accessUrl, sensitive: true });
    new TerraformOutput(stack, 'port', { value: vpn.port });
    const { output } = JSON.parse(Testing.synth(stack));
    expect(output.alice_url).toEqual({ value: `\${hikube_vpn_user.${alice.resource.friendlyUniqueId}.access_url}`, sensitive: true });
    expect(output.port.value).toBe(`\${hikube_vpn.${vpn.resource.friendlyUniqueId}.port}`);
  });

  test.each([
    ['replicas out of range', { replicas: 0 }, /invalid replicas/],
    ['a host that is no DNS name', { host: 'http://vpn' }, /invalid host/],
  ])('fails if %s', (_what, options, message) => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => tenant.addVpn('Office', options)).message).toMatch(message);
  });
});
