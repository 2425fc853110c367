/**
 * What every managed data service (PostgreSQL, MariaDB, Redis, MongoDB, RabbitMQ) shares, built
 * from one engine table: the cluster's attributes (version, replicas, size, preset, storage class,
 * external access, host, port, external IP, cost), its descriptor (cost, quota use, the external-IP
 * policy, the change rules) and the "database of a cluster" sub-resource. Each engine's module
 * says only what is its own: versions, port, names, defaults that differ, extra attributes.
 */
import { RESOURCE_PRESET_NAMES, RESOURCE_PRESETS, ResourcePreset } from './catalog';
import { createdAtAttribute, idAttribute, monthlyCostAttribute, nameAttribute, statusAttribute, statusReasonAttribute, storageClassAttribute, tenantIdAttribute, timeoutsAttribute } from './common';
import { ApiSpec, idPatternOf, KindDescriptor, KindProblem, KindSecrets, KindTimeouts, specNumber } from './kind';
import { DataServiceCostInput, dataServiceMonthlyCost, eur, InstanceGroup, PRICES } from './pricing';
import { AttributeDef, ResourceModel, t } from './schema';
import { secretAttributes } from './secrets';

/** Every engine's volume, preset and waiting limits unless its table says otherwise. */
const DEFAULT_SIZE_GB = 10;
const DEFAULT_PRESET: ResourcePreset = 'micro';
const DEFAULT_TIMEOUTS: KindTimeouts = { create: '20m', update: '20m', delete: '10m' };
export const DATA_SERVICE_MAX_REPLICAS = 8;
export const DATA_SERVICE_MAX_SIZE_GB = 4096;

/** One engine: what differs from one managed data service to the next. */
export interface EngineTable<Name extends string> {
  /** The kind's name (`mariadb`), also its label. */
  readonly name: Name;
  /** The engine as users name it: `MariaDB`. */
  readonly engine: string;
  readonly typeName: string;
  readonly collection: string;
  readonly schemaName: string;
  readonly description: string;
  readonly idPrefix: string;
  /** The `apps.cozystack.io` kind. */
  readonly backendKind: string;
  /** Oldest first: upgrades go forward in this order, never back. */
  readonly versions: readonly string[];
  readonly defaultVersion: string;
  /** How the docs call a version: `PostgreSQL major version`. */
  readonly versionNoun: string;
  readonly port: number;
  readonly replicas: {
    readonly default: number;
    /** What 2 to 8 instances are: `a primary with streaming replicas and automatic failover`. */
    readonly clustered: string;
  };
  /** What `host` addresses. */
  readonly host: string;
  readonly sizeGb?: { readonly default: number; readonly note?: string };
  /** The engine's own attributes, placed after `external`. */
  readonly extras?: Readonly<Record<string, AttributeDef>>;
  /** Secrets the platform generates for the cluster (Redis's password), after the extras. */
  readonly secrets?: KindSecrets;
  /** The schema version when it is not 0, and the state upgraders from every older one (`KindDescriptor.stateUpgraders`). */
  readonly schema?: { readonly version: number; readonly upgraders: NonNullable<KindDescriptor['stateUpgraders']> };
  readonly timeouts?: KindTimeouts;
  /**
   * Instances other than `replicas` of `size_gb` each (MongoDB's shards): what they are in a
   * spec, the Terraform attributes that says so, and a sentence for the cost docs.
   */
  readonly instances?: { of(spec: ApiSpec): InstanceGroup[] | undefined; readonly inputs: readonly string[]; readonly explained: string };
  /** The engine's own rules; `previous` as in `KindDescriptor.rules`. */
  rules?(spec: ApiSpec, previous?: ApiSpec): KindProblem[];
  readonly examples: KindDescriptor['examples'];
  readonly docs: KindDescriptor['docs'];
}

/** Every instance's preset and volume, as quota use; `groups` when not `replicas` of `sizeGb` each. */
export function dataServiceSize(spec: ApiSpec, groups?: readonly InstanceGroup[]): { cpu: number; memoryGib: number; storageGib: number } {
  const preset = RESOURCE_PRESETS[spec.preset as ResourcePreset];
  const all = groups ?? [{ count: specNumber(spec.replicas), sizeGb: specNumber(spec.sizeGb) }];
  const instances = all.reduce((n, g) => n + g.count, 0);
  return { cpu: instances * (preset?.cpu ?? 0), memoryGib: instances * (preset?.memoryGib ?? 0), storageGib: all.reduce((n, g) => n + g.count * g.sizeGb, 0) };
}

