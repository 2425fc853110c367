/**
 * The only list of resource kinds. Everything that lists kinds (the provider's resources, the
 * service's routes and guardrails, the store's constraint, the simulated driver, the OpenAPI
 * document, the CLI, the docs) derives from this registry; per-kind tables elsewhere are typed
 * `Record<KindName, ...>`, so a new kind that misses one is a compile error.
 */
import { bucketKind, bucketUserKind } from './bucket';
import { clusterKind } from './cluster';
import { diskKind } from './disk';
import { KindDescriptor, KindUse } from './kind';
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

/** One kind's use (`KindUse`) of objects of another, as found from the used side. */
export interface UseOf {
  readonly user: KindDescriptor<KindName>;
  readonly use: KindUse;
  /** The use names sub-resources of the object (a VM's subnets, seen from their VPC). */
  readonly viaParent: boolean;
}

/** Who may use objects of `kind` (a subnet: VMs), directly or through its sub-resources (a VPC: VMs, by its subnets). */
export function usesOf(kind: string): UseOf[] {
  return KIND_LIST.flatMap((user) =>
    (user.uses ?? []).flatMap((use): UseOf[] => {
      if (use.kind === kind) return [{ user, use, viaParent: false }];
      return isKindName(use.kind) && KINDS[use.kind].parent?.kind === kind ? [{ user, use, viaParent: true }] : [];
    }),
  );
}
