import { PageRequest, Paged, toPage } from '../http/pagination';
import { KIND_LIST } from '../../model/kinds';
import type { Tenant, TenantCreate, TenantUpdate } from '../../model/api/types';
import { authorize, inSubtree, requireRoleFor } from '../auth/authorize';
import { Principal } from '../auth/tokens';
import { AuditStore } from '../audit/store';
import { ConflictError, fieldError, NotFoundError, ValidationError } from '../http/problem';
import { newId } from '../ids';
import { isForeignKeyViolation, Queryable, Store, uniqueViolation } from '../store/store';
import { NewTenantRow, TENANT_CONSTRAINTS, TenantRow, TenantStore } from './store';

/** Kubernetes namespaces are DNS labels: at most 63 characters. */
export const MAX_NAMESPACE_LENGTH = 63;

export function namespaceOf(path: string): string {
  return `tenant-${path.replace(/\//g, '-')}`;
}

export function toApiTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    path: row.path,
    namespace: row.namespace,
    description: row.description,
    labels: row.labels ?? {},
    deletionProtection: row.deletion_protection,
    quotas: row.quotas ?? null,
    securityPolicy: row.security_policy ?? null,
    networkPrefixLength: row.network_prefix_length ?? 0,
    networkCidr: row.network_cidr ?? '',
    monitoringOwnerId: row.monitoring_owner_id,
    metricsAccountId: row.metrics_account_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What other features add to a tenant's life. */
export interface TenantHooks {
  /** After a tenant is created (e.g. give it a metrics account when a stack covers it). */
  created?(row: TenantRow): Promise<void>;
  /** First in a create's transaction: guardrail checks under locks; returns the columns they set (network). */
  beforeInsert?(tx: Queryable, parent: TenantRow, input: TenantCreate): Promise<Partial<NewTenantRow>>;
  /** First in an update's transaction that changes quotas or the security policy. */
  beforeUpdate?(tx: Queryable, current: TenantRow, patch: TenantUpdate): Promise<void>;
  /** Before and after a delete commits: the tenant's tokens went with it (cascade). */
  deleting?(): void;
}

/**
 * Tenant rules: the tree, computed path and namespace, who may see and change what.
 * A principal sees its own tenant's subtree only; anything else is reported as not found,
 * so that ids outside a token's reach reveal nothing.
 */
export class TenantService {
  /** Reads outside transactions; changes open one on `db` (with their audit entry). */
  private readonly store: TenantStore;

  constructor(
    private readonly db: Store,
    private readonly hooks: TenantHooks = {},
  ) {
    this.store = new TenantStore(db);
  }

  async create(principal: Principal, input: TenantCreate): Promise<Tenant> {
    requireRoleFor(principal, 'tenant.create');
    const parent = input.parentId ? await this.parent(principal, input.parentId) : await this.defaultParent(principal);
    authorize(principal, 'tenant.create', parent, () => missingParent(parent.id));
    const path = `${parent.path}/${input.name}`;
    const namespace = namespaceOf(path);
    if (namespace.length > MAX_NAMESPACE_LENGTH) {
      throw new ValidationError([
        fieldError(
          ['name'],
          `the tenant's Kubernetes namespace ${namespace} would be ${namespace.length} characters, more than the ${MAX_NAMESPACE_LENGTH} allowed: ` + 'choose a shorter name (or a shallower parent)',
        ),
      ]);
    }
    try {
      const row = await this.db.transaction(async (tx) => {
        const guarded = await this.hooks.beforeInsert?.(tx, parent, input);
        const inserted = await new TenantStore(tx).insert({
          ...guarded,
          id: newId('tnt'),
          name: input.name,
          parent_id: parent.id,
          path,
          namespace,
          description: input.description ?? null,
          labels: input.labels ?? {},
          deletion_protection: input.deletionProtection ?? false,
        });
        await new AuditStore(tx).record(principal, { action: 'create', kind: 'tenant', resourceId: inserted.id, tenant: inserted, before: null, after: toApiTenant(inserted) });
        return inserted;
      });
      if (!this.hooks.created) return toApiTenant(row);
      await this.hooks.created(row);
      return toApiTenant((await this.store.get(row.id)) ?? row);
    } catch (err) {
      throw await this.explainInsertFailure(err, parent, input.name, namespace);
    }
  }

