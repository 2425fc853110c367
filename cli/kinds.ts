/**
 * The kinds the CLI manages: one command group per REST collection of `resourceModels`
 * (`/v1/clusters` -> `hikube clusters`), with the same verbs everywhere. Where the model has a
 * kind descriptor (model/kinds.ts) everything else derives from it: the alias, how an object is
 * named (`importBy`: the same paths `terraform import` takes), a sub-resource's parent flag
 * (`--postgres`), the examples. A new kind, sub-resources included, needs no code here; what is
 * declared below (columns, examples) only makes a kind read better.
 */
import { resourceModels } from '../model/index';
import { KindDescriptor, namePartsOf } from '../model/kind';
import { kindOfType } from '../model/kinds';
import { AttributeDef, ResourceModel } from '../model/schema';

/** Every id the service hands out: a short prefix, a dash and 16 base32 characters. */
export const ID_PATTERN = /^[a-z]{2,8}-[a-z2-7]{16}$/;

/** What a table cell may need beside the item: tenant paths by id, and the names of sub-resources' parents by id. */
export interface RenderContext {
  readonly tenantPaths: ReadonlyMap<string, string>;
  readonly parentNames?: ReadonlyMap<string, string>;
}

export type Item = Record<string, unknown>;

export interface Column {
  /** Header; by convention the API field name in upper snake case. */
  readonly header: string;
  value(item: Item, ctx: RenderContext): string;
  /** Only with -o wide. */
  readonly wide?: boolean;
  /** Coloured as a status word on a terminal. */
  readonly status?: boolean;
}

/** A sub-resource's parent, as the command line names it. */
export interface CliParent {
  /** The parent's kind name (`postgres`): its group is found by it. */
  readonly kind: string;
  /** The API field holding the parent's id (`postgresId`). */
  readonly field: string;
  /** The create flag taking the parent by reference: `--postgres`. */
  readonly flag: string;
  /** commander's key for it: `--postgres` -> `postgres`, `--foo-bar` -> `fooBar`. */
  readonly key: string;
  /** The parent's part of a reference, in help texts: `POSTGRES`. */
  readonly placeholder: string;
}

export interface CliKind {
  /** Command group: the collection's last segment, e.g. `clusters`, `monitoring-stacks`. */
  readonly command: string;
  /** The group's other name: the kind's own (`cluster`, `monitoring`, `postgres-database`), if it differs. */
  readonly alias?: string;
  readonly model: ResourceModel;
  /** The kind's descriptor, for every kind but tenants, members and tokens. */
  readonly descriptor?: KindDescriptor;
  /** `cluster`, `virtual machine`: for messages. */
  readonly noun: string;
  /** The API field that names one within its tenant (`name`, `user`); none: one per tenant or ids only. */
  readonly nameField?: string;
  /** At most one per tenant (a monitoring stack): the tenant's path names it. */
  readonly onePerTenant?: boolean;
  /** The API field holding the owning tenant: `tenantId`, or `parentId` for tenants. */
  readonly tenantField?: 'tenantId' | 'parentId';
  /** `create` takes `--tenant`: the tenant is set by the user, not computed from a parent. */
  readonly createInTenant: boolean;
  /** For a sub-resource (a database of a PostgreSQL cluster): its parent. */
  readonly parent?: CliParent;
  /** Created, changed and deleted by operations in the service: `--wait` applies. */
  readonly provisioned: boolean;
  readonly columns: readonly Column[];
  /** The reference `-o name` prints, accepted back by every command: a path, tenant/name or id. */
  refOf(item: Item, ctx: RenderContext): string;
  /** How REF is written, for `--help`: `TENANT/PATH/NAME, NAME with --tenant, or id`. */
  readonly refHelp: string;
  /** A reference for examples: `acme/production/web`, `mem-abcdefghijklmnop`. */
  readonly sampleRef: string;
  /** A hand-written create example for `--help`; otherwise derived from the descriptor (cli/spec-flags.ts createExampleOf). */
  readonly createExample?: string;
}

