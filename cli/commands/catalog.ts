/** `hikube catalog`: instance types, GPUs, images, Kubernetes versions and the price list. */
import type { Command } from 'commander';
import { hourlyOf, PRICE_CATEGORY_NAMES, skusOf } from '../../model/prices';
import { CURRENCY, HOURS_PER_MONTH } from '../../model/pricing';
import { printData, table } from '../output';
import { Session } from '../session';

export async function catalog(session: Session, what: 'instance-types' | 'gpus' | 'images' | 'kubernetes-versions' | 'prices', _o: unknown, _cmd: Command): Promise<void> {
  const st = session.out;
  if (what === 'instance-types') {
    const { items } = await session.client.instanceTypes();
    await printData({ items }, session.format, () =>
      table(
        ['NAME', 'SERIES', 'SIZE', 'CPU', 'MEMORY_GIB', 'MONTHLY_PRICE', 'HOURLY_PRICE', 'NOTE'],
        items.map((t) => [
          t.name,
          t.series,
          t.size,
          String(t.cpu),
          String(t.memoryGib),
          `€${t.monthlyPrice.toFixed(2)}`,
          `€${(t.monthlyPrice / HOURS_PER_MONTH).toFixed(4)}`,
          t.deprecated ? `deprecated: ${t.deprecated}` : '',
        ]),
        st,
      ),
    );
  } else if (what === 'gpus') {
    const { items } = await session.client.gpus();
    await printData({ items }, session.format, () =>
      table(
        ['NAME', 'DISPLAY_NAME', 'MEMORY_GB', 'AVAILABLE', 'MONTHLY_PRICE', 'NOTE'],
        items.map((g) => [g.name, g.displayName, String(g.memoryGb), g.available ? 'yes' : 'no', `€${g.monthlyPrice.toFixed(2)}`, g.deprecated ? `deprecated: ${g.deprecated}` : '']),
        st,
      ),
    );
  } else if (what === 'images') {
    const { items } = await session.client.images();
    await printData({ items }, session.format, () =>
      table(
        ['NAME', 'DISPLAY_NAME', 'IMAGES', 'MIN_SIZE_GB', 'TYPE'],
        items.map((i) => [i.name, i.displayName, i.images.join(', '), String(i.minSizeGib), i.iso ? 'iso' : 'cloud']),
        st,
      ),
    );
  } else if (what === 'kubernetes-versions') {
    const versions = await session.client.kubernetesVersions();
    await printData(versions, session.format, () =>
      table(
        ['VERSION', 'NOTE'],
        versions.versions.map((v) => [v, [v === versions.defaultVersion ? 'default' : '', v === versions.latestVersion ? 'latest' : ''].filter(Boolean).join(', ')]),
        st,
      ),
    );
  } else {
    // The price list every cost estimate is computed from, as the service publishes it (model/prices.ts).
    const items = PRICE_CATEGORY_NAMES.flatMap((category) => skusOf(category).map((r) => ({ category, ...r, hourly: hourlyOf(r.monthly), currency: CURRENCY })));
    await printData({ items }, session.format, () =>
      table(
        ['SKU', 'UNIT', 'MONTHLY', 'HOURLY'],
        items.map((r) => [r.sku, r.unit, `€${r.monthly.toFixed(2)}`, `€${r.hourly.toFixed(4)}`]),
        st,
      ),
    );
  }
}