  async get(principal: Principal, id: string): Promise<Tenant> {
    return toApiTenant(await this.visible(principal, id));
  }

  async getByPath(principal: Principal, path: string): Promise<Tenant> {
    const row = await this.store.getByPath(path.replace(/^\/+|\/+$/g, ''));
    if (!row || !canSee(principal, row)) throw new NotFoundError(`no tenant has the path ${path}`);
    return toApiTenant(row);
  }

  /** Every tenant the principal can see, or only those of `ids` (unknown or hidden ids are left out). */
  async list(principal: Principal, page: PageRequest, ids?: readonly string[]): Promise<Paged<Tenant>> {
    return toPage(
      await this.store.subtreePage(principal.tenantPath, page, ids),
      page,
      (r) => r.path,
      (rows) => rows.map(toApiTenant),
    );
  }

  async children(principal: Principal, id: string, page: PageRequest): Promise<Paged<Tenant>> {
    await this.visible(principal, id);
    return toPage(
      await this.store.childrenPage(id, page),
      page,
      (r) => r.path,
      (rows) => rows.map(toApiTenant),
    );
  }

  async update(principal: Principal, id: string, patch: TenantUpdate): Promise<Tenant> {
    const current = await this.visible(principal, id);
    authorize(principal, 'tenant.update', current);
    // A tenant's guardrails are its parent's decision: nobody loosens their own.
    if (patch.quotas !== undefined || patch.securityPolicy !== undefined) authorize(principal, 'tenant.guardrails', current);
    const row = await this.db.transaction(async (tx) => {
      const tenants = new TenantStore(tx);
      const before = await tenants.get(id);
      if (patch.quotas !== undefined || patch.securityPolicy !== undefined) await this.hooks.beforeUpdate?.(tx, current, patch);
      const after = await tenants.update(id, {
        description: patch.description,
        labels: patch.labels === null ? {} : patch.labels,
        deletion_protection: patch.deletionProtection,
        quotas: patch.quotas,
        security_policy: patch.securityPolicy,
      });
      if (!before || !after) throw notFound(id);
      await this.audit(tx, principal, 'update', before, after);
      return after;
    });
    return toApiTenant(row);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const tenant = await this.visible(principal, id);
    if (tenant.parent_id === null) {
      throw new ConflictError('root-tenant', `${tenant.path} is the organisation root tenant; it cannot be deleted`);
    }
    authorize(principal, 'tenant.delete', tenant); // the token's own tenant: 403, its parent decides
    await this.refuseIfHasChildren(tenant);
    await this.refuseIfOwnsResources(tenant);
    let deleted: boolean;
    this.hooks.deleting?.();
    try {
      deleted = await this.db.transaction(async (tx) => {
        const gone = await new TenantStore(tx).deleteUnprotected(id);
        if (gone) await this.audit(tx, principal, 'delete', tenant, null);
        return gone;
      });
    } catch (err) {
      // A child or a resource was created since the checks above: a foreign key refused the delete.
      if (isForeignKeyViolation(err)) {
        await this.refuseIfHasChildren(tenant);
        await this.refuseIfOwnsResources(tenant);
      }
      throw err;
    } finally {
      this.hooks.deleting?.();
    }
    if (deleted) return;
    const now = await this.store.get(id);
    if (!now) throw notFound(id);
    throw new ConflictError('deletion-protected', `tenant ${now.path} has deletion protection enabled: set deletion_protection = false (deletionProtection: false in the API) first, then delete it`);
  }

