/**
 * IPv4 network arithmetic for tenant networks: each tenant's CIDR is an aligned block of its
 * parent's, and siblings never overlap. Pure functions; the lock lives in the caller.
 * The address arithmetic itself is model/cidr.ts (VPC subnets use it too).
 */
import { Block, endOf, formatCidr, overlaps, parseCidr, sizeOf, within } from '../../model/cidr';

export { endOf, formatCidr, overlaps, parseCidr, sizeOf, within };
export type { Block };

export const ROOT_NETWORK = '10.0.0.0/8';
/** A tenant network is at least a /28 (16 addresses). */
export const MAX_PREFIX_LENGTH = 28;
/** Default size below a top-level tenant: four bits smaller than the parent, i.e. 16 children per parent. */
export const DEFAULT_PREFIX_STEP = 4;
/** Top-level tenants (children of the organisation root) default to a /16: 256 of them, 65,536 addresses each. */
export const TOP_LEVEL_PREFIX = 16;

/** The prefix a new tenant gets when it does not ask for one. */
export function defaultPrefixUnder(parent: Block, parentIsRoot: boolean): number {
  const prefix = parentIsRoot ? Math.max(TOP_LEVEL_PREFIX, parent.prefix + DEFAULT_PREFIX_STEP) : parent.prefix + DEFAULT_PREFIX_STEP;
  return Math.min(prefix, MAX_PREFIX_LENGTH);
}

export type Allocation = { readonly ok: true; readonly block: Block } | { readonly ok: false; readonly used: number; readonly total: number };

/**
 * The first aligned /prefix block of `parent` that overlaps none of `taken` (the siblings);
 * otherwise how many such blocks are in use, for the error.
 */
export function allocate(parent: Block, prefix: number, taken: readonly Block[]): Allocation {
  const size = sizeOf(prefix);
  const sorted = [...taken].filter((b) => overlaps(b, parent)).sort((a, b) => a.start - b.start);
  let candidate = parent.start;
  for (const b of sorted) {
    if (endOf(b) <= candidate) continue;
    if (b.start >= candidate + size) break;
    // Overlaps the candidate: jump past it, to the next aligned start.
    candidate = Math.ceil(endOf(b) / size) * size;
  }
  if (candidate + size <= endOf(parent)) return { ok: true, block: { start: candidate, prefix } };
  const usedIndexes = new Set<number>();
  for (const b of sorted) {
    for (let i = Math.floor((b.start - parent.start) / size); parent.start + i * size < endOf(b); i++) usedIndexes.add(i);
  }
  return { ok: false, used: usedIndexes.size, total: sizeOf(parent.prefix) / size };
}

/**
 * The intersection of two CIDR lists: blocks are either nested or disjoint, so it is the
 * smaller of each nested pair.
 */
export function intersectCidrs(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of a) {
    const bx = parseCidr(x);
    for (const y of b) {
      const by = parseCidr(y);
      if (within(bx, by)) out.push(formatCidr(bx));
      else if (within(by, bx)) out.push(formatCidr(by));
    }
  }
  return [...new Set(out)];
}
