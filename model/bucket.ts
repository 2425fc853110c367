import { createdAtAttribute, creationFlag, idAttribute, monthlyCostAttribute, statusAttribute, statusReasonAttribute, tenantIdAttribute, timeoutsAttribute } from './common';
import { idPatternOf, KindDescriptor, KindSecrets } from './kind';
import { eur } from './pricing';
import { ResourceModel, t } from './schema';
import { secretAttributes } from './secrets';

const ID_PREFIX = 'bkt';
export const BUCKET_ID_PATTERN = idPatternOf(ID_PREFIX);
const TIMEOUTS = { create: '5m', update: '5m', delete: '10m' };

/**
 * The S3 name of a bucket is its name, `-` and the first 8 letters of its id's suffix: S3 names
 * are global on the endpoint, names here are unique only in a tenant. The name therefore keeps
 * 9 of S3's 63 characters free.
 */
const S3_SUFFIX_LENGTH = 8;
const MAX_NAME = 63 - 1 - S3_SUFFIX_LENGTH;

export function bucketS3Name(name: string, id: string): string {
  return `${name}-${id.slice(ID_PREFIX.length + 1, ID_PREFIX.length + 1 + S3_SUFFIX_LENGTH)}`;
}
/**
 * S3's bucket naming rules, for the name and so for the S3 name made from it: lowercase letters,
 * digits, '.' and '-', starting and ending with a letter or digit, no two adjacent periods, no
 * prefix S3 reserves (`xn--`, `sthree-`, `amzn-s3-demo-`). S3's reserved suffixes and IP-address
 * form cannot occur: the S3 name always ends with `-` and letters of the id.
 */
export const BUCKET_NAME_PATTERN = new RegExp(`^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,${MAX_NAME - 2}}[a-z0-9]$`);
export const BUCKET_NAME_HINT = `3 to ${MAX_NAME} characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, no '..', not starting with 'xn--', 'sthree-' or 'amzn-s3-demo-' (S3's naming rules)`;

