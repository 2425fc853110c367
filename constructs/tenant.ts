import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ENGINE_NAMES, engineNamed, KUBERNETES_VERSIONS, TENANT_NAME_HINT, TENANT_NAME_PATTERN, checkValue, tenantModel } from '../model';
import { ApiToken, ApiTokenOptions, Role, TenantMember } from './access';
import { Bucket, BucketOptions } from './bucket';
import { Cluster, ClusterOptions } from './cluster';
import { Disk, DiskOptions } from './disk';
import { ValidationError } from './errors';
import { DataHikubeTenant } from './generated/data-tenant';
import { HikubeTenant, HikubeTenantQuotas } from './generated/tenant';
import { ICluster, ITenant } from './interfaces';
import { MongoDb, MongoDbOptions } from './mongodb';
import { MonitoringStack, MonitoringStackOptions } from './monitoring-stack';
import { tenantCreated } from './monitoring/wiring';
import { TenantNetworkPolicies, TenantNetworkPoliciesOptions } from './network-policies';
import { MariaDb, MariaDbOptions } from './mariadb';
import { Postgres, PostgresOptions } from './postgres';
import { isSubTenant, isTenant, markSubTenant, markTenant, markTenantMadeHere } from './private/brands';
import { checkInstanceType, nameFromId, pathInStack } from './private/checks';
import { literal, literalDeep } from './private/literal';
import { RabbitMq, RabbitMqOptions } from './rabbitmq';
import { Redis, RedisOptions } from './redis';
import { LoadBalancer, LoadBalancerOptions } from './load-balancer';
import { VM, VMOptions } from './vm';
import { Vpc, VpcOptions } from './vpc';
import { Vpn, VpnOptions } from './vpn';

declare module './interfaces' {
  // What a tenant makes, declared beside the classes it returns: interfaces.ts cannot import them
  // (they refer to ITenant), so tenant.ts adds these members to ITenant (declaration merging).
  interface ITenant {
    /** Creates a sub-tenant of this tenant, as a child construct of it. */
    addSubTenant(id: string, options?: SubTenantOptions): SubTenant;

    /** Creates a Kubernetes cluster in this tenant, as a child construct of it. */
    addCluster(id: string, options?: ClusterOptions): Cluster;

    /** Creates a virtual machine in this tenant, as a child construct of it. */
    addVm(id: string, options: VMOptions): VM;

    /** Creates a standalone disk in this tenant, as a child construct of it; VMs use it through `vm.attachDisk()`. */
    addDisk(id: string, options: DiskOptions): Disk;

    /** Creates this tenant's monitoring stack (at most one), as a child construct of it. */
    addMonitoringStack(id: string, options?: MonitoringStackOptions): MonitoringStack;

    /** Creates a managed PostgreSQL cluster in this tenant, as a child construct of it. */
    addPostgres(id: string, options?: PostgresOptions): Postgres;

    /** Creates an S3 bucket in this tenant, as a child construct of it. */
    addBucket(id: string, options?: BucketOptions): Bucket;

    /** Creates a VPC (a private network; `vpc.addSubnet()` gives it ranges) in this tenant, as a child construct of it. */
    addVpc(id: string, options?: VpcOptions): Vpc;

    /** Creates a TCP load balancer in this tenant (`lb.addTarget(vm)` gives it backends), as a child construct of it. */
    addLoadBalancer(id: string, options?: LoadBalancerOptions): LoadBalancer;

    /** Creates a VPN in this tenant (`vpn.addUser()` gives people access), as a child construct of it. */
    addVpn(id: string, options?: VpnOptions): Vpn;

    /** Creates a managed MariaDB cluster in this tenant, as a child construct of it. */
    addMariaDb(id: string, options?: MariaDbOptions): MariaDb;

    /** Creates a managed Redis in this tenant, as a child construct of it. */
    addRedis(id: string, options?: RedisOptions): Redis;

    /** Creates a managed MongoDB in this tenant, as a child construct of it. */
    addMongoDb(id: string, options?: MongoDbOptions): MongoDb;

    /** Creates a managed RabbitMQ in this tenant, as a child construct of it. */
    addRabbitMq(id: string, options?: RabbitMqOptions): RabbitMq;

    /** Gives a user (e-mail) a role on this tenant and its whole subtree. */
    grant(user: string, role: Role): TenantMember;

    /** Creates an API token acting on this tenant's subtree; its `secret` is known after apply. */
    addApiToken(id: string, options: ApiTokenOptions): ApiToken;

