import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { KINDS } from '../model';
import { ValidationError } from './errors';
import { HikubeLoadBalancer } from './generated/load-balancer';
import { ITenant } from './interfaces';
import { checkAttribute, checkRules, isToken, resourceName } from './private/checks';
import { Timeouts, checkTimeouts } from './timeouts';
import type { IVm } from './vm';

/** How the load balancer passes connections on. */
export enum LoadBalancerMode {
  /** Connections as they are. */
  TCP = 'tcp',
  /** With the PROXY protocol header first, so backends see the client's address (they must expect it). */
  TCP_WITH_PROXY = 'tcp-with-proxy',
}

/** Options of `tenant.addLoadBalancer()`. */
export interface LoadBalancerOptions {
  /**
   * Load balancer name, unique in its tenant. Changing it replaces the load balancer.
   *
   * @default - derived from the construct id (`Web` -> `web`)
   */
  readonly name?: string;

  /**
   * HAProxy replicas, 1 to 8.
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Reachable from outside the tenant at a public address (billed; the tenant's security policy
   * must allow external IPs).
   *
   * @default false
   */
  readonly external?: boolean;

  /** @default LoadBalancerMode.TCP */
  readonly mode?: LoadBalancerMode;

  /**
   * Backend ports the load balancer's ports 80 and 443 go to.
   *
   * @default - 80 and 443
   */
  readonly targetPorts?: { readonly http?: number; readonly https?: number };

  /**
   * Only clients from these ranges may connect, e.g. `['203.0.113.0/24']`.
   *
   * @default - every client
   */
  readonly allowedCidrs?: string[];

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - 10m each
   */
  readonly timeouts?: Timeouts;
}

/** Props of a load balancer. */
export interface LoadBalancerProps extends LoadBalancerOptions {
  /** The tenant the load balancer belongs to. Changing it replaces it. */
  readonly tenant: ITenant;
}

const attrs = KINDS['load-balancer'].model.attributes;

/**
 * A TCP load balancer (HAProxy) in a tenant, in front of the tenant's VMs: `lb.addTarget(vm)`.
 *
 * @resource hikube_load_balancer
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancerId: string;
  public readonly loadBalancerName: string;
  public readonly tenant: ITenant;
  /**
   * Address inside the tenant network (a token).
   *
   * @attribute
   */
  public readonly host: string;
  /**
   * Public address when external; null otherwise (a token).
   *
   * @attribute
   */
  public readonly externalIp: string;
  /**
   * Estimated monthly cost in EUR, known at plan time (a token).
   *
   * @attribute
   */
  public readonly monthlyCostEstimate: number;
  /** The L1 `hikube_load_balancer` resource, for what the construct does not expose. */
  public readonly resource: HikubeLoadBalancer;

  private readonly targets: IVm[] = [];

  public constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const name = resourceName(this, props.name, attrs.name, 'web');
    checkAttribute(this, 'replicas', attrs.replicas, props.replicas, 'Use 1 to 8 replicas.');
    checkAttribute(this, 'allowedCidrs', attrs.allowed_cidrs, props.allowedCidrs, 'Write IPv4 CIDRs such as 203.0.113.0/24.');
    const cidrs = props.allowedCidrs?.filter((c) => !isToken(c));
    if (cidrs) checkRules(this, KINDS['load-balancer'].rules({ allowedCidrs: cidrs }), (p) => `invalid ${p[0]}[${String(p[1])}]:`);
    checkTimeouts(this, attrs.timeouts, props.timeouts);
    this.resource = new HikubeLoadBalancer(this, 'Resource', {
      tenantId: props.tenant.tenantId,
      name,
      replicas: props.replicas,
      external: props.external,
      mode: props.mode,
      targetPorts: props.targetPorts && { http: props.targetPorts.http ?? 80, https: props.targetPorts.https ?? 443 },
      // Targets may be added after construction: rendered at synth, in the order they were added.
      endpoints: Lazy.listValue({ produce: () => this.targets.map((vm) => vm.privateIp) }, { omitEmpty: true }),
      allowedCidrs: props.allowedCidrs,
      timeouts: props.timeouts,
    });
    this.loadBalancerName = name;
    this.loadBalancerId = this.resource.id;
    this.host = this.resource.host;
    this.externalIp = this.resource.externalIp;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
  }

  /** Sends traffic to a VM of the same tenant (its private address). */
  public addTarget(vm: IVm): void {
    if (vm.tenant !== this.tenant) {
      throw new ValidationError(this, 'target outside the tenant', { value: vm.node.path, fix: `Target VMs of ${this.tenant.node.path}; a load balancer reaches only its own tenant's addresses.` });
    }
    if (this.targets.includes(vm)) throw new ValidationError(this, 'duplicate target', { value: vm.node.path, fix: 'Add each VM once.' });
    this.targets.push(vm);
  }
}
