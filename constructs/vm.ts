import { createHash } from 'node:crypto';
import { Annotations, Fn, Lazy } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AttrType, EXTERNAL_ACCESS_METHODS, INSTANCE_PROFILES, RUN_STRATEGIES, vmKind, vmModel } from '../model';
import { IDisk } from './disk';
import { InstanceType, instanceTypeName } from './instance-type';
import { Gpu } from './gpu';
import { ValidationError } from './errors';
import { HikubeVirtualMachine, hikubeVirtualMachineDataDisksToTerraform, HikubeVirtualMachineSystemDisk, hikubeVirtualMachineSystemDiskToTerraform } from './generated/virtual-machine';
import { ITenant } from './interfaces';
import type { ISubnet } from './vpc';
import { checkAttribute, checkInstanceType, checkRules, isToken, resourceName } from './private/checks';
import { literal, literalDeep } from './private/literal';
import { Timeouts, checkTimeouts } from './timeouts';

/** A virtual machine made in this app. */
export interface IVm extends IConstruct {
  /**
   * VM id, `vm-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly vmId: string;

  /** The VM name, unique in its tenant. */
  readonly vmName: string;

  /** The tenant the VM runs in (a load balancer targets only its own tenant's VMs). */
  readonly tenant: ITenant;

  /**
   * Address in the tenant's private network (a token).
   *
   * @attribute
   */
  readonly privateIp: string;
}

export type RunStrategy = (typeof RUN_STRATEGIES)[number];
export type ExternalAccessMethod = (typeof EXTERNAL_ACCESS_METHODS)[number];
export type InstanceProfile = (typeof INSTANCE_PROFILES)[number];

/** The boot disk. */
export interface SystemDiskOptions {
  /**
   * Size in GiB, at least 5. Grows in place, never shrinks.
   *
   * @default 20
   */
  readonly sizeGb?: number;

  /**
   * `replicated` or `local`. Changing it replaces the VM.
   *
   * @default 'replicated'
   */
  readonly storageClass?: string;

  /**
   * Image the disk is created from. Changing it replaces the VM.
   *
   * @default 'ubuntu-2404'
   */
  readonly image?: string;
}

/** Options of `addDataDisk()`. */
export interface DataDiskOptions {
  /** Size in GiB, 1 to 16384. Grows in place, never shrinks. */
  readonly sizeGb: number;

  /**
   * `replicated` or `local`.
   *
   * @default 'replicated'
   */
  readonly storageClass?: string;

  /**
   * Image of Hikube's catalog to fill the disk from (`hikube catalog images` lists them).
   *
   * @default - an empty disk
   */
  readonly image?: string;
}

/** A data disk given in props. */
export interface DataDisk extends DataDiskOptions {
  /** Disk name, unique within the VM. */
  readonly name: string;
}

/** How the VM is reached from outside its tenant network. */
export interface ExternalAccess {
  /**
   * `PortList` forwards `ports` from a shared address; `WholeIP` gives the VM its own address.
   *
   * @default 'PortList'
   */
  readonly method?: ExternalAccessMethod;

  /**
   * TCP ports forwarded with `PortList`, e.g. `[22]`. Not allowed with `WholeIP`.
   *
   * @default - none
   */
  readonly ports?: number[];
}

/** Options of `tenant.addVm()`. */
export interface VMOptions {
  /**
   * Instance type: `InstanceType.of(InstanceClass.U1, InstanceSize.LARGE)` (typed), or a name
   * such as `u1.large`: series s1 (1 vCPU : 2 GiB), u1 (1:4) or m1 (1:8), size small to 8xlarge.
   */
  readonly instanceType: InstanceType | string;

  /**
   * VM name, unique in its tenant: 1 to 40 lowercase letters, digits and '-'. Changing it
   * replaces the VM.
   *
   * @default - derived from the construct id, as for tenants (`Bastion` -> `bastion`)
   */
  readonly name?: string;

  /**
   * Guest OS profile. Changing it replaces the VM.
   *
   * @default 'ubuntu'
   */
  readonly instanceProfile?: InstanceProfile;

  /**
   * The boot disk.
   *
   * @default - 20 GiB of replicated storage from ubuntu-2404
   */
  readonly systemDisk?: SystemDiskOptions;

  /**
   * Standalone disks the VM uses, in order: the first is its system disk (the VM then has no
   * `systemDisk` of its own); `attachDisk()` appends more. A disk is attached to one VM at most,
   * and is kept when the VM is deleted.
   *
   * @default - none: the VM boots from its own `systemDisk`
   */
  readonly disks?: IDisk[];

