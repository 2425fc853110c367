/**
 * What users of every engine share in constructs (PostgreSQL's, MariaDB's, MongoDB's,
 * RabbitMQ's: their checks, what they depend on, their connection), and the Kubernetes Secret
 * that hands credentials to an application (bucket users' and Redis's too).
 */
import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { TerraformResource, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { KindDescriptor } from '../../model';
import { ValidationError } from '../errors';
import { ICluster } from '../interfaces';
import { checkTimeouts, Timeouts } from '../timeouts';
import { checkAttribute, checkRules, resourceName } from './checks';

/** The construct `id` under `parent` that its `add...()` methods put children in: `Users` under a cluster, bucket or VPN, `Subnets` under a VPC. */
export function childScope(parent: Construct, id = 'Users'): Construct {
  return (parent.node.tryFindChild(id) as Construct | undefined) ?? new Construct(parent, id);
}

/** What a user gets roles on: `database` (in its `databases`) or `vhost` (in its `vhosts`). */
export type Granted = 'database' | 'vhost';

/**
 * The databases (or vhosts) a user has a role on must have been added to its cluster in this app:
 * the service refuses others, so say so now; the answer is what the user depends on, so that
 * Terraform creates them first. `add`: how to add one, e.g. `postgres.addDatabase('app')`.
 */
export function databasesDependedOn(
  scope: IConstruct,
  databases: Readonly<Record<string, string>>,
  known: ReadonlyMap<string, { readonly resource: TerraformResource }>,
  cluster: string,
  add: (db: string) => string,
  what: Granted = 'database',
): TerraformResource[] {
  return Object.keys(databases)
    .filter((db) => !Token.isUnresolved(db))
    .map((db) => {
      const found = known.get(db);
      if (!found) {
        const names = [...known.keys()];
        throw new ValidationError(scope, `invalid ${what}s["${db}"]: no ${what} "${db}" was added to ${cluster} (it has ${names.length ? names.join(', ') : 'none'})`, {
          value: db,
          fix: `Add it first with \`${add(db)}\`, or use one the cluster has.`,
        });
      }
      return found.resource;
    });
}

/** The database (or vhost) to connect to: the one given (the user must have a role on it), else its only one. */
export function connectionDatabase(scope: IConstruct, user: string, databases: Readonly<Record<string, string>>, database: string | undefined, what: Granted = 'database'): string {
  const names = Object.keys(databases);
  if (database !== undefined) {
    if (!Token.isUnresolved(database) && !names.includes(database)) {
      throw new ValidationError(scope, `invalid ${what}: user ${user} has no role on "${database}" (it has ${names.length ? names.join(', ') : 'none'})`, {
        value: database,
        fix: `Name one of its ${what}s, or add this one to its \`${what}s\`.`,
      });
    }
    return database;
  }
  if (names.length !== 1) {
    throw new ValidationError(scope, `a ${what} is required: user ${user} has a role on ${names.length ? names.join(', ') : `no ${what}`}`, {
      value: undefined,
      fix: `Pass \`${what}\`, e.g. \`{ ${what}: 'app' }\`.`,
    });
  }
  return names[0];
}

/** The cluster a user belongs to, as its user construct sees it. */
export interface UserCluster {
  /** `MongoDB cluster events`, for messages. */
  readonly describe: string;
  /** What the user's roles must name: the databases (or vhosts) added to the cluster in this app. */
  readonly known: ReadonlyMap<string, { readonly resource: TerraformResource }>;
  /** How to add one, for the fix: `(db) => \`mongoDb.addDatabase('${db}')\``. */
  readonly add: (name: string) => string;
}

/**
 * What a user construct checks before its L1 resource, with its kind's model: its name (given or
 * from the construct id, and not one the engine keeps), its roles (`databases` or `vhosts`, each
 * on one added to the cluster, which the user then depends on) and its timeouts.
 */
export function clusterUserConfig(
  scope: IConstruct,
  kind: KindDescriptor,
  props: { readonly name?: string; readonly timeouts?: Timeouts },
  roles: Readonly<Record<string, string>> | undefined,
  what: Granted,
  cluster: UserCluster,
  example: string,
): { name: string; roles: Readonly<Record<string, string>>; dependsOn: TerraformResource[] } {
  const attrs = kind.model.attributes;
  const name = resourceName(scope, props.name, attrs.name, example, '_');
  checkRules(scope, kind.rules({ name }), (path) => `invalid ${path.join('.')}:`);
  const given = roles ?? {};
  checkAttribute(scope, `${what}s`, attrs[`${what}s`], given, `Use admin or readonly (DatabaseRole.ADMIN, DatabaseRole.READONLY) for each ${what}.`);
  const dependsOn = databasesDependedOn(scope, given, cluster.known, cluster.describe, cluster.add, what);
  checkTimeouts(scope, attrs.timeouts, props.timeouts);
  return { name, roles: given, dependsOn };
}

/** How a client reaches a data service: every value a token until apply; absent keys do not apply. */
export interface ServiceConnection {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  /** A sensitive token: an output of it needs `sensitive: true`. */
  readonly password?: string;
  readonly database?: string;
  readonly vhost?: string;
  /** Everything above in one URI (sensitive when it holds the password). */
  readonly uri: string;
}

/**
 * A connection URI: `scheme://user:password@host:port/path?query`, each part only when given
 * (Redis: `redis://:password@host:port`, its password alone).
 */
export function connectionUri(scheme: string, c: { host: string; port: number; user?: string; password?: string; path?: string; query?: string }): string {
  const auth = c.password !== undefined ? `${c.user ?? ''}:${c.password}@` : c.user !== undefined ? `${c.user}@` : '';
  return `${scheme}://${auth}${c.host}:${Token.asString(c.port)}${c.path !== undefined ? `/${c.path}` : ''}${c.query ? `?${c.query}` : ''}`;
}

/** A connection as the data of a Kubernetes Secret (string values; keys that do not apply left out). */
export function connectionData(c: ServiceConnection): Record<string, string> {
  const data: Record<string, string> = { host: c.host, port: Token.asString(c.port) };
  for (const key of ['user', 'password', 'database', 'vhost'] as const) if (c[key] !== undefined) data[key] = c[key];
  return { ...data, uri: c.uri };
}

/**
 * Credentials as a Kubernetes Secret in `cluster`, through its `kubernetesProvider()`, for an
 * application's `envFrom`; `method` names the caller in error messages (`connectionSecret`).
 */
export function credentialsSecret(
  scope: IConstruct,
  method: string,
  cluster: ICluster,
  options: { readonly namespace: string; readonly name?: string },
  defaultName: string,
  /** Asked once the cluster and namespace are known to be right. */
  data: () => Record<string, string>,
): Secret {
  if (!cluster || typeof (cluster as Partial<ICluster>).kubernetesProvider !== 'function') {
    throw new ValidationError(scope, 'a cluster is required', {
      value: cluster,
      fix: `Pass the cluster the application runs in, e.g. \`user.${method}(production.addCluster(...), { namespace: "app" })\`.`,
    });
  }
  if (!options?.namespace || (!Token.isUnresolved(options.namespace) && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(options.namespace))) {
    throw new ValidationError(scope, 'invalid namespace: not a Kubernetes namespace name', { value: options?.namespace, fix: 'Pass the namespace the application runs in, e.g. `namespace: "app"`.' });
  }
  const name = options.name ?? defaultName;
  const id = `${method === 'connectionSecret' ? 'ConnectionSecret' : 'CredentialsSecret'}-${name}`;
  return new Secret(scope, id, {
    provider: cluster.kubernetesProvider(scope),
    metadata: { name, namespace: options.namespace, labels: { 'app.kubernetes.io/managed-by': 'hikube-iac' } },
    data: data(),
    type: 'Opaque',
  });
}
