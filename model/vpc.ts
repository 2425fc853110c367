/**
 * Private networks: a VPC (a name, no address range of its own) and its subnets, each with an
 * RFC 1918 CIDR (Kube-OVN `Vpc` and `Subnet` under Cozystack). VMs join subnets (the VM's
 * `subnet_ids`). Nothing changes in place: a subnet's range is fixed once machines have addresses in it.
 */
import { Block, formatCidr, overlaps, PRIVATE_BLOCKS, PRIVATE_RANGES, tryParseCidr, within } from './cidr';
import { childAttributes, createdAtAttribute, idAttribute, nameAttribute, statusAttribute, statusReasonAttribute, tenantIdAttribute, timeoutsAttribute } from './common';
import { ApiPath, ApiSpec, idPatternOf, KindDescriptor, KindProblem } from './kind';
import { ResourceModel, t } from './schema';

const VPC_PREFIX = 'vpc';
const SUBNET_PREFIX = 'snet';
export const VPC_ID_PATTERN = idPatternOf(VPC_PREFIX);
export const SUBNET_ID_PATTERN = idPatternOf(SUBNET_PREFIX);
const TIMEOUTS = { create: '5m', update: '5m', delete: '5m' };

/** Ranges the platform keeps for itself in every cluster: pods (10.244.0.0/16) and services (10.96.0.0/12). */
export const RESERVED_RANGES = [
  { cidr: '10.244.0.0/16', what: "the platform's pod network" },
  { cidr: '10.96.0.0/12', what: "the platform's service network" },
] as const;
/** A subnet holds at least 8 addresses (a /29) and at most a /8's worth. */
export const SUBNET_PREFIX_RANGE = { min: 8, max: 29 } as const;

export const CIDR_FORM = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\/\d{1,2}$/;
export const CIDR_HINT = 'an IPv4 CIDR such as 192.168.10.0/24';
const RFC1918 = PRIVATE_RANGES.join(', ');

/** Whether two CIDRs share an address (false when either is not a CIDR). */
export function cidrsOverlap(a: unknown, b: unknown): boolean {
  const x = typeof a === 'string' ? tryParseCidr(a) : undefined;
  const y = typeof b === 'string' ? tryParseCidr(b) : undefined;
  return Boolean(x && y && overlaps(x, y));
}

/** The finding for a subnet whose range overlaps another of its VPC: one wording for the service and the constructs. */
export function subnetOverlapProblem(cidr: string, other: { name: string; cidr: string }): KindProblem {
  return {
    path: ['cidr'],
    title: 'Overlapping Subnet',
    reason: `overlaps subnet ${other.name} (${other.cidr}) of the same VPC: subnets of a VPC must not share addresses`,
    value: cidr,
    fix: 'Choose a range outside every other subnet of the VPC, or put the subnet in another VPC.',
  };
}

/**
 * A CIDR at `path` written as one (the attribute's pattern checks the form): octets and prefix in
 * range, no host bits. Its block when it is one.
 */
export function cidrFormProblems(path: ApiPath, cidr: unknown): { block?: Block; problems: KindProblem[] } {
  if (typeof cidr !== 'string' || !CIDR_FORM.test(cidr)) return { problems: [] };
  const block = tryParseCidr(cidr);
  if (!block) return { problems: [{ path, title: 'Invalid CIDR', reason: 'is not an IPv4 CIDR (octets 0 to 255, prefix 0 to 32)', value: cidr, fix: `Write ${CIDR_HINT}.` }] };
  const network = formatCidr(block);
  return { block, problems: network === cidr ? [] : [{ path, title: 'Invalid CIDR', reason: `has host bits set: its network is ${network}`, value: cidr, fix: `Write ${network}.` }] };
}

/** What the range of a subnet must be, on its own: a network address, private, clear of the platform's ranges. */
export function subnetCidrProblems(cidr: unknown): KindProblem[] {
  const { block, problems } = cidrFormProblems(['cidr'], cidr);
  if (!block) return problems;
  if (block.prefix < SUBNET_PREFIX_RANGE.min || block.prefix > SUBNET_PREFIX_RANGE.max) {
    problems.push({
      path: ['cidr'],
      title: 'Invalid Subnet Size',
      reason: `must be a /${SUBNET_PREFIX_RANGE.min} to a /${SUBNET_PREFIX_RANGE.max}`,
      value: cidr,
      fix: 'Choose a /24 (256 addresses) unless you need more.',
    });
  }
  if (!PRIVATE_BLOCKS.some((r) => within(block, r))) {
    problems.push({
      path: ['cidr'],
      title: 'Public CIDR',
      reason: `is not a private range: a subnet must lie within RFC 1918's ${RFC1918}`,
      value: cidr,
      fix: 'Choose a private range such as 192.168.10.0/24.',
    });
  }
  for (const r of RESERVED_RANGES.filter((r) => overlaps(block, tryParseCidr(r.cidr) as Block))) {
    problems.push({
      path: ['cidr'],
      title: 'Reserved Range',
      reason: `overlaps ${r.cidr}, ${r.what}`,
      value: cidr,
      fix: `Choose a range outside ${RESERVED_RANGES.map((x) => x.cidr).join(' and ')}, e.g. 192.168.10.0/24.`,
    });
  }
  return problems;
}