  /**
   * Data disks, attached in order; `addDataDisk()` appends more.
   *
   * @default - none
   */
  readonly dataDisks?: DataDisk[];

  /**
   * When the VM runs; `Halted` stops it (disks and address are still billed).
   *
   * @default 'Always'
   */
  readonly runStrategy?: RunStrategy;

  /**
   * Exposure outside the tenant network.
   *
   * @default - no external access
   */
  readonly externalAccess?: ExternalAccess;

  /**
   * OpenSSH public keys installed for the default user.
   *
   * @default - none
   */
  readonly sshKeys?: string[];

  /**
   * cloud-init user data (`#cloud-config` YAML). Sent through the write-only attribute
   * `cloud_init_wo` (Terraform 1.11): never in plan or state. It is still written into
   * `cdk.tf.json` when given as a literal: pass secrets through a sensitive `TerraformVariable`
   * (`variable.addOverride('ephemeral', true)` keeps them out of the plan file too).
   *
   * @default - none
   */
  readonly cloudInit?: string;

  /**
   * Change it to send `cloudInit` to the VM again: Terraform cannot see a change of a write-only
   * value.
   *
   * @default - derived from the text when `cloudInit` is a literal, else 1
   */
  readonly cloudInitVersion?: number;

  /**
   * GPUs passed through, by model: `[Gpu.L40S]` (a name string is checked at construction).
   *
   * @default - none
   */
  readonly gpus?: (Gpu | string)[];

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - create 20m, update 20m, delete 10m
   */
  readonly timeouts?: Timeouts;
}

/** Props of a VM. */
export interface VMProps extends VMOptions {
  /** The tenant the VM runs in. Changing it replaces the VM. */
  readonly tenant: ITenant;
}

const attrs = vmModel.attributes;
const fields = (type: AttrType) => (type.kind === 'object' ? type.attributes : type.kind === 'list' && type.element.kind === 'object' ? type.element.attributes : {});
const systemDisk = fields(attrs.system_disk.type);
const dataDisk = fields(attrs.data_disks.type);
const externalAccess = fields(attrs.external_access.type);
const MAX_DATA_DISKS = attrs.data_disks.validation?.maxItems ?? 8;

/**
 * A virtual machine (KubeVirt) in a tenant, with a system disk, data disks and optional
 * external access.
 *
 * @resource hikube_virtual_machine
 */
export class VM extends Construct implements IVm {
  public readonly vmId: string;
  public readonly vmName: string;
  public readonly privateIp: string;
  /**
   * Public address with external access; null otherwise (a token).
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
  /** The tenant the VM runs in. */
  public readonly tenant: ITenant;
  /** The L1 `hikube_virtual_machine` resource, for what the construct does not expose. */
  public readonly resource: HikubeVirtualMachine;

  private readonly dataDisks: DataDisk[] = [];
  private readonly disks: IDisk[] = [];
  private readonly ownSystemDisk: boolean;
  private readonly subnets: ISubnet[] = [];