    /** Isolates this tenant's namespace in a cluster with Kubernetes NetworkPolicies (see `TenantNetworkPolicies`). */
    networkPolicies(cluster: ICluster, options?: TenantNetworkPoliciesOptions): TenantNetworkPolicies;
  }
}

/** Settings shared by tenants and sub-tenants. */
export interface TenantOptions {
  /**
   * Tenant name, unique among its siblings; 1 to 32 characters: lowercase letters, digits and
   * '-', starting with a letter and not ending with '-'. Changing it replaces the tenant.
   *
   * @default - derived from the construct id: lowercased, each run of other characters
   * replaced by '-', leading and trailing '-' removed (`TeamA` -> `teama`, `team_a` -> `team-a`)
   */
  readonly name?: string;

  /**
   * Free-form description, at most 1024 characters.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Labels in Kubernetes label syntax; values at most 63 characters; at most 64 labels.
   *
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * When true, the service refuses to delete the tenant (and `terraform destroy` fails).
   *
   * @default false
   */
  readonly deletionProtection?: boolean;

  /**
   * Limits for the tenant's whole subtree, enforced by the service and checked at `terraform plan`.
   * Only a super-admin of the parent can change them.
   *
   * @default - no limits of its own (its ancestors' quotas still apply)
   */
  readonly quotas?: TenantQuotas;

  /**
   * Security policy of the tenant and its subtree: it can only narrow the parent's policy.
   *
   * @default - inherited from the parent unchanged
   */
  readonly securityPolicy?: TenantSecurityPolicy;

  /**
   * Prefix length of the tenant's network, allocated from its parent's. Changing it replaces the tenant.
   *
   * @default - four bits longer than the parent's (a /12 under the root's 10.0.0.0/8)
   */
  readonly networkPrefixLength?: number;
}

/**
 * Quotas of a subtree; every field is a non-negative integer, unlimited (within the parent's
 * quota) when unset: vCPUs, memory and storage, a count per resource kind (`clusters`, `vms`,
 * `postgres`, ...: the generated binding lists them, from the kinds' registry) and `subTenants`.
 */
export interface TenantQuotas extends HikubeTenantQuotas {}

/** A security policy; unset fields inherit the parent's. */
export interface TenantSecurityPolicy {
  /** @default - any the parent allows */
  readonly allowedInstanceTypes?: string[];
  /** @default - any the parent allows */
  readonly allowedKubernetesVersions?: string[];
  /** Data-service engines, by resource kind (`postgres`, ...); `[]` allows none. @default - any the parent allows */
  readonly allowedEngines?: string[];
  /** Versions per engine, e.g. `{ postgres: ['v17', 'v18'] }`; an engine not listed runs any version. @default - any the parent allows */
  readonly allowedEngineVersions?: Record<string, string[]>;
  /** Whether VMs and data services may have external access. @default - as the parent (allowed at the root) */
  readonly externalIpsAllowed?: boolean;
  /** Networks workloads may reach, e.g. `['0.0.0.0/0']`. @default - as the parent */
  readonly egressCidrs?: string[];
}

/** Props of a top-level tenant, directly under the organisation root. */
export interface TenantProps extends TenantOptions {}

/** Options of `addSubTenant()`. */
export interface SubTenantOptions extends TenantOptions {}

/** Props of a sub-tenant. */
export interface SubTenantProps extends SubTenantOptions {
  /** The tenant this one is created in. Changing it replaces the sub-tenant. */
  readonly parent: ITenant;
}

/** What every tenant can do, whether made here or imported. */
export abstract class TenantBase extends Construct implements ITenant {
  /** True for every tenant of this library: a Tenant, a SubTenant or one from `Tenant.fromTenantPath()`. */
  public static isTenant(x: unknown): x is ITenant {
    return isTenant(x);
  }

