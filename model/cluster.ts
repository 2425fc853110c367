import { BUCKET_ID_PATTERN } from './bucket';
import {
  CLUSTER_ADDONS,
  ClusterAddon,
  DEFAULT_KUBERNETES_VERSION,
  CURRENT_GPU_MODELS,
  DEPRECATED_GPU_MODELS,
  DEPRECATED_INSTANCE_TYPES,
  GPU_MODELS,
  INSTANCE_TYPE_NAMES,
  KUBERNETES_VERSIONS,
  RESOURCE_PRESET_NAMES,
  RESOURCE_PRESETS,
} from './catalog';
import {
  createdAtAttribute,
  idAttribute,
  monthlyCostAttribute,
  nameAttribute,
  statusAttribute,
  statusReasonAttribute,
  storageClassAttribute,
  storeCredentialsAttribute,
  tenantIdAttribute,
  timeoutsAttribute,
} from './common';
import { idPatternOf, KindDescriptor, KindProblem, specList, specNumber, specObject } from './kind';
import { ClusterCostInput, clusterMonthlyCost, controlPlaneReplicaPrice, DEFAULT_CONTROL_PLANE_PRESET, eur, PRICES } from './pricing';
import { instanceType } from './catalog';
import { apiNameOf, AttributeDef, EphemeralResourceModel, ResourceModel, t } from './schema';

const ID_PREFIX = 'kc';
export const CLUSTER_ID_PATTERN = idPatternOf(ID_PREFIX);
const TIMEOUTS = { create: '30m', update: '30m', delete: '20m' };
export const NODE_GROUP_NAME_PATTERN = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;

/** What each add-on installs, and its API name where Hikube's is not the camelCase of ours (`gatewayAPI`). */
const ADDON_FACTS: Record<ClusterAddon, { readonly installs: string; readonly apiName?: string }> = {
  cert_manager: { installs: 'cert-manager, which issues and renews TLS certificates' },
  ingress_nginx: { installs: 'the ingress-nginx controller, on nodes of groups with the `ingress-nginx` role' },
  monitoring_agents: { installs: "monitoring agents (vmagent and a log collector) shipping to the tenant's monitoring stack" },
  fluxcd: { installs: 'Flux CD for GitOps' },
  vertical_pod_autoscaler: { installs: 'the Vertical Pod Autoscaler' },
  gpu_operator: { installs: "the NVIDIA GPU Operator (driver, container toolkit, device plugin, DCGM exporter) for the GPUs of the cluster's nodes; needs a node group with `gpus`" },
  velero: { installs: "Velero, which backs up the cluster's objects and volumes to the S3 bucket `backup_bucket_id` names (required with it)" },
  gateway_api: { installs: 'the Gateway API CRDs (`GatewayClass`, `Gateway`, `HTTPRoute`...)', apiName: 'gatewayAPI' },
};

const addons: Record<string, AttributeDef> = Object.fromEntries(
  CLUSTER_ADDONS.map((a) => [
    a,
    { type: t.bool, optional: true, computed: true, default: false, apiName: ADDON_FACTS[a].apiName, description: `Install ${ADDON_FACTS[a].installs}. Defaults to \`false\`.` },
  ]),
);

/** An add-on's API name: `gpuOperator`, `gatewayAPI`. */
export const addonApiName = (a: ClusterAddon): string => apiNameOf(a, addons[a]);

export const nodeGroupAttributes: Record<string, AttributeDef> = {
  min_replicas: {
    type: t.number,
    required: true,
    description: 'Fewest nodes the group scales down to (the cost estimate counts these).',
    validation: { integer: true, min: 0, max: 100 },
  },
  max_replicas: {
    type: t.number,
    required: true,
    description: 'Most nodes the group scales up to; at least `min_replicas` and at least 1.',
    validation: { integer: true, min: 1, max: 100 },
  },
  instance_type: {
    type: t.string,
    required: true,
    description: "Instance type of each node, of Hikube's catalog, e.g. `u1.large` (see the `hikube_instance_types` data source). Deprecated names still work, with a warning.",
    validation: { oneOf: INSTANCE_TYPE_NAMES, deprecatedValues: DEPRECATED_INSTANCE_TYPES },
  },
  disk_size_gb: {
    type: t.number,
    optional: true,
    computed: true,
    default: 20,
    description: 'Ephemeral disk of each node in GiB. Defaults to `20`.',
    validation: { integer: true, min: 10, max: 2048 },
  },
  roles: {
    type: t.list(t.string),
    optional: true,
    description: 'Roles of the group\'s nodes, e.g. `["ingress-nginx"]`.',
    validation: { pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, patternHint: 'a role name such as ingress-nginx', maxItems: 16 },
  },
  gpus: {
    type: t.list(t.string),
    optional: true,
    description: `GPUs passed through to each node, by model (${CURRENT_GPU_MODELS.map((g) => `\`${g}\``).join(', ')}; \`hikube_gpus\` lists them with their memory). Deprecated names still work, with a warning.`,
    validation: { oneOf: GPU_MODELS, deprecatedValues: DEPRECATED_GPU_MODELS, maxItems: 8 },
  },
};

