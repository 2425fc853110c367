/**
 * A resource kind's descriptor: everything about a kind that more than one layer needs, in one
 * place. The provider, the service (routes, guardrails, quotas, billing, SQL constraint,
 * /v1/validate), the simulated driver, the CLI, the docs and the bindings derive from it; the
 * registry in ./kinds.ts is the only list of kinds. See docs/adding-a-resource-kind.md.
 *
 * Specs here are in API form (camelCase names, as the service stores them) with the model's
 * defaults applied. The provider passes only the values Terraform already knows, so every
 * function below must accept a partial spec and say nothing about what is missing.
 */
import { AttributeDef, ResourceModel, triggersAttribute } from './schema';

/** A field in API form: names, map keys and list indexes. */
export type ApiPath = readonly (string | number)[];
/** A spec in API (camelCase) form, defaults applied, absent optionals null. */
export type ApiSpec = Readonly<Record<string, unknown>>;

/**
 * A cross-field rule's finding. Other fields are named `{{likeThis}}` (API names) in `reason`
 * and `fix`, so each layer can show them in its own vocabulary (`min_replicas` in Terraform,
 * `minReplicas` in the API and the constructs).
 */
export interface KindProblem {
  /** The field to blame. */
  readonly path: ApiPath;
  /** Why, without the field's own name and without the value, e.g. `must be >= {{minReplicas}} (3)`. */
  readonly reason: string;
  /** The value at `path` that was refused, shown as "got ..." / "(received ...)". */
  readonly value?: unknown;
  /** What to do about it. */
  readonly fix?: string;
  /** A short title for Terraform's diagnostic summary, e.g. `Invalid Node Group Size`. */
  readonly title: string;
}

/** Renders `{{name}}` references with `name` mapped by `rename` (identity for API names). */
export function renderNames(text: string, rename: (apiName: string) => string = (n) => n): string {
  return text.replace(/\{\{([A-Za-z0-9]+)\}\}/g, (_, name: string) => rename(name));
}

/**
 * The quotas a resource's size counts against. The count quotas (one per top-level kind, plus
 * sub-tenants) come from the registry: model/guardrails.ts lists them all.
 */
export const SIZE_QUOTAS = ['cpu', 'memoryGib', 'storageGib'] as const;
export type SizeQuota = (typeof SIZE_QUOTAS)[number];
/** A quota's API name (camelCase): a size quota, a kind's count quota or `subTenants`. */
export type QuotaKey = string;
/** What an object weighs against every quota (absent keys weigh nothing). */
export type Footprint = Record<QuotaKey, number>;

/** What a spec asks of the security policies (paths in API form, for the error to blame). */
export interface PolicyRelevant {
  readonly instanceTypes: readonly { path: (string | number)[]; name: string }[];
  readonly kubernetesVersion?: { path: (string | number)[]; version: string };
  readonly externalAccess?: { path: (string | number)[]; method: string };
  /**
   * The data-service engine it runs (`allowedEngines`) and its version (`allowedEngineVersions`):
   * filled from the descriptor's `engine` by policyAsks(), never by the kind's `policy()`.
   */
  readonly engine?: { path: (string | number)[]; name: string; version?: string };
}

/** Default waiting limits in Go duration syntax; the model's `timeouts` attribute documents them. */
export interface KindTimeouts {
  readonly create: string;
  readonly update: string;
  readonly delete: string;
}

/** A kind's monthly estimate, known at plan time once its inputs are. */
export interface KindCost {
  /** Monthly cost in EUR, from the price list (model/pricing.ts). */
  monthly(spec: ApiSpec): number;
  /** Terraform attributes `monthly` reads: the plan shows the cost once all are known. */
  readonly inputs: readonly string[];
  /** What the cost is made of, for the docs (Markdown, one sentence from "the ..."). */
  readonly explained: string;
}