export const bucketModel: ResourceModel = {
  typeName: 'hikube_bucket',
  collection: '/v1/buckets',
  noun: 'bucket',
  schemaName: 'Bucket',
  version: 0,
  description:
    "An S3 bucket in a tenant (Cozystack's `Bucket`), on the tenant's S3 endpoint. Object Lock and encryption are chosen at creation; " + 'the access keys of its users are another resource.',
  attributes: {
    id: idAttribute(ID_PREFIX),
    tenant_id: tenantIdAttribute('bucket'),
    name: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: `Name of the bucket, unique in its tenant; ${BUCKET_NAME_HINT}. Its S3 name (\`bucket_name\`) is made from it. Changing it forces a new bucket.`,
      validation: { pattern: BUCKET_NAME_PATTERN, patternHint: BUCKET_NAME_HINT },
    },
    locking: creationFlag(
      'S3 Object Lock: objects can be kept from deletion or overwriting for a retention period (write once, read many); it also turns versioning on. ' +
        'Defaults to `false`. S3 enables it only when a bucket is created: changing it forces a new, empty bucket.',
    ),
    encrypted: creationFlag('Objects are encrypted at rest by the storage. Defaults to `false`. Fixed at creation: changing it forces a new, empty bucket.'),
    bucket_name: { type: t.string, computed: true, stable: true, description: 'The S3 name of the bucket, to give S3 clients: `name`, `-` and 8 letters of the id.' },
    endpoint: { type: t.string, computed: true, stable: true, description: "The tenant's S3 endpoint (an HTTPS URL), to give S3 clients." },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    monthly_cost_estimate: {
      ...monthlyCostAttribute,
      description: 'Always `0`: a bucket has no fixed price. Hikube bills the data it stores per GiB-month, which cannot be known when planning (see Costs).',
    },
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** S3 buckets: /v1/buckets (Cozystack kind `Bucket`). Nothing changes in place. */
export const bucketKind: KindDescriptor<'bucket'> = {
  name: 'bucket',
  model: bucketModel,
  label: 'bucket',
  idPrefix: ID_PREFIX,
  backendKind: 'Bucket',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/name',
  cost: {
    // What a bucket stores is billed as it is stored; a plan knows no more than that it exists.
    monthly: () => 0,
    inputs: [],
    explained:
      `nothing: a bucket has no fixed monthly price, so the estimate is always ${eur(0)}. Hikube bills the data a bucket stores per GiB-month, ` +
      'an amount no plan can know; this price list has no price for it, and usage reports (`hikube_tenant_usage`) count buckets at 0 as well.',
  },
  // Counted; its size is unknown (what it stores), so it weighs on no storage quota.
  quota: { count: { key: 'buckets', counts: 'buckets' }, blame: { count: ['name'] } },
  policy: () => ({ instanceTypes: [] }),
  rules: () => [],
  examples: {
    create: { locking: false, encrypted: true },
  },
  docs: {
    example: `resource "hikube_bucket" "assets" {
  tenant_id = hikube_tenant.production.id
  name      = "assets"
  locking   = true
  encrypted = true
}

output "assets_s3" {
  value = {
    bucket   = hikube_bucket.assets.bucket_name
    endpoint = hikube_bucket.assets.endpoint
  }
}`,
    imported: { local: 'assets', path: 'acme/production/assets' },
  },
};

const USER_ID_PREFIX = 'bku';
const USER_TIMEOUTS = { create: '5m', update: '5m', delete: '5m' };
/** What a bucket user may do: read and write objects, or only list and read them. */
export const BUCKET_ACCESS = ['readwrite', 'readonly'] as const;
export type BucketAccessValue = (typeof BUCKET_ACCESS)[number];
const USER_NAME_PATTERN = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const USER_NAME_HINT = "1 to 63 lowercase letters, digits and '-', starting with a letter and not ending with '-'";

/**
 * The user's S3 key pair. The secret key is sealed to the back-end, not hashed: S3 checks a
 * request's signature by computing it again with the secret key, so the back-end must hold the
 * key itself. A rotation issues a new pair (new access key id too), as S3 back-ends do: clients
 * and access logs can then tell the old key from the new one.
 */
export const BUCKET_USER_SECRETS: KindSecrets = {
  generated: [
    {
      attribute: 'secret_access_key',
      what: "the user's S3 secret access key",
      bytes: 30,
      verifier: 'sealed-to-backend',
      keyId: { attribute: 'access_key_id', what: "the user's S3 access key id", prefix: 'HK' },
      // Sealed, not hashed: a supplied key is as safe as a generated one, and this keeps it out of state.
      suppliedBy: 'secret_access_key_wo',
    },
  ],
  rotatable: true,
};

export const bucketUserModel: ResourceModel = {
  typeName: 'hikube_bucket_user',
  schemaName: 'BucketUser',
  collection: '/v1/bucket-users',
  noun: 'bucket user',
  // 1: secret_access_key_wo and its version (bucketUserKind's upgrader).
  version: 1,
  description:
    'A user of an S3 bucket, with read-write or read-only access and an S3 key pair: the access key id (not secret) and the secret access key, generated by the platform and returned once ' +
    '(kept in state, sensitive), or supplied write-only with `secret_access_key_wo` (never in state); `rotation_triggers` issues a new pair in place. Billed as part of its bucket; the bucket cannot be deleted while it has users (Terraform deletes them first).',
  attributes: {
    id: idAttribute(USER_ID_PREFIX),
    bucket_id: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: 'Id of the bucket (`hikube_bucket`) the user belongs to. Changing it forces a new user.',
      validation: { pattern: BUCKET_ID_PATTERN, patternHint: 'a bucket id such as bkt-abcdefghijklmnop' },
    },
    tenant_id: { type: t.string, computed: true, stable: true, description: "The bucket's tenant." },
    name: {
      type: t.string,
      required: true,
      replaceOnChange: true,
      description: `User name, unique in its bucket: ${USER_NAME_HINT}. Changing it forces a new user.`,
      validation: { pattern: USER_NAME_PATTERN, patternHint: USER_NAME_HINT },
    },
    access: {
      type: t.string,
      optional: true,
      computed: true,
      default: 'readwrite',
      description: '`readwrite` (list, read, write and delete objects) or `readonly` (list and read them). Defaults to `readwrite`. Changed in place; the keys stay the same.',
      validation: { oneOf: BUCKET_ACCESS },
    },
    ...secretAttributes(BUCKET_USER_SECRETS),
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(USER_TIMEOUTS),
  },
};

/** Users of S3 buckets: /v1/bucket-users (the bucket's `users` in Cozystack). */
export const bucketUserKind: KindDescriptor<'bucket-user'> = {
  name: 'bucket-user',
  model: bucketUserModel,
  label: 'bucket-user',
  idPrefix: USER_ID_PREFIX,
  backendKind: 'Bucket',
  parent: { kind: 'bucket', field: 'bucketId' },
  timeouts: USER_TIMEOUTS,
  importBy: 'tenant-path/parent/name',
  cost: { none: 'billed as part of its bucket' },
  quota: { blame: {} },
  policy: () => ({ instanceTypes: [] }),
  secrets: BUCKET_USER_SECRETS,
  rules: () => [],
  stateUpgraders: {
    // v0 -> v1: secret_access_key_wo (write-only, never stored) and secret_access_key_wo_version arrived.
    0: (state) => ({ ...state, secret_access_key_wo: null, secret_access_key_wo_version: null }),
  },
  examples: {
    create: { access: 'readonly' },
    update: (n) => ({ access: n % 2 ? 'readwrite' : 'readonly' }),
  },
  docs: {
    example: `resource "hikube_bucket_user" "uploader" {
  bucket_id = hikube_bucket.assets.id
  name      = "uploader"
  access    = "readwrite"

  # Change to issue a new key pair in place.
  rotation_triggers = { rotated = "2026-12" }
}

output "uploader_s3" {
  value = {
    endpoint          = hikube_bucket.assets.endpoint
    bucket            = hikube_bucket.assets.bucket_name
    access_key_id     = hikube_bucket_user.uploader.access_key_id
    secret_access_key = hikube_bucket_user.uploader.secret_access_key
  }
  sensitive = true
}`,
    imported: { local: 'uploader', path: 'acme/production/assets/uploader' },
  },
};
