/**
 * TCP load balancers (Cozystack's `TCPBalancer`, HAProxy): replicas in front of backend
 * addresses of the tenant (its VMs' private addresses), forwarding an HTTP and an HTTPS port,
 * optionally with the PROXY protocol, optionally public, optionally for listed clients only.
 */
import { contains, parseAddress, PRIVATE_BLOCKS } from './cidr';
import { createdAtAttribute, idAttribute, monthlyCostAttribute, nameAttribute, statusAttribute, statusReasonAttribute, tenantIdAttribute, timeoutsAttribute } from './common';
import { ApiSpec, KindDescriptor, KindProblem, specList } from './kind';
import { eur, networkServiceMonthlyCost, NetworkServiceCostInput, PRICES } from './pricing';
import { AttributeDef, ResourceModel, t } from './schema';
import { CIDR_FORM, CIDR_HINT, cidrFormProblems } from './vpc';

const ID_PREFIX = 'lb';
const TIMEOUTS = { create: '10m', update: '10m', delete: '10m' };
export const LOAD_BALANCER_MODES = ['tcp', 'tcp-with-proxy'] as const;
export const LOAD_BALANCER_MAX_REPLICAS = 8;
const ADDRESS_FORM = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const MAX_ENDPOINTS = 64;

const port = (which: string, value: number): AttributeDef => ({
  type: t.number,
  optional: true,
  computed: true,
  default: value,
  description: `Backend port the ${which} traffic goes to. Defaults to \`${value}\`. Changed in place.`,
  validation: { integer: true, min: 1, max: 65535 },
});

export const loadBalancerModel: ResourceModel = {
  typeName: 'hikube_load_balancer',
  collection: '/v1/load-balancers',
  noun: 'load balancer',
  schemaName: 'LoadBalancer',
  version: 0,
  description:
    "A TCP load balancer in a tenant (HAProxy, Cozystack's `TCPBalancer`): replicas forwarding ports 80 and 443 to backend addresses of the tenant, " +
    "such as its virtual machines' private addresses, reachable inside the tenant at `host` and from outside when `external` is set.",
  attributes: {
    id: idAttribute(ID_PREFIX),
    tenant_id: tenantIdAttribute('load balancer'),
    name: nameAttribute('load balancer'),
    replicas: {
      type: t.number,
      optional: true,
      computed: true,
      default: 2,
      description: `HAProxy replicas, 1 to ${LOAD_BALANCER_MAX_REPLICAS}. Defaults to \`2\`. Scaled in place.`,
      validation: { integer: true, min: 1, max: LOAD_BALANCER_MAX_REPLICAS },
    },
    external: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      description: 'Reachable from outside the tenant at a public address (billed; the security policy must allow external IPs). Defaults to `false`. Changed in place.',
    },
    mode: {
      type: t.string,
      optional: true,
      computed: true,
      default: 'tcp',
      description:
        "`tcp` forwards connections as they are; `tcp-with-proxy` prepends the PROXY protocol header, so backends see the client's address (they must expect it). Defaults to `tcp`. Changed in place.",
      validation: { oneOf: LOAD_BALANCER_MODES },
    },
    target_ports: {
      type: t.object({ http: port('HTTP (port 80)', 80), https: port('HTTPS (port 443)', 443) }),
      optional: true,
      computed: true,
      default: { http: 80, https: 443 },
      description: 'Backend ports the load balancer forwards its ports 80 and 443 to. Defaults to `80` and `443`.',
    },
    endpoints: {
      type: t.list(t.string),
      optional: true,
      description:
        "Backend addresses (IPv4), e.g. virtual machines' `private_ip`: each must be the tenant's own (in its network, in a subnet of its VPCs, or an address of one of its objects). " +
        `At most ${MAX_ENDPOINTS}. Changed in place.`,
      validation: { pattern: ADDRESS_FORM, patternHint: 'an IPv4 address such as 192.168.10.4', maxItems: MAX_ENDPOINTS },
    },
    allowed_cidrs: {
      type: t.list(t.string),
      optional: true,
      description: "Only clients from these ranges may connect (HAProxy's allow-list); every client when unset. Changed in place.",
      validation: { pattern: CIDR_FORM, patternHint: CIDR_HINT, maxItems: 64 },
    },
    host: { type: t.string, computed: true, stable: true, description: 'Address of the load balancer inside the tenant network.' },
    external_ip: { type: t.string, computed: true, changesWith: ['external'], description: 'Public address when `external` is set; null otherwise.' },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    monthly_cost_estimate: monthlyCostAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** Backends are the tenant's: never a public address (the service checks they are the tenant's own), each once. */
function endpointRules(spec: ApiSpec): KindProblem[] {
  const problems: KindProblem[] = [];
  const list = specList(spec.endpoints);
  list.forEach((address, i) => {
    if (typeof address !== 'string') return;
    const n = parseAddress(address);
    if (n === undefined) {
      if (ADDRESS_FORM.test(address)) problems.push({ path: ['endpoints', i], title: 'Invalid Address', reason: 'is not an IPv4 address (octets 0 to 255)', value: address });
    } else if (!PRIVATE_BLOCKS.some((r) => contains(r, n))) {
      problems.push({
        path: ['endpoints', i],
        title: 'Target Outside The Tenant',
        reason: 'is a public address: a target must be inside the tenant',
        value: address,
        fix: "Target the tenant's own addresses, such as a virtual machine's private_ip; expose an outside service some other way.",
      });
    }
    if (list.indexOf(address) < i)
      problems.push({ path: ['endpoints', i], title: 'Duplicate Target', reason: `is already endpoint ${list.indexOf(address)}`, value: address, fix: 'List each address once.' });
  });
  specList(spec.allowedCidrs).forEach((cidr, i) => problems.push(...cidrFormProblems(['allowedCidrs', i], cidr).problems));
  return problems;
}

/** TCP load balancers: /v1/load-balancers (Cozystack kind `TCPBalancer`). */
export const loadBalancerKind: KindDescriptor<'load-balancer'> = {
  name: 'load-balancer',
  model: loadBalancerModel,
  label: 'load-balancer',
  idPrefix: ID_PREFIX,
  backendKind: 'TCPBalancer',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/name',
  cost: {
    monthly: (spec) => networkServiceMonthlyCost(PRICES.loadBalancerReplica, spec as unknown as NetworkServiceCostInput),
    inputs: ['replicas', 'external'],
    explained: `every replica (${eur(PRICES.loadBalancerReplica)}), plus ${eur(PRICES.externalIp.WholeIP)} for the public address when \`external\` is set.`,
  },
  quota: { count: { key: 'loadBalancers', counts: 'TCP load balancers' }, blame: { count: ['name'] } },
  policy: (spec) => ({ instanceTypes: [], externalAccess: spec.external === true ? { path: ['external'], method: 'WholeIP' } : undefined }),
  rules: endpointRules,
  tenantAddresses: 'endpoints',
  examples: {
    create: { replicas: 2 },
    update: (n) => ({ mode: n % 2 ? 'tcp-with-proxy' : 'tcp' }),
  },
  docs: {
    example: `resource "hikube_load_balancer" "front" {
  tenant_id = hikube_tenant.team_a.id
  name      = "front"
  replicas  = 2
  external  = true
  mode      = "tcp-with-proxy"
  # The tenant's own addresses, e.g. its VMs' private addresses.
  endpoints     = [hikube_virtual_machine.bastion.private_ip]
  allowed_cidrs = ["198.51.100.0/24"]
}

output "front_address" {
  value = hikube_load_balancer.front.external_ip
}`,
    imported: { local: 'front', path: 'acme/development/team-a/front' },
  },
};