  public constructor(scope: Construct, id: string, props: VMProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const name = resourceName(this, props.name, attrs.name, 'bastion');
    const type = instanceTypeName(props.instanceType);
    checkInstanceType(this, 'instanceType', type);
    checkAttribute(this, 'instanceProfile', attrs.instance_profile, props.instanceProfile, `Use one of ${INSTANCE_PROFILES.join(', ')}.`);
    checkAttribute(this, 'runStrategy', attrs.run_strategy, props.runStrategy, `Use one of ${RUN_STRATEGIES.join(', ')}.`);
    checkAttribute(this, 'systemDisk.sizeGb', systemDisk.size_gb, props.systemDisk?.sizeGb, 'Use a whole number of GiB from 5 to 16384.');
    checkAttribute(this, 'systemDisk.storageClass', systemDisk.storage_class, props.systemDisk?.storageClass, "Use 'replicated' or 'local'.");
    checkAttribute(this, 'systemDisk.image', systemDisk.image, props.systemDisk?.image, "Use an image of Hikube's catalog such as 'ubuntu-2404' (hikube catalog images lists them).");
    this.checkExternalAccess(props.externalAccess);
    checkAttribute(this, 'sshKeys', attrs.ssh_keys, props.sshKeys, "Pass OpenSSH public key lines such as 'ssh-ed25519 AAAA... me@host'.");
    checkAttribute(this, 'cloudInit', attrs.cloud_init_wo, props.cloudInit, 'Keep cloud-init under 64 KiB; fetch larger files from cloud-init itself.');
    checkAttribute(this, 'gpus', attrs.gpus, props.gpus, 'Use a Gpu enum value (Gpu.L40S, ...); hikube catalog gpus lists them.');
    checkTimeouts(this, attrs.timeouts, props.timeouts);

    const defaults = attrs.system_disk.default as { size_gb: number; storage_class: string; image: string };
    this.ownSystemDisk = props.systemDisk !== undefined;
    this.resource = new HikubeVirtualMachine(this, 'Resource', {
      tenantId: props.tenant.tenantId,
      name,
      instanceType: type,
      instanceProfile: props.instanceProfile ?? (attrs.instance_profile.default as string),
      // Left out when the VM boots from a standalone disk (attached after construction too).
      systemDisk: Lazy.anyValue({
        produce: () =>
          this.disks.length > 0
            ? undefined
            : hikubeVirtualMachineSystemDiskToTerraform({
                sizeGb: props.systemDisk?.sizeGb ?? defaults.size_gb,
                storageClass: props.systemDisk?.storageClass ?? defaults.storage_class,
                image: props.systemDisk?.image ?? defaults.image,
              }),
      }) as unknown as HikubeVirtualMachineSystemDisk, // a nested object's binding type has no token form
      disks: Lazy.listValue({ produce: () => (this.disks.length > 0 ? this.disks.map((d) => d.diskId) : undefined) }),
      // Disks may be added after construction: rendered at synth, in the order they were given.
      dataDisks: Lazy.anyValue({ produce: () => this.renderDataDisks() }),
      runStrategy: props.runStrategy ?? (attrs.run_strategy.default as string),
      externalAccess: props.externalAccess && {
        method: props.externalAccess.method ?? (externalAccess.method.default as string),
        ports: props.externalAccess.ports,
      },
      sshKeys: literalDeep(props.sshKeys),
      cloudInitWo: literal(props.cloudInit),
      cloudInitWoVersion: props.cloudInit === undefined ? undefined : (props.cloudInitVersion ?? versionOf(props.cloudInit)),
      gpus: props.gpus,
      // Subnets may be joined after construction (`connectTo()`): rendered at synth.
      subnetIds: Lazy.listValue({ produce: () => this.subnets.map((s) => s.subnetId) }, { omitEmpty: true }),
      timeouts: props.timeouts,
    });
    for (const disk of props.dataDisks ?? []) this.addDataDisk(disk.name, disk);
    for (const disk of props.disks ?? []) this.attachDisk(disk);

    this.vmName = name;
    this.vmId = this.resource.id;
    this.privateIp = this.resource.privateIp;
    this.externalIp = this.resource.externalIp;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
  }

  /**
   * Attaches a standalone disk after those already attached: the first is the VM's system disk.
   * A disk is attached to one VM at most; deleting the VM keeps it.
   */
  public attachDisk(disk: IDisk): void {
    const holder = ATTACHED.get(disk);
    if (holder === this || this.disks.includes(disk))
      throw new ValidationError(this, `disk ${disk.node.path} is already attached to this VM`, { value: disk.node.path, fix: 'Attach each disk once.' });
    if (holder) {
      throw new ValidationError(this, `disk ${disk.node.path} is already attached to VM ${holder.node.path}: a disk is attached to at most one VM`, {
        value: disk.node.path,
        fix: 'Detach it from that VM (leave it out of its disks) or give this VM a disk of its own.',
      });
    }
    if (this.ownSystemDisk) {
      throw new ValidationError(this, 'attachDisk() conflicts with systemDisk: the VM boots from the first disk it attaches', {
        value: disk.node.path,
        fix: 'Drop systemDisk and attach a disk filled from an image first (DiskSource.image()), or keep systemDisk and use addDataDisk().',
      });
    }
    const max = attrs.disks.validation?.maxItems ?? 8;
    if (this.disks.length >= max) throw new ValidationError(this, `too many disks: at most ${max}`, { value: disk.node.path, fix: 'Use fewer, larger disks.' });
    ATTACHED.set(disk, this);
    this.disks.push(disk);
  }

