/**
 * VPNs (Cozystack's `VPN`: Outline servers speaking Shadowsocks) and their users, whose passwords
 * the platform generates, returns once and rotates on a declared trigger.
 */
import { childAttributes, createdAtAttribute, idAttribute, monthlyCostAttribute, nameAttribute, statusAttribute, statusReasonAttribute, tenantIdAttribute, timeoutsAttribute } from './common';
import { idPatternOf, KindDescriptor, KindSecrets } from './kind';
import { eur, networkServiceMonthlyCost, NetworkServiceCostInput, PRICES } from './pricing';
import { ResourceModel, t } from './schema';
import { secretAttributes } from './secrets';

const ID_PREFIX = 'vpn';
const USER_PREFIX = 'vpnu';
export const VPN_ID_PATTERN = idPatternOf(ID_PREFIX);
const TIMEOUTS = { create: '10m', update: '10m', delete: '10m' };
const USER_TIMEOUTS = { create: '5m', update: '5m', delete: '5m' };
export const VPN_MAX_REPLICAS = 8;
/** The port of every user's access key (Outline's `portForNewAccessKeys` in Cozystack's VPN chart). */
export const VPN_PORT = 40000;
/** The cipher of every access key in Cozystack's chart (an AEAD cipher of Shadowsocks). */
export const VPN_CIPHER = 'chacha20-ietf-poly1305';
const HOST_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOST_HINT = 'a DNS name such as vpn.example.com';