export interface KindDescriptor<Name extends string = string> {
  /** The kind's name in the API and the store (`resources.kind`, operations, /v1/validate, driver calls). */
  readonly name: Name;
  /** Attributes, Terraform type name, REST collection and noun. */
  readonly model: ResourceModel;
  /** The word in messages and in a tenant's `resources` list, e.g. `monitoring-stack`. */
  readonly label: string;
  /** Ids are `<prefix>-` and 16 base32 letters. */
  readonly idPrefix: string;
  /** What the Cozystack back-end calls it (the `apps.cozystack.io` kind), for docs and drivers. */
  readonly backendKind: string;
  /**
   * A fixed name when the kind has none of its own (one per tenant: the name index then allows
   * only one); otherwise the `name` attribute names it.
   */
  readonly fixedName?: string;
  readonly timeouts: KindTimeouts;
  /**
   * For a sub-resource (a database of a PostgreSQL cluster): the kind it belongs to and the API
   * field holding its parent's id. The object lives in its parent's tenant (its `tenantId` is
   * computed), its name is unique within the parent, and the parent cannot be deleted while it
   * exists. The parent kind comes before it in the registry.
   */
  readonly parent?: { readonly kind: string; readonly field: string };
  /**
   * How `terraform import` and the CLI address an object besides its id: the tenant's path and
   * the name, the tenant's path alone (one per tenant), or the tenant's path, the parent's
   * name and the name.
   */
  readonly importBy: 'tenant-path/name' | 'tenant-path' | 'tenant-path/parent/name';
  /**
   * What it costs: a monthly estimate from the price list, or, for a kind with no cost of its own
   * (billed as part of its parent), `{ none: why }`. Required, so a new kind cannot be free by omission.
   */
  readonly cost: KindCost | { readonly none: string };
  readonly quota: {
    /**
     * The count quota one object uses: its API key (`postgres`; the tenant's `quotas` attribute
     * gets it in snake_case) and what it counts, plural, for the docs (`PostgreSQL clusters`).
     * Every top-level kind with names of its own declares one (a test checks); sub-resources and
     * one-per-tenant kinds none.
     */
    readonly count?: { readonly key: string; readonly counts: string };
    /** What the spec's size uses (vCPUs, GiB); zero when absent. */
    size?(spec: ApiSpec): Partial<Record<SizeQuota, number>>;
    /** The field to blame when a quota is exceeded (the count quota: `count`). */
    readonly blame: Partial<Record<SizeQuota | 'count', ApiPath>>;
  };
  /** What the spec asks of the security policies (its engine aside: see `engine`). */
  policy(spec: ApiSpec): Omit<PolicyRelevant, 'engine'>;
  /**
   * A data-service engine (PostgreSQL, Redis, ...): security policies can allow or deny it
   * (`allowed_engines`, by the kind's name) and its versions (`allowed_engine_versions`), which
   * are read from the API field `versionField` (default `version`). Declaring it is all a kind
   * does: the policies' known names and the checks derive from it.
   */
  readonly engine?: { readonly versions: readonly string[]; readonly versionField?: string };
  /**
   * Rules across fields, run by the constructs, the provider and the service. With `previous`
   * (the stored spec; the prior state at plan) also the rules about changes.
   */
  rules(spec: ApiSpec, previous?: ApiSpec): KindProblem[];
  /**
   * Valid specs in API form, for the tests that run over every kind (authorization matrix,
   * fuzzing) and for docs: a create body without `tenantId` and `name`, an in-place change
   * (different for each `n`, so repeated changes are changes) unless nothing of the kind changes
   * in place (a bucket: then it has no PATCH), and a start/stop when the kind has `runFields`.
   */
  readonly examples: {
    readonly create: ApiSpec;
    update?: (n: number) => ApiSpec;
    run?: (n: number) => ApiSpec;
  };
  /** For the reference docs (docs/provider/resources/, written by `npm run gen`). */
  readonly docs: {
    /** A complete HCL example; `npm run gen` checks it sets only attributes users may set. */
    readonly example: string;
    /** The import example: the resource's local name and its path (as `importBy` says). */
    readonly imported: { readonly local: string; readonly path: string };
  };
  /** API fields whose change alone is "running" the object (audited as `resource.run`). */
  readonly runFields?: readonly string[];
  /**
   * Secrets the service returns that Terraform state keeps only while the boolean attribute
   * `toggle` is true: attribute paths, `*` for every element of a map (`accounts.*.password`).
   */
  readonly credentials?: { readonly toggle: string; readonly attributes: readonly string[] };
  /**
   * Secrets the platform generates for the object (a user's password), returned once and
   * rotatable: see `KindSecrets` and model/secrets.ts, which also makes their attributes.
   */
  readonly secrets?: KindSecrets;
  /**
   * Actions besides create, update and delete that a change of a Terraform-only map triggers
   * (a VM's restart): see `TriggeredAction`. A rotatable `secrets` adds `rotate` (triggeredActions()).
   */
  readonly actions?: readonly TriggeredAction[];
  /**
   * Map fields whose keys name sub-resources of the same parent (a user's `databases`): the
   * service refuses a key that names none (400 on that key) and refuses to delete a
   * sub-resource a key still names (409 naming who holds it). Both kinds share `parent.kind`.
   */
  readonly refersTo?: readonly { readonly field: string; readonly kind: string }[];
  /**
   * Fields holding ids (a list, or one id) of objects of another kind in the same tenant that this
   * object uses (a VM's `subnetIds` and `disks`, a cluster's `backupBucketId`): see `KindUse`.
   */
  readonly uses?: readonly KindUse[];
  /**
   * An API field holding a CIDR that must not overlap the same field of another object of the
   * kind under the same parent (a VPC's subnets): checked by the service at create and at plan,
   * against the stored objects and those planned before in the same plan.
   */
  readonly disjointCidr?: {
    readonly field: string;
    /** The finding against another object's range, one wording for the service and the constructs. */
    problem(cidr: string, other: { name: string; cidr: string }): KindProblem;
  };
  /**
   * A list field of IPv4 addresses that must be the tenant's own (a load balancer's backends):
   * the service refuses, at create, update and plan, an address outside the tenant's network, its
   * VPCs' subnets and its objects' private addresses (400 on that element).
   */
  readonly tenantAddresses?: string;
  /** Terraform state upgraders by the schema version they upgrade from (JSON as stored). */
  readonly stateUpgraders?: Readonly<Record<number, (state: Record<string, unknown>) => Record<string, unknown>>>;
}