/** What `dataServiceMonthlyCost` counts, for the docs. */
export const DATA_SERVICE_COST_EXPLAINED =
  `every instance: its preset (the SKU \`preset.<name>\` of the \`data-services\` prices: ${eur(PRICES.cpu.u1)} per vCPU and ${eur(PRICES.memoryGib)} per GiB of memory, to the cent) and its volume ` +
  `(per GiB: ${eur(PRICES.diskGib.replicated)} replicated, ${eur(PRICES.diskGib.local)} local), plus ${eur(PRICES.externalIp.WholeIP)} for the public address when \`external\` is set.`;

export const presetDescription = (defaultPreset: ResourcePreset) =>
  `Resources of each instance: ${RESOURCE_PRESET_NAMES.map((p) => `\`${p}\` (${RESOURCE_PRESETS[p].cpu} vCPU, ${RESOURCE_PRESETS[p].memoryGib} GiB)`).join(', ')}. ` +
  `Defaults to \`${defaultPreset}\`. Changed in place (instances restart one by one).`;

/** A managed data service's cluster: its model and its descriptor. */
export function dataServiceKind<Name extends string>(e: EngineTable<Name>): { model: ResourceModel; kind: KindDescriptor<Name>; idPattern: RegExp } {
  const noun = `${e.engine} cluster`;
  const timeouts = e.timeouts ?? DEFAULT_TIMEOUTS;
  const sizeGb = e.sizeGb?.default ?? DEFAULT_SIZE_GB;
  const model: ResourceModel = {
    typeName: e.typeName,
    collection: e.collection,
    noun,
    schemaName: e.schemaName,
    version: e.schema?.version ?? 0,
    description: e.description,
    attributes: {
      id: idAttribute(e.idPrefix),
      tenant_id: tenantIdAttribute(noun),
      name: nameAttribute(noun),
      version: {
        type: t.string,
        optional: true,
        computed: true,
        default: e.defaultVersion,
        description: `${e.versionNoun}: ${e.versions.map((v) => `\`${v}\``).join(', ')}. Defaults to \`${e.defaultVersion}\`. Upgraded in place; never downgraded.`,
        validation: { oneOf: e.versions },
      },
      replicas: {
        type: t.number,
        optional: true,
        computed: true,
        default: e.replicas.default,
        description:
          `Instances, 1 to ${DATA_SERVICE_MAX_REPLICAS}: \`1\` is a standalone server (its volume replicated by the storage), \`2\` to \`${DATA_SERVICE_MAX_REPLICAS}\` ${e.replicas.clustered}. ` +
          `Defaults to \`${e.replicas.default}\`. Scaled in place within a mode; the mode itself cannot change after creation.`,
        validation: { integer: true, min: 1, max: DATA_SERVICE_MAX_REPLICAS },
      },
      size_gb: {
        type: t.number,
        optional: true,
        computed: true,
        default: sizeGb,
        description: `Each instance's volume in GiB, 1 to ${DATA_SERVICE_MAX_SIZE_GB}. Defaults to \`${sizeGb}\`. Grows in place, never shrinks.${e.sizeGb?.note ? ` ${e.sizeGb.note}` : ''}`,
        validation: { integer: true, min: 1, max: DATA_SERVICE_MAX_SIZE_GB },
      },
      storage_class: storageClassAttribute('Storage class of the volumes', 'cluster'),
      preset: {
        type: t.string,
        optional: true,
        computed: true,
        default: DEFAULT_PRESET,
        description: presetDescription(DEFAULT_PRESET),
        validation: { oneOf: RESOURCE_PRESET_NAMES },
      },
      external: {
        type: t.bool,
        optional: true,
        computed: true,
        default: false,
        description: 'Reachable from outside the tenant through a load balancer with a public address (billed; the security policy must allow external IPs). Defaults to `false`.',
      },
      ...e.extras,
      ...(e.secrets ? secretAttributes(e.secrets) : {}),
      host: { type: t.string, computed: true, stable: true, description: e.host },
      port: { type: t.number, computed: true, stable: true, description: `TCP port, \`${e.port}\`.` },
      external_ip: { type: t.string, computed: true, changesWith: ['external'], description: 'Public address when `external` is set; null otherwise.' },
      status: statusAttribute,
      status_reason: statusReasonAttribute,
      monthly_cost_estimate: monthlyCostAttribute,
      created_at: createdAtAttribute,
      timeouts: timeoutsAttribute(timeouts),
    },
  };
  const kind: KindDescriptor<Name> = {
    name: e.name,
    model,
    label: e.name,
    idPrefix: e.idPrefix,
    backendKind: e.backendKind,
    timeouts,
    importBy: 'tenant-path/name',
    cost: {
      monthly: (spec) => dataServiceMonthlyCost({ ...(spec as unknown as DataServiceCostInput), groups: e.instances?.of(spec) }),
      inputs: ['replicas', 'preset', 'size_gb', 'storage_class', 'external', ...(e.instances?.inputs ?? [])],
      explained: DATA_SERVICE_COST_EXPLAINED + (e.instances ? ` ${e.instances.explained}` : ''),
    },
    engine: { versions: e.versions },
    ...(e.secrets ? { secrets: e.secrets } : {}),
    ...(e.schema ? { stateUpgraders: e.schema.upgraders } : {}),
    quota: {
      count: { key: e.name, counts: `${e.engine} clusters` },
      size: (spec) => dataServiceSize(spec, e.instances?.of(spec)),
      blame: { cpu: ['preset'], memoryGib: ['preset'], storageGib: ['sizeGb'], count: ['name'] },
    },
    policy: (spec) => ({ instanceTypes: [], externalAccess: spec.external === true ? { path: ['external'], method: 'WholeIP' } : undefined }),
    rules: (spec, previous) => [...(previous ? changeRules(e.versions, spec, previous) : []), ...(e.rules?.(spec, previous) ?? [])],
    examples: e.examples,
    docs: e.docs,
  };
  return { model, kind, idPattern: idPatternOf(e.idPrefix) };
}

