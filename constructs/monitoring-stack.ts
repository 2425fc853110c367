import { Annotations, Fn, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AttrType, monitoringStackModel } from '../model';
import { ValidationError } from './errors';
import { ICluster, ITenant } from './interfaces';
import { HikubeMonitoringStack, HikubeMonitoringStackAccountsMap, HikubeMonitoringStackAccountsOutputReference } from './generated/monitoring-stack';
import { MonitoringAgents } from './monitoring/agents';
import { MonitoringServer, warnIfGrafanaReplicated } from './monitoring/server';
import { TenantAccount } from './monitoring/vmauth-config';
import { MonitoringOwner, collectTenantClusters, monitoringStackCreated } from './monitoring/wiring';
import { isCluster, isTenantMadeHere } from './private/brands';
import { checkAttribute, isToken, nameFromId, pathInStack } from './private/checks';
import { Timeouts, checkTimeouts } from './timeouts';

/** A monitoring stack made in this app. */
export interface IMonitoringStack extends IConstruct {
  /**
   * Stack id, `mon-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly stackId: string;

  /** The tenant whose subtree the stack monitors. */
  readonly tenant: ITenant;
}

/** A VictoriaMetrics storage. */
export interface MetricsStorage {
  /** Storage name, e.g. `shortterm`; unique within the stack. */
  readonly name: string;
  /** How long samples are kept: a number and `d`, `w` or `y`, e.g. `14d`. */
  readonly retention: string;
  /** Size in GiB, 1 to 65536. Grows in place. */
  readonly sizeGb: number;
}

/** The VictoriaLogs storage. */
export interface LogsStorage {
  /** How long logs are kept, e.g. `14d`. */
  readonly retention: string;
  /** Size in GiB, 1 to 65536. Grows in place. */
  readonly sizeGb: number;
}

export interface GrafanaOptions {
  /**
   * Grafana replicas, 1 to 5.
   *
   * @default 1
   */
  readonly replicas?: number;

  /**
   * Let unauthenticated users view dashboards.
   *
   * @default false
   */
  readonly anonymousAccess?: boolean;
}

/** Options of `tenant.addMonitoringStack()`. */
export interface MonitoringStackOptions {
  /**
   * VictoriaMetrics storages, at most 4.
   *
   * @default - one storage `default` keeping 30 days in 10 GiB
   */
  readonly metricsStorages?: MetricsStorage[];

  /**
   * VictoriaLogs storage.
   *
   * @default - 14 days in 10 GiB
   */
  readonly logsStorage?: LogsStorage;

  /**
   * Grafana settings.
   *
   * @default - one replica, no anonymous access
   */
  readonly grafana?: GrafanaOptions;

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - create 20m, update 20m, delete 10m
   */
  readonly timeouts?: Timeouts;

  /**
   * The cluster that runs the stack's software (VictoriaMetrics cluster, VictoriaLogs, vmauth,
   * Grafana), usually one of the owner tenant's clusters. With it, tenants of the subtree made
   * in this app and clusters with the `monitoringAgents` add-on are wired automatically.
   *
   * @default - no in-cluster part: only the `hikube_monitoring_stack` resource
   */
  readonly cluster?: ICluster;

  /**
   * Where the in-cluster resources (Helm releases, Kubernetes objects, agents) are defined:
   * pass a second `TerraformStack` so they are planned once the cluster exists; cdktf wires the
   * cluster's credentials and the accounts across with cross-stack references.
   *
   * @default - this construct, in the same stack
   */
  readonly inClusterScope?: Construct;

  /**
   * Kubernetes namespace of the stack in `cluster`.
   *
   * @default 'hikube-monitoring'
   */
  readonly namespace?: string;
}

/** Props of a monitoring stack. */
export interface MonitoringStackProps extends MonitoringStackOptions {
  /** The tenant owning the stack; it monitors the tenant's whole subtree. At most one per tenant. */
  readonly tenant: ITenant;
}

const attrs = monitoringStackModel.attributes;
const fields = (type: AttrType) => (type.kind === 'object' ? type.attributes : type.kind === 'list' && type.element.kind === 'object' ? type.element.attributes : {});
const metricsStorage = fields(attrs.metrics_storages.type);
const logsStorage = fields(attrs.logs_storage.type);
const grafana = fields(attrs.grafana.type);

/** A short, stable key of a construct path (uids, names): the path never changes between synths. */
function shortHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36).padStart(7, '0').slice(0, 6);
}

/** Stacks made in this app, by tenant: the service allows one per tenant, say so at synth time. */
const stacksByTenant = new WeakMap<ITenant, MonitoringStack>();