export const vpcModel: ResourceModel = {
  typeName: 'hikube_vpc',
  collection: '/v1/vpcs',
  noun: 'VPC',
  schemaName: 'Vpc',
  version: 0,
  description:
    'A private network (VPC) in a tenant: a name and no address range of its own; its subnets (`hikube_vpc_subnet`) carry the ranges and virtual machines join them. ' +
    'Nothing changes in place. It cannot be deleted while it has subnets or while virtual machines use one of them.',
  attributes: {
    id: idAttribute(VPC_PREFIX),
    tenant_id: tenantIdAttribute('VPC'),
    name: nameAttribute('VPC'),
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** VPCs: /v1/vpcs (Kube-OVN `Vpc`). */
export const vpcKind: KindDescriptor<'vpc'> = {
  name: 'vpc',
  model: vpcModel,
  label: 'vpc',
  idPrefix: VPC_PREFIX,
  backendKind: 'Vpc',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/name',
  cost: { none: 'free: a private network has no price of its own; the machines on it are billed' },
  quota: { count: { key: 'vpcs', counts: 'VPCs' }, blame: { count: ['name'] } },
  policy: () => ({ instanceTypes: [] }),
  rules: () => [],
  examples: { create: {} },
  docs: {
    example: `resource "hikube_vpc" "backend" {
  tenant_id = hikube_tenant.production.id
  name      = "backend"
}`,
    imported: { local: 'backend', path: 'acme/production/backend' },
  },
};

export const vpcSubnetModel: ResourceModel = {
  typeName: 'hikube_vpc_subnet',
  collection: '/v1/vpc-subnets',
  noun: 'subnet',
  schemaName: 'VpcSubnet',
  version: 0,
  description:
    `A subnet of a VPC: a private (RFC 1918) range that must not overlap another subnet of the same VPC nor the platform's reserved ${RESERVED_RANGES.map((r) => r.cidr).join(' and ')}. ` +
    'Virtual machines join it through their `subnet_ids`. Nothing changes in place; it cannot be deleted while virtual machines use it.',
  attributes: {
    id: idAttribute(SUBNET_PREFIX),
    ...childAttributes('subnet', { field: 'vpc_id', typeName: 'hikube_vpc', noun: 'VPC', pattern: VPC_ID_PATTERN, idPrefix: VPC_PREFIX }),
    cidr: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description:
        `The subnet's range, e.g. \`192.168.10.0/24\`: a network address of /${SUBNET_PREFIX_RANGE.min} to /${SUBNET_PREFIX_RANGE.max} within RFC 1918 (${RFC1918}), ` +
        `overlapping neither another subnet of the VPC nor ${RESERVED_RANGES.map((r) => `\`${r.cidr}\` (${r.what})`).join(' nor ')}. Changing it forces a new subnet.`,
      validation: { pattern: CIDR_FORM, patternHint: CIDR_HINT },
    },
    gateway: { type: t.string, computed: true, stable: true, description: "The subnet's gateway: its first address." },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** Subnets of VPCs: /v1/vpc-subnets (Kube-OVN `Subnet`). */
export const vpcSubnetKind: KindDescriptor<'vpc-subnet'> = {
  name: 'vpc-subnet',
  model: vpcSubnetModel,
  label: 'vpc-subnet',
  idPrefix: SUBNET_PREFIX,
  backendKind: 'Subnet',
  parent: { kind: 'vpc', field: 'vpcId' },
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/parent/name',
  cost: { none: 'free, as its VPC' },
  quota: { blame: {} },
  policy: () => ({ instanceTypes: [] }),
  rules: (spec: ApiSpec) => subnetCidrProblems(spec.cidr),
  disjointCidr: { field: 'cidr', problem: subnetOverlapProblem },
  examples: { create: { cidr: '192.168.10.0/24' } },
  docs: {
    example: `resource "hikube_vpc_subnet" "app" {
  vpc_id = hikube_vpc.backend.id
  name   = "app"
  cidr   = "192.168.10.0/24"
}`,
    imported: { local: 'app', path: 'acme/production/backend/app' },
  },
};
