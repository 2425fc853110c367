import { Router } from 'express';
import type { GpuInfo, ImageInfo, InstanceTypeInfo, KubernetesVersions, PostgresExtensions, PresetInfo, PriceSheet } from '../../model/api/types';
import { PRESET_ENGINE_NAMES, PRESET_ENGINES } from '../../model/catalog-data-sources';
import { POSTGRES_EXTENSIONS } from '../../model/postgres';
import { CLOUD_IMAGES, DEFAULT_KUBERNETES_VERSION, GPUS, INSTANCE_TYPES, KUBERNETES_VERSIONS, RESOURCE_PRESETS } from '../../model/catalog';
import { exchangeRate, hourlyOf, isPriceCategory, monthlyIn, PRICE_CATEGORIES, PRICE_CATEGORY_NAMES, skusOf } from '../../model/prices';
import { CURRENCIES, CURRENCY, Currency, HOURS_PER_MONTH, instanceMonthlyPrice, presetMonthlyPrice, PRICES } from '../../model/pricing';
import { NotFoundError, ValidationError } from '../http/problem';

/** /v1/catalog: what Hikube offers, straight from model/catalog.ts (any role may read it). */
export function catalogRouter(): Router {
  const instanceTypes: InstanceTypeInfo[] = INSTANCE_TYPES.map((t) => ({
    name: t.name,
    series: t.series,
    size: t.size,
    cpu: t.cpu,
    memoryGib: t.memoryGib,
    monthlyPrice: instanceMonthlyPrice(t.name) ?? 0,
    ...(t.deprecated ? { deprecated: t.deprecated } : {}),
  }));
  const versions: KubernetesVersions = {
    versions: [...KUBERNETES_VERSIONS],
    defaultVersion: DEFAULT_KUBERNETES_VERSION,
    latestVersion: KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1],
  };
  const presets: PresetInfo[] = PRESET_ENGINES.flatMap(({ engine, presets }) =>
    presets.map((name) => ({ engine, name, cpu: RESOURCE_PRESETS[name].cpu, memoryGib: RESOURCE_PRESETS[name].memoryGib, monthlyPrice: presetMonthlyPrice(name)! })),
  );
  // Offered GPUs first, then the deprecated names (still accepted), each saying what to use instead.
  const gpus: GpuInfo[] = [...GPUS.filter((g) => !g.deprecated), ...GPUS.filter((g) => g.deprecated)].map((g) => ({
    name: g.name,
    displayName: g.displayName,
    memoryGb: g.memoryGb,
    available: g.available,
    monthlyPrice: PRICES.gpu[g.name],
    ...(g.deprecated ? { deprecated: g.deprecated } : {}),
  }));
  const images: ImageInfo[] = CLOUD_IMAGES.map((i) => ({
    name: i.name,
    displayName: i.displayName,
    versions: [...i.versions],
    images: i.versions.map((v) => `${i.name}-${v}`),
    minSizeGib: i.minSizeGib,
    iso: i.iso === true,
  }));
  const extensions: PostgresExtensions = { extensions: [...POSTGRES_EXTENSIONS].sort() };
  const router = Router();
  router.get('/instance-types', (_req, res) => {
    res.json({ items: instanceTypes });
  });
  router.get('/presets', (req, res) => {
    const engine = req.query.engine;
    if (engine !== undefined && !PRESET_ENGINE_NAMES.includes(engine as string)) {
      throw new ValidationError([{ field: 'engine', path: ['engine'], reason: `must be one of ${PRESET_ENGINE_NAMES.join(', ')} (got ${JSON.stringify(engine)})` }]);
    }
    res.json({ items: presets.filter((p) => engine === undefined || p.engine === engine) });
  });
  router.get('/images', (_req, res) => {
    res.json({ items: images });
  });
  router.get('/gpus', (_req, res) => {
    res.json({ items: gpus });
  });
  router.get('/postgres-extensions', (_req, res) => {
    res.json(extensions);
  });
  router.get('/kubernetes-versions', (_req, res) => {
    res.json(versions);
  });
  return router;
}

/** /v1/prices/{category}: the price list as Hikube publishes it, from model/prices.ts (any role may read it). */
export function pricesRouter(): Router {
  const router = Router();
  router.get('/:category', (req, res) => {
    const { category } = req.params;
    if (!isPriceCategory(category)) {
      throw new NotFoundError(`no price category ${JSON.stringify(category)}; use one of ${PRICE_CATEGORY_NAMES.join(', ')} (GET /v1/prices/compute)`);
    }
    const asked = req.query.currency ?? CURRENCY;
    if (!CURRENCIES.includes(asked as Currency)) {
      throw new ValidationError([{ field: 'currency', path: ['currency'], reason: `must be one of ${CURRENCIES.join(', ')} (got ${JSON.stringify(asked)})` }]);
    }
    const currency = asked as Currency;
    const sheet: PriceSheet = {
      category,
      description: PRICE_CATEGORIES[category],
      currency,
      exchangeRate: exchangeRate(currency),
      hoursPerMonth: HOURS_PER_MONTH,
      items: skusOf(category).map((s) => {
        const monthly = monthlyIn(s.monthly, currency);
        return { sku: s.sku, description: s.description, unit: s.unit, monthly, hourly: hourlyOf(monthly) };
      }),
    };
    res.json(sheet);
  });
  return router;
}
