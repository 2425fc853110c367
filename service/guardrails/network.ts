/**
 * IPv4 network arithmetic for tenant networks: each tenant's CIDR is an aligned block of its
 * parent's, and siblings never overlap. Pure functions; the lock lives in the caller.
 */

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

export interface Block {
  readonly start: number;
  readonly prefix: number;
}

export function parseCidr(cidr: string): Block {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  return { start: address - (address % sizeOf(prefix)), prefix };
}

export function formatCidr(block: Block): string {
  const s = block.start;
  return `${Math.floor(s / 2 ** 24) % 256}.${Math.floor(s / 2 ** 16) % 256}.${Math.floor(s / 2 ** 8) % 256}.${s % 256}/${block.prefix}`;
}

export function sizeOf(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function endOf(block: Block): number {
  return block.start + sizeOf(block.prefix);
}

export function overlaps(a: Block, b: Block): boolean {
  return a.start < endOf(b) && b.start < endOf(a);
}

/** Whether `inner` lies wholly within `outer`. */
export function within(inner: Block, outer: Block): boolean {
  return inner.start >= outer.start && endOf(inner) <= endOf(outer) && inner.prefix >= outer.prefix;
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
