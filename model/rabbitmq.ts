import { clusterChildKind, dataServiceKind } from './data-service';
import { t } from './schema';

/** Release series Hikube runs; upgrades happen in place, one way. */
export const RABBITMQ_VERSIONS = ['v3.13', 'v4.0', 'v4.1', 'v4.2'] as const;
export const RABBITMQ_PORT = 5672;
export const DEFAULT_RABBITMQ_VERSION = 'v4.1';

/** RabbitMQ clusters: /v1/rabbitmq (Cozystack kind `RabbitMQ`, run by the RabbitMQ cluster operator). */
const rabbitmq = dataServiceKind({
  name: 'rabbitmq',
  engine: 'RabbitMQ',
  typeName: 'hikube_rabbitmq',
  collection: '/v1/rabbitmq',
  schemaName: 'RabbitmqCluster',
  description:
    'A managed RabbitMQ in a tenant (the RabbitMQ cluster operator in Cozystack): up to eight nodes, each with its own volume, with its vhosts (`hikube_rabbitmq_vhost`); ' +
    'AMQP at `host` inside the tenant, and from outside through a load balancer when `external` is set.',
  idPrefix: 'rmq',
  backendKind: 'RabbitMQ',
  versions: RABBITMQ_VERSIONS,
  defaultVersion: DEFAULT_RABBITMQ_VERSION,
  versionNoun: 'RabbitMQ release series',
  port: RABBITMQ_PORT,
  replicas: { default: 3, clustered: 'a cluster of nodes (quorum queues replicated across them)' },
  host: 'AMQP address of the cluster inside the tenant network.',
  examples: {
    create: { replicas: 3, sizeGb: 10 },
    update: (n) => ({ preset: n % 2 ? 'small' : 'nano' }),
  },
  docs: {
    example: `resource "hikube_rabbitmq" "jobs" {
  tenant_id = hikube_tenant.production.id
  name      = "jobs"
  version   = "v4.1"
  replicas  = 3
  preset    = "small"
}

output "jobs_host" {
  value = hikube_rabbitmq.jobs.host
}`,
    imported: { local: 'jobs', path: 'acme/production/jobs' },
  },
});
export const rabbitmqModel = rabbitmq.model;
export const rabbitmqKind = rabbitmq.kind;
export const RABBITMQ_ID_PATTERN = rabbitmq.idPattern;

/** The queue type a vhost gives queues declared without one. */
export const RABBITMQ_QUEUE_TYPES = ['classic', 'quorum', 'stream'] as const;

/** Vhosts of RabbitMQ clusters: /v1/rabbitmq-vhosts (`vhosts` of Cozystack's `RabbitMQ`). */
const rabbitmqVhost = clusterChildKind({
  name: 'rabbitmq-vhost',
  parent: { kind: rabbitmqKind, engine: 'RabbitMQ', idPattern: RABBITMQ_ID_PATTERN },
  what: 'vhost',
  typeName: 'hikube_rabbitmq_vhost',
  schemaName: 'RabbitmqVhost',
  collection: '/v1/rabbitmq-vhosts',
  idPrefix: 'rmqvh',
  naming: { pattern: /^[a-z0-9][a-z0-9_.-]{0,62}$/, hint: "1 to 63 lowercase letters, digits, '_', '.' and '-', starting with a letter or digit" },
  described: ', with its default queue type and queue limit',
  extras: {
    default_queue_type: {
      type: t.string,
      optional: true,
      computed: true,
      default: 'quorum',
      description: `Type of the queues declared without one: ${RABBITMQ_QUEUE_TYPES.map((q) => `\`${q}\``).join(', ')}. Defaults to \`quorum\` (replicated across the nodes). Changed in place; existing queues keep theirs.`,
      validation: { oneOf: RABBITMQ_QUEUE_TYPES },
    },
    max_queues: {
      type: t.number,
      optional: true,
      description: 'Most queues the vhost may hold, 1 to 100000; unset for no limit. Changed in place.',
      validation: { integer: true, min: 1, max: 100_000 },
    },
  },
  examples: {
    create: { defaultQueueType: 'quorum' },
    update: (n) => ({ maxQueues: 100 + n }),
  },
  docs: {
    example: `resource "hikube_rabbitmq_vhost" "billing" {
  rabbitmq_id = hikube_rabbitmq.jobs.id
  name        = "billing"
  max_queues  = 500
}`,
    imported: { local: 'billing', path: 'acme/production/jobs/billing' },
  },
});
export const rabbitmqVhostModel = rabbitmqVhost.model;
export const rabbitmqVhostKind = rabbitmqVhost.kind;