  /** Attaches a data disk after those already given; rendered at synth. */
  public addDataDisk(name: string, options: DataDiskOptions): void {
    const where = `dataDisks[${JSON.stringify(name)}]`;
    checkAttribute(this, 'data disk name', dataDisk.name, name, "Use 1 to 32 lowercase letters, digits and '-', e.g. 'data'.");
    if (this.dataDisks.some((d) => d.name === name)) {
      throw new ValidationError(this, 'duplicate data disk', { value: name, fix: 'Give each data disk of a VM its own name.' });
    }
    if (this.dataDisks.length >= MAX_DATA_DISKS) {
      throw new ValidationError(this, `too many data disks: at most ${MAX_DATA_DISKS}`, { value: name, fix: 'Use fewer, larger disks.' });
    }
    checkAttribute(this, `${where}.sizeGb`, dataDisk.size_gb, options.sizeGb, 'Use a whole number of GiB from 1 to 16384.');
    checkAttribute(this, `${where}.storageClass`, dataDisk.storage_class, options.storageClass, "Use 'replicated' or 'local'.");
    checkAttribute(this, `${where}.image`, dataDisk.image, options.image, "Use an image of Hikube's catalog such as 'ubuntu-2404' (hikube catalog images lists them), or none for an empty disk.");
    this.dataDisks.push({ ...options, name });
  }

  /**
   * Joins a subnet of a VPC of the same tenant (one more network interface), e.g.
   * `vm.connectTo(vpc.addSubnet('App', { cidr: '192.168.10.0/24' }))`.
   */
  public connectTo(subnet: ISubnet): void {
    if (subnet.vpc.tenant !== this.tenant) {
      throw new ValidationError(this, 'cannot join a subnet of another tenant', {
        value: subnet.node.path,
        fix: `Join a subnet of a VPC of ${this.tenant.node.path}, or add the VM to that subnet's tenant.`,
      });
    }
    if (this.subnets.includes(subnet)) throw new ValidationError(this, 'already joined this subnet', { value: subnet.node.path, fix: 'Connect a VM to a subnet once.' });
    const max = attrs.subnet_ids.validation?.maxItems ?? 8;
    if (this.subnets.length >= max) throw new ValidationError(this, `too many subnets: at most ${max}`, { value: subnet.node.path, fix: 'Join fewer subnets; route between them instead.' });
    this.subnets.push(subnet);
  }

  /**
   * The VM's address in a subnet it joins (`connectTo()`, before or after this call), a token:
   * from the subnet's range, known after apply, e.g. `vm.addressIn(app)` in another VM's
   * cloud-init. Fails at synth if the VM never joins that subnet.
   *
   * @attribute subnet_ips
   */
  public addressIn(subnet: ISubnet): string {
    this.node.addValidation({
      validate: () =>
        this.subnets.includes(subnet) ? [] : [`${this.node.path}: addressIn(${subnet.node.path}) asks for an address in a subnet the VM does not join. Call \`connectTo()\` with that subnet.`],
    });
    // Fn.lookup (subnet_ips[<subnet id>]), not StringMap.lookup(): that one quotes its key, and this key is a reference.
    return Fn.lookup(this.resource.subnetIps, subnet.subnetId);
  }

  private checkExternalAccess(access: ExternalAccess | undefined): void {
    if (!access) return;
    checkAttribute(this, 'externalAccess.method', externalAccess.method, access.method, "Use 'PortList' or 'WholeIP'.");
    checkAttribute(this, 'externalAccess.ports', externalAccess.ports, access.ports, 'Use TCP ports from 1 to 65535, at most 32.');
    const method = access.method ?? 'PortList';
    if (isToken(method) || isToken(access.ports)) return;
    checkRules(this, vmKind.rules({ externalAccess: { method, ports: access.ports ?? null } }), (path) => path.join('.'));
    if (method === 'PortList' && !access.ports?.length) {
      Annotations.of(this).addWarning('externalAccess uses PortList with no ports: the VM gets a billed address that forwards nothing.');
    }
    const seen = new Set<number>();
    for (const port of access.ports ?? []) {
      if (seen.has(port)) throw new ValidationError(this, 'duplicate port in externalAccess.ports', { value: port, fix: 'List each port once.' });
      seen.add(port);
    }
  }

  private renderDataDisks(): unknown[] | undefined {
    if (this.dataDisks.length === 0) return undefined;
    const storageClass = dataDisk.storage_class.default as string;
    return this.dataDisks.map((d) => hikubeVirtualMachineDataDisksToTerraform({ name: d.name, sizeGb: d.sizeGb, storageClass: d.storageClass ?? storageClass, image: d.image }));
  }
}

/** Which VM of the app each disk is attached to: a second attachment fails at construction. */
const ATTACHED = new WeakMap<IDisk, VM>();

/** A literal's own version number (so that editing it sends it again); 1 for a token. */
function versionOf(text: string): number {
  if (isToken(text)) return 1;
  return parseInt(createHash('sha256').update(text).digest('hex').slice(0, 8), 16);
}
