/**
 * Canonical JSON, shared by the resources layer (spec fingerprints) and the drivers (has the
 * spec changed?): neither may import the other.
 */

/** JSON with sorted keys: jsonb does not keep key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