/**
 * A tenant's observability stack (Grafana, VictoriaMetrics, VictoriaLogs) run by Hikube. The
 * tenant becomes the monitoring owner of its subtree: every tenant below it gets its own
 * account and ingestion credential (`accountOf()`).
 *
 * This is the service-side part; in-cluster collection is added by subclasses and later
 * methods, so the class keeps its parts reachable (`tenant`, `resource`).
 *
 * @resource hikube_monitoring_stack
 */
export class MonitoringStack extends Construct implements IMonitoringStack, MonitoringOwner {
  public readonly stackId: string;
  /**
   * URL of Grafana (a token).
   *
   * @attribute
   */
  public readonly grafanaUrl: string;
  /**
   * URL of vmauth, the authenticating proxy in front of VictoriaMetrics and VictoriaLogs (a token).
   *
   * @attribute
   */
  public readonly vmauthUrl: string;
  /**
   * Per tenant of the subtree, keyed by tenant id: account ID and ingestion credential (a
   * token; passwords are sensitive).
   *
   * @attribute
   */
  public readonly accounts: HikubeMonitoringStackAccountsMap;
  /**
   * Estimated monthly cost in EUR, known at plan time (a token).
   *
   * @attribute
   */
  public readonly monthlyCostEstimate: number;
  public readonly tenant: ITenant;
  /** The L1 `hikube_monitoring_stack` resource, for what the construct does not expose. */
  public readonly resource: HikubeMonitoringStack;
  /** The in-cluster part, when `cluster` is given. */
  public readonly server?: MonitoringServer;

  private readonly inClusterScope: Construct;
  private readonly members = new Set<ITenant>();
  private readonly collected = new Set<ICluster>();
  private readonly collectedTenants = new Set<ITenant>();

  public constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const existing = stacksByTenant.get(props.tenant);
    if (existing) {
      throw new ValidationError(this, `tenant ${props.tenant.node.path} already has a monitoring stack (${existing.node.path})`, {
        value: props.tenant.node.path,
        fix: 'A tenant has at most one stack, which already covers its whole subtree: reuse that one.',
      });
    }
    this.checkProps(props);

    const g = attrs.grafana.default as { replicas: number; anonymous_access: boolean };
    const logs = attrs.logs_storage.default as { retention: string; size_gb: number };
    const metrics = attrs.metrics_storages.default as { name: string; retention: string; size_gb: number }[];
    this.resource = new HikubeMonitoringStack(this, 'Resource', {
      tenantId: props.tenant.tenantId,
      metricsStorages: props.metricsStorages ?? metrics.map((m) => ({ name: m.name, retention: m.retention, sizeGb: m.size_gb })),
      logsStorage: props.logsStorage ?? { retention: logs.retention, sizeGb: logs.size_gb },
      grafana: {
        replicas: props.grafana?.replicas ?? g.replicas,
        anonymousAccess: props.grafana?.anonymousAccess ?? g.anonymous_access,
      },
      timeouts: props.timeouts,
    });
    stacksByTenant.set(props.tenant, this);

    this.stackId = this.resource.id;
    this.grafanaUrl = this.resource.grafanaUrl;
    this.vmauthUrl = this.resource.vmauthUrl;
    this.accounts = this.resource.accounts;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;

