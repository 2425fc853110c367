/**
 * IPv4 address arithmetic, pure: tenant networks (service/guardrails/network.ts), VPC subnets
 * and load balancer addresses share it.
 */

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

/** An IPv4 address (no prefix) as a number; undefined when it is not one. */
export function parseAddress(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  return octets.some((o) => o > 255) ? undefined : octets.reduce((a, o) => a * 256 + o, 0);
}

/** A CIDR's block, or undefined when the text is not an IPv4 CIDR. */
export function tryParseCidr(text: string): Block | undefined {
  try {
    return parseCidr(text);
  } catch {
    return undefined;
  }
}

/** Whether the address lies in the block. */
export function contains(block: Block, address: number): boolean {
  return address >= block.start && address < endOf(block);
}

/** An address (a number) in dotted form. */
export function formatAddress(address: number): string {
  return formatCidr({ start: address, prefix: 32 }).replace(/\/32$/, '');
}

/**
 * The lowest address of the block a host may take that `taken` does not hold: past the network
 * address and the gateway (the first address, as Kube-OVN reserves it), before the broadcast
 * address. Undefined when none is left.
 */
export function firstFreeHost(block: Block, taken: ReadonlySet<number>): number | undefined {
  for (let a = block.start + 2; a < endOf(block) - 1; a++) if (!taken.has(a)) return a;
  return undefined;
}

/** RFC 1918's private ranges: what a private network (a VPC subnet) may use. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;
/** The same, parsed once. */
export const PRIVATE_BLOCKS: readonly Block[] = PRIVATE_RANGES.map((r) => tryParseCidr(r)!);
