import { DEFAULT_KUBERNETES_VERSION, INSTANCE_SERIES_NAMES, RESOURCE_PRESETS, ResourcePreset } from './catalog';
import { KIND_LIST, KindName } from './kinds';
import { POSTGRES_EXTENSIONS } from './postgres';
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
      description: `Only this series (${INSTANCE_SERIES_NAMES.map((s) => `\`${s}\``).join(', ')}); all series when unset.`,
      validation: { oneOf: INSTANCE_SERIES_NAMES },
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
          deprecated: { type: t.string, computed: true, description: 'For a deprecated name (still accepted, with a warning at plan): why, and what to use instead; null otherwise.' },
        }),
      ),
      computed: true,
      description: "The instance types: Hikube's, ordered by series then size, then the deprecated names.",
    },
  },
};

export const gpusDataSourceModel: DataSourceModel = {
  typeName: 'hikube_gpus',
  description: "Lists the GPUs a VM or a cluster's node group can use (`gpus`), as Hikube's catalog names them, with memory, availability and monthly price.",
  attributes: {
    available_only: { type: t.bool, optional: true, description: 'Only the GPUs offered today (`available`); every GPU, deprecated names included, when unset or false.' },
    gpus: {
      type: t.list(
        t.object({
          name: { type: t.string, computed: true, description: 'The name `gpus` takes, e.g. `nvidia.com/AD102GL_L40S`.' },
          display_name: { type: t.string, computed: true, description: 'The name Hikube shows, e.g. `NVIDIA L40S`.' },
          memory_gb: { type: t.number, computed: true, description: 'GPU memory in GB.' },
          available: { type: t.bool, computed: true, description: 'Offered for new VMs and node groups.' },
          monthly_price: { type: t.number, computed: true, description: 'Price of one GPU per month in EUR (the SKU `gpu.<name>` of `hikube_prices`).' },
          deprecated: { type: t.string, computed: true, description: 'For a deprecated name (still accepted, with a warning at plan): why, and what to use instead; null otherwise.' },
        }),
      ),
      computed: true,
      description: 'The GPUs, those Hikube offers first.',
    },
  },
};

export const imagesDataSourceModel: DataSourceModel = {
  typeName: 'hikube_images',
  description:
    "Lists the platform images a disk (`hikube_disk`'s `image`) or a VM's system disk can be filled from, as Hikube publishes them: per distribution, its versions and the smallest disk it fits on.",
  attributes: {
    images: {
      type: t.list(
        t.object({
          name: { type: t.string, computed: true, description: 'The distribution, e.g. `ubuntu`.' },
          display_name: { type: t.string, computed: true, description: 'The name Hikube shows, e.g. `Ubuntu LTS`.' },
          versions: { type: t.list(t.string), computed: true, description: 'Its versions, e.g. `["2204", "2404"]`.' },
          image_names: { type: t.list(t.string), computed: true, description: 'The values `image` takes, `<name>-<version>`, e.g. `ubuntu-2404`.' },
          min_size_gb: { type: t.number, computed: true, description: 'The smallest disk (`size_gb`) the image fits on, in GB.' },
          iso: { type: t.bool, computed: true, description: 'An installer ISO rather than a ready cloud image.' },
        }),
      ),
      computed: true,
      description: "The distributions, in the catalog's order.",
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

/**
 * Data-service engines: the kinds with a resource `preset`, each with the presets its attribute
 * allows (derived from the registry: a new engine is listed once it is a kind).
 */
export const PRESET_ENGINES: readonly { readonly engine: KindName; readonly presets: readonly ResourcePreset[] }[] = KIND_LIST.flatMap((k) => {
  const allowed = k.model.attributes.preset?.validation?.oneOf;
  return allowed ? [{ engine: k.name, presets: allowed.filter((p): p is ResourcePreset => p in RESOURCE_PRESETS) }] : [];
});
export const PRESET_ENGINE_NAMES: readonly string[] = PRESET_ENGINES.map((e) => e.engine);

export const presetsDataSourceModel: DataSourceModel = {
  typeName: 'hikube_presets',
  description: 'Lists the resource presets of the managed data services, per engine, with what one replica gets and costs.',
  attributes: {
    engine: {
      type: t.string,
      optional: true,
      description: `Only this engine (${PRESET_ENGINE_NAMES.map((e) => `\`${e}\``).join(', ')}); every engine when unset.`,
      validation: { oneOf: PRESET_ENGINE_NAMES },
    },
    presets: {
      type: t.list(
        t.object({
          engine: { type: t.string, computed: true, description: 'The engine (its kind), e.g. `postgres`.' },
          name: { type: t.string, computed: true, description: 'Preset name, e.g. `small`: the value of the `preset` attribute.' },
          cpu: { type: t.number, computed: true, description: 'vCPUs of one replica.' },
          memory_gib: { type: t.number, computed: true, description: 'Memory of one replica in GiB.' },
          monthly_price: { type: t.number, computed: true, description: 'Price of one replica per month in EUR, without its volume (the SKU `preset.<name>` of `hikube_prices`).' },
        }),
      ),
      computed: true,
      description: 'The presets, by engine then from the smallest.',
    },
  },
};

export const postgresExtensionsDataSourceModel: DataSourceModel = {
  typeName: 'hikube_postgres_extensions',
  description: 'Lists the extensions a PostgreSQL database (`hikube_postgres_database`) may enable.',
  attributes: {
    extensions: { type: t.list(t.string), computed: true, description: `The extension names, in alphabetical order (${POSTGRES_EXTENSIONS.length} today).` },
  },
};
