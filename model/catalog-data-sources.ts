import { DEFAULT_KUBERNETES_VERSION } from './catalog';
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