export const clusterModel: ResourceModel = {
  typeName: 'hikube_kubernetes_cluster',
  collection: '/v1/clusters',
  noun: 'cluster',
  schemaName: 'Cluster',
  // 1: store_credentials; 2: control_plane_preset, backup_bucket_id and the gpu_operator, velero and gateway_api add-ons (the descriptor's stateUpgraders).
  version: 2,
  description: 'A managed Kubernetes cluster in a tenant: a control plane run by Hikube and autoscaled node groups of KubeVirt VMs. Creating one takes minutes; Terraform waits until it is ready.',
  attributes: {
    id: idAttribute('kc'),
    tenant_id: tenantIdAttribute('cluster'),
    name: nameAttribute('cluster'),
    version: {
      type: t.string,
      optional: true,
      computed: true,
      default: DEFAULT_KUBERNETES_VERSION,
      description: `Kubernetes version, one of ${KUBERNETES_VERSIONS.map((v) => `\`${v}\``).join(', ')}. Defaults to \`${DEFAULT_KUBERNETES_VERSION}\`. Upgrades happen in place.`,
      validation: { oneOf: KUBERNETES_VERSIONS },
    },
    control_plane_replicas: {
      type: t.number,
      optional: true,
      computed: true,
      default: 2,
      description: 'Replicas of the control-plane components (API server, controller manager, scheduler). Defaults to `2`. Updated in place.',
      validation: { integer: true, min: 1, max: 5 },
    },
    control_plane_preset: {
      type: t.string,
      optional: true,
      computed: true,
      default: DEFAULT_CONTROL_PLANE_PRESET,
      description:
        `Resources of each control-plane replica's API server (Hikube's \`controlPlane.apiServer.resourcesPreset\`; the controller manager, scheduler and Konnectivity keep theirs): ` +
        `${RESOURCE_PRESET_NAMES.map((p) => `\`${p}\` (${RESOURCE_PRESETS[p].cpu} vCPU, ${RESOURCE_PRESETS[p].memoryGib} GiB)`).join(', ')}. ` +
        `Defaults to \`${DEFAULT_CONTROL_PLANE_PRESET}\`; \`medium\` or larger for production. Priced per replica. Changed in place (the API servers restart one by one).`,
      validation: { oneOf: RESOURCE_PRESET_NAMES },
    },
    storage_class: storageClassAttribute("Storage class for the cluster's persistent volumes", 'cluster'),
    node_groups: {
      type: t.map(t.object(nodeGroupAttributes)),
      required: true,
      description: 'Node groups by name (lowercase letters, digits and `-`). Resized in place.',
      validation: { maxItems: 16, keyPattern: NODE_GROUP_NAME_PATTERN, keyPatternHint: "a node group name: lowercase letters, digits and '-', starting with a letter" },
    },
    addons: {
      type: t.object(addons),
      optional: true,
      computed: true,
      default: Object.fromEntries(CLUSTER_ADDONS.map((a) => [a, false])),
      description: 'Cluster add-ons to install; all off by default. Updated in place.',
    },
    backup_bucket_id: {
      type: t.string,
      optional: true,
      description:
        'Identifier of the S3 bucket (`hikube_bucket`, same tenant) the Velero add-on writes backups to while `addons.velero` is on (required then). ' +
        'Hikube configures Velero with credentials of its own for it. The bucket cannot be deleted while a cluster names it. Changed in place.',
      validation: { pattern: BUCKET_ID_PATTERN, patternHint: 'a bucket id such as bkt-abcdefghijklmnop' },
    },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    endpoint: { type: t.string, computed: true, stable: true, description: "URL of the cluster's Kubernetes API server." },
    ca_certificate: { type: t.string, computed: true, stable: true, description: "PEM certificate of the cluster's certificate authority." },
    admin_token: {
      type: t.string,
      computed: true,
      stable: true,
      sensitive: true,
      description: 'Bearer token of the cluster admin, for the kubernetes and helm providers. Null when `store_credentials` is `false`.',
    },
    kubeconfig: { type: t.string, computed: true, stable: true, sensitive: true, description: 'A kubeconfig for the cluster admin. Null when `store_credentials` is `false`.' },
    store_credentials: storeCredentialsAttribute(
      '`kubeconfig` and `admin_token` are',
      'Recommended: `false`, with the ephemeral resource `hikube_kubernetes_cluster_credentials` feeding the kubernetes and helm providers (Terraform 1.10+).',
    ),
    monthly_cost_estimate: monthlyCostAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** Node groups by name, as a (possibly partial) spec holds them. */
