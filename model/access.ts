/** Users, roles and API tokens. */
import { createdAtAttribute } from './common';
import { ResourceModel, t } from './schema';
import { TENANT_ID_PATTERN } from './tenant';

/** Weakest first: each role can do everything the ones before it can. */
export const ROLES = ['view', 'use', 'admin', 'super-admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_HINT =
  '`view` (read), `use` (also start, stop and use resources), `admin` (also create, change and delete resources, members and tokens), `super-admin` (also create and delete sub-tenants)';

export const EMAIL_PATTERN = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$/;
export const MEMBER_ID_PATTERN = /^mem-[a-z2-7]{16}$/;
export const TOKEN_ID_PATTERN = /^tok-[a-z2-7]{16}$/;

const tenantId = (noun: string) => ({
  type: t.string,
  required: true,
  replaceOnChange: true,
  description: `Identifier of the tenant the ${noun} applies to; it holds for the tenant's whole subtree, never for its parent or siblings. Changing it forces a new ${noun}.`,
  validation: { pattern: TENANT_ID_PATTERN, patternHint: 'a tenant id such as tnt-abcdefghijklmnop' },
});

export const tenantMemberModel: ResourceModel = {
  typeName: 'hikube_tenant_member',
  collection: '/v1/members',
  noun: 'member',
  schemaName: 'Member',
  version: 0,
  description: 'Gives a user a role on a tenant and its whole subtree.',
  attributes: {
    id: { type: t.string, computed: true, stable: true, description: 'Identifier, `mem-` followed by 16 characters.' },
    tenant_id: tenantId('membership'),
    user: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: 'E-mail address of the user. Changing it forces a new membership.',
      validation: { pattern: EMAIL_PATTERN, patternHint: 'an e-mail address such as alice@example.com', maxLength: 254 },
    },
    role: {
      type: t.string,
      required: true,
      description: `Role: ${ROLE_HINT}. Changed in place.`,
      validation: { oneOf: ROLES },
    },
    created_at: createdAtAttribute,
  },
};

export const apiTokenModel: ResourceModel = {
  typeName: 'hikube_api_token',
  collection: '/v1/tokens',
  noun: 'API token',
  schemaName: 'ApiToken',
  version: 0,
  description:
    "An API token for pipelines, bound to a tenant subtree and a role no higher than its creator's. The secret is returned once, at creation, and stored by the service only as a hash. Destroying the resource revokes the token.",
  attributes: {
    id: { type: t.string, computed: true, stable: true, description: 'Identifier, `tok-` followed by 16 characters.' },
    tenant_id: tenantId('token'),
    role: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: `Role the token acts with: ${ROLE_HINT}. Never higher than the role of the token that creates it. Changing it forces a new token.`,
      validation: { oneOf: ROLES },
    },
    description: {
      type: t.string,
      optional: true,
      replaceOnChange: true,
      description: 'What the token is for, e.g. the pipeline using it. Changing it forces a new token.',
      validation: { maxLength: 256 },
    },
    expires_at: {
      type: t.string,
      optional: true,
      replaceOnChange: true,
      description: 'Expiry time, RFC 3339 (e.g. `2027-01-01T00:00:00Z`); the token never expires when unset. Changing it forces a new token.',
      validation: { pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, patternHint: 'an RFC 3339 time such as 2027-01-01T00:00:00Z' },
    },
    secret: {
      type: t.string,
      computed: true,
      stable: true,
      sensitive: true,
      returnedOnce: true,
      description:
        'The bearer token. Returned once, when the token is created, and kept in state; sensitive in plans and state. Null after `terraform import`: the service never shows a secret again.',
    },
    created_at: createdAtAttribute,
  },
};