/**
 * A field of ids (a list, or one id: `usedEntries()`) of objects of another kind in the same
 * tenant (a VM's `subnetIds`, a cluster's `backupBucketId`). The
 * service refuses an id that names no such object, or one being deleted (400 on the element, at
 * plan too), and refuses to delete an object, or the parent of an object, that one still names
 * (409 naming who uses it). One place implements it: service/resources/uses.ts.
 */
export interface KindUse {
  readonly field: string;
  readonly kind: string;
  /**
   * The object is held by one user at most (a VM's `disks`): another one naming it is refused
   * (409 naming the holder, on create and update; at plan too, also against the same plan),
   * its answers show the holder's id in `shownAs` (a computed attribute of its model), and a
   * holder being deleted lets go at once, so the object may be used elsewhere. Without it, a user
   * holds the object until it is gone (a VM being deleted still sits on its subnet).
   */
  readonly exclusive?: { readonly shownAs: string };
}

/**
 * How the service keeps a secret it never shows again. Verifiers the back-end accepts in
 * place of the secret, for back-ends that only check what a client sends: `scram-sha-256` is
 * PostgreSQL's own (`CREATE ROLE ... PASSWORD 'SCRAM-SHA-256$...'` takes it as is);
 * `mysql-native-password` MariaDB's default (`*` and the hex SHA-1 of the SHA-1 of the password,
 * which `CREATE USER ... IDENTIFIED BY PASSWORD '*...'` takes; unsalted, so for generated
 * passwords only); `mongodb-scram-sha-256` MongoDB's own SCRAM-SHA-256 credential (the same
 * RFC 7677 keys at MongoDB's default 15000 iterations, as the JSON of the `credentials` entry of
 * its `admin.system.users` document, which the back-end writes as a restore does, since
 * `createUser` only digests a plaintext on the server); `rabbitmq-sha256` RabbitMQ's
 * `rabbit_password_hashing_sha256` (base64 of a 4-byte salt and the SHA-256 of salt and
 * password, which its user API takes as `password_hash`; one fast round, so for generated
 * passwords only); `sha256` a salted SHA-256, for back-ends that only compare. And
 * `sealed-to-backend`, for back-ends that need the secret itself (S3 verifies a request's signature by computing it again with the
 * secret key): the secret sealed to the back-end's public key (RSA-OAEP, `Driver.sealingKey()`),
 * which only the back-end opens, and keeps in its own state; the service cannot read it back.
 */
