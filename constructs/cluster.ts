import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Lazy } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ClusterAddon, NODE_GROUP_NAME_PATTERN, addonApiName, clusterKind, clusterModel, nodeGroupAttributes, renderNames } from '../model';
import { IBucket } from './bucket';
import { Preset } from './data-service';
import { InstanceType, instanceTypeName } from './instance-type';
import { Gpu } from './gpu';
import { ValidationError } from './errors';
import { HikubeKubernetesCluster, hikubeKubernetesClusterNodeGroupsToTerraform } from './generated/kubernetes-cluster';
import { ICluster, ITenant } from './interfaces';
import { clusterCreated } from './monitoring/wiring';
import { isCluster, markCluster } from './private/brands';
import { checkAttribute, checkInstanceType, checkRules, isToken, pathInStack, resourceName } from './private/checks';
import { Timeouts, checkTimeouts } from './timeouts';

/** A group of identical worker nodes, autoscaled between `minReplicas` and `maxReplicas`. */
export interface NodeGroupOptions {
  /** Fewest nodes, 0 to 100; the cost estimate counts these. */
  readonly minReplicas: number;

  /** Most nodes, 1 to 100 and at least `minReplicas`. */
  readonly maxReplicas: number;

  /** Instance type of each node: `InstanceType.of(InstanceClass.U1, InstanceSize.LARGE)` or a name such as `u1.large`. */
  readonly instanceType: InstanceType | string;

  /**
   * Ephemeral disk of each node in GiB, 10 to 2048.
   *
   * @default 20
   */
  readonly diskSizeGb?: number;

  /**
   * Roles of the group's nodes; `ingress-nginx` puts the ingress controller on them.
   *
   * @default - no roles
   */
  readonly roles?: string[];

  /**
   * GPUs passed through to each node, by model: `[Gpu.L40S]` (a name string is checked at construction).
   *
   * @default - no GPUs
   */
  readonly gpus?: (Gpu | string)[];
}

/** Add-ons Hikube installs and keeps up to date in the cluster. */
export interface ClusterAddons {
  /** @default false */
  readonly certManager?: boolean;
  /** The ingress-nginx controller, on nodes of groups with the `ingress-nginx` role. @default false */
  readonly ingressNginx?: boolean;
  /** vmagent and a log collector shipping to the tenant's monitoring stack. @default false */
  readonly monitoringAgents?: boolean;
  /** @default false */
  readonly fluxcd?: boolean;
  /** @default false */
  readonly verticalPodAutoscaler?: boolean;
  /**
   * The NVIDIA GPU Operator (driver, container toolkit, device plugin, DCGM exporter); needs a node
   * group with `gpus` (checked at synth).
   *
   * @default false
   */
  readonly gpuOperator?: boolean;
  /**
   * Velero, backing up the cluster's objects and volumes to `backupBucket` (required with it).
   *
   * @default false
   */
  readonly velero?: boolean;
  /** The Gateway API CRDs (`Gateway`, `HTTPRoute`...). @default false */
  readonly gatewayApi?: boolean;
}

/** Options of `tenant.addCluster()`. */
export interface ClusterOptions {
  /**
   * Cluster name, unique in its tenant: 1 to 40 lowercase letters, digits and '-'. Changing it
   * replaces the cluster.
   *
   * @default - derived from the construct id, as for tenants (`Web` -> `web`)
   */
  readonly name?: string;

  /**
   * Kubernetes version, `v1.31` to `v1.35`. Upgrades happen in place.
   *
   * @default 'v1.33'
   */
  readonly version?: string;

  /**
   * Replicas of the control-plane components, 1 to 5.
   *
   * @default 2
   */
  readonly controlPlaneReplicas?: number;

  /**
   * Resources of each control-plane replica's API server, `Preset.NANO` to `Preset.XLARGE2`
   * (Hikube's `controlPlane.apiServer.resourcesPreset`); priced per replica. Changed in place.
   *
   * @default Preset.MEDIUM
   */
  readonly controlPlanePreset?: Preset;

  /**
   * The S3 bucket of the same tenant the Velero add-on writes backups to while it is on (required
   * then); kept from deletion while the cluster names it.
   *
   * @default - none
   */
  readonly backupBucket?: IBucket;

