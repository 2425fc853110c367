/** The published price list (model/prices.ts) against the list the estimates use (model/pricing.ts). */
import { INSTANCE_TYPES, RESOURCE_PRESET_NAMES } from '../../model/catalog';
import { PRICE_CATEGORY_NAMES, skusOf } from '../../model/prices';
import { dataServiceMonthlyCost, instanceMonthlyPrice, presetMonthlyPrice, PRICES } from '../../model/pricing';

const all = PRICE_CATEGORY_NAMES.flatMap((c) => skusOf(c));

/** Every number of PRICES with its path, e.g. `diskGib.local`. */
function leaves(x: unknown, path: string[] = []): [string, number][] {
  if (typeof x === 'number') return [[path.join('.'), x]];
  return Object.entries(x as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...path, k]));
}

test('every price of the list is published as a SKU at that price (a new price cannot be left out)', () => {
  const unpublished = leaves(PRICES).filter(([, price]) => !all.some((s) => s.monthly === price));
  expect(unpublished).toEqual([]);
});

test('SKUs are unique across categories, priced, and storage is per GiB', () => {
  expect(new Set(all.map((s) => s.sku)).size).toBe(all.length);
  for (const s of all) expect(s.monthly).toBeGreaterThan(0);
  for (const s of skusOf('storage')) expect(s.unit).toBe('GiB');
});

test('instance types and presets are published at the prices the estimates use', () => {
  for (const t of INSTANCE_TYPES) expect(all.find((s) => s.sku === `instance.${t.name}`)?.monthly).toBe(instanceMonthlyPrice(t.name));
  for (const p of RESOURCE_PRESET_NAMES) {
    expect(all.find((s) => s.sku === `preset.${p}`)?.monthly).toBe(presetMonthlyPrice(p));
    // One replica with no volume costs exactly its preset's SKU.
    expect(dataServiceMonthlyCost({ replicas: 1, preset: p, sizeGb: 0 })).toBe(presetMonthlyPrice(p));
  }
});