export type SecretVerifier = 'scram-sha-256' | 'mongodb-scram-sha-256' | 'mysql-native-password' | 'rabbitmq-sha256' | 'sha256' | 'sealed-to-backend';

/**
 * A public identifier issued with a secret and replaced with it (an S3 access key id): not
 * secret, in every answer, new at every rotation, as S3 back-ends issue keys in pairs.
 */
export interface SecretKeyId {
  /** The Terraform attribute (computed), e.g. `access_key_id`; the API field is its camelCase name. */
  readonly attribute: string;
  /** What it is, for descriptions: `the access key id`. */
  readonly what: string;
  /** Its first letters, then 18 random uppercase letters and digits: `HK` -> `HKAB3...` (20 characters, as S3 key ids). */
  readonly prefix: string;
}

/** One platform-generated secret of a kind. */
export interface GeneratedSecret {
  /** The Terraform attribute (computed, sensitive, returned once), e.g. `password`; the API field is its camelCase name. */
  readonly attribute: string;
  /** What it is, for descriptions: `the user's password`. */
  readonly what: string;
  /** Random bytes behind it (encoded base64url): 24 -> 32 characters. */
  readonly bytes: number;
  readonly verifier: SecretVerifier;
  /** An identifier issued with it, new whenever it is (see `SecretKeyId`). */
  readonly keyId?: SecretKeyId;
  /**
   * A boolean attribute of the model (Terraform name, default `true`) the secret exists under
   * (Redis's `auth_enabled`): while it is false the secret is null; turned on, a new secret is
   * generated and shown once, in the answer to that change; turned off, the secret is dropped.
   */
  readonly enabledBy?: string;
  /**
   * A write-only attribute (Terraform 1.11) through which the user supplies the secret instead,
   * so it never lives in state (`password_wo`, with `<name>_version` to send it again). Nothing is
   * generated then.
   */
  readonly suppliedBy?: string;
  /**
   * A value holding the secret (a VPN user's `access_url` holds its password): a computed,
   * sensitive attribute of the model (Terraform name), made by the service whenever it generates
   * the secret (`ServiceHooks.embed`) and shown with it alone, as secret as it is.
   */
  readonly embeddedIn?: { readonly attribute: string; readonly what: string; readonly detail: string };
}

/**
 * A kind's platform-generated secrets. The service generates them (node:crypto) at create,
 * keeps only verifiers, and returns the plaintext in the create's answer and a rotation's
 * alone (GET and lists answer null); Terraform keeps them in state (sensitive). With
 * `rotatable`, the attribute `rotation_triggers` (a map, like the random provider's `keepers`)
 * rotates them in place when it changes: `POST <collection>/<id>/rotate`, audited as `rotate`.
 */
export interface KindSecrets {
  readonly generated: readonly GeneratedSecret[];
  readonly rotatable: boolean;
}

/** The Terraform attribute that rotates a kind's secrets when it changes. */
export const ROTATION_TRIGGERS = 'rotation_triggers';

/**
 * An action on an object, declared in configuration as a value whose change triggers it, like
 * the random provider's `keepers`: `trigger` is a Terraform-only map; when an update changes it
 * (never at create, never as a side effect of a plan), the provider calls `POST
 * <collection>/<id>/<name>` once. The service runs it as an `update` operation (status
 * `updating`, then `ready`), audited as `<name>`.
 */
export interface TriggeredAction {
  /** The route's last segment and the audit action, e.g. `restart`. */
  readonly name: string;
  /** The Terraform attribute (a map of strings, Terraform-only), e.g. `restart_triggers`. */
  readonly trigger: string;
  /** What it does to the object, for descriptions: `restarts the VM (a reboot of its guest)`. */
  readonly does: string;
  /** Who may: as a change (`resource.update`, admin) or as starting and stopping (`resource.run`, use). */
  readonly as: 'resource.update' | 'resource.run';
}

/**
 * The spec field (API form, not an attribute: never answered) counting the actions asked of an
 * object besides `rotate`, e.g. `{ restart: 2 }`: the driver gets it with the spec, and a
 * changed count is the back-end's cue to act again (KubeVirt: `virtctl restart`).
 */