  /**
   * Storage class of persistent volumes: `replicated` or `local`. Changing it replaces the cluster.
   *
   * @default 'replicated'
   */
  readonly storageClass?: string;

  /**
   * Node groups by name; more can be added with `addNodeGroup()`. A cluster needs at least one.
   *
   * @default - none here: add them with `addNodeGroup()`
   */
  readonly nodeGroups?: { [name: string]: NodeGroupOptions };

  /**
   * Add-ons to install.
   *
   * @default - none
   */
  readonly addons?: ClusterAddons;

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - create 30m, update 30m, delete 20m
   */
  readonly timeouts?: Timeouts;
}

/** Props of a cluster. */
export interface ClusterProps extends ClusterOptions {
  /** The tenant the cluster runs in. Changing it replaces the cluster. */
  readonly tenant: ITenant;
}

const attrs = clusterModel.attributes;
const MAX_NODE_GROUPS = attrs.node_groups.validation?.maxItems ?? 16;
const KUBERNETES_VERSION_LIST = (attrs.version.validation?.oneOf ?? []).join(', ');

/** Add-on props by model name: an add-on added to the model fails to compile here until it has a prop. */
const ADDON_PROPS: Record<ClusterAddon, keyof ClusterAddons> = {
  cert_manager: 'certManager',
  ingress_nginx: 'ingressNginx',
  monitoring_agents: 'monitoringAgents',
  fluxcd: 'fluxcd',
  vertical_pod_autoscaler: 'verticalPodAutoscaler',
  gpu_operator: 'gpuOperator',
  velero: 'velero',
  gateway_api: 'gatewayApi',
};
const ADDON_LIST = Object.entries(ADDON_PROPS) as [ClusterAddon, keyof ClusterAddons][];

/**
 * A managed Kubernetes cluster in a tenant: a control plane run by Hikube and autoscaled node
 * groups. `kubernetesProvider()` and `helmProvider()` deploy into it.
 *
 * @resource hikube_kubernetes_cluster
 */
export class Cluster extends Construct implements ICluster {
  public static isCluster(x: unknown): x is Cluster {
    return isCluster(x);
  }

  public readonly clusterId: string;
  public readonly clusterName: string;
  public readonly endpoint: string;
  public readonly caCertificate: string;
  public readonly adminToken: string;
  public readonly kubeconfig: string;
  /**
   * Estimated monthly cost in EUR, known at plan time (a token).
   *
   * @attribute
   */
  public readonly monthlyCostEstimate: number;
  /** The tenant the cluster runs in. */
  public readonly tenant: ITenant;
  /** The L1 `hikube_kubernetes_cluster` resource, for what the construct does not expose. */
  public readonly resource: HikubeKubernetesCluster;

  private readonly nodeGroups = new Map<string, NodeGroupOptions>();
  private readonly kubernetesProviders = new Map<IConstruct, KubernetesProvider>();
  private readonly helmProviders = new Map<IConstruct, HelmProvider>();

  public constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    this.tenant = props.tenant;
    markCluster(this);
    const name = resourceName(this, props.name, attrs.name, 'web');
    checkAttribute(this, 'version', attrs.version, props.version, `Use one of ${KUBERNETES_VERSION_LIST}, or leave it unset for ${attrs.version.default}.`);
    checkAttribute(this, 'controlPlaneReplicas', attrs.control_plane_replicas, props.controlPlaneReplicas, 'Use a whole number from 1 to 5 (3 for a highly available control plane).');
    checkAttribute(this, 'controlPlanePreset', attrs.control_plane_preset, props.controlPlanePreset, 'Use a Preset (Preset.MEDIUM, ...), or leave it unset for medium.');
    checkAttribute(this, 'storageClass', attrs.storage_class, props.storageClass, "Use 'replicated' or 'local'.");
    checkTimeouts(this, attrs.timeouts, props.timeouts);
    // The add-ons as the API names them, every one on or off, for the kind's rules (Velero's bucket now, the GPU Operator's GPUs at synth).
    const addonSpec = Object.fromEntries(ADDON_LIST.map(([a, prop]) => [addonApiName(a), props.addons?.[prop] ?? false]));
    const bucketId = props.backupBucket === undefined ? null : isToken(props.backupBucket.bucketId) ? undefined : props.backupBucket.bucketId;
    checkRules(
      this,
      clusterKind.rules({ addons: addonSpec, backupBucketId: bucketId }),
      (path) => `invalid ${path[0] === 'addons' ? `addons.${ADDON_PROPS[path[1] as ClusterAddon] ?? path[1]}` : path.join('.')}:`,
    );

