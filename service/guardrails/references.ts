/**
 * Checks that read other objects, from the descriptors: a `disjointCidr` must not overlap the
 * same field of a sibling (subnets of one VPC), stored or planned earlier in the same plan, and
 * `tenantAddresses` must be the tenant's own. Run for real writes and for POST /v1/validate
 * alike, so plan and apply agree. (Ids in a `uses` field: service/resources/uses.ts.)
 */
import { cidrsOverlap } from '../../model/vpc';
import { KindProblem, renderNames, specList, splitQualifiedName } from '../../model/kind';
import type { PlannedObject } from '../resources/uses';
import { isKindName, KIND_LIST, KINDS } from '../../model/kinds';
import { Block, contains, parseAddress, tryParseCidr } from '../../model/cidr';
import type { GuardProblem } from './policy';
import { GuardStore } from './store';
import { REFERENCE_POLICY } from '../../model/guardrails';

export { REFERENCE_POLICY };
export type { PlannedObject };

const asGuard = (p: KindProblem): GuardProblem => ({
  field: p.path.map(String).join('.'),
  path: [...p.path],
  reason: `${renderNames(p.reason)}${p.value === undefined ? '' : `, got ${JSON.stringify(p.value)}`}${p.fix ? `. ${p.fix.replace(/\.$/, '')}` : ''}`,
  policy: REFERENCE_POLICY,
  setBy: '',
});

export async function referenceProblems(
  g: GuardStore,
  kind: string,
  tenant: { id: string; path: string; network_cidr?: string | null },
  spec: Record<string, unknown>,
  resourceId: string | undefined,
  planned: readonly PlannedObject[] = [],
): Promise<GuardProblem[]> {
  if (!isKindName(kind)) return [];
  const d = KINDS[kind];
  const problems: KindProblem[] = [];
  const disjoint = d.disjointCidr;
  const parentField = d.parent?.field;
  const cidr = disjoint ? spec[disjoint.field] : undefined;
  if (disjoint && parentField && typeof cidr === 'string' && typeof spec[parentField] === 'string') {
    const parentId = spec[parentField] as string;
    const others = [
      ...(await g.siblings(kind, parentField, parentId, resourceId)).map((r) => ({ name: splitQualifiedName(r.name).own, cidr: r.spec[disjoint.field] })),
      ...planned
        .filter((p) => p.kind === kind && !(resourceId && p.resourceId === resourceId) && p.spec[parentField] === parentId)
        .map((p) => ({ name: String(p.spec.name), cidr: p.spec[disjoint.field] })),
      // Names are unique in the parent: one of the same name is this very object (planned again as its replacement).
    ].filter((o) => o.name !== spec.name);
    const clash = others.find((o) => cidrsOverlap(cidr, o.cidr));
    if (clash) problems.push(disjoint.problem(cidr, { name: clash.name, cidr: String(clash.cidr) }));
  }
  if (d.tenantAddresses && specList(spec[d.tenantAddresses]).length > 0) problems.push(...(await outsideTheTenant(g, d.tenantAddresses, tenant, spec)));
  return problems.map(asGuard);
}

/** Addresses in `field` that are not the tenant's: outside its network, its subnets and its objects' private addresses. */
const CIDR_FIELDS = KIND_LIST.flatMap((k) => (k.disjointCidr ? [{ kind: k.name, field: k.disjointCidr.field }] : []));

async function outsideTheTenant(g: GuardStore, field: string, tenant: { id: string; path: string; network_cidr?: string | null }, spec: Record<string, unknown>): Promise<KindProblem[]> {
  const book = await g.tenantAddresses(tenant.id, CIDR_FIELDS);
  const blocks = [tenant.network_cidr, ...book.ranges].flatMap((c) => (c ? [tryParseCidr(c)].filter((b): b is Block => b !== undefined) : []));
  return specList(spec[field]).flatMap((address, i): KindProblem[] => {
    const n = typeof address === 'string' ? parseAddress(address) : undefined;
    if (n === undefined || blocks.some((b) => contains(b, n)) || book.addresses.includes(address as string)) return [];
    return [
      {
        path: [field, i],
        title: 'Target Outside The Tenant',
        reason: `is outside tenant ${tenant.path}: neither in its network${tenant.network_cidr ? ` (${tenant.network_cidr})` : ''}, nor in a subnet of its VPCs, nor an address of one of its objects`,
        value: address,
        fix: "Target the tenant's own addresses, such as its virtual machines' private_ip",
      },
    ];
  });
}
