/** The action table's logic, without HTTP: role on the target or on its parent, 404 vs 403. */
import { ACTIONS, Action, authorize, requireNoEscalation, roleOn } from '../../service/auth/authorize';
import { Principal, Role } from '../../service/auth/tokens';
import { redact, REDACTED } from '../../service/audit/redact';

const at = (tenantPath: string, role: Role): Principal => ({ tokenId: 'tok-x', tenantId: 'tnt-x', tenantPath, role });

function outcome(principal: Principal, action: Action, path: string): number {
  try {
    authorize(principal, action, { path });
    return 200;
  } catch (err) {
    return (err as { status?: number }).status ?? 404;
  }
}

describe('roleOn', () => {
  test.each([
    ['own tenant', 'acme/p', 'acme/p', 'admin'],
    ['a descendant', 'acme/p', 'acme/p/a/b', 'admin'],
    ['the parent', 'acme/p', 'acme', undefined],
    ['a sibling', 'acme/p', 'acme/q', undefined],
    ['a name that only starts the same', 'acme/p', 'acme/p2', undefined],
  ])('%s', (_name, tokenPath, path, expected) => {
    expect(roleOn(at(tokenPath, 'admin'), path)).toBe(expected);
  });
});

describe('authorize', () => {
  test.each<[string, Role, Action, string, number]>([
    ['view reads its own tenant', 'view', 'tenant.read', 'acme/p', 200],
    ['nobody sees a sibling: 404, whatever the role', 'super-admin', 'tenant.read', 'acme/q', 404],
    ['view cannot change: 403', 'view', 'tenant.update', 'acme/p', 403],
    ['use starts and stops VMs', 'use', 'resource.run', 'acme/p/a', 200],
    ['use cannot change a VM otherwise', 'use', 'resource.update', 'acme/p/a', 403],
    ['super-admin deletes a child (role on the parent: its own tenant)', 'super-admin', 'tenant.delete', 'acme/p/a', 200],
    ['super-admin cannot delete its own tenant (role needed on the parent)', 'super-admin', 'tenant.delete', 'acme/p', 403],
    ['super-admin cannot loosen its own quotas', 'super-admin', 'tenant.guardrails', 'acme/p', 403],
    ['super-admin sets a child quotas', 'super-admin', 'tenant.guardrails', 'acme/p/a', 200],
    ['admin cannot set a child quotas', 'admin', 'tenant.guardrails', 'acme/p/a', 403],
    ['admin reads the audit log', 'admin', 'audit.read', 'acme/p', 200],
    ['use cannot read the audit log', 'use', 'audit.read', 'acme/p', 403],
  ])('%s', (_name, role, action, path, expected) => {
    expect(outcome(at('acme/p', role), action, path)).toBe(expected);
  });

  test('a root token has no parent to hold a role on: the root itself cannot be deleted by anyone', () => {
    expect(outcome(at('acme', 'super-admin'), 'tenant.delete', 'acme')).toBe(403);
  });

  test('every action names a role and a tenant', () => {
    for (const rule of Object.values(ACTIONS)) expect(['target', 'parent']).toContain(rule.on);
  });

  test('no escalation, naming both roles', () => {
    expect(() => requireNoEscalation(at('acme', 'admin'), 'super-admin', 'create a token')).toThrow(/admin.*super-admin/);
    expect(() => requireNoEscalation(at('acme', 'admin'), 'admin', 'create a token')).not.toThrow();
  });
});

describe('redact', () => {
  test('secrets at any depth; null stays null; the rest is copied', () => {
    expect(redact({ name: 'k', adminToken: 'x', kubeconfig: null, accounts: { a: { username: 'u', password: 'p' } }, list: [{ secret: 's' }] })).toEqual({
      name: 'k',
      adminToken: REDACTED,
      kubeconfig: null,
      accounts: { a: { username: 'u', password: REDACTED } },
      list: [{ secret: REDACTED }],
    });
  });
});