/** Versions only go forward in `versions`' order. */
export function versionRule(versions: readonly string[], spec: ApiSpec, previous: ApiSpec): KindProblem[] {
  const order = (v: unknown) => versions.indexOf(v as string);
  if (order(spec.version) >= 0 && order(spec.version) < order(previous.version)) {
    return [{ path: ['version'], title: 'Version Cannot Go Back', reason: `versions are upgraded, never downgraded: ${String(previous.version)} now`, value: spec.version }];
  }
  return [];
}

/** A replica count that switches between standalone (1) and replicated (2 or more), blamed on `path`. */
export function replicationModeRule(path: (string | number)[], was: number, now: number): KindProblem[] {
  if (!(was > 0 && now > 0 && (was === 1) !== (now === 1))) return [];
  return [
    {
      path,
      title: 'Replication Mode Cannot Change',
      reason: `cannot switch between a standalone server (1) and a replicated cluster (2 to ${DATA_SERVICE_MAX_REPLICAS}) in place: ${was} now`,
      value: now,
      fix: was === 1 ? `Keep {{${String(path[path.length - 1])}}} at 1, or create a new cluster with 2 or more and move the data.` : `Keep {{${String(path[path.length - 1])}}} at 2 or more.`,
    },
  ];
}

/** A volume that shrinks, blamed on `path`. */
export function volumeGrowsRule(path: (string | number)[], was: unknown, now: unknown): KindProblem[] {
  if (!(specNumber(now) < specNumber(was))) return [];
  return [{ path, title: 'Volume Cannot Shrink', reason: `volumes never shrink: ${String(was)} GiB now`, value: now }];
}

/** Volumes never shrink, versions only go forward, and a standalone server never becomes a replicated cluster (nor back). */
function changeRules(versions: readonly string[], spec: ApiSpec, previous: ApiSpec): KindProblem[] {
  return [
    ...replicationModeRule(['replicas'], specNumber(previous.replicas), specNumber(spec.replicas)),
    ...volumeGrowsRule(['sizeGb'], previous.sizeGb, spec.sizeGb),
    ...versionRule(versions, spec, previous),
  ];
}

/** What a cluster's named sub-resource (a database, a vhost) says of itself. */
export interface ClusterChildTable<Name extends string> {
  readonly name: Name;
  /** The parent cluster's kind and engine, as built by `dataServiceKind`. */
  readonly parent: { readonly kind: KindDescriptor; readonly engine: string; readonly idPattern: RegExp };
  /** What it is: `database`, `vhost`. */
  readonly what: string;
  readonly typeName: string;
  readonly collection: string;
  readonly schemaName: string;
  readonly idPrefix: string;
  /** Its name's rule, in words and as a pattern. */
  readonly naming: { readonly pattern: RegExp; readonly hint: string };
  /** After "A database in a PostgreSQL cluster", e.g. `, with its extensions`. */
  readonly described?: string;
  readonly extras?: Readonly<Record<string, AttributeDef>>;
  rules?(spec: ApiSpec): KindProblem[];
  readonly examples: KindDescriptor['examples'];
  readonly docs: KindDescriptor['docs'];
}

const CHILD_TIMEOUTS: KindTimeouts = { create: '10m', update: '10m', delete: '10m' };