    this.resource = new HikubeKubernetesCluster(this, 'Resource', {
      tenantId: props.tenant.tenantId,
      name,
      version: props.version ?? (attrs.version.default as string),
      controlPlaneReplicas: props.controlPlaneReplicas ?? (attrs.control_plane_replicas.default as number),
      controlPlanePreset: props.controlPlanePreset ?? (attrs.control_plane_preset.default as string),
      backupBucketId: props.backupBucket?.bucketId,
      storageClass: props.storageClass ?? (attrs.storage_class.default as string),
      // Groups may be added after construction: rendered at synth, sorted, so call order never matters.
      nodeGroups: Lazy.anyValue({ produce: () => this.renderNodeGroups() }),
      // Every add-on written out, on or off: the plan shows exactly what is installed.
      addons: Object.fromEntries(ADDON_LIST.map(([, prop]) => [prop, props.addons?.[prop] ?? false])) as ClusterAddons,
      timeouts: props.timeouts,
    });
    for (const [groupName, options] of Object.entries(props.nodeGroups ?? {})) this.addNodeGroup(groupName, options);
    this.node.addValidation({
      validate: () => (this.nodeGroups.size > 0 ? [] : [`${this.node.path}: cluster '${name}' has no node group. Pass \`nodeGroups\` or call \`addNodeGroup('workers', { ... })\`.`]),
    });
    // Whether a node group has GPUs is known once every group is added: at synth. Unresolved GPU lists count as GPUs.
    this.node.addValidation({
      validate: () => {
        const nodeGroups = Object.fromEntries([...this.nodeGroups].map(([n, g]) => [n, { gpus: g.gpus === undefined ? [] : isToken(g.gpus) ? ['?'] : g.gpus }]));
        return clusterKind
          .rules({ addons: addonSpec, nodeGroups })
          .filter((p) => p.path[0] === 'addons' && p.path[1] === addonApiName('gpu_operator'))
          .map((p) => `${this.node.path}: invalid addons.gpuOperator: ${renderNames(p.reason)}. ${renderNames(p.fix ?? '')}`);
      },
    });

