import { createdAtAttribute, idAttribute, monthlyCostAttribute, statusAttribute, statusReasonAttribute, tenantIdAttribute, timeoutsAttribute } from './common';
import { KindDescriptor } from './kind';
import { eur } from './pricing';
import { ResourceModel, t } from './schema';

const ID_PREFIX = 'bkt';
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
    locking: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      replaceOnChange: true,
      description:
        'S3 Object Lock: objects can be kept from deletion or overwriting for a retention period (write once, read many); it also turns versioning on. ' +
        'Defaults to `false`. S3 enables it only when a bucket is created: changing it forces a new, empty bucket.',
    },
    encrypted: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      replaceOnChange: true,
      description: 'Objects are encrypted at rest by the storage. Defaults to `false`. Fixed at creation: changing it forces a new, empty bucket.',
    },
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