/** The usual rule for database names: lowercase letters, digits and `_`, up to 63. */
export const DATABASE_NAMING = { pattern: /^[a-z_][a-z0-9_]{0,62}$/, hint: "1 to 63 lowercase letters, digits and '_', not starting with a digit" };

/**
 * A named object inside a managed data service's cluster (its databases, RabbitMQ's vhosts): a
 * sub-resource in the cluster's tenant, unique in it, billed with it; the cluster cannot be
 * deleted while it has any.
 */
export function clusterChildKind<Name extends string>(c: ClusterChildTable<Name>): { model: ResourceModel; kind: KindDescriptor<Name> } {
  const parentField = `${c.parent.kind.name}_id`;
  const Noun = c.what[0].toUpperCase() + c.what.slice(1);
  const clusterNoun = `${c.parent.engine} cluster`;
  const model: ResourceModel = {
    typeName: c.typeName,
    schemaName: c.schemaName,
    collection: c.collection,
    noun: `${c.parent.engine} ${c.what}`,
    version: 0,
    description: `A ${c.what} in ${/^[AEIOU]/.test(c.parent.engine) ? 'an' : 'a'} ${clusterNoun}${c.described ?? ''}. Billed as part of its cluster; the cluster cannot be deleted while it has ${c.what}s (Terraform deletes them first).`,
    attributes: {
      id: idAttribute(c.idPrefix),
      [parentField]: {
        type: t.string,
        required: true,
        replaceOnChange: true,
        description: `Id of the ${clusterNoun} (\`${c.parent.kind.model.typeName}\`) holding the ${c.what}. Changing it forces a new ${c.what}.`,
        validation: { pattern: c.parent.idPattern, patternHint: `a ${clusterNoun} id such as ${c.parent.kind.idPrefix}-abcdefghijklmnop` },
      },
      tenant_id: { type: t.string, computed: true, stable: true, description: "The cluster's tenant." },
      name: {
        type: t.string,
        required: true,
        replaceOnChange: true,
        // The docs quote characters as code; messages quote them with '.
        description: `${Noun} name, unique in its cluster: ${c.naming.hint.replace(/'([^']+)'/g, '`$1`')}. Changing it forces a new ${c.what}.`,
        validation: { pattern: c.naming.pattern, patternHint: c.naming.hint },
      },
      ...c.extras,
      status: statusAttribute,
      status_reason: statusReasonAttribute,
      created_at: createdAtAttribute,
      timeouts: timeoutsAttribute(CHILD_TIMEOUTS),
    },
  };
  const kind: KindDescriptor<Name> = {
    name: c.name,
    model,
    label: c.name,
    idPrefix: c.idPrefix,
    backendKind: c.parent.kind.backendKind,
    parent: { kind: c.parent.kind.name, field: `${c.parent.kind.name}Id` },
    timeouts: CHILD_TIMEOUTS,
    importBy: 'tenant-path/parent/name',
    cost: { none: `billed as part of its ${clusterNoun}` },
    quota: { blame: {} },
    policy: () => ({ instanceTypes: [] }),
    rules: (spec) => c.rules?.(spec) ?? [],
    examples: c.examples,
    docs: c.docs,
  };
  return { model, kind };
}

/** A user's role on a database of its cluster. */
export const DATABASE_ROLES = ['admin', 'readonly'] as const;
const USER_TIMEOUTS: KindTimeouts = { create: '10m', update: '10m', delete: '10m' };

/** What a user of a cluster says of itself (PostgreSQL's, MariaDB's, MongoDB's, RabbitMQ's). */
export interface ClusterUserTable<Name extends string> {
  readonly name: Name;
  /** The parent cluster, as for `clusterChildKind`. */
  readonly parent: ClusterChildTable<Name>['parent'];
  /**
   * The cluster's children the user gets roles on (`refersTo`): its databases, or RabbitMQ's
   * vhosts; `what` names one (`database`), and the attribute is its plural (`databases`).
   */
  readonly grants: { readonly kind: KindDescriptor; readonly what: string };
  /** What the two roles grant, after their names: `(owner, or read-only)`. */
  readonly rolesMeaning: string;
  readonly typeName: string;
  readonly collection: string;
  readonly schemaName: string;
  readonly idPrefix: string;
  readonly description: string;
  /** Its name's rule; `noun` as the docs call it (`Role`). */
  readonly naming: { readonly pattern: RegExp; readonly hint: string; readonly noun: string };
  /** Names the engine (`keptBy`) and its operator keep for themselves: refused, and said in the docs. */
  readonly reserved: { readonly names: readonly string[]; readonly prefix?: string; readonly keptBy: string };
  /** The engine's own attributes, after `databases`. */
  readonly extras?: Readonly<Record<string, AttributeDef>>;
  /** Its password (`secretAttributes()` makes the attributes). */
  readonly secrets: KindSecrets;
  readonly examples: KindDescriptor['examples'];
  readonly docs: KindDescriptor['docs'];
}

