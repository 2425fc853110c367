import { createHash, randomBytes } from 'node:crypto';
import { bucketS3Name } from '../../model/bucket';
import { formatAddress, tryParseCidr } from '../../model/cidr';
import type { KindName } from '../../model/kinds';
import { MARIADB_PORT } from '../../model/mariadb';
import { MONGODB_PORT } from '../../model/mongodb';
import { POSTGRES_PORT } from '../../model/postgres';
import { RABBITMQ_PORT } from '../../model/rabbitmq';
import { REDIS_PORT } from '../../model/redis';
import { VPN_PORT } from '../../model/vpn';
import { DriverObject, Observed } from './driver';

/**
 * How the simulated back-end realizes each kind: how long each action takes (the defaults of
 * `--sim-delays`), and deterministic stand-ins for what a real back-end reports: same id ->
 * same addresses and certificate. Only the cluster admin token is random (kept in the
 * simulator's table). One entry per kind: the type refuses a kind without one.
 */

export const SIM_ACTIONS = ['create', 'update', 'delete'] as const;
export type SimAction = (typeof SIM_ACTIONS)[number];

export interface SimulatedKind {
  /** Realistic, but short enough for a demo (milliseconds). */
  readonly delays: Readonly<Record<SimAction, number>>;
  /** What the back-end reports once the object exists; `previous` is what it reported before. */
  observed(object: DriverObject, previous: Observed): Observed;
  /** What it reports instead while being created, `done` (0 to 1) of the way (a disk's download). */
  readonly progress?: (spec: DriverObject['spec'], done: number) => Observed;
  /**
   * The spec field listing subnets the object joins (a `uses` of a kind with a `disjointCidr`):
   * it gets an address in each, reported as `subnetIps` (simulated.ts, table sim_driver_addresses).
   */
  readonly joins?: string;
}

/** A database or vhost is a field of its cluster's object: applied with it, nothing of its own to report. */
const clusterChild: SimulatedKind = { delays: { create: 2_000, update: 1_000, delete: 1_000 }, observed: () => ({}) };
/** A database user of a cluster: applied with the cluster's object too. */
const clusterUser: SimulatedKind = { delays: { create: 2_000, update: 1_500, delete: 1_000 }, observed: () => ({}) };

export const SIMULATED: Readonly<Record<KindName, SimulatedKind>> = {
  cluster: {
    delays: { create: 12_000, update: 5_000, delete: 4_000 },
    observed(object, previous) {
      const ns = object.tenantNamespace;
      const endpoint = `https://${object.name}.${ns}.k8s.hikube.local:6443`;
      const caCertificate = fakeCaCertificate(object.id);
      const adminToken = typeof previous.adminToken === 'string' ? previous.adminToken : randomBytes(32).toString('base64url');
      return { endpoint, caCertificate, adminToken, kubeconfig: kubeconfig(object.name, ns, endpoint, caCertificate, adminToken) };
    },
  },
  // A disk filled from an image downloads it (CDI's DataVolume: ImportInProgress, then Succeeded); an empty one is only allocated.
  disk: {
    delays: { create: 6_000, update: 2_000, delete: 1_500 },
    observed: (object) => ({ downloadProgress: hasSource(object.spec) ? 100 : null }),
    progress: (spec, done) => ({ downloadProgress: hasSource(spec) ? Math.min(99, Math.floor(done * 100)) : null }),
  },
  // Kube-OVN objects: quick to make, nothing to report but a subnet's gateway (its first address).
  vpc: { delays: { create: 1_500, update: 1_000, delete: 1_500 }, observed: () => ({}) },
  'vpc-subnet': { delays: { create: 1_500, update: 1_000, delete: 1_500 }, observed: (object) => ({ gateway: gatewayOf(String(object.spec.cidr)) }) },
  vm: {
    delays: { create: 5_000, update: 3_000, delete: 2_000 },
    joins: 'subnetIds',
    observed: (object) => ({ privateIp: privateIpOf(object.id), externalIp: object.spec.externalAccess ? externalIpOf(object.id) : null }),
  },
  // HAProxy replicas behind a Service of the tenant's namespace; a public address while external.
  'load-balancer': {
    delays: { create: 4_000, update: 2_000, delete: 2_000 },
    observed: (object) => ({ host: `haproxy-${object.name}.${object.tenantNamespace}.svc`, externalIp: object.spec.external === true ? externalIpOf(object.id) : null }),
  },
  // Outline servers: one public address each while external, every access key on the chart's port.
  vpn: {
    delays: { create: 4_000, update: 2_000, delete: 2_000 },
    observed: (object) => ({
      externalIps: object.spec.external === false ? [] : Array.from({ length: Number(object.spec.replicas ?? 1) }, (_, i) => externalIpOf(`${object.id}:${i}`)),
      port: VPN_PORT,
    }),
  },
  // A user of the VPN: its password reaches the servers sealed, and the back-end keeps it opened (held_secrets).
  'vpn-user': { delays: { create: 1_500, update: 1_000, delete: 1_000 }, observed: () => ({}) },
  monitoring: {
    delays: { create: 6_000, update: 3_000, delete: 2_000 },
    observed: (object) => ({ grafanaUrl: `https://grafana.${object.tenantNamespace}.hikube.local`, vmauthUrl: `https://vmauth.${object.tenantNamespace}.hikube.local` }),
  },
  postgres: dataService({ create: 8_000, update: 4_000, delete: 3_000 }, (o) => `postgres-${o.name}-rw`, POSTGRES_PORT),
  'postgres-database': clusterChild,
  // A user too (Cozystack's `users`): the driver gets its password's verifier, never the password.
  'postgres-user': clusterUser,
  mariadb: dataService({ create: 7_000, update: 4_000, delete: 3_000 }, (o) => `mysql-${o.name}-primary`, MARIADB_PORT),
  'mariadb-database': clusterChild,
  // Its password's verifier (MariaDB's double SHA-1), never the password.
  'mariadb-user': clusterUser,
  // Sentinel's view of the current primary.
  // A COSI bucket claim: quick to create; deleting empties the bucket first, so it takes longer.
  bucket: {
    delays: { create: 3_000, update: 1_000, delete: 4_000 },
    observed: (object) => ({ bucketName: bucketS3Name(object.name, object.id), endpoint: `https://s3.${object.tenantNamespace}.hikube.local` }),
  },
  // A user of the bucket: its secret key reaches the back-end sealed, and the back-end keeps it opened (held_secrets).
  'bucket-user': {
    delays: { create: 1_500, update: 1_000, delete: 1_000 },
    observed: () => ({}),
  },
  // The routers of a sharded cluster, else the replica set.
  mongodb: dataService({ create: 10_000, update: 5_000, delete: 3_000 }, (o) => `mongodb-${o.name}-${o.spec.sharding ? 'mongos' : 'rs0'}`, MONGODB_PORT),
  'mongodb-database': clusterChild,
  // Its password's SCRAM-SHA-256 credential (MongoDB's user document form), never the password.
  'mongodb-user': clusterUser,
  rabbitmq: dataService({ create: 6_000, update: 4_000, delete: 2_000 }, (o) => `rabbitmq-${o.name}`, RABBITMQ_PORT),
  'rabbitmq-vhost': clusterChild,
  // Its password's rabbit_password_hashing_sha256 hash, never the password.
  'rabbitmq-user': clusterUser,
  redis: dataService({ create: 4_000, update: 2_000, delete: 2_000 }, (o) => `rfrm-redis-${o.name}`, REDIS_PORT),
};

