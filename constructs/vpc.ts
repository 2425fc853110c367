import { Construct, IConstruct } from 'constructs';
import { cidrsOverlap, KINDS } from '../model';
import { HikubeVpc } from './generated/vpc';
import { HikubeVpcSubnet } from './generated/vpc-subnet';
import { ITenant } from './interfaces';
import { checkAttribute, checkRules, isToken, resourceName } from './private/checks';
import { childScope } from './private/database-user';
import { Timeouts, checkTimeouts } from './timeouts';

/** A VPC made in this app. */
export interface IVpc extends IConstruct {
  /**
   * VPC id, `vpc-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly vpcId: string;

  /** The VPC name, unique in its tenant. */
  readonly vpcName: string;

  /** The tenant the VPC belongs to. */
  readonly tenant: ITenant;
}

/** A subnet of a VPC made in this app: VMs join it with `vm.connectTo(subnet)`. */
export interface ISubnet extends IConstruct {
  /**
   * Subnet id, `snet-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly subnetId: string;

  /** The subnet's range, e.g. `192.168.10.0/24`. */
  readonly cidr: string;

  /** The VPC holding it. */
  readonly vpc: IVpc;
}

/** Options of `tenant.addVpc()`. */
export interface VpcOptions {
  /**
   * VPC name, unique in its tenant. Changing it replaces the VPC.
   *
   * @default - derived from the construct id, as for tenants (`Backend` -> `backend`)
   */
  readonly name?: string;

  /**
   * How long Terraform waits for creation and deletion.
   *
   * @default - create 5m, delete 5m
   */
  readonly timeouts?: Timeouts;
}

/** Props of a VPC. */
export interface VpcProps extends VpcOptions {
  /** The tenant the VPC belongs to. Changing it replaces the VPC. */
  readonly tenant: ITenant;
}

const vpcAttrs = KINDS.vpc.model.attributes;
const subnetAttrs = KINDS['vpc-subnet'].model.attributes;

/**
 * A private network in a tenant: no range of its own, its subnets carry the ranges. Free.
 *
 * @resource hikube_vpc
 */
export class Vpc extends Construct implements IVpc {
  public readonly vpcId: string;
  public readonly vpcName: string;
  public readonly tenant: ITenant;
  /** The L1 `hikube_vpc` resource, for what the construct does not expose. */
  public readonly resource: HikubeVpc;

  private readonly subnets: Subnet[] = [];

  public constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const name = resourceName(this, props.name, vpcAttrs.name, 'backend');
    checkTimeouts(this, vpcAttrs.timeouts, props.timeouts);
    this.resource = new HikubeVpc(this, 'Resource', { tenantId: props.tenant.tenantId, name, timeouts: props.timeouts });
    this.vpcName = name;
    this.vpcId = this.resource.id;
  }

  /**
   * Creates a subnet of this VPC, e.g. `addSubnet('App', { cidr: '192.168.10.0/24' })`, under this
   * VPC's `Subnets` construct. Fails at once on a public or reserved range, or one overlapping a
   * subnet added before.
   */
  public addSubnet(id: string, options: SubnetOptions): Subnet {
    const subnets = childScope(this, 'Subnets');
    const clash = this.subnets.find((s) => !isToken(s.cidr) && !isToken(options.cidr) && cidrsOverlap(s.cidr, options.cidr));
    if (clash) checkRules(this, [KINDS['vpc-subnet'].disjointCidr!.problem(options.cidr, { name: clash.subnetName, cidr: clash.cidr })], (p) => `invalid subnet ${JSON.stringify(id)}: ${p.join('.')}`);
    const subnet = new Subnet(subnets, id, { ...options, vpc: this });
    this.subnets.push(subnet);
    return subnet;
  }
}

/** Options of `vpc.addSubnet()`. */
export interface SubnetOptions {
  /**
   * The range, a private (RFC 1918) network of /8 to /29, e.g. `192.168.10.0/24`, clear of the
   * platform's 10.244.0.0/16 and 10.96.0.0/12 and of the VPC's other subnets. Changing it
   * replaces the subnet.
   */
  readonly cidr: string;

  /**
   * Subnet name, unique in its VPC. Changing it replaces the subnet.
   *
   * @default - derived from the construct id (`App` -> `app`)
   */
  readonly name?: string;

  /**
   * How long Terraform waits for creation and deletion.
   *
   * @default - create 5m, delete 5m
   */
  readonly timeouts?: Timeouts;
}

/** Props of a subnet. */
export interface SubnetProps extends SubnetOptions {
  /** The VPC holding it. Changing it replaces the subnet. */
  readonly vpc: IVpc;
}

/**
 * A subnet of a VPC: VMs join it with `vm.connectTo(subnet)`. Free, as its VPC.
 *
 * @resource hikube_vpc_subnet
 */
export class Subnet extends Construct implements ISubnet {
  public readonly subnetId: string;
  public readonly subnetName: string;
  public readonly cidr: string;
  public readonly vpc: IVpc;
  /**
   * The subnet's gateway, its first address (a token).
   *
   * @attribute
   */
  public readonly gateway: string;
  /** The L1 `hikube_vpc_subnet` resource, for what the construct does not expose. */
  public readonly resource: HikubeVpcSubnet;

  public constructor(scope: Construct, id: string, props: SubnetProps) {
    super(scope, id);
    this.vpc = props.vpc;
    const name = resourceName(this, props.name, subnetAttrs.name, 'app');
    checkAttribute(this, 'cidr', subnetAttrs.cidr, props.cidr, 'Write an IPv4 CIDR such as 192.168.10.0/24.');
    if (!isToken(props.cidr)) checkRules(this, KINDS['vpc-subnet'].rules({ cidr: props.cidr }), (p) => `invalid ${p.join('.')}:`);
    checkTimeouts(this, subnetAttrs.timeouts, props.timeouts);
    this.resource = new HikubeVpcSubnet(this, 'Resource', { vpcId: props.vpc.vpcId, name, cidr: props.cidr, timeouts: props.timeouts });
    this.subnetName = name;
    this.cidr = props.cidr;
    this.subnetId = this.resource.id;
    this.gateway = this.resource.gateway;
  }
}
