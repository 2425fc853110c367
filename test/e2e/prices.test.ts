/**
 * data "hikube_prices" through the real terraform, provider and service: every category as the
 * service publishes it, in EUR and CHF, a bad category refused at validate; and a PostgreSQL
 * cluster's plan-time cost equal to the sum of the SKUs its spec uses, read through Terraform.
 */
import { PRICE_CATEGORY_NAMES } from '../../model/prices';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const PRICES = `
data "hikube_prices" "eur" {
  for_each = toset(${JSON.stringify(PRICE_CATEGORY_NAMES)})
  category = each.key
}

data "hikube_prices" "compute_chf" {
  category = "compute"
  currency = "CHF"
}

output "eur" {
  value = { for c, d in data.hikube_prices.eur : c => { currency = d.currency, prices = d.prices, by_sku = d.monthly_by_sku } }
}

output "compute_chf" {
  value = { currency = data.hikube_prices.compute_chf.currency, rate = data.hikube_prices.compute_chf.exchange_rate, prices = data.hikube_prices.compute_chf.prices }
}
`;

const POSTGRES = `
resource "hikube_tenant" "shop" {
  name            = "shop"
  security_policy = { external_ips_allowed = true }
}

resource "hikube_postgres" "orders" {
  tenant_id     = hikube_tenant.shop.id
  name          = "orders"
  replicas      = 3
  preset        = "large"
  size_gb       = 40
  storage_class = "local"
  external      = true
}
`;

interface Price {
  sku: string;
  description: string;
  unit: string;
  monthly: number;
  hourly: number;
}

describe('data "hikube_prices"', () => {
  const suite = e2eSuite('e2e-prices', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const output = async <T>(name: string): Promise<T> => JSON.parse((await suite.ws.ok('output', '-json', name)).stdout) as T;

  test('every category as the service serves it, in EUR and in CHF', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${PRICES}`);
    await suite.ws.ok('init', '-no-color');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const eur = await output<Record<string, { currency: string; prices: Price[]; by_sku: Record<string, number> }>>('eur');
    expect(Object.keys(eur).sort()).toEqual([...PRICE_CATEGORY_NAMES].sort());
    for (const category of PRICE_CATEGORY_NAMES) {
      const sheet = await suite.api.prices(category);
      expect(eur[category]).toEqual({ currency: 'EUR', prices: sheet.items, by_sku: Object.fromEntries(sheet.items.map((p) => [p.sku, p.monthly])) });
    }
    const chf = await output<{ currency: string; rate: number; prices: Price[] }>('compute_chf');
    const sheet = await suite.api.prices('compute', 'CHF');
    expect(chf).toEqual({ currency: 'CHF', rate: sheet.exchangeRate, prices: sheet.items });
    expect(chf.rate).not.toBe(1);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a PostgreSQL cluster costs, at plan, the sum of the SKUs its spec uses', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${PRICES}${POSTGRES}`);
    const plan = plain((await suite.ws.ok('plan', '-no-color')).stdout);
    const planned = Number(/\+ monthly_cost_estimate = ([0-9.]+)/.exec(plan)?.[1]);
    const sku = await output<Record<string, { by_sku: Record<string, number> }>>('eur');
    const expected = 3 * (sku['data-services'].by_sku['preset.large'] + 40 * sku.storage.by_sku['disk.local']) + sku.network.by_sku['external-access.WholeIP'];
    expect(planned).toBe(Math.round(expected * 100) / 100);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const [pg] = (await suite.api.listResources<{ monthlyCostEstimate: number }>('/v1/postgres')).items;
    expect(pg.monthlyCostEstimate).toBe(planned);
  });

  test('an unknown category or currency fails validation, naming the attribute and what is allowed', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}\ndata "hikube_prices" "x" {\n  category = "gpus"\n  currency = "USD"\n}\n`);
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('category');
    expect(text).toContain(PRICE_CATEGORY_NAMES.join(', '));
    expect(text).toContain('currency');
    expect(text).toContain('EUR, CHF');
  });

  test('destroy', async () => {
    suite.ws.write(`${PROVIDER_BLOCK}${PRICES}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources<{ id: string }>('/v1/postgres')).items).toEqual([]);
  });
});