  public abstract readonly tenantId: string;
  public abstract readonly tenantPath: string;
  public abstract readonly namespace: string;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    markTenant(this);
  }

  /** Creates a sub-tenant of this tenant, as a child construct of it. */
  public addSubTenant(id: string, options: SubTenantOptions = {}): SubTenant {
    return new SubTenant(this, id, { ...options, parent: this });
  }

  /** Creates a Kubernetes cluster in this tenant, as a child construct of it. */
  public addCluster(id: string, options: ClusterOptions = {}): Cluster {
    return new Cluster(this, id, { ...options, tenant: this });
  }

  /** Creates a virtual machine in this tenant, as a child construct of it. */
  public addVm(id: string, options: VMOptions): VM {
    return new VM(this, id, { ...options, tenant: this });
  }

  /** Creates a standalone disk in this tenant, as a child construct of it; VMs use it through `vm.attachDisk()`. */
  public addDisk(id: string, options: DiskOptions): Disk {
    return new Disk(this, id, { ...options, tenant: this });
  }

  /** Creates this tenant's monitoring stack (at most one), as a child construct of it. */
  public addMonitoringStack(id: string, options: MonitoringStackOptions = {}): MonitoringStack {
    return new MonitoringStack(this, id, { ...options, tenant: this });
  }

  /** Creates a managed PostgreSQL cluster in this tenant, as a child construct of it. */
  public addPostgres(id: string, options: PostgresOptions = {}): Postgres {
    return new Postgres(this, id, { ...options, tenant: this });
  }

  /** Creates an S3 bucket in this tenant, as a child construct of it. */
  public addBucket(id: string, options: BucketOptions = {}): Bucket {
    return new Bucket(this, id, { ...options, tenant: this });
  }

  /** Creates a VPC (a private network; `vpc.addSubnet()` gives it ranges) in this tenant, as a child construct of it. */
  public addVpc(id: string, options: VpcOptions = {}): Vpc {
    return new Vpc(this, id, { ...options, tenant: this });
  }

  /** Creates a TCP load balancer in this tenant (`lb.addTarget(vm)` gives it backends), as a child construct of it. */
  public addLoadBalancer(id: string, options: LoadBalancerOptions = {}): LoadBalancer {
    return new LoadBalancer(this, id, { ...options, tenant: this });
  }

  /** Creates a VPN in this tenant (`vpn.addUser()` gives people access), as a child construct of it. */
  public addVpn(id: string, options: VpnOptions = {}): Vpn {
    return new Vpn(this, id, { ...options, tenant: this });
  }

  /** Creates a managed MariaDB cluster in this tenant, as a child construct of it. */
  public addMariaDb(id: string, options: MariaDbOptions = {}): MariaDb {
    return new MariaDb(this, id, { ...options, tenant: this });
  }

  /** Creates a managed Redis in this tenant, as a child construct of it. */
  public addRedis(id: string, options: RedisOptions = {}): Redis {
    return new Redis(this, id, { ...options, tenant: this });
  }

  /** Creates a managed MongoDB in this tenant, as a child construct of it. */
  public addMongoDb(id: string, options: MongoDbOptions = {}): MongoDb {
    return new MongoDb(this, id, { ...options, tenant: this });
  }

  /** Creates a managed RabbitMQ in this tenant, as a child construct of it. */
  public addRabbitMq(id: string, options: RabbitMqOptions = {}): RabbitMq {
    return new RabbitMq(this, id, { ...options, tenant: this });
  }

  /**
   * Gives a user (e-mail) a role on this tenant and its whole subtree, as a child construct
   * `Member-<user>` of it. A user gets one role per tenant: grant again to the same user fails.
   */
  public grant(user: string, role: Role): TenantMember {
    const id = Token.isUnresolved(user) ? `Member${this.node.children.filter((c) => c instanceof TenantMember).length}` : `Member-${user.toLowerCase()}`;
    if (this.node.tryFindChild(id)) {
      throw new ValidationError(this, `${user} already has a role on this tenant`, { value: user, fix: 'Grant each user one role per tenant: the highest it needs.' });
    }
    return new TenantMember(this, id, { tenant: this, user, role });
  }

  /** Creates an API token acting on this tenant's subtree, as a child construct of it. */
  public addApiToken(id: string, options: ApiTokenOptions): ApiToken {
    return new ApiToken(this, id, { ...options, tenant: this });
  }

  /**
   * Isolates this tenant's namespace in `cluster` with Kubernetes NetworkPolicies: default deny,
   * ingress from itself and its ancestors, egress to itself, the cluster DNS and its policy's
   * egress CIDRs (see `TenantNetworkPolicies`). Once per cluster; a child construct of the tenant,
   * or of `options.scope`.
   */
  public networkPolicies(cluster: ICluster, options: TenantNetworkPoliciesOptions = {}): TenantNetworkPolicies {
    if (!cluster || typeof cluster.kubernetesProvider !== 'function') {
      throw new ValidationError(this, 'networkPolicies() needs a cluster', { value: cluster, fix: 'Pass the cluster to deploy the policies into, e.g. `tenant.networkPolicies(webCluster)`.' });
    }
    const { scope, ...props } = options;
    const id = `${scope ? pathInStack(this).join('') : ''}NetworkPolicies${pathInStack(cluster).join('')}`;
    if ((scope ?? this).node.tryFindChild(id)) {
      throw new ValidationError(this, `network policies for cluster ${cluster.node.path} already exist`, { value: cluster.node.path, fix: 'Call networkPolicies() once per cluster.' });
    }
    return new TenantNetworkPolicies(scope ?? this, id, { ...props, tenant: this, cluster });
  }
}