const hasSource = (spec: DriverObject['spec']) => typeof spec.image === 'string' || typeof spec.imageUrl === 'string';

/**
 * A managed data service: its service name in the tenant's namespace (`service`), its port, and
 * a public address while `external` is set.
 */
function dataService(delays: SimulatedKind['delays'], service: (object: DriverObject) => string, port: number): SimulatedKind {
  return {
    delays,
    observed: (object) => ({
      host: `${service(object)}.${object.tenantNamespace}.svc`,
      port,
      externalIp: object.spec.external === true ? externalIpOf(object.id) : null,
    }),
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** 10.0.0.0/8, never the network or broadcast address of a /24. */
export function privateIpOf(id: string): string {
  const d = digest(`private:${id}`);
  return `10.${d[0]}.${d[1]}.${(d[2] % 253) + 1}`;
}

/** The first address of a subnet. */
export function gatewayOf(cidr: string): string | null {
  const block = tryParseCidr(cidr);
  return block ? formatAddress(block.start + 1) : null;
}

/** TEST-NET-3 (203.0.113.0/24): documentation addresses, never routed. */
export function externalIpOf(id: string): string {
  return `203.0.113.${(digest(`external:${id}`)[0] % 253) + 1}`;
}

/** PEM armour around deterministic bytes: looks and parses like a certificate block. */
export function fakeCaCertificate(id: string): string {
  const body = Buffer.concat([digest(`ca:${id}:1`), digest(`ca:${id}:2`), digest(`ca:${id}:3`)]).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}

export function observedFor(object: DriverObject, previous: Observed = {}): Observed {
  return SIMULATED[object.kind].observed(object, previous);
}

/** What an object being created reports, `done` (0 to 1) of the way: its `progress` over what it will report. */
export function observedWhileCreating(kind: DriverObject['kind'], spec: DriverObject['spec'], observed: Observed, done: number): Observed {
  const progress = SIMULATED[kind].progress;
  return progress ? { ...observed, ...progress(spec, Math.max(0, Math.min(1, done))) } : observed;
}

function kubeconfig(name: string, ns: string, endpoint: string, ca: string, token: string): string {
  const context = `${name}.${ns}`;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${context}`,
    '  cluster:',
    `    server: ${endpoint}`,
    `    certificate-authority-data: ${Buffer.from(ca).toString('base64')}`,
    'users:',
    `- name: ${context}-admin`,
    '  user:',
    `    token: ${token}`,
    'contexts:',
    `- name: ${context}`,
    '  context:',
    `    cluster: ${context}`,
    `    user: ${context}-admin`,
    `current-context: ${context}`,
    '',
  ].join('\n');
}
