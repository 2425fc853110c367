/**
 * The kinds the CLI manages, derived from model/ (`resourceModels`): one command group per
 * REST collection (`/v1/clusters` -> `hikube clusters`), with the same verbs everywhere. What
 * differs per kind (table columns, how a NAME argument is found) is declared here; a kind
 * added to the model without an entry still gets every verb with generic columns.
 */
import { resourceModels } from '../model/index';
import { AttributeDef, ResourceModel } from '../model/schema';

/** Every id the service hands out: a short prefix, a dash and 16 base32 characters. */
export const ID_PATTERN = /^[a-z]{2,4}-[a-z2-7]{16}$/;

/** What a table cell may need beside the item: tenant paths by id. */
export interface RenderContext {
  readonly tenantPaths: ReadonlyMap<string, string>;
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

export interface CliKind {
  /** Command group: the collection's last segment, e.g. `clusters`, `monitoring-stacks`. */
  readonly command: string;
  readonly model: ResourceModel;
  /** `cluster`, `virtual machine`: for messages. */
  readonly noun: string;
  /** The API field that names one within its tenant (`name`, `user`); none: one per tenant or ids only. */
  readonly nameField?: string;
  /** At most one per tenant (a monitoring stack): the tenant's path names it. */
  readonly onePerTenant?: boolean;
  /** The API field holding the owning tenant: `tenantId`, or `parentId` for tenants. */
  readonly tenantField?: 'tenantId' | 'parentId';
  /** Created, changed and deleted by operations in the service: `--wait` applies. */
  readonly provisioned: boolean;
  readonly columns: readonly Column[];
  /** The reference `-o name` prints, accepted back by every command: a path, tenant/name or id. */
  refOf(item: Item, ctx: RenderContext): string;
  /** Lines for `--help`: `hikube clusters create web --tenant acme/production ...`. */
  readonly createExample: string;
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

const byTenantAndName = (i: Item, ctx: RenderContext) => `${ctx.tenantPaths.get(String(i.tenantId)) ?? String(i.tenantId)}/${String(i.name)}`;

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
      field('endpoint', 'ENDPOINT', { wide: true }),
      field('id', 'ID', { wide: true }),
      field('statusReason', 'STATUS_REASON', { wide: true }),
      age,
    ],
    refOf: byTenantAndName,
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
    refOf: byTenantAndName,
    createExample: 'hikube vms create devbox --tenant acme/development --instance-type u1.large --ssh-keys "ssh-ed25519 AAAA... me"',
  },
  hikube_monitoring_stack: {
    onePerTenant: true,
    columns: [
      tenantPath,
      { header: 'ACCOUNTS', value: (i) => String(Object.keys((i.accounts as object) ?? {}).length) },
      status,
      cost,
      field('grafanaUrl', 'GRAFANA_URL', { wide: true }),
      field('id', 'ID', { wide: true }),
      age,
    ],
    refOf: (i, ctx) => ctx.tenantPaths.get(String(i.tenantId)) ?? String(i.id),
    createExample: 'hikube monitoring-stacks create --tenant acme/production',
  },
};

function deriveKind(model: ResourceModel): CliKind {
  const attrs = model.attributes;
  const has = (name: string) => name in attrs;
  const specific = SPECIFICS[model.typeName] ?? {};
  const command = model.collection.split('/').pop()!;
  return {
    command,
    model,
    noun: model.noun,
    nameField: specific.nameField ?? (has('name') ? 'name' : undefined),
    onePerTenant: specific.onePerTenant,
    tenantField: has('tenant_id') ? 'tenantId' : has('parent_id') ? 'parentId' : undefined,
    provisioned: has('status'),
    columns: specific.columns ?? [
      ...(has('name') ? [field('name', 'NAME')] : []),
      ...(has('tenant_id') ? [tenantPath] : []),
      ...(has('status') ? [status] : []),
      ...(has('monthly_cost_estimate') ? [cost] : []),
      field('id', 'ID'),
      age,
    ],
    refOf: specific.refOf ?? ((i) => String(i.id)),
    createExample: specific.createExample ?? `hikube ${command} create ${has('name') ? 'NAME ' : ''}--tenant acme/production --set field=value`,
  };
}

export const KINDS: readonly CliKind[] = resourceModels.map(deriveKind);

export function kindOf(command: string): CliKind {
  const kind = KINDS.find((k) => k.command === command);
  if (!kind) throw new Error(`no kind ${command}`);
  return kind;
}

/** Attributes the user sets, top level: what create and update accept. */
export function settableAttributes(model: ResourceModel): [string, AttributeDef][] {
  return Object.entries(model.attributes).filter(([, d]) => !d.local && (d.required || d.optional || d.default !== undefined));
}