    this.clusterName = name;
    this.clusterId = this.resource.id;
    this.endpoint = this.resource.endpoint;
    this.caCertificate = this.resource.caCertificate;
    this.adminToken = this.resource.adminToken;
    this.kubeconfig = this.resource.kubeconfig;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
    // Last: the monitoring stack covering the tenant may deploy agents into this cluster now.
    clusterCreated(this, props.tenant, props.addons?.monitoringAgents ?? false);
  }

  /** Adds a node group; it is rendered at synth, so it may come before or after anything else. */
  public addNodeGroup(name: string, options: NodeGroupOptions): void {
    const where = `nodeGroups[${JSON.stringify(name)}]`;
    if (!isToken(name) && !NODE_GROUP_NAME_PATTERN.test(name)) {
      throw new ValidationError(this, `invalid node group name`, {
        value: name,
        fix: "Use 1 to 32 lowercase letters, digits and '-', starting with a letter and not ending with '-', e.g. 'workers'.",
      });
    }
    if (this.nodeGroups.has(name)) {
      throw new ValidationError(this, `duplicate node group`, { value: name, fix: 'Give each node group of a cluster its own name.' });
    }
    if (this.nodeGroups.size >= MAX_NODE_GROUPS) {
      throw new ValidationError(this, `too many node groups: at most ${MAX_NODE_GROUPS}`, { value: name, fix: 'Merge node groups that share an instance type.' });
    }
    const ng = nodeGroupAttributes;
    checkAttribute(this, `${where}.minReplicas`, ng.min_replicas, options.minReplicas, 'Use a whole number from 0 to 100.');
    checkAttribute(this, `${where}.maxReplicas`, ng.max_replicas, options.maxReplicas, 'Use a whole number from 1 to 100.');
    if (!isToken(options.minReplicas) && !isToken(options.maxReplicas)) {
      const spec = { nodeGroups: { [name]: { minReplicas: options.minReplicas, maxReplicas: options.maxReplicas } } };
      checkRules(this, clusterKind.rules(spec), (path) => `invalid ${where}: ${path[path.length - 1]}`);
    }
    checkInstanceType(this, `${where}.instanceType`, instanceTypeName(options.instanceType));
    checkAttribute(this, `${where}.diskSizeGb`, ng.disk_size_gb, options.diskSizeGb, 'Use a whole number of GiB from 10 to 2048.');
    checkAttribute(this, `${where}.roles`, ng.roles, options.roles, "Use role names such as 'ingress-nginx'.");
    checkAttribute(this, `${where}.gpus`, ng.gpus, options.gpus, 'Use a Gpu enum value (Gpu.L40S, ...); hikube catalog gpus lists them.');
    this.nodeGroups.set(name, options);
  }

  /**
   * A `kubernetes` provider configuration that deploys into this cluster as its admin, with an
   * alias of its own; pass it as `provider` to Kubernetes resources. One per scope: calling
   * again with the same scope returns the same provider.
   *
   * @param scope where the provider is defined (default: this cluster); another stack works
   * too, cdktf passes the credentials across
   * @param id construct id of the provider (default: `Kubernetes` under this cluster, else
   * derived from the cluster's path)
   */
  public kubernetesProvider(scope: Construct = this, id?: string): KubernetesProvider {
    return memoize(this.kubernetesProviders, scope, () => {
      const providerId = id ?? this.providerId(scope, 'Kubernetes');
      return new KubernetesProvider(scope, providerId, {
        alias: alias(scope, providerId),
        host: this.endpoint,
        token: this.adminToken,
        clusterCaCertificate: this.caCertificate,
      });
    });
  }

  /**
   * A `helm` provider configuration that installs charts into this cluster as its admin, with an
   * alias of its own; pass it as `provider` to Helm releases. One per scope, as for
   * `kubernetesProvider()`.
   *
   * @param scope where the provider is defined (default: this cluster)
   * @param id construct id of the provider (default: `Helm` under this cluster, else derived
   * from the cluster's path)
   */
  public helmProvider(scope: Construct = this, id?: string): HelmProvider {
    return memoize(this.helmProviders, scope, () => {
      const providerId = id ?? this.providerId(scope, 'Helm');
      return new HelmProvider(scope, providerId, {
        alias: alias(scope, providerId),
        // helm provider v3 (cdktf bindings v12): `kubernetes` is a nested attribute, not a block.
        kubernetes: { host: this.endpoint, token: this.adminToken, clusterCaCertificate: this.caCertificate },
      });
    });
  }

  private renderNodeGroups(): Record<string, unknown> {
    const names = [...this.nodeGroups.keys()].sort();
    return Object.fromEntries(
      names.map((name) => {
        const g = this.nodeGroups.get(name)!;
        return [
          name,
          hikubeKubernetesClusterNodeGroupsToTerraform({
            minReplicas: g.minReplicas,
            maxReplicas: g.maxReplicas,
            instanceType: instanceTypeName(g.instanceType),
            diskSizeGb: g.diskSizeGb ?? (nodeGroupAttributes.disk_size_gb.default as number),
            roles: g.roles,
            gpus: g.gpus,
          }),
        ];
      }),
    );
  }

  private providerId(scope: Construct, kind: string): string {
    return scope === this ? kind : `${pathInStack(this).join('')}${kind}`;
  }
}

function memoize<T>(cache: Map<IConstruct, T>, scope: IConstruct, make: () => T): T {
  let value = cache.get(scope);
  if (value === undefined) {
    value = make();
    cache.set(scope, value);
  }
  return value;
}

/** Provider aliases must be unique per stack: the provider's path in its stack is. */
function alias(scope: IConstruct, id: string): string {
  const text = [...pathInStack(scope), id].join('_').replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(text) ? text : `_${text}`;
}