const nodeGroupsOf = (spec: Record<string, unknown>) => Object.entries(specObject(spec.nodeGroups)).map(([name, g]) => [name, specObject(g)] as const);

/** Kubernetes clusters: /v1/clusters (Cozystack kind `Kubernetes`). */
export const clusterKind: KindDescriptor<'cluster'> = {
  name: 'cluster',
  model: clusterModel,
  label: 'cluster',
  idPrefix: ID_PREFIX,
  backendKind: 'Kubernetes',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/name',
  cost: {
    monthly: (spec) => clusterMonthlyCost(spec as unknown as ClusterCostInput),
    inputs: ['control_plane_replicas', 'control_plane_preset', 'storage_class', 'node_groups'],
    explained:
      `the control plane (per replica ${eur(PRICES.controlPlaneBase)} plus its API server at its \`control_plane_preset\`, priced as the same preset of a data service: ` +
      `${eur(controlPlaneReplicaPrice(DEFAULT_CONTROL_PLANE_PRESET)!)} a replica at the default \`${DEFAULT_CONTROL_PLANE_PRESET}\`) plus every node group at its \`min_replicas\`: ` +
      `each node's instance type, its disk (per GiB: ${eur(PRICES.diskGib.replicated)} replicated, ${eur(PRICES.diskGib.local)} local) and its GPUs. ` +
      'Nodes the autoscaler adds above the minimum are billed as used. Add-ons run on the nodes: they cost nothing of their own.',
  },
  quota: {
    count: { key: 'clusters', counts: 'Kubernetes clusters' },
    // Each node group at its minimum size (what always runs), node disks included.
    size(spec) {
      const use = { cpu: 0, memoryGib: 0, storageGib: 0 };
      for (const [, g] of nodeGroupsOf(spec)) {
        const n = specNumber(g.minReplicas);
        const type = typeof g.instanceType === 'string' ? instanceType(g.instanceType) : undefined;
        use.cpu += n * (type?.cpu ?? 0);
        use.memoryGib += n * (type?.memoryGib ?? 0);
        use.storageGib += n * specNumber(g.diskSizeGb);
      }
      return use;
    },
    blame: { cpu: ['nodeGroups'], memoryGib: ['nodeGroups'], storageGib: ['nodeGroups'], count: ['name'] },
  },
  policy: (spec) => ({
    instanceTypes: nodeGroupsOf(spec).flatMap(([name, g]) => (typeof g.instanceType === 'string' ? [{ path: ['nodeGroups', name, 'instanceType'], name: g.instanceType }] : [])),
    kubernetesVersion: typeof spec.version === 'string' ? { path: ['version'], version: spec.version } : undefined,
  }),
  rules(spec) {
    const problems: KindProblem[] = [];
    for (const [name, g] of nodeGroupsOf(spec)) {
      if (typeof g.minReplicas === 'number' && typeof g.maxReplicas === 'number' && g.maxReplicas < g.minReplicas) {
        problems.push({
          path: ['nodeGroups', name, 'maxReplicas'],
          title: 'Invalid Node Group Size',
          reason: `must be >= {{minReplicas}} (${g.minReplicas})`,
          value: g.maxReplicas,
          fix: `Raise {{maxReplicas}} to at least ${g.minReplicas} or lower {{minReplicas}}.`,
        });
      }
    }
    const on = (a: ClusterAddon) => specObject(spec.addons)[addonApiName(a)] === true;
    // The GPU Operator drives GPUs passed through to nodes: without any it has nothing to manage (Hikube: enable it where nodes have GPUs).
    const groups = nodeGroupsOf(spec);
    if (on('gpu_operator') && spec.nodeGroups !== undefined && !groups.some(([, g]) => specList(g.gpus).length > 0)) {
      problems.push({
        path: ['addons', addonApiName('gpu_operator')],
        title: 'GPU Operator Without GPUs',
        reason: 'needs a node group with GPUs: no node group of the cluster has {{gpus}}',
        value: true,
        fix: `Give a node group GPUs (its {{gpus}}, e.g. ["${CURRENT_GPU_MODELS[0]}"]), or leave the GPU Operator off.`,
      });
    }
    // Velero without a storage location cannot back anything up.
    if (on('velero') && spec.backupBucketId === null) {
      problems.push({
        path: ['addons', addonApiName('velero')],
        title: 'Velero Without a Bucket',
        reason: 'needs {{backupBucketId}}, the S3 bucket backups are written to',
        value: true,
        fix: 'Set {{backupBucketId}} to a bucket of the same tenant (hikube_bucket), or leave Velero off.',
      });
    }
    return problems;
  },
  docs: {
    example: `resource "hikube_kubernetes_cluster" "web" {
  tenant_id              = hikube_tenant.production.id
  name                   = "web"
  version                = "v1.33"
  control_plane_replicas = 3
  control_plane_preset   = "large"

  node_groups = {
    system = {
      min_replicas  = 2
      max_replicas  = 3
      instance_type = "u1.large"
    }
    workers = {
      min_replicas  = 2
      max_replicas  = 6
      instance_type = "u1.xlarge"
      disk_size_gb  = 50
      roles         = ["ingress-nginx"]
    }
  }

  addons = {
    cert_manager  = true
    ingress_nginx = true
    gateway_api   = true
  }

  timeouts = {
    create = "45m"
  }

  # Recommended: keep kubeconfig and admin_token out of state (read them ephemerally below).
  store_credentials = false
}

# Deploy into the cluster with the official providers, with credentials that are never stored.
ephemeral "hikube_kubernetes_cluster_credentials" "web" {
  cluster_id = hikube_kubernetes_cluster.web.id
}

provider "kubernetes" {
  host                   = ephemeral.hikube_kubernetes_cluster_credentials.web.endpoint
  token                  = ephemeral.hikube_kubernetes_cluster_credentials.web.token
  cluster_ca_certificate = ephemeral.hikube_kubernetes_cluster_credentials.web.ca_certificate
}

output "web_monthly_cost" {
  value = hikube_kubernetes_cluster.web.monthly_cost_estimate
}`,
    imported: { local: 'web', path: 'acme/production/web' },
  },
  examples: {
    create: { nodeGroups: { workers: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.large' } } },
    update: (n) => ({ controlPlaneReplicas: 1 + (n % 3) }),
  },
  credentials: { toggle: 'store_credentials', attributes: ['kubeconfig', 'admin_token'] },
  // Velero's bucket: of the same tenant, kept while a cluster backs up to it.
  uses: [{ field: 'backupBucketId', kind: 'bucket' }],
  stateUpgraders: {
    // v0 -> v1: store_credentials arrived; v0 always stored them.
    0: (state) => ({ ...state, store_credentials: true }),
    // v1 -> v2: the API server's preset (what every cluster had: the default), Velero's bucket, and three add-ons, off.
    1: (state) => ({
      ...state,
      control_plane_preset: DEFAULT_CONTROL_PLANE_PRESET,
      backup_bucket_id: null,
      addons: state.addons === null || state.addons === undefined ? state.addons : { gpu_operator: false, velero: false, gateway_api: false, ...(state.addons as object) },
    }),
  },
};

/** Ephemeral: the cluster's credentials for one Terraform run, never stored (docs/provider-workflows.md). */
export const clusterCredentialsEphemeralModel: EphemeralResourceModel = {
  typeName: 'hikube_kubernetes_cluster_credentials',
  description:
    "A Kubernetes cluster's admin credentials for the duration of one Terraform run, for the kubernetes and helm providers: never stored in plan or state " +
    '(unlike the `kubeconfig` and `admin_token` attributes of `hikube_kubernetes_cluster`). Needs Terraform 1.10 or later, and a token with the admin role.',
  attributes: {
    cluster_id: {
      type: t.string,
      required: true,
      description: 'Identifier of the cluster (`kc-...`).',
      validation: { pattern: CLUSTER_ID_PATTERN, patternHint: 'a cluster id such as kc-abcdefghijklmnop' },
    },
    endpoint: { type: t.string, computed: true, description: "URL of the cluster's Kubernetes API server." },
    ca_certificate: { type: t.string, computed: true, description: "PEM certificate of the cluster's certificate authority." },
    token: { type: t.string, computed: true, sensitive: true, description: 'Bearer token of the cluster admin.' },
    kubeconfig: { type: t.string, computed: true, sensitive: true, description: 'A kubeconfig for the cluster admin.' },
  },
};