  /** Records a change of a tenant in the change's transaction; an update that changed nothing is not one. */
  private async audit(tx: Queryable, principal: Principal, action: 'update' | 'delete', before: TenantRow, after: TenantRow | null): Promise<void> {
    const [b, a] = [toApiTenant(before), after && toApiTenant(after)];
    if (a && JSON.stringify({ ...b, updatedAt: '' }) === JSON.stringify({ ...a, updatedAt: '' })) return;
    await new AuditStore(tx).record(principal, { action, kind: 'tenant', resourceId: before.id, tenant: before, before: b, after: a });
  }

  /** The tenant if the principal may see it, else 404. */
  private async visible(principal: Principal, id: string): Promise<TenantRow> {
    const row = await this.store.get(id);
    if (!row || !canSee(principal, row)) throw notFound(id);
    return row;
  }

  /** A parent the principal cannot see is a bad parentId (400 on the field, for attribute diagnostics). */
  private async parent(principal: Principal, id: string): Promise<TenantRow> {
    const row = await this.store.get(id);
    if (!row || !canSee(principal, row)) throw missingParent(id);
    return row;
  }

  /** A missing parentId means the organisation root, which only root-level tokens reach. */
  private async defaultParent(principal: Principal): Promise<TenantRow> {
    const root = await this.store.root();
    if (!root) throw new Error('the organisation root tenant is missing');
    if (!canSee(principal, root)) {
      throw new ValidationError([fieldError(['parentId'], `is required for this token: it may only create tenants under ${principal.tenantPath}`)]);
    }
    return root;
  }

  private async refuseIfHasChildren(tenant: TenantRow): Promise<void> {
    const children = await this.store.children(tenant.id);
    if (children.length === 0) return;
    const paths = children.map((c) => c.path);
    throw new ConflictError('tenant-has-children', `tenant ${tenant.path} still has ${paths.length} sub-tenant${paths.length === 1 ? '' : 's'}: ${paths.join(', ')}; delete them first`, {
      children: children.map((c) => ({ id: c.id, path: c.path })),
    });
  }

  private async refuseIfOwnsResources(tenant: TenantRow): Promise<void> {
    const owned = await this.store.ownedResources(tenant.id);
    if (owned.length === 0) return;
    // A kind without names of its own (one per tenant) is named by its noun and id.
    const names = owned.map((r) => {
      const kind = KIND_LIST.find((k) => k.label === r.kind);
      return kind?.fixedName ? `${kind.model.noun} ${r.id}` : `${r.kind} ${r.name}`;
    });
    throw new ConflictError(
      'tenant-has-resources',
      `tenant ${tenant.path} still owns ${names.join(', ')}; delete ${owned.length === 1 ? 'it' : 'them'} first (a deletion in progress counts until it finishes)`,
      { resources: owned },
    );
  }

  /** Turns a unique or foreign key violation of an insert into the 409/404 the user can act on. */
  private async explainInsertFailure(err: unknown, parent: TenantRow, name: string, namespace: string): Promise<unknown> {
    if (isForeignKeyViolation(err)) return missingParent(parent.id); // deleted meanwhile
    const constraint = uniqueViolation(err);
    if (constraint === undefined) return err;
    const sibling = `${parent.path} already has a sub-tenant named ${name}: choose another name, or import the existing one`;
    if (constraint === TENANT_CONSTRAINTS.namespace) {
      const other = await this.store.getByNamespace(namespace);
      if (other && !(other.parent_id === parent.id && other.name === name)) {
        return new ConflictError(
          'namespace-collision',
          `the Kubernetes namespace ${namespace} of ${parent.path}/${name} is already used by tenant ${other.path}: ` +
            `rename this tenant (or ${other.path}) so that their paths joined with dashes differ`,
          { conflictingTenant: { id: other.id, path: other.path } },
        );
      }
    }
    return new ConflictError('tenant-exists', sibling);
  }
}

function canSee(principal: Principal, row: TenantRow): boolean {
  return inSubtree(principal, row.path);
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`tenant ${id} does not exist or is outside this token's tenant`);
}

function missingParent(id: string): ValidationError {
  return new ValidationError([fieldError(['parentId'], `tenant ${id} does not exist or is outside this token's tenant`)]);
}
