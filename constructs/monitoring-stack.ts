import { Construct, IConstruct } from 'constructs';
import { AttrType, monitoringStackModel } from '../model';
import { ValidationError } from './errors';
import {
  HikubeMonitoringStack,
  HikubeMonitoringStackAccountsMap,
  HikubeMonitoringStackAccountsOutputReference,
} from './generated/monitoring-stack';
import { checkAttribute, isToken } from './private/checks';
import type { ITenant } from './tenant';
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
export class MonitoringStack extends Construct implements IMonitoringStack {
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
