import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `prefix-` + 16 random characters of [a-z2-7] (80 bits), e.g. `tnt-k3j5...`. */
export function newId(prefix: string): string {
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += BASE32[bytes[i] & 31];
  return `${prefix}-${out}`;
}