/** A name the engine or its operator keeps. */
function reservedNameRule(reserved: ClusterUserTable<string>['reserved'], name: unknown): KindProblem[] {
  if (typeof name !== 'string' || !(reserved.names.includes(name) || (reserved.prefix !== undefined && name.startsWith(reserved.prefix)))) return [];
  return [
    {
      path: ['name'],
      title: 'Reserved Role Name',
      reason: `is kept by ${reserved.keptBy} or the operator (${reserved.names.join(', ')}${reserved.prefix ? `, and every name starting with ${reserved.prefix}` : ''})`,
      value: name,
      fix: 'Choose another name, e.g. the application it serves.',
    },
  ];
}

/**
 * A user of a managed data service's cluster: a sub-resource with a role per database (or vhost)
 * of the same cluster (`databases`, `vhosts`: checked by the service through `refersTo`), the
 * engine's own settings and a generated password, returned once and rotatable.
 */
export function clusterUserKind<Name extends string>(u: ClusterUserTable<Name>): { model: ResourceModel; kind: KindDescriptor<Name> } {
  const parentField = `${u.parent.kind.name}_id`;
  const clusterNoun = `${u.parent.engine} cluster`;
  const { kind: granted, what } = u.grants;
  const field = `${what}s`;
  const childName = granted.model.attributes.name.validation;
  const model: ResourceModel = {
    typeName: u.typeName,
    schemaName: u.schemaName,
    collection: u.collection,
    noun: `${u.parent.engine} user`,
    version: 0,
    description: u.description,
    attributes: {
      id: idAttribute(u.idPrefix),
      [parentField]: {
        type: t.string,
        required: true,
        replaceOnChange: true,
        description: `Id of the ${clusterNoun} (\`${u.parent.kind.model.typeName}\`) the user belongs to. Changing it forces a new user.`,
        validation: { pattern: u.parent.idPattern, patternHint: `a ${clusterNoun} id such as ${u.parent.kind.idPrefix}-abcdefghijklmnop` },
      },
      tenant_id: { type: t.string, computed: true, stable: true, description: "The cluster's tenant." },
      name: {
        type: t.string,
        required: true,
        replaceOnChange: true,
        description:
          `${u.naming.noun} name, unique in its cluster: ${u.naming.hint}; not \`${u.reserved.names.join('` nor `')}\`` +
          `${u.reserved.prefix ? ` and not starting with \`${u.reserved.prefix}\`` : ''} (kept by ${u.reserved.keptBy} and the operator). Changing it forces a new user.`,
        validation: { pattern: u.naming.pattern, patternHint: u.naming.hint },
      },
      [field]: {
        type: t.map(t.string),
        optional: true,
        description:
          `The user's role on ${field} of the cluster, by ${what} name: ${DATABASE_ROLES.map((r) => `\`${r}\``).join(' or ')} ${u.rolesMeaning}. ` +
          `Each ${what} must exist in the cluster (the service refuses others); reference the ${what} resource so Terraform creates it first: ` +
          `\`${field} = { (${granted.model.typeName}.app.name) = "admin" }\`. Changed in place.`,
        validation: { oneOf: DATABASE_ROLES, keyPattern: childName?.pattern, keyPatternHint: childName?.patternHint, maxItems: 100 },
      },
      ...u.extras,
      ...secretAttributes(u.secrets),
      status: statusAttribute,
      status_reason: statusReasonAttribute,
      created_at: createdAtAttribute,
      timeouts: timeoutsAttribute(USER_TIMEOUTS),
    },
  };
  const kind: KindDescriptor<Name> = {
    name: u.name,
    model,
    label: u.name,
    idPrefix: u.idPrefix,
    backendKind: u.parent.kind.backendKind,
    parent: { kind: u.parent.kind.name, field: `${u.parent.kind.name}Id` },
    timeouts: USER_TIMEOUTS,
    importBy: 'tenant-path/parent/name',
    cost: { none: `billed as part of its ${clusterNoun}` },
    quota: { blame: {} },
    policy: () => ({ instanceTypes: [] }),
    secrets: u.secrets,
    refersTo: [{ field, kind: granted.name }],
    rules: (spec) => reservedNameRule(u.reserved, spec.name),
    examples: u.examples,
    docs: u.docs,
  };
  return { model, kind };
}
