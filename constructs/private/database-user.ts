/**
 * What database users of every engine share in constructs (PostgreSQL's, MariaDB's), and the
 * Kubernetes Secret that hands credentials to an application (bucket users too).
 */
import { Secret } from '@cdktf/provider-kubernetes/lib/secret';
import { TerraformResource, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { ICluster } from '../interfaces';

/**
 * The databases a user has a role on must have been added to its cluster in this app: the
 * service refuses others, so say so now; the answer is what the user depends on, so that
 * Terraform creates the databases first. `add`: how to add one, e.g. `postgres.addDatabase('app')`.
 */
export function databasesDependedOn(
  scope: IConstruct,
  databases: Readonly<Record<string, string>>,
  known: ReadonlyMap<string, { readonly resource: TerraformResource }>,
  cluster: string,
  add: (db: string) => string,
): TerraformResource[] {
  return Object.keys(databases)
    .filter((db) => !Token.isUnresolved(db))
    .map((db) => {
      const found = known.get(db);
      if (!found) {
        const names = [...known.keys()];
        throw new ValidationError(scope, `invalid databases["${db}"]: no database "${db}" was added to ${cluster} (it has ${names.length ? names.join(', ') : 'none'})`, {
          value: db,
          fix: `Add it first with \`${add(db)}\`, or use one the cluster has.`,
        });
      }
      return found.resource;
    });
}

/** The database to connect to: the one given (the user must have a role on it), else its only one. */
export function connectionDatabase(scope: IConstruct, user: string, databases: Readonly<Record<string, string>>, database: string | undefined): string {
  const names = Object.keys(databases);
  if (database !== undefined) {
    if (!Token.isUnresolved(database) && !names.includes(database)) {
      throw new ValidationError(scope, `invalid database: user ${user} has no role on "${database}" (it has ${names.length ? names.join(', ') : 'none'})`, {
        value: database,
        fix: 'Name one of its databases, or add this one to its `databases`.',
      });
    }
    return database;
  }
  if (names.length !== 1) {
    throw new ValidationError(scope, `a database is required: user ${user} has a role on ${names.length ? names.join(', ') : 'no database'}`, {
      value: undefined,
      fix: "Pass `database`, e.g. `{ database: 'app' }`.",
    });
  }
  return names[0];
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
