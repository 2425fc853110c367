/**
 * The only list of resource kinds. Everything that lists kinds (the provider's resources, the
 * service's routes and guardrails, the store's constraint, the simulated driver, the OpenAPI
 * document, the CLI, the docs) derives from this registry; per-kind tables elsewhere are typed
 * `Record<KindName, ...>`, so a new kind that misses one is a compile error.
 */
import { bucketKind, bucketUserKind } from './bucket';
import { clusterKind } from './cluster';
import { diskKind } from './disk';
import { KindDescriptor } from './kind';
import { loadBalancerKind } from './load-balancer';
import { mariadbDatabaseKind, mariadbKind, mariadbUserKind } from './mariadb';
import { mongodbDatabaseKind, mongodbKind, mongodbUserKind } from './mongodb';
import { monitoringKind } from './monitoring';
import { postgresDatabaseKind, postgresKind, postgresUserKind } from './postgres';
import { rabbitmqKind, rabbitmqUserKind, rabbitmqVhostKind } from './rabbitmq';
import { redisKind } from './redis';
import { vmKind } from './vm';
import { vpcKind, vpcSubnetKind } from './vpc';
import { vpnKind, vpnUserKind } from './vpn';

/** Refuses, at compile time, a descriptor filed under a name other than its own. */
function registry<T extends { [Name in keyof T]: KindDescriptor<Name & string> }>(kinds: T): T {
  return kinds;
}

export const KINDS = registry({
  cluster: clusterKind,
  disk: diskKind,
  vpc: vpcKind,
  'vpc-subnet': vpcSubnetKind,
  vm: vmKind,
  'load-balancer': loadBalancerKind,
  vpn: vpnKind,
  'vpn-user': vpnUserKind,
  monitoring: monitoringKind,
  postgres: postgresKind,
  'postgres-database': postgresDatabaseKind,
  'postgres-user': postgresUserKind,
  bucket: bucketKind,
  'bucket-user': bucketUserKind,
  mariadb: mariadbKind,
  'mariadb-database': mariadbDatabaseKind,
  'mariadb-user': mariadbUserKind,
  redis: redisKind,
  mongodb: mongodbKind,
  'mongodb-database': mongodbDatabaseKind,
  'mongodb-user': mongodbUserKind,
  rabbitmq: rabbitmqKind,
  'rabbitmq-vhost': rabbitmqVhostKind,
  'rabbitmq-user': rabbitmqUserKind,
});

export type KindName = keyof typeof KINDS;
/** In the order docs, routes and bindings list them. */
export const KIND_LIST: readonly KindDescriptor<KindName>[] = Object.values(KINDS);
export const KIND_NAMES = KIND_LIST.map((k) => k.name);

export function isKindName(x: unknown): x is KindName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(KINDS, x);
}

/** The kind of a Terraform resource type, if it is one. */
export function kindOfType(typeName: string): KindDescriptor<KindName> | undefined {
  return KIND_LIST.find((k) => k.model.typeName === typeName);
}
