import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { EMAIL_PATTERN, ROLES, Role, apiTokenModel } from '../model';
import { ValidationError } from './errors';
import { HikubeApiToken } from './generated/api-token';
import { HikubeTenantMember } from './generated/tenant-member';
import { ITenant } from './interfaces';
import { literal } from './private/literal';

export type { Role };

/** Props of a membership: a user's role on a tenant and its whole subtree. */
export interface TenantMemberProps {
  /** The tenant the role is granted on. Changing it replaces the membership. */
  readonly tenant: ITenant;
  /** E-mail address of the user. Changing it replaces the membership. */
  readonly user: string;
  /** `view`, `use`, `admin` or `super-admin`. Changed in place. */
  readonly role: Role;
}

/**
 * A user's role on a tenant; it holds for the tenant's whole subtree, never for its parent or
 * siblings. Usually made with `tenant.grant(user, role)`.
 *
 * @resource hikube_tenant_member
 */
export class TenantMember extends Construct {
  /** Member id, `mem-` followed by 16 characters (a token until apply). @attribute */
  public readonly memberId: string;
  /** The L1 `hikube_tenant_member` resource, for what the construct does not expose. */
  public readonly resource: HikubeTenantMember;

  public constructor(scope: Construct, id: string, props: TenantMemberProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.user) && !EMAIL_PATTERN.test(props.user)) {
      throw new ValidationError(this, 'invalid user: not an e-mail address', { value: props.user, fix: "Pass the user's e-mail address, e.g. 'alice@example.com'." });
    }
    checkRole(this, props.role);
    this.resource = new HikubeTenantMember(this, 'Resource', { tenantId: props.tenant.tenantId, user: props.user, role: props.role });
    this.memberId = this.resource.id;
  }
}

/** Options of `tenant.addApiToken()`. */
export interface ApiTokenOptions {
  /** Role the token acts with; never higher than the role of the token Terraform runs with. */
  readonly role: Role;
  /**
   * What the token is for, e.g. the pipeline using it.
   *
   * @default - no description
   */
  readonly description?: string;
  /**
   * Expiry time, RFC 3339 (e.g. `2027-01-01T00:00:00Z`).
   *
   * @default - the token never expires
   */
  readonly expiresAt?: string;
}

/** Props of an API token. */
export interface ApiTokenProps extends ApiTokenOptions {
  /** The tenant whose subtree the token acts on. Changing it replaces the token. */
  readonly tenant: ITenant;
}

/**
 * An API token for pipelines, bound to a tenant subtree and a role. The secret is known once
 * the token is created (it is sensitive in plans and state); destroying the token revokes it.
 *
 * @resource hikube_api_token
 */
export class ApiToken extends Construct {
  /** Token id, `tok-` followed by 16 characters (a token until apply). @attribute */
  public readonly tokenId: string;
  /** The bearer secret (a token until apply; sensitive). Null in state after an import. @attribute */
  public readonly secret: string;
  /** The L1 `hikube_api_token` resource, for what the construct does not expose. */
  public readonly resource: HikubeApiToken;

  public constructor(scope: Construct, id: string, props: ApiTokenProps) {
    super(scope, id);
    checkRole(this, props.role);
    const maxLength = apiTokenModel.attributes.description.validation?.maxLength ?? 256;
    if (props.description !== undefined && !Token.isUnresolved(props.description) && props.description.length > maxLength) {
      throw new ValidationError(this, `invalid description: longer than ${maxLength} characters`, { value: props.description, fix: `Shorten \`description\` to at most ${maxLength} characters.` });
    }
    if (props.expiresAt !== undefined && !Token.isUnresolved(props.expiresAt)) {
      const pattern = apiTokenModel.attributes.expires_at.validation?.pattern;
      if ((pattern && !pattern.test(props.expiresAt)) || Number.isNaN(Date.parse(props.expiresAt))) {
        throw new ValidationError(this, 'invalid expiresAt: not an RFC 3339 time', { value: props.expiresAt, fix: "Pass a time such as '2027-01-01T00:00:00Z'." });
      }
    }
    this.resource = new HikubeApiToken(this, 'Resource', {
      tenantId: props.tenant.tenantId,
      role: props.role,
      description: literal(props.description),
      expiresAt: props.expiresAt,
    });
    this.tokenId = this.resource.id;
    this.secret = this.resource.secret;
  }
}

function checkRole(scope: Construct, role: string): void {
  if (Token.isUnresolved(role) || (ROLES as readonly string[]).includes(role)) return;
  throw new ValidationError(scope, 'invalid role', { value: role, fix: `Pass one of ${ROLES.map((r) => `'${r}'`).join(', ')}.` });
}
