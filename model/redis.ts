import { dataServiceKind } from './data-service';
import { KindSecrets } from './kind';
import { t } from './schema';

/** Major versions Hikube runs; upgrades happen in place, one way. */
export const REDIS_VERSIONS = ['v7', 'v8'] as const;
export const REDIS_PORT = 6379;
export const DEFAULT_REDIS_VERSION = 'v8';

/**
 * The password of the cluster's default user, while `auth_enabled`. Sealed to the back-end, not
 * hashed: replicas and Sentinel log in to the primary with the password itself (`masterauth`),
 * so the back-end must hold it. For the same reason a supplied one (`password_wo`, kept out of
 * state) is as safe as a generated one.
 */
export const REDIS_SECRETS: KindSecrets = {
  generated: [{ attribute: 'password', what: "the cluster's password", bytes: 24, verifier: 'sealed-to-backend', enabledBy: 'auth_enabled', suppliedBy: 'password_wo' }],
  rotatable: true,
};

/** Redis clusters: /v1/redis (Cozystack kind `Redis`, run by the Redis operator with Sentinel). */
const redis = dataServiceKind({
  name: 'redis',
  engine: 'Redis',
  typeName: 'hikube_redis',
  collection: '/v1/redis',
  schemaName: 'RedisCluster',
  description:
    'A managed Redis in a tenant (the Redis operator in Cozystack): one primary and up to seven replicas watched by Sentinel, each keeping its data in memory and its snapshots on its own volume, ' +
    'reachable inside the tenant at `host`, and from outside through a load balancer when `external` is set.',
  idPrefix: 'rds',
  backendKind: 'Redis',
  versions: REDIS_VERSIONS,
  defaultVersion: DEFAULT_REDIS_VERSION,
  versionNoun: 'Redis major version',
  port: REDIS_PORT,
  replicas: { default: 2, clustered: 'a primary with replicas, Sentinel failing over to one of them' },
  host: 'Address of the primary inside the tenant network (Sentinel keeps it on the current primary).',
  sizeGb: { default: 1, note: 'It holds the snapshots (RDB and AOF): the data itself lives in memory, within the preset.' },
  extras: {
    auth_enabled: {
      type: t.bool,
      optional: true,
      computed: true,
      default: true,
      description:
        'Clients must authenticate with `password` (the `AUTH` command). Defaults to `true`. Changed in place: turning it on generates a password (returned in that apply), turning it off drops it.',
    },
  },
  secrets: REDIS_SECRETS,
  // 1: password_wo and password_wo_version.
  schema: { version: 1, upgraders: { 0: (state) => ({ ...state, password_wo: null, password_wo_version: null }) } },
  examples: {
    create: { replicas: 2, sizeGb: 1 },
    update: (n) => ({ preset: n % 2 ? 'small' : 'nano' }),
  },
  docs: {
    example: `resource "hikube_redis" "cache" {
  tenant_id = hikube_tenant.production.id
  name      = "cache"
  version   = "v8"
  replicas  = 2
  size_gb   = 2
  preset    = "small"

  # Change to rotate the password in place.
  rotation_triggers = { rotated = "2026-12" }
}

output "cache_url" {
  value     = "redis://:\${hikube_redis.cache.password}@\${hikube_redis.cache.host}:\${hikube_redis.cache.port}"
  sensitive = true
}`,
    imported: { local: 'cache', path: 'acme/production/cache' },
  },
});
export const redisModel = redis.model;
export const redisKind = redis.kind;
export const REDIS_ID_PATTERN = redis.idPattern;