export const REQUESTED_ACTIONS = 'requestedActions';

/** A rotatable kind's `rotate`: new generated secrets, shown in the answer alone. */
export const ROTATE: TriggeredAction = { name: 'rotate', trigger: ROTATION_TRIGGERS, does: 'rotates its generated secrets', as: 'resource.update' };

/** The trigger attributes of a kind's own `actions` (the model spreads them in; `rotation_triggers` comes from secretAttributes()). */
export function actionTriggerAttributes(actions: readonly TriggeredAction[]): Record<string, AttributeDef> {
  return Object.fromEntries(
    actions.map((a) => [
      a.trigger,
      triggersAttribute(
        `Arbitrary values; when any changes, the next apply ${a.does}, in place, like the \`keepers\` of the random provider but without replacing the resource. ` +
          'Never at creation, never a side effect of a plan: only a change here does it. Terraform-only; e.g. `{ at = "2026-12-01" }`.',
      ),
    ]),
  );
}

/** Every triggered action of a kind: `rotate` for rotatable secrets, then its own. */
export function triggeredActions(kind: Pick<KindDescriptor, 'secrets' | 'actions'>): readonly TriggeredAction[] {
  return [...(kind.secrets?.rotatable ? [ROTATE] : []), ...(kind.actions ?? [])];
}

/**
 * The name a kind's object is unique by within its tenant: its own, or, for a sub-resource,
 * `<parent name>/<name>` (unique within its parent).
 */
export function qualifiedName(kind: KindDescriptor, spec: ApiSpec, parentName?: string): string {
  if (kind.fixedName) return kind.fixedName;
  return kind.parent ? `${parentName ?? '?'}/${String(spec.name)}` : String(spec.name);
}

/**
 * How many trailing parts of a path in the `importBy` form are names: none (one per tenant),
 * the object's own, or its parent's and its own. The rest is the tenant's path.
 */
export function namePartsOf(kind: Pick<KindDescriptor, 'importBy'>): 0 | 1 | 2 {
  return ({ 'tenant-path': 0, 'tenant-path/name': 1, 'tenant-path/parent/name': 2 } as const)[kind.importBy];
}

/** A qualified name taken apart: `orders/app` -> the parent's name and the object's own. */
export function splitQualifiedName(qualified: string): { parent?: string; own: string } {
  const at = qualified.indexOf('/');
  return at < 0 ? { own: qualified } : { parent: qualified.slice(0, at), own: qualified.slice(at + 1) };
}

/** The id pattern of a prefix: `vm-` then 16 lowercase base32 letters. */
export function idPatternOf(prefix: string): RegExp {
  return new RegExp(`^${prefix}-[a-z2-7]{16}$`);
}

/** What a spec asks of the security policies: the kind's own questions and its engine. */
export function policyAsks(kind: KindDescriptor, spec: ApiSpec): PolicyRelevant {
  const asks = kind.policy(spec);
  if (!kind.engine) return asks;
  const field = kind.engine.versionField ?? 'version';
  const version = typeof spec[field] === 'string' ? (spec[field] as string) : undefined;
  return { ...asks, engine: { path: [field], name: kind.name, version } };
}

/** The kind's monthly estimate, if it has a cost of its own. */
export function costOf(kind: KindDescriptor): KindCost | undefined {
  return 'monthly' in kind.cost ? kind.cost : undefined;
}

/** Whether a change of only these API fields starts or stops the object (audited as `resource.run`). */
export function isRunOnlyChange(kind: KindDescriptor, changed: readonly string[]): boolean {
  const run = kind.runFields ?? [];
  return changed.length > 0 && changed.every((k) => run.includes(k));
}

/**
 * The ids a `uses` field holds, each with the path to blame: a list's elements (`[field, i]`), or
 * the field itself when it holds one id (`[field]`, a cluster's `backupBucketId`).
 */
export function usedEntries(field: string, value: unknown): { id: unknown; path: ApiPath }[] {
  if (Array.isArray(value)) return value.map((id, i) => ({ id, path: [field, i] }));
  return typeof value === 'string' ? [{ id: value, path: [field] }] : [];
}

/** Defensive readers for partial specs. */
export const specNumber = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
export const specObject = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
export const specList = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
