import { Construct, IConstruct } from 'constructs';
import { DISK_SIZE, KINDS, OS_FAMILIES } from '../model';
import { HikubeDisk } from './generated/disk';
import { ITenant } from './interfaces';
import { checkAttribute, checkRules, resourceName } from './private/checks';
import { Timeouts, checkTimeouts } from './timeouts';

/** A standalone disk made in this app (or referenced by id). */
export interface IDisk extends IConstruct {
  /**
   * Disk id, `dsk-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly diskId: string;

  /** The disk name, unique in its tenant. */
  readonly diskName: string;
}

/** The OS family of an installer ISO. */
export enum OsFamily {
  LINUX = 'linux',
  WINDOWS = 'windows',
}

/** What a disk is filled from. */
export class DiskSource {
  /** A platform image by name, e.g. `DiskSource.image('ubuntu-2404')` (see the `hikube_images` data source). */
  public static image(name: string): DiskSource {
    return new DiskSource({ image: name });
  }

  /** A disk image (qcow2 or raw) downloaded from an HTTP(S) URL. */
  public static url(url: string): DiskSource {
    return new DiskSource({ imageUrl: url });
  }

  /** An installer ISO downloaded from an HTTP(S) URL and mounted as a CD-ROM in the VM that uses the disk. */
  public static iso(url: string, osFamily: OsFamily): DiskSource {
    return new DiskSource({ imageUrl: url, cdrom: true, osFamily });
  }

  private constructor(
    /** The attributes it sets, in the binding's names. */
    public readonly fields: { readonly image?: string; readonly imageUrl?: string; readonly cdrom?: boolean; readonly osFamily?: string },
  ) {}
}

/** Options of `tenant.addDisk()`. */
export interface DiskOptions {
  /** Size in GB, 20 to 4096. Grows in place, never shrinks. */
  readonly sizeGb: number;

  /**
   * Disk name, unique in its tenant. Changing it replaces the disk.
   *
   * @default - derived from the construct id, as for tenants (`Data` -> `data`)
   */
  readonly name?: string;

  /**
   * What the disk is filled from. Changing it replaces the disk.
   *
   * @default - an empty disk
   */
  readonly source?: DiskSource;

  /**
   * `replicated` or `local`. Changing it replaces the disk.
   *
   * @default 'replicated'
   */
  readonly storageClass?: string;

  /**
   * Encrypted at rest. Fixed at creation: changing it replaces the disk with a new, empty one.
   *
   * @default false
   */
  readonly encrypted?: boolean;

  /**
   * Replicas written asynchronously. Fixed at creation.
   *
   * @default false - synchronous replication
   */
  readonly asyncReplication?: boolean;

  /**
   * How long Terraform waits for creation (an image download), growth and deletion.
   *
   * @default - create 30m, update 10m, delete 10m
   */
  readonly timeouts?: Timeouts;
}

/** Props of a disk. */
export interface DiskProps extends DiskOptions {
  /** The tenant the disk belongs to. Changing it replaces the disk. */
  readonly tenant: ITenant;
}

const attrs = KINDS.disk.model.attributes;

/**
 * A standalone disk in a tenant: VMs use it through `vm.attachDisk(disk)` (the first disk a VM
 * lists is its system disk); it is attached to at most one VM and outlives the VMs that used it.
 *
 * @resource hikube_disk
 */
export class Disk extends Construct implements IDisk {
  public readonly diskId: string;
  public readonly diskName: string;
  /**
   * Id of the VM using it, as of the last refresh (a token).
   *
   * @attribute
   */
  public readonly attachedTo: string;
  /**
   * Estimated monthly cost in EUR, known at plan time (a token).
   *
   * @attribute
   */
  public readonly monthlyCostEstimate: number;
  /** The tenant the disk belongs to. */
  public readonly tenant: ITenant;
  /** The L1 `hikube_disk` resource, for what the construct does not expose. */
  public readonly resource: HikubeDisk;

  public constructor(scope: Construct, id: string, props: DiskProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const name = resourceName(this, props.name, attrs.name, 'data');
    checkAttribute(this, 'sizeGb', attrs.size_gb, props.sizeGb, `Use a whole number of GB from ${DISK_SIZE.min} to ${DISK_SIZE.max}.`);
    checkAttribute(this, 'storageClass', attrs.storage_class, props.storageClass, "Use 'replicated' or 'local'.");
    const source = props.source?.fields ?? {};
    checkAttribute(this, 'source image', attrs.image, source.image, "Use an image of Hikube's catalog such as 'ubuntu-2404' (hikube catalog images lists them).");
    checkAttribute(this, 'source url', attrs.image_url, source.imageUrl, 'Use an http:// or https:// URL.');
    checkAttribute(this, 'source osFamily', attrs.os_family, source.osFamily, `Use one of ${OS_FAMILIES.join(', ')}.`);
    checkRules(this, KINDS.disk.rules({ ...source, sizeGb: props.sizeGb }), (path) => path.join('.'));
    checkTimeouts(this, attrs.timeouts, props.timeouts);
    this.resource = new HikubeDisk(this, 'Resource', {
      tenantId: props.tenant.tenantId,
      name,
      sizeGb: props.sizeGb,
      storageClass: props.storageClass,
      encrypted: props.encrypted,
      asyncReplication: props.asyncReplication,
      ...source,
      timeouts: props.timeouts,
    });
    this.diskName = name;
    this.diskId = this.resource.id;
    this.attachedTo = this.resource.attachedTo;
    this.monthlyCostEstimate = this.resource.monthlyCostEstimate;
  }
}