export const vpnModel: ResourceModel = {
  typeName: 'hikube_vpn',
  collection: '/v1/vpns',
  noun: 'VPN',
  schemaName: 'Vpn',
  // 1: port.
  version: 1,
  description:
    "A VPN in a tenant (Outline servers speaking Shadowsocks, Cozystack's `VPN`): users (`hikube_vpn_user`) reach the tenant's private addresses through it, " +
    'from outside at its `external_ips` (the security policy must allow external IPs).',
  attributes: {
    id: idAttribute(ID_PREFIX),
    tenant_id: tenantIdAttribute('VPN'),
    name: nameAttribute('VPN'),
    replicas: {
      type: t.number,
      optional: true,
      computed: true,
      default: 2,
      description: `Servers, 1 to ${VPN_MAX_REPLICAS}. Defaults to \`2\`. Scaled in place.`,
      validation: { integer: true, min: 1, max: VPN_MAX_REPLICAS },
    },
    external: {
      type: t.bool,
      optional: true,
      computed: true,
      default: true,
      description:
        'Reachable from the internet at public addresses (billed; the security policy must allow external IPs). Defaults to `true`: a VPN is how users outside reach the tenant; `false` leaves it reachable inside the platform only. Changed in place.',
    },
    host: {
      type: t.string,
      optional: true,
      description: `The host name users' access URLs name, ${HOST_HINT} (point it at \`external_ips\`); the first external IP when unset. Changed in place.`,
      validation: { pattern: HOST_PATTERN, patternHint: HOST_HINT },
    },
    external_ips: { type: t.list(t.string), computed: true, changesWith: ['external', 'replicas'], description: 'Public addresses of the servers while `external` is set; empty otherwise.' },
    port: { type: t.number, computed: true, stable: true, description: `The port users connect to (TCP and UDP), the same for every user: ${VPN_PORT}, as Outline serves its access keys.` },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    monthly_cost_estimate: monthlyCostAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** VPNs: /v1/vpns (Cozystack kind `VPN`). */
export const vpnKind: KindDescriptor<'vpn'> = {
  name: 'vpn',
  model: vpnModel,
  label: 'vpn',
  idPrefix: ID_PREFIX,
  backendKind: 'VPN',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/name',
  cost: {
    monthly: (spec) => networkServiceMonthlyCost(PRICES.vpnReplica, spec as unknown as NetworkServiceCostInput, true),
    inputs: ['replicas', 'external'],
    explained: `every server (${eur(PRICES.vpnReplica)}), plus ${eur(PRICES.externalIp.WholeIP)} per server for its public address when \`external\` is set.`,
  },
  quota: { count: { key: 'vpns', counts: 'VPNs' }, blame: { count: ['name'] } },
  stateUpgraders: {
    // v0 -> v1: port arrived; read at the next refresh.
    0: (state) => ({ ...state, port: null }),
  },
  policy: (spec) => ({ instanceTypes: [], externalAccess: spec.external === false ? undefined : { path: ['external'], method: 'WholeIP' } }),
  rules: () => [],
  examples: {
    create: { replicas: 1, external: false },
    update: (n) => ({ replicas: 1 + (n % 2) }),
  },
  docs: {
    example: `resource "hikube_vpn" "office" {
  tenant_id = hikube_tenant.production.id
  name      = "office"
  replicas  = 2
  host      = "vpn.example.com"
}

output "office_vpn_addresses" {
  value = hikube_vpn.office.external_ips
}`,
    imported: { local: 'office', path: 'acme/production/office' },
  },
};

/**
 * A user's Shadowsocks password. Sealed to the back-end, not hashed: Shadowsocks derives its
 * encryption key from the password itself, so the servers must hold it.
 */
export const VPN_USER_SECRETS: KindSecrets = {
  generated: [
    {
      attribute: 'password',
      what: "the user's password",
      bytes: 24,
      verifier: 'sealed-to-backend',
      embeddedIn: {
        attribute: 'access_url',
        what: "the user's access URL",
        detail:
          `\`ss://\` and the unpadded base64url of \`${VPN_CIPHER}:<password>\`, then \`@<host>:${VPN_PORT}/?outline=1#<VPN name>\` (Shadowsocks' SIP002 form, as Outline and other Shadowsocks clients import it), ` +
          "naming the VPN's `host`, else its first public address, as they were when the password was made. Null when the VPN had neither yet (an internal VPN without `host`).",
      },
    },
  ],
  rotatable: true,
};

/**
 * A user's access URL (SIP002): `ss://` + base64url without padding of `cipher:password`, the
 * server, `/?outline=1` (Cozystack's chart marks its keys as Outline's), `#` the profile's name.
 */
export function vpnAccessUrl(password: string, server: { host: string; port: number; name: string }): string {
  const userinfo = Buffer.from(`${VPN_CIPHER}:${password}`).toString('base64url');
  return `ss://${userinfo}@${server.host}:${server.port}/?outline=1#${encodeURIComponent(server.name)}`;
}

/** Where users reach a VPN (API form of its spec and what the back-end reports): its `host`, else its first public address; undefined when it has neither. */
export function vpnHost(spec: Readonly<Record<string, unknown>>, observed: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof spec.host === 'string' && spec.host !== '') return spec.host;
  const ips = spec.external === false ? [] : Array.isArray(observed.externalIps) ? observed.externalIps : [];
  return typeof ips[0] === 'string' ? ips[0] : undefined;
}

export const vpnUserModel: ResourceModel = {
  typeName: 'hikube_vpn_user',
  collection: '/v1/vpn-users',
  noun: 'VPN user',
  schemaName: 'VpnUser',
  // 1: access_url.
  version: 1,
  description:
    'A user of a VPN, with a password generated by the platform and returned once (kept in state, sensitive); `rotation_triggers` rotates it in place. ' +
    'Billed as part of its VPN; the VPN cannot be deleted while it has users (Terraform deletes them first).',
  attributes: {
    id: idAttribute(USER_PREFIX),
    ...childAttributes('user', { field: 'vpn_id', typeName: 'hikube_vpn', noun: 'VPN', pattern: VPN_ID_PATTERN, idPrefix: ID_PREFIX }),
    ...secretAttributes(VPN_USER_SECRETS),
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(USER_TIMEOUTS),
  },
};

/** Users of VPNs: /v1/vpn-users (the VPN's `users` in Cozystack). Nothing changes in place but the password's rotation. */
export const vpnUserKind: KindDescriptor<'vpn-user'> = {
  name: 'vpn-user',
  model: vpnUserModel,
  label: 'vpn-user',
  idPrefix: USER_PREFIX,
  backendKind: 'VPN',
  parent: { kind: 'vpn', field: 'vpnId' },
  timeouts: USER_TIMEOUTS,
  importBy: 'tenant-path/parent/name',
  cost: { none: 'billed as part of its VPN' },
  quota: { blame: {} },
  policy: () => ({ instanceTypes: [] }),
  secrets: VPN_USER_SECRETS,
  stateUpgraders: {
    // v0 -> v1: access_url arrived; null for a password made before (rotate for one).
    0: (state) => ({ ...state, access_url: null }),
  },
  rules: () => [],
  examples: { create: {} },
  docs: {
    example: `resource "hikube_vpn_user" "alice" {
  vpn_id = hikube_vpn.office.id
  name   = "alice"

  # Change to rotate the password in place.
  rotation_triggers = { rotated = "2026-12" }
}

output "alice_password" {
  value     = hikube_vpn_user.alice.password
  sensitive = true
}

# What Alice pastes into her Outline (or any Shadowsocks) client: terraform output -raw alice_access_url
output "alice_access_url" {
  value     = hikube_vpn_user.alice.access_url
  sensitive = true
}`,
    imported: { local: 'alice', path: 'acme/production/office/alice' },
  },
};
