import { ForbiddenError, NotFoundError } from '../http/problem';
import { Principal, Role, roleAtLeast } from './tokens';

/**
 * Who may do what, in one table. A token holds its role on its own tenant and every tenant
 * below it, never above or beside. Each action needs a role on one tenant: the target itself,
 * or the target's parent where a tenant must not decide about itself (creating and deleting
 * sub-tenants, setting a tenant's quotas and security policy: nobody loosens their own
 * guardrails).
 *
 * Refusals: a target outside the token's subtree is 404 (its existence must not leak); a
 * visible target without the role is 403 naming the role held and the role needed.
 */
export interface Rule {
  readonly role: Role;
  /** Which tenant the role must be held on. */
  readonly on: 'target' | 'parent';
  /** Words for the 403: "to <what> ...". */
  readonly what: string;
}

export const ACTIONS = {
  'tenant.read': { role: 'view', on: 'target', what: 'read tenants' },
  'tenant.create': { role: 'super-admin', on: 'target', what: 'create sub-tenants' }, // target = the new tenant's parent
  'tenant.update': { role: 'admin', on: 'target', what: 'change tenants' },
  'tenant.guardrails': { role: 'super-admin', on: 'parent', what: "change a tenant's quotas or security policy" },
  'tenant.delete': { role: 'super-admin', on: 'parent', what: 'delete sub-tenants' },
  'resource.read': { role: 'view', on: 'target', what: 'read resources' },
  'resource.create': { role: 'admin', on: 'target', what: 'create resources' },
  'resource.update': { role: 'admin', on: 'target', what: 'change resources' },
  'resource.run': { role: 'use', on: 'target', what: 'start or stop virtual machines (run_strategy)' },
  'resource.delete': { role: 'admin', on: 'target', what: 'delete resources' },
  'member.read': { role: 'view', on: 'target', what: 'read members' },
  'member.write': { role: 'admin', on: 'target', what: 'add, change or remove members' },
  'token.read': { role: 'view', on: 'target', what: 'read API tokens' },
  'token.write': { role: 'admin', on: 'target', what: 'create or revoke API tokens' },
  'audit.read': { role: 'admin', on: 'target', what: 'read the audit log' },
  'catalog.read': { role: 'view', on: 'target', what: 'read the catalog' },
  // For the guardrails routes (usage, POST /v1/validate): reading costs and asking "would this pass?" change nothing.
  'usage.read': { role: 'view', on: 'target', what: 'read usage and costs' },
  'policy.validate': { role: 'view', on: 'target', what: 'validate a change against policies and quotas' },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof ACTIONS;

/** The tenant an action is aimed at: its path is all the rules need. */
export interface TargetTenant {
  readonly path: string;
}

export function inSubtree(principal: Principal, path: string): boolean {
  return path === principal.tenantPath || path.startsWith(`${principal.tenantPath}/`);
}

/** The role the principal holds on the tenant at `path`, or undefined. */
export function roleOn(principal: Principal, path: string | undefined): Role | undefined {
  return path !== undefined && inSubtree(principal, path) ? principal.role : undefined;
}

/**
 * Early gate, before the target is known (and before the body is parsed): a role too low for
 * the action anywhere is 403 whatever the target, which tells nothing about other tenants.
 */
export function requireRoleFor(principal: Principal, action: Action): void {
  const rule: Rule = ACTIONS[action];
  if (!roleAtLeast(principal.role, rule.role)) throw forbidden(principal, rule, principal.tenantPath);
}

/**
 * The full check: 404 (via `notFound`) when the target is outside the subtree, 403 when the
 * role is not held on the tenant the rule names.
 */
export function authorize(principal: Principal, action: Action, target: TargetTenant, notFound: () => Error = defaultNotFound): void {
  if (!inSubtree(principal, target.path)) throw notFound();
  const rule: Rule = ACTIONS[action];
  const on = rule.on === 'target' ? target.path : parentPath(target.path);
  const held = roleOn(principal, on);
  if (held === undefined || !roleAtLeast(held, rule.role)) throw forbidden(principal, rule, on ?? target.path, held === undefined);
}

/** No escalation: nothing a principal makes or changes may carry a role above its own. */
export function requireNoEscalation(principal: Principal, role: Role, what: string): void {
  if (!roleAtLeast(principal.role, role)) {
    throw new ForbiddenError(`this token's role is ${principal.role}; it cannot ${what} with the higher role ${role}`);
  }
}

function parentPath(path: string): string | undefined {
  const i = path.lastIndexOf('/');
  return i < 0 ? undefined : path.slice(0, i);
}

function forbidden(principal: Principal, rule: Rule, on: string, notHeld = false): ForbiddenError {
  if (notHeld) {
    return new ForbiddenError(
      `to ${rule.what} a token needs ${rule.role} on the parent tenant${on ? ` ${on}` : ''}; this token is ${principal.role} on ${principal.tenantPath} only: use a token of an ancestor`,
    );
  }
  return new ForbiddenError(`this token's role is ${principal.role}; to ${rule.what} it needs ${rule.role}`);
}

function defaultNotFound(): Error {
  return new NotFoundError("the target does not exist or is outside this token's tenant");
}
