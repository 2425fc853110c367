import { Construct, IConstruct } from 'constructs';
import { KINDS } from '../model';
import { HikubeBucket } from './generated/bucket';
import { ITenant } from './interfaces';
import { resourceName } from './private/checks';
import { Timeouts, checkTimeouts } from './timeouts';

/** An S3 bucket made in this app. */
export interface IBucket extends IConstruct {
  /**
   * Bucket id, `bkt-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  readonly bucketId: string;

  /**
   * The S3 name of the bucket, to give S3 clients (a token).
   *
   * @attribute
   */
  readonly s3BucketName: string;

  /**
   * The tenant's S3 endpoint, an HTTPS URL (a token).
   *
   * @attribute
   */
  readonly endpoint: string;
}

/** Options of `tenant.addBucket()`. */
export interface BucketOptions {
  /**
   * Bucket name, unique in its tenant, by S3's naming rules (3 to 54 characters: lowercase
   * letters, digits, '.' and '-'). Its S3 name is made from it. Changing it replaces the bucket.
   *
   * @default - derived from the construct id, as for tenants (`Assets` -> `assets`)
   */
  readonly name?: string;

  /**
   * S3 Object Lock (write once, read many; versioning on). Fixed at creation: changing it
   * replaces the bucket with a new, empty one.
   *
   * @default false
   */
  readonly locking?: boolean;

  /**
   * Objects encrypted at rest. Fixed at creation: changing it replaces the bucket with a new,
   * empty one.
   *
   * @default false
   */
  readonly encrypted?: boolean;

  /**
   * How long Terraform waits for creation and deletion.
   *
   * @default - create 5m, delete 10m
   */
  readonly timeouts?: Timeouts;
}

/** Props of a bucket. */
export interface BucketProps extends BucketOptions {
  /** The tenant the bucket belongs to. Changing it replaces the bucket. */
  readonly tenant: ITenant;
}

const attrs = KINDS.bucket.model.attributes;

/**
 * An S3 bucket in a tenant. It has no fixed price: what it stores is billed per GiB-month as
 * stored, so its `monthlyCostEstimate` is 0.
 *
 * @resource hikube_bucket
 */
export class Bucket extends Construct implements IBucket {
  public readonly bucketId: string;
  /** The bucket name, unique in its tenant. */
  public readonly bucketName: string;
  public readonly s3BucketName: string;
  public readonly endpoint: string;
  /** The tenant the bucket belongs to. */
  public readonly tenant: ITenant;
  /** The L1 `hikube_bucket` resource, for what the construct does not expose. */
  public readonly resource: HikubeBucket;

  public constructor(scope: Construct, id: string, props: BucketProps) {
    super(scope, id);
    this.tenant = props.tenant;
    const name = resourceName(this, props.name, attrs.name, 'assets');
    checkTimeouts(this, attrs.timeouts, props.timeouts);
    this.resource = new HikubeBucket(this, 'Resource', {
      tenantId: props.tenant.tenantId,
      name,
      locking: props.locking,
      encrypted: props.encrypted,
      timeouts: props.timeouts,
    });
    this.bucketName = name;
    this.bucketId = this.resource.id;
    this.s3BucketName = this.resource.bucketName;
    this.endpoint = this.resource.endpoint;
  }
}
