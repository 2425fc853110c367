/** `hikube catalog`: instance types, Kubernetes versions and the price list. */
import type { Command } from 'commander';
import { PRICES, CURRENCY, HOURS_PER_MONTH } from '../../model/pricing';
import { printData, table } from '../output';
import { Session } from '../session';

export async function catalog(session: Session, what: 'instance-types' | 'kubernetes-versions' | 'prices', _o: unknown, _cmd: Command): Promise<void> {
  const st = session.out;
  if (what === 'instance-types') {
    const { items } = await session.client.instanceTypes();
    await printData({ items }, session.format, () =>
      table(
        ['NAME', 'SERIES', 'SIZE', 'CPU', 'MEMORY_GIB', 'MONTHLY_PRICE', 'HOURLY_PRICE'],
        items.map((t) => [t.name, t.series, t.size, String(t.cpu), String(t.memoryGib), `€${t.monthlyPrice.toFixed(2)}`, `€${(t.monthlyPrice / HOURS_PER_MONTH).toFixed(4)}`]),
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
    // The price list every cost estimate is computed from (model/pricing.ts), the same one the service uses.
    const rows: { sku: string; unit: string; monthly: number }[] = [];
    for (const [series, p] of Object.entries(PRICES.cpu)) rows.push({ sku: `cpu.${series}`, unit: 'vCPU', monthly: p });
    rows.push({ sku: 'memory', unit: 'GiB', monthly: PRICES.memoryGib });
    for (const [cls, p] of Object.entries(PRICES.diskGib)) rows.push({ sku: `disk.${cls}`, unit: 'GiB', monthly: p });
    rows.push({ sku: 'kubernetes.control-plane', unit: 'replica', monthly: PRICES.controlPlaneReplica });
    for (const [gpu, p] of Object.entries(PRICES.gpu)) rows.push({ sku: `gpu.${gpu}`, unit: 'GPU', monthly: p });
    for (const [m, p] of Object.entries(PRICES.externalIp)) rows.push({ sku: `external-access.${m}`, unit: 'VM', monthly: p });
    rows.push({ sku: 'observability.storage', unit: 'GiB', monthly: PRICES.observabilityStorageGib }, { sku: 'grafana', unit: 'replica', monthly: PRICES.grafanaReplica });
    const items = rows.map((r) => ({ ...r, hourly: Math.round((r.monthly / HOURS_PER_MONTH) * 1e6) / 1e6, currency: CURRENCY }));
    await printData({ items }, session.format, () =>
      table(
        ['SKU', 'UNIT', 'MONTHLY', 'HOURLY'],
        items.map((r) => [r.sku, r.unit, `€${r.monthly.toFixed(2)}`, `€${r.hourly.toFixed(4)}`]),
        st,
      ),
    );
  }
}