/**
 * A top-level tenant: an isolated private space with its own network, users, policies and
 * billing, directly under the organisation root. Sub-tenants come from `addSubTenant()`.
 *
 * @resource hikube_tenant
 */
export class Tenant extends TenantBase {
  /**
   * Refers to a tenant made elsewhere (another stack, the CLI), through the `hikube_tenant`
   * data source: Terraform reads it at plan time and fails if it does not exist.
   *
   * @param tenantPath path from the organisation root, e.g. `acme/production`
   */
  public static fromTenantPath(scope: Construct, id: string, tenantPath: string): ITenant {
    return new ImportedTenant(scope, id, tenantPath);
  }

  public readonly tenantId: string;
  public readonly tenantPath: string;
  public readonly namespace: string;
  /** The tenant name, as given or derived from the construct id. */
  public readonly tenantName: string;
  /** The L1 `hikube_tenant` resource, for what the construct does not expose. */
  public readonly resource: HikubeTenant;

  public constructor(scope: Construct, id: string, props: TenantProps = {}) {
    super(scope, id);
    this.resource = newTenantResource(this, props);
    this.tenantName = this.resource.nameInput!;
    this.tenantId = this.resource.id;
    this.tenantPath = this.resource.path;
    this.namespace = this.resource.namespace;
    markTenantMadeHere(this);
  }
}

/**
 * A tenant inside another tenant. Its network is carved from the parent's range and roles
 * granted on the parent apply to it.
 *
 * @resource hikube_tenant
 */
export class SubTenant extends TenantBase {
  public static isSubTenant(x: unknown): x is SubTenant {
    return isSubTenant(x);
  }

  public readonly tenantId: string;
  public readonly tenantPath: string;
  public readonly namespace: string;
  /** The tenant name, as given or derived from the construct id. */
  public readonly tenantName: string;
  /** The tenant this one is in. */
  public readonly parent: ITenant;
  /** The L1 `hikube_tenant` resource, for what the construct does not expose. */
  public readonly resource: HikubeTenant;