    this.inClusterScope = props.inClusterScope ?? this;
    if (props.cluster) {
      const storages = props.metricsStorages ?? metrics.map((m) => ({ name: m.name, retention: m.retention, sizeGb: m.size_gb }));
      if (storages.length > 1) {
        Annotations.of(this).addWarning(`only the first metrics storage (${storages[0].name}) runs in the cluster: one VictoriaMetrics cluster has one retention`);
      }
      const grafanaReplicas = props.grafana?.replicas ?? g.replicas;
      warnIfGrafanaReplicated(this, grafanaReplicas);
      this.server = new MonitoringServer(this.inClusterScope, this.inClusterScope === this ? 'InCluster' : `${pathInStack(this).join('')}InCluster`, {
        cluster: props.cluster,
        namespace: props.namespace ?? 'hikube-monitoring',
        metrics: storages[0],
        logs: props.logsStorage ?? { retention: logs.retention, sizeGb: logs.size_gb },
        grafanaReplicas,
        anonymousAccess: props.grafana?.anonymousAccess ?? g.anonymous_access,
        owner: this.account(props.tenant),
      });
    }
    monitoringStackCreated(this, props.tenant, this.server ? this : undefined);
  }

  /**
   * Collects the metrics and logs of a sub-tenant's clusters (those made in this app, before or
   * after this call) or of one cluster: vmagent and a log collector go into each, shipping to
   * this stack's vmauth with the tenant's own credential. Clusters with the `monitoringAgents`
   * add-on are collected without this call.
   */
  public collectFrom(target: ITenant | ICluster): void {
    if (!this.server) {
      throw new ValidationError(this, 'collectFrom() needs the in-cluster part', {
        value: target.node.path,
        fix: 'Pass `cluster` (and usually `inClusterScope`) to the monitoring stack.',
      });
    }
    if (isCluster(target)) {
      const cluster = target;
      if (this.collected.has(cluster)) return;
      this.collected.add(cluster);
      this.addMember(cluster.tenant);
      new MonitoringAgents(this.inClusterScope, `${pathInStack(cluster).join('')}MonitoringAgents`, {
        cluster,
        account: this.account(cluster.tenant),
        vmauthUrl: this.vmauthUrl,
      });
      return;
    }
    const t = target as ITenant; // not one of our clusters, so the tenant
    this.addMember(t);
    if (this.collectedTenants.has(t)) return;
    this.collectedTenants.add(t);
    // Its clusters, now and later: walking the tree at synth would be too late for cross-stack
    // references, so take those made so far and let later ones announce themselves.
    for (const cluster of collectTenantClusters(this, t)) this.collectFrom(cluster);
  }

  /** A tenant of the subtree: its vmauth user, datasources and folder. Idempotent. */
  public addMember(tenant: ITenant): void {
    if (!this.server || tenant === this.tenant || this.members.has(tenant)) return;
    this.members.add(tenant);
    // The stack's `accounts` are read when it is created: create it after every member, or a
    // tenant created alongside it has no account yet and the in-cluster stack cannot plan.
    const resource = isTenantMadeHere(tenant) ? tenant.resource : undefined;
    if (resource && TerraformStack.of(resource) === TerraformStack.of(this)) {
      // `type.name`, as cdktf writes `dependsOn` (an `fqn` would render as `${...}`).
      const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
      this.resource.dependsOn = [...new Set([...(this.resource.dependsOn ?? []), address])];
    }
    const name = isTenantMadeHere(tenant) ? tenant.tenantName : nameFromId(tenant.node.id);
    this.server.addMember({ key: `${name}-${shortHash(tenant.node.path)}`, folder: tenant.tenantPath, account: this.account(tenant) });
  }

  /**
   * A tenant's credential, read with `lookup` rather than an indexed reference: cdktf's
   * cross-stack references cannot carry an index that is itself a reference.
   */
  private account(tenant: ITenant): TenantAccount {
    const field = (key: string) => Fn.lookupNested(this.accounts, [tenant.tenantId, key]);
    return { username: field('username'), password: field('password'), accountId: field('account_id') };
  }

  /**
   * The account of a tenant of the subtree (this stack's tenant or one below it, down to a
   * tenant with a stack of its own): `.accountId`, `.username`, `.password` (sensitive).
   */
  public accountOf(tenant: ITenant): HikubeMonitoringStackAccountsOutputReference {
    return this.accounts.get(tenant.tenantId);
  }

  private checkProps(props: MonitoringStackOptions): void {
    const storages = props.metricsStorages;
    if (storages && !isToken(storages)) {
      if (storages.length === 0) {
        throw new ValidationError(this, 'metricsStorages is empty', { value: storages, fix: 'Leave it unset for the default storage, or list at least one.' });
      }
      const max = attrs.metrics_storages.validation?.maxItems ?? 4;
      if (storages.length > max) {
        throw new ValidationError(this, `too many metrics storages: at most ${max}`, { value: storages.length, fix: 'Merge storages that keep data as long.' });
      }
      const names = new Set<string>();
      storages.forEach((s, i) => {
        const where = `metricsStorages[${i}]`;
        checkAttribute(this, `${where}.name`, metricsStorage.name, s.name, "Use lowercase letters, digits and '-', e.g. 'shortterm'.");
        checkAttribute(this, `${where}.retention`, metricsStorage.retention, s.retention, "Use a number and d, w or y, e.g. '14d'.");
        checkAttribute(this, `${where}.sizeGb`, metricsStorage.size_gb, s.sizeGb, 'Use a whole number of GiB from 1 to 65536.');
        if (!isToken(s.name) && names.has(s.name)) {
          throw new ValidationError(this, 'duplicate metrics storage', { value: s.name, fix: 'Give each metrics storage its own name.' });
        }
        names.add(s.name);
      });
    }
    checkAttribute(this, 'logsStorage.retention', logsStorage.retention, props.logsStorage?.retention, "Use a number and d, w or y, e.g. '14d'.");
    checkAttribute(this, 'logsStorage.sizeGb', logsStorage.size_gb, props.logsStorage?.sizeGb, 'Use a whole number of GiB from 1 to 65536.');
    checkAttribute(this, 'grafana.replicas', grafana.replicas, props.grafana?.replicas, 'Use a whole number from 1 to 5.');
    checkTimeouts(this, attrs.timeouts, props.timeouts);
  }
}