const str = (v: unknown): string => (v === null || v === undefined || v === '' ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const field = (name: string, header = upperSnake(name), extra: Partial<Column> = {}): Column => ({ header, value: (i) => str(i[name]), ...extra });
const tenantPath: Column = { header: 'TENANT', value: (i, ctx) => ctx.tenantPaths.get(String(i.tenantId)) ?? str(i.tenantId) };
const cost: Column = { header: 'MONTHLY_COST', value: (i) => (typeof i.monthlyCostEstimate === 'number' ? `€${i.monthlyCostEstimate.toFixed(2)}` : '-') };
const status = field('status', 'STATUS', { status: true });
const age: Column = { header: 'AGE', value: (i) => ageOf(String(i.createdAt)) };

function upperSnake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

/** `3d`, `5h`, `12m`, `40s`: how long ago, as kubectl shows it. */
export function ageOf(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s)) return '-';
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** Per-kind choices, by Terraform type name. */
const SPECIFICS: Record<string, Partial<CliKind>> = {
  hikube_tenant: {
    nameField: 'name',
    tenantField: 'parentId',
    columns: [
      field('path', 'PATH'),
      field('namespace', 'NAMESPACE'),
      field('networkCidr', 'NETWORK_CIDR'),
      field('description', 'DESCRIPTION'),
      field('id', 'ID', { wide: true }),
      {
        header: 'LABELS',
        wide: true,
        value: (i) =>
          Object.entries((i.labels as Record<string, string>) ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(',') || '-',
      },
      field('deletionProtection', 'DELETION_PROTECTION', { wide: true }),
      age,
    ],
    refOf: (i) => String(i.path),
    createExample: 'hikube tenants create acme/production/team-c --description "Team C" --labels team=c',
  },
  hikube_tenant_member: {
    nameField: 'user',
    columns: [field('id', 'ID'), tenantPath, field('user', 'USER'), field('role', 'ROLE'), age],
    refOf: (i) => String(i.id),
    createExample: 'hikube members create alice@example.com --tenant acme/production --role admin',
  },
  hikube_api_token: {
    columns: [
      field('id', 'ID'),
      tenantPath,
      field('role', 'ROLE'),
      field('description', 'DESCRIPTION'),
      { header: 'STATUS', status: true, value: (i) => (i.revokedAt ? 'revoked' : i.expiresAt && Date.parse(String(i.expiresAt)) < Date.now() ? 'expired' : 'active') },
      field('expiresAt', 'EXPIRES_AT', { wide: true }),
      age,
    ],
    refOf: (i) => String(i.id),
    createExample: 'hikube tokens create --tenant acme/production --role use --description "CI pipeline"',
  },
  hikube_kubernetes_cluster: {
    nameField: 'name',
    columns: [
      field('name', 'NAME'),
      tenantPath,
      field('version', 'VERSION'),
      {
        header: 'NODE_GROUPS',
        value: (i) =>
          Object.entries((i.nodeGroups as Record<string, { minReplicas: number; maxReplicas: number; instanceType: string }>) ?? {})
            .map(([n, g]) => `${n}:${g.minReplicas}-${g.maxReplicas}x${g.instanceType}`)
            .join(','),
      },
      status,
      cost,
      { header: 'CONTROL_PLANE', wide: true, value: (i) => `${str(i.controlPlaneReplicas)} x ${str(i.controlPlanePreset)}` },
      {
        header: 'ADDONS',
        wide: true,
        value: (i) =>
          Object.entries((i.addons as Record<string, boolean> | null) ?? {})
            .filter(([, on]) => on)
            .map(([a]) => a)
            .join(',') || '-',
      },
      field('endpoint', 'ENDPOINT', { wide: true }),
      field('id', 'ID', { wide: true }),
      field('statusReason', 'STATUS_REASON', { wide: true }),
      age,
    ],
    createExample:
      'hikube clusters create web --tenant acme/production --version v1.33 --set nodeGroups.workers.instanceType=u1.large --set nodeGroups.workers.minReplicas=2 --set nodeGroups.workers.maxReplicas=4',
  },
  hikube_virtual_machine: {
    nameField: 'name',
    columns: [
      field('name', 'NAME'),
      tenantPath,
      field('instanceType', 'INSTANCE_TYPE'),
      field('runStrategy', 'RUN_STRATEGY'),
      field('privateIp', 'PRIVATE_IP'),
      status,
      cost,
      field('externalIp', 'EXTERNAL_IP', { wide: true }),
      field('instanceProfile', 'INSTANCE_PROFILE', { wide: true }),
      field('id', 'ID', { wide: true }),
      field('statusReason', 'STATUS_REASON', { wide: true }),
      age,
    ],
    createExample: 'hikube vms create devbox --tenant acme/development --instance-type u1.large --ssh-keys "ssh-ed25519 AAAA... me"',
  },
  hikube_monitoring_stack: {
    columns: [
      tenantPath,
      { header: 'ACCOUNTS', value: (i) => String(Object.keys((i.accounts as object) ?? {}).length) },
      status,
      cost,
      field('grafanaUrl', 'GRAFANA_URL', { wide: true }),
      field('id', 'ID', { wide: true }),
      age,
    ],
  },
};

/** `postgres-database` -> `POSTGRES_DATABASE`: a kind's part of a reference in help texts, and its column header. */
const placeholderOf = (kindName: string) => kindName.replace(/-/g, '_').toUpperCase();

/**
 * The reference of an object of a described kind, in its `importBy` form: the tenant's path,
 * then the parent's name and its own as the kind has them. A parent whose name is not known
 * (not in the render context) leaves the id, which every command accepts too.
 */
function describedRef(d: KindDescriptor, item: Item, ctx: RenderContext): string {
  const tenant = ctx.tenantPaths.get(String(item.tenantId));
  if (tenant === undefined) return String(item.id);
  const names = namePartsOf(d);
  if (names === 0) return tenant;
  if (!d.parent) return `${tenant}/${String(item.name)}`;
  const parentName = ctx.parentNames?.get(String(item[d.parent.field]));
  return parentName === undefined ? String(item.id) : `${tenant}/${parentName}/${String(item.name)}`;
}

function deriveKind(model: ResourceModel): CliKind {
  const attrs = model.attributes;
  const has = (name: string) => name in attrs;
  const settable = (name: string) => has(name) && settableAttributes(model).some(([n]) => n === name);
  const specific = SPECIFICS[model.typeName] ?? {};
  const command = model.collection.split('/').pop()!;
  const d = kindOfType(model.typeName);
  const parent: CliParent | undefined = d?.parent && {
    kind: d.parent.kind,
    field: d.parent.field,
    flag: `--${d.parent.kind}`,
    key: d.parent.kind.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
    placeholder: placeholderOf(d.parent.kind),
  };
  const onePerTenant = d ? namePartsOf(d) === 0 : specific.onePerTenant;
  const nameField = specific.nameField ?? (d ? (onePerTenant ? undefined : 'name') : has('name') ? 'name' : undefined);
  const parentColumn: Column[] = parent ? [{ header: parent.placeholder, value: (i, ctx) => ctx.parentNames?.get(String(i[parent.field])) ?? str(i[parent.field]) }] : [];
  const alias = d ? (d.name !== command ? d.name : undefined) : command.replace(/s$/, '');
  // Examples name what the descriptor's import example names: `acme/production/orders/app`.
  const sampleId = `${d?.idPrefix ?? { members: 'mem', tokens: 'tok' }[command] ?? 'xx'}-abcdefghijklmnop`;
  const sampleRef = d ? d.docs.imported.path : command === 'tenants' ? 'acme/production' : sampleId;
  const names = nameField?.toUpperCase() ?? 'NAME';
  const refHelp =
    command === 'tenants'
      ? 'tenant path (acme/production) or id'
      : parent
        ? `TENANT/PATH/${parent.placeholder}/${names}, ${parent.placeholder}/${names} with --tenant, or id`
        : nameField
          ? `TENANT/PATH/${names}, ${names} with --tenant, or id`
          : onePerTenant
            ? "its tenant's path, or id"
            : 'id';
  return {
    command,
    alias: alias === command ? undefined : alias,
    model,
    descriptor: d,
    noun: model.noun,
    nameField,
    onePerTenant,
    tenantField: has('tenant_id') ? 'tenantId' : has('parent_id') ? 'parentId' : undefined,
    createInTenant: settable('tenant_id'),
    parent,
    provisioned: has('status'),
    columns: specific.columns ?? [
      ...(nameField ? [field(nameField, upperSnake(nameField))] : []),
      ...parentColumn,
      ...(has('tenant_id') ? [tenantPath] : []),
      ...(has('status') ? [status] : []),
      ...(has('monthly_cost_estimate') ? [cost] : []),
      field('id', 'ID'),
      age,
    ],
    refOf: specific.refOf ?? (d ? (i, ctx) => describedRef(d, i, ctx) : (i) => String(i.id)),
    refHelp,
    sampleRef,
    createExample: specific.createExample,
  };
}

export const KINDS: readonly CliKind[] = resourceModels.map(deriveKind);

export function kindOf(command: string): CliKind {
  const kind = KINDS.find((k) => k.command === command);
  if (!kind) throw new Error(`no kind ${command}`);
  return kind;
}

/** The group of a sub-resource's parent. */
export function parentKindOf(kind: CliKind): CliKind {
  const parent = KINDS.find((k) => k.descriptor?.name === kind.parent?.kind);
  if (!parent) throw new Error(`${kind.command} has no parent kind`);
  return parent;
}

/** Attributes the user sets, top level: what create and update accept. */
export function settableAttributes(model: ResourceModel): [string, AttributeDef][] {
  return Object.entries(model.attributes).filter(([, d]) => !d.local && (d.required || d.optional || d.default !== undefined));
}
