import { DEFAULT_KUBERNETES_VERSION } from './catalog';
import { PRICE_CATEGORY_NAMES } from './prices';
import { CURRENCIES, EUR_TO_CHF, HOURS_PER_MONTH } from './pricing';
import { DataSourceModel, t } from './schema';

export const instanceTypesDataSourceModel: DataSourceModel = {
  typeName: 'hikube_instance_types',
  description: 'Lists the instance types Hikube offers, with their size and monthly price.',
  attributes: {
    series: {
      type: t.string,
      optional: true,
      description: 'Only this series (`s1`, `u1` or `m1`); all series when unset.',
      validation: { oneOf: ['s1', 'u1', 'm1'] },
    },
    instance_types: {
      type: t.list(
        t.object({
          name: { type: t.string, computed: true, description: 'Instance type name, e.g. `u1.large`.' },
          series: { type: t.string, computed: true, description: 'Series.' },
          size: { type: t.string, computed: true, description: 'Size.' },
          cpu: { type: t.number, computed: true, description: 'vCPUs.' },
          memory_gib: { type: t.number, computed: true, description: 'Memory in GiB.' },
          monthly_price: { type: t.number, computed: true, description: 'Price per month in EUR.' },
        }),
      ),
      computed: true,
      description: 'The instance types, ordered by series then size.',
    },
  },
};

export const kubernetesVersionsDataSourceModel: DataSourceModel = {
  typeName: 'hikube_kubernetes_versions',
  description: 'Lists the Kubernetes versions a cluster can run.',
  attributes: {
    versions: { type: t.list(t.string), computed: true, description: 'Supported versions, oldest first.' },
    default_version: { type: t.string, computed: true, description: `The version new clusters get by default (\`${DEFAULT_KUBERNETES_VERSION}\`).` },
    latest_version: { type: t.string, computed: true, description: 'The newest supported version.' },
  },
};

export const pricesDataSourceModel: DataSourceModel = {
  typeName: 'hikube_prices',
  description:
    'The Hikube price list of one category, as Hikube publishes it: a price per SKU, monthly and hourly, in EUR or CHF; storage per GiB, the rest per resource. ' +
    'Every `monthly_cost_estimate` is computed from these same prices.',
  attributes: {
    category: {
      type: t.string,
      required: true,
      description: `The category: ${PRICE_CATEGORY_NAMES.map((c) => `\`${c}\``).join(', ')}.`,
      validation: { oneOf: PRICE_CATEGORY_NAMES },
    },
    currency: {
      type: t.string,
      optional: true,
      computed: true,
      description: `\`EUR\` (the default: estimates and bills are in EUR) or \`CHF\`, converted at ${EUR_TO_CHF} CHF per EUR, a fixed rate of ours.`,
      validation: { oneOf: CURRENCIES },
    },
    exchange_rate: { type: t.number, computed: true, description: 'The rate applied to the EUR list: `1` for EUR.' },
    prices: {
      type: t.list(
        t.object({
          sku: { type: t.string, computed: true, description: 'The SKU, e.g. `instance.u1.large`, `disk.replicated`, `preset.small`.' },
          description: { type: t.string, computed: true, description: 'What it is.' },
          unit: { type: t.string, computed: true, description: 'What one unit is: `GiB` for storage, otherwise the resource (`instance`, `replica`, `GPU`...).' },
          monthly: { type: t.number, computed: true, description: `Price per unit and month (${HOURS_PER_MONTH} hours), to 4 decimals.` },
          hourly: { type: t.number, computed: true, description: 'Price per unit and hour, to 6 decimals.' },
        }),
      ),
      computed: true,
      description: 'The SKUs of the category, in the order the service lists them.',
    },
    monthly_by_sku: { type: t.map(t.number), computed: true, description: 'The monthly price of each SKU, by SKU, for lookups such as `monthly_by_sku["preset.small"]`.' },
  },
};
