import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { Construct, IConstruct } from 'constructs';
import { KINDS } from '../model';
import { ValidationError } from './errors';
import { HikubeBucket } from './generated/bucket';
import { HikubeBucketUser } from './generated/bucket-user';
import { ICluster, ITenant } from './interfaces';
import { checkAttribute, resourceName } from './private/checks';
import { credentialsSecret, childScope } from './private/database-user';
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

  /** The bucket name, unique in its tenant. */
  readonly bucketName: string;
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

  /**
   * Creates a user of this bucket with its own S3 key pair, e.g.
   * `addUser('Reader', { access: BucketAccess.READ_ONLY })`, under this bucket's `Users` construct.
   */
  public addUser(id: string, options: BucketUserOptions = {}): BucketUser {
    return new BucketUser(childScope(this), id, { ...options, bucket: this });
  }
}

/** What a bucket user may do with its objects. */
export enum BucketAccess {
  /** List, read, write and delete objects. */
  READ_WRITE = 'readwrite',
  /** List and read objects. */
  READ_ONLY = 'readonly',
}

/** Options of `bucket.addUser()`. */
export interface BucketUserOptions {
  /**
   * User name, unique in its bucket: lowercase letters, digits and `-`. Changing it replaces
   * the user (and its keys).
   *
   * @default - derived from the construct id (`Uploader` -> `uploader`)
   */
  readonly name?: string;

  /**
   * What the user may do. Changed in place; the keys stay the same.
   *
   * @default BucketAccess.READ_WRITE
   */
  readonly access?: BucketAccess;

  /**
   * Arbitrary values; when any changes, the next apply issues a new key pair in place (a new
   * access key id and secret access key; the old pair stops working). Never rotated otherwise.
   *
   * @default - never rotated
   */
  readonly rotationTriggers?: Record<string, string>;

  /**
   * How long Terraform waits for creation, updates and deletion.
   *
   * @default - 5m each
   */
  readonly timeouts?: Timeouts;
}

/** Props of a bucket user. */
export interface BucketUserProps extends BucketUserOptions {
  /** The bucket the user belongs to. Changing it replaces the user. */
  readonly bucket: IBucket;
}

/** What an S3 client needs to reach the bucket as a user: every value a token until apply. */
export interface S3Credentials {
  /** The tenant's S3 endpoint, an HTTPS URL. */
  readonly endpoint: string;
  /** The S3 name of the bucket. */
  readonly bucket: string;
  readonly accessKeyId: string;
  /** A sensitive token: an output of it needs `sensitive: true`. */
  readonly secretAccessKey: string;
}

/** Options of `user.credentialsSecret()`. */
export interface CredentialsSecretOptions {
  /** Namespace of the Secret in the cluster. */
  readonly namespace: string;
  /**
   * Name of the Secret.
   *
   * @default - `<bucket name>-<user name>`, with `.` as `-`
   */
  readonly name?: string;
  /**
   * What the application needs: a read-write need on a read-only user is refused here rather
   * than failing at the application's first write.
   *
   * @default - the user's own access
   */
  readonly access?: BucketAccess;
}

const userAttrs = KINDS['bucket-user'].model.attributes;

/**
 * A user of an S3 bucket. Its key pair is generated by the platform at creation: the access key
 * id (not secret) and the secret access key (kept in Terraform state, sensitive), both replaced
 * when `rotationTriggers` changes.
 *
 * @resource hikube_bucket_user
 */
export class BucketUser extends Construct {
  /**
   * User id, `bku-` followed by 16 characters (a token until apply).
   *
   * @attribute
   */
  public readonly userId: string;
  /** The user name. */
  public readonly userName: string;
  /** What the user may do. */
  public readonly access: BucketAccess;
  /**
   * The access key id (a token; not secret).
   *
   * @attribute
   */
  public readonly accessKeyId: string;
  /**
   * The secret access key (a sensitive token: an output of it needs `sensitive: true`).
   *
   * @attribute
   */
  public readonly secretAccessKey: string;
  /** The bucket the user belongs to. */
  public readonly bucket: IBucket;
  /** The L1 `hikube_bucket_user` resource, for what the construct does not expose. */
  public readonly resource: HikubeBucketUser;

  public constructor(scope: Construct, id: string, props: BucketUserProps) {
    super(scope, id);
    this.bucket = props.bucket;
    const name = resourceName(this, props.name, userAttrs.name, 'uploader');
    const access = props.access ?? BucketAccess.READ_WRITE;
    checkAttribute(this, 'access', userAttrs.access, access, `Use ${BucketAccess.READ_WRITE} or ${BucketAccess.READ_ONLY} (BucketAccess.READ_WRITE, BucketAccess.READ_ONLY).`);
    checkTimeouts(this, userAttrs.timeouts, props.timeouts);
    this.resource = new HikubeBucketUser(this, 'Resource', {
      bucketId: props.bucket.bucketId,
      name,
      access,
      rotationTriggers: props.rotationTriggers,
      timeouts: props.timeouts,
    });
    this.userName = name;
    this.access = access;
    this.userId = this.resource.id;
    this.accessKeyId = this.resource.accessKeyId;
    this.secretAccessKey = this.resource.secretAccessKey;
  }

  /** Endpoint, bucket, access key id and secret access key (tokens). */
  public s3Credentials(): S3Credentials {
    return { endpoint: this.bucket.endpoint, bucket: this.bucket.s3BucketName, accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey };
  }

  /**
   * The credentials as a Kubernetes Secret in `cluster`, through its `kubernetesProvider()`:
   * the environment variables S3 SDKs read (`AWS_ENDPOINT_URL_S3`, `AWS_ACCESS_KEY_ID`,
   * `AWS_SECRET_ACCESS_KEY`) and `BUCKET_NAME`, for an application's `envFrom`. The key reaches
   * the cluster from Terraform state; a rotation replaces it there too (pods read it again on
   * restart).
   */
  public credentialsSecret(cluster: ICluster, options: CredentialsSecretOptions): Secret {
    const name = `${this.bucket.bucketName}-${this.userName}`.replace(/\./g, '-');
    return credentialsSecret(this, 'credentialsSecret', cluster, options, name, () => {
      if (options.access !== undefined) {
        checkAttribute(this, 'access', userAttrs.access, options.access, `Use ${BucketAccess.READ_WRITE} or ${BucketAccess.READ_ONLY}.`);
        if (options.access === BucketAccess.READ_WRITE && this.access === BucketAccess.READ_ONLY) {
          throw new ValidationError(this, `invalid access: bucket user ${this.userName} is read-only, so it cannot give the application write access to bucket ${this.bucket.bucketName}`, {
            value: options.access,
            fix: `Give the user \`access: BucketAccess.READ_WRITE\`, or add a read-write user with \`bucket.addUser()\` for this application.`,
          });
        }
      }
      const c = this.s3Credentials();
      return { AWS_ENDPOINT_URL_S3: c.endpoint, BUCKET_NAME: c.bucket, AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey };
    });
  }
}