  public constructor(scope: Construct, id: string, props: SubTenantProps) {
    super(scope, id);
    this.parent = props.parent;
    this.resource = newTenantResource(this, props, props.parent);
    this.tenantName = this.resource.nameInput!;
    this.tenantId = this.resource.id;
    this.tenantPath = this.resource.path;
    this.namespace = this.resource.namespace;
    markTenantMadeHere(this);
    markSubTenant(this);
    // Last: the monitoring stack covering the parent gives this tenant its user and folder.
    tenantCreated(this);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared by Tenant and SubTenant: validate, apply defaults once, create the L1 resource.

/** What to tell the user for each prop checked against the model. */
const FIXES: Record<'name' | 'description' | 'labels', string> = {
  name: "Pass a valid `name`, e.g. `name: 'team-a'`.",
  description: `Shorten \`description\` to at most ${tenantModel.attributes.description.validation?.maxLength} characters.`,
  labels:
    'Use Kubernetes label syntax: keys such as `team` or `example.com/team`, values of at most ' +
    `${tenantModel.attributes.labels.validation?.maxLength} characters, at most ${tenantModel.attributes.labels.validation?.maxItems} labels.`,
};

function newTenantResource(scope: TenantBase, options: TenantOptions, parent?: ITenant): HikubeTenant {
  const name = options.name ?? nameFromId(scope.node.id);
  if (options.name === undefined && !TENANT_NAME_PATTERN.test(name)) {
    throw new ValidationError(scope, `cannot derive a tenant name from the construct id (${TENANT_NAME_HINT})`, {
      value: scope.node.id,
      fix: "Pass `name` explicitly, e.g. `name: 'team-a'`.",
    });
  }
  check(scope, 'name', name);
  check(scope, 'description', options.description);
  // Keys that are tokens are only known at apply time: the provider checks them then.
  const labels = options.labels && !Token.isUnresolved(options.labels) ? Object.fromEntries(Object.entries(options.labels).filter(([key]) => !Token.isUnresolved(key))) : undefined;
  check(scope, 'labels', labels);
  checkGuardrails(scope, options);

  return new HikubeTenant(scope, 'Resource', {
    name,
    parentId: parent?.tenantId,
    description: literal(options.description),
    labels: literalDeep(options.labels),
    deletionProtection: options.deletionProtection ?? false,
    quotas: options.quotas,
    securityPolicy: options.securityPolicy,
    networkPrefixLength: options.networkPrefixLength,
  });
}

const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

/** Guardrail props: eager checks with the value and the fix (tokens are left to the service). */
function checkGuardrails(scope: IConstruct, options: TenantOptions): void {
  const fail = (what: string, value: unknown, fix: string) => {
    throw new ValidationError(scope, what, { value, fix });
  };
  for (const [key, v] of Object.entries(options.quotas ?? {})) {
    if (v === undefined || Token.isUnresolved(v)) continue;
    if (!Number.isInteger(v) || v < 0 || v > 1_000_000) fail(`invalid quotas.${key}: must be an integer from 0 to 1000000`, v, `Set quotas.${key} to a whole number such as 8.`);
  }
  const policy = options.securityPolicy ?? {};
  for (const type of policy.allowedInstanceTypes ?? []) if (!Token.isUnresolved(type)) checkInstanceType(scope, 'securityPolicy.allowedInstanceTypes', type);
  for (const v of policy.allowedKubernetesVersions ?? []) {
    if (!Token.isUnresolved(v) && !(KUBERNETES_VERSIONS as readonly string[]).includes(v))
      fail(`invalid securityPolicy.allowedKubernetesVersions: ${v} is not offered`, v, `Use one of ${KUBERNETES_VERSIONS.join(', ')}.`);
  }
  for (const e of policy.allowedEngines ?? []) {
    if (!Token.isUnresolved(e) && !ENGINE_NAMES.includes(e)) fail(`invalid securityPolicy.allowedEngines: ${e} is not an engine`, e, `Use one of ${ENGINE_NAMES.join(', ')}.`);
  }
  for (const [engine, versions] of Object.entries(policy.allowedEngineVersions ?? {})) {
    const known = engineNamed(engine)?.versions;
    if (!known) fail(`invalid securityPolicy.allowedEngineVersions: ${engine} is not an engine`, engine, `Use one of ${ENGINE_NAMES.join(', ')}.`);
    for (const v of Token.isUnresolved(versions) ? [] : versions) {
      if (!Token.isUnresolved(v) && !known!.includes(v)) fail(`invalid securityPolicy.allowedEngineVersions["${engine}"]: ${v} is not a ${engine} version`, v, `Use one of ${known!.join(', ')}.`);
    }
  }
  for (const c of policy.egressCidrs ?? []) if (!Token.isUnresolved(c) && !CIDR.test(c)) fail('invalid securityPolicy.egressCidrs: not an IPv4 CIDR', c, "Write networks like '10.0.0.0/8'.");
  const p = options.networkPrefixLength;
  if (p !== undefined && !Token.isUnresolved(p) && (!Number.isInteger(p) || p < 8 || p > 28))
    fail('invalid networkPrefixLength: must be an integer from 8 to 28', p, "Use a prefix such as 16, longer than the parent network's.");
}

/** Checks a prop with the model's own rules (the provider and the service apply the same). */
function check(scope: IConstruct, prop: keyof typeof FIXES, value: unknown): void {
  const [problem] = checkValue(tenantModel.attributes[prop], value, [prop], (v) => Token.isUnresolved(v));
  if (!problem) return;
  const where = problem.path.map((p, i) => (i === 0 ? String(p) : `[${JSON.stringify(p)}]`)).join('');
  // For one label, the offending part: its key or its value.
  const key = problem.path[1];
  const received = key === undefined ? value : problem.reason.startsWith('key ') ? key : (value as Record<string, unknown>)[String(key)];
  throw new ValidationError(scope, `invalid ${where}: ${problem.reason}`, { value: received, fix: FIXES[prop] });
}

/** A tenant made elsewhere, read through the `hikube_tenant` data source. */
class ImportedTenant extends TenantBase {
  public readonly tenantId: string;
  public readonly tenantPath: string;
  public readonly namespace: string;

  public constructor(scope: Construct, id: string, tenantPath: string) {
    super(scope, id);
    if (!Token.isUnresolved(tenantPath)) {
      const bad = tenantPath.split('/').find((segment) => !TENANT_NAME_PATTERN.test(segment));
      if (bad !== undefined) {
        throw new ValidationError(this, `invalid tenant path: segment ${JSON.stringify(bad)} is not a tenant name`, {
          value: tenantPath,
          fix: `Pass the path from the organisation root, such as 'acme/production', each part ${TENANT_NAME_HINT}.`,
        });
      }
    }
    const data = new DataHikubeTenant(this, 'Resource', { path: tenantPath });
    this.tenantId = data.id;
    this.tenantPath = tenantPath;
    this.namespace = data.namespace;
  }
}
