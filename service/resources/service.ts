import { IDEMPOTENCY_HEADER } from '../../model/api/limits';
import { PageRequest, Paged, toPage } from '../http/pagination';
import { Action, ACTIONS, authorize, inSubtree, requireRoleFor } from '../auth/authorize';
import { Principal, roleAtLeast } from '../auth/tokens';
import { AuditStore } from '../audit/store';
import { ConflictError, fieldError, fieldName, HttpError, NotFoundError, ValidationError } from '../http/problem';
import { newId } from '../ids';
import { OperationStore } from '../operations/store';
import { Queryable, Store, uniqueViolation } from '../store/store';
import { ResourceChanges } from './changes';
import { ResourceKind, Spec, toFieldError } from './kind';
import { isRunOnlyChange, REQUESTED_ACTIONS, ROTATE, specObject, splitQualifiedName, TriggeredAction } from '../../model/kind';
import { KIND_LIST, KindName, KINDS } from '../../model/kinds';
import { suppliedWhileOff } from '../../model/secrets';
import { camelCase } from '../../model/schema';
import { heldReason, holderFields, judgeUses, stillUsedReason, usersOf } from './uses';
import { keyIdsOf, needsSealingKey, sealSecrets } from './secrets';
import { requestHash, splitInput, toApiResource } from './spec';
import { RESOURCE_CONSTRAINTS, ResourceRow, ResourceStore, ResourceWithTenant } from './store';

export type ApiResource = Record<string, unknown>;

export interface CreateResult {
  readonly resource: ApiResource;
  /** An Idempotency-Key replay: the resource existed already. */
  readonly replayed: boolean;
}

/**
 * The lifecycle every operation-backed resource shares: each change of desired state is one
 * transaction writing the resource row and its operation together; workers do the rest.
 * Resources of tenants outside the principal's subtree are reported as not found.
 */
export class ResourceService {
  constructor(
    private readonly store: Store,
    readonly kind: ResourceKind,
    /** Wakes the workers after a commit. */
    private readonly notify: () => void,
    /** Tells long polls that a resource changed. */
    private readonly changes: ResourceChanges = new ResourceChanges(),
    /** Policies, quotas and billing (service/guardrails), in each change's transaction. @default - none */
    private readonly guard?: ResourceGuard,
    /** The back-end's public key, for secrets sealed to it (`Driver.sealingKey`). @default - none: such kinds cannot be created */
    private readonly sealingKey?: () => Promise<string>,
  ) {}

  /** Asked before a transaction (the driver may use the store too), and only by kinds that seal secrets. */
  private async sealingKeyIfNeeded(): Promise<string | undefined> {
    if (!needsSealingKey(this.kind.descriptor.secrets)) return undefined;
    if (!this.sealingKey) throw new Error(`the driver cannot hold secrets (no Driver.sealingKey): ${this.kind.model.noun}s cannot be made`);
    return this.sealingKey();
  }

  async create(principal: Principal, body: Record<string, unknown>, idempotencyKey?: string): Promise<CreateResult> {
    requireRoleFor(principal, 'resource.create');
    const { spec, secret } = splitInput(this.kind.model, body);
    this.refuse([...this.kind.check(spec), ...this.suppliedWhileOff(body, spec)]);
    const hash = requestHash(spec, secret);
    const sealingKey = await this.sealingKeyIfNeeded();
    try {
      const result = await this.store.transaction(async (tx) => {
        const resources = new ResourceStore(tx);
        if (idempotencyKey) {
          const replay = await this.replay(tx, principal, idempotencyKey, hash);
          if (replay) return { resource: replay, replayed: true };
        }
        const { tenant, parentName, outside } = await this.owner(resources, principal, spec);
        authorize(principal, 'resource.create', tenant, outside);
        await this.refuseMissingReferences(tx, spec);
        await this.refuseUses(tx, spec, tenant);
        await this.guard?.checkResource(tx, this.kind.kind, tenant.path, spec);
        const sealed = sealSecrets(this.kind.descriptor.secrets, secret, spec, { create: true }, sealingKey);
        const row = await resources.insert({
          id: newId(this.kind.idPrefix),
          kind: this.kind.kind,
          tenant_id: tenant.id,
          name: this.kind.nameOf(spec, parentName),
          spec,
          secret_input: sealed.secret,
        });
        await this.guard?.recordResource(tx, row, tenant.path, this.kind.monthlyCost(spec), true);
        await new OperationStore(tx).insert(this.kind.kind, row.id, 'create');
        if (idempotencyKey) await resources.insertIdempotencyKey(principal.tokenId, this.kind.kind, idempotencyKey, hash, row.id);
        await this.kind.onCreated?.(tx, row);
        // Generated secrets: in this answer only (a replay answers null: nothing readable is kept).
        const resource = { ...(await this.toApi(tx, row)), ...(await this.shown(tx, row, sealed.shown)) };
        await new AuditStore(tx).record(principal, { action: 'create', kind: this.kind.label, resourceId: row.id, tenant, before: null, after: resource });
        return { resource, replayed: false };
      });
      if (!result.replayed) this.notify();
      return result;
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (constraint === undefined) throw err;
      // A concurrent request with the same key (or name) won the race: answer as it would now.
      if (idempotencyKey) {
        const replay = await this.replay(this.store, principal, idempotencyKey, hash);
        if (replay) return { resource: replay, replayed: true };
      }
      if (constraint === RESOURCE_CONSTRAINTS.name) {
        const { tenant, parentName } = await this.owner(new ResourceStore(this.store), principal, spec);
        throw new ConflictError(`${this.kind.label}-exists`, this.kind.conflictDetail(this.kind.nameOf(spec, parentName), tenant.path));
      }
      throw err;
    }
  }

  async get(principal: Principal, id: string): Promise<ApiResource> {
    return this.toApi(this.store, await this.visible(this.store, principal, id));
  }

  /**
   * A long poll: answers as soon as the resource is `ready` or `failed` (goal `ready`) or gone
   * (goal `gone`: then 404), or with its current state after `maxMs`. Saves clients both the
   * latency and the load of polling.
   */
  async waitFor(principal: Principal, id: string, goal: 'ready' | 'gone', maxMs: number): Promise<ApiResource> {
    const until = Date.now() + maxMs;
    for (;;) {
      const resource = await this.get(principal, id); // 404 once gone
      const settled = resource.status === 'failed' || (goal === 'ready' && resource.status === 'ready');
      const left = until - Date.now();
      if (settled || left <= 0) return resource;
      // Another replica's change is noticed by re-reading at least every half second.
      await this.changes.next(id, Math.min(left, 500));
    }
  }

  async list(principal: Principal, filter: { ids?: string[]; tenantId?: string; name?: string }, page: PageRequest): Promise<Paged<ApiResource>> {
    const rows = await new ResourceStore(this.store).findPage({ kind: this.kind.kind, underPath: principal.tenantPath, ...filter }, page);
    return toPage(
      rows,
      page,
      (r) => r.id,
      (shown) => Promise.all(shown.map((row) => this.toApi(this.store, row))),
    );
  }

  /** New desired spec; a running operation takes it over, else a new update operation starts. */
  async update(principal: Principal, id: string, patch: Record<string, unknown>): Promise<ApiResource> {
    const sealingKey = await this.sealingKeyIfNeeded();
    const resource = await this.store.transaction(async (tx) => {
      const row = await this.visible(tx, principal, id, true);
      authorize(principal, this.updateAction(patch), { path: row.tenant_path });
      if (row.status === 'deleting') throw new ConflictError(`${this.kind.label}-deleting`, `${this.describe(row)} is being deleted; it cannot be changed`);
      const input = splitInput(this.kind.model, patch, { spec: row.spec, secret: row.secret_input });
      const spec = input.spec;
      this.refuse([...this.kind.check(spec, row.spec), ...this.suppliedWhileOff(patch, spec)]);
      await this.refuseMissingReferences(tx, spec);
      await this.refuseUses(tx, spec, tenantOf(row), row.id);
      const { secret, shown } = sealSecrets(this.kind.descriptor.secrets, input.secret, spec, { stored: row.secret_input, patch }, sealingKey);
      if (requestHash(spec, secret) === requestHash(row.spec, row.secret_input)) return this.toApi(tx, row);
      const ops = new OperationStore(tx);
      const active = await ops.active(row.id);
      const creating = active?.action === 'create';
      await this.guard?.checkResource(tx, this.kind.kind, row.tenant_path, spec, row.id);
      await new ResourceStore(tx).setSpec(row.id, spec, secret, creating ? row.status : 'updating');
      await this.guard?.recordResource(tx, { ...row, spec }, row.tenant_path, this.kind.monthlyCost(spec));
      if (active) await ops.retarget(active.id, active.action);
      else await ops.insert(this.kind.kind, row.id, 'update');
      // A secret this change turned on (`enabledBy`) is in this answer alone.
      const after = { ...(await this.toApi(tx, await this.visible(tx, principal, id))), ...(await this.shown(tx, row, shown)) };
      await new AuditStore(tx).record(principal, { action: 'update', kind: this.kind.label, resourceId: row.id, tenant: tenantOf(row), before: await this.toApi(tx, row), after });
      return after;
    });
    this.notify();
    return resource;
  }

  /**
   * A triggered action (model/kind.ts `TriggeredAction`), run like any update: an `update`
   * operation the driver applies (status `updating`, then `ready`), audited as the action.
   * `rotate` generates every secret anew and stores the new verifiers; the plaintexts are in this
   * answer alone. Any other action is counted in the spec's `requestedActions` (never answered),
   * which is how the driver learns that the back-end must do it again (a VM's restart).
   */
  async act(principal: Principal, id: string, action: TriggeredAction): Promise<ApiResource> {
    const rotating = action.name === ROTATE.name;
    const sealingKey = rotating ? await this.sealingKeyIfNeeded() : undefined;
    const resource = await this.store.transaction(async (tx) => {
      const row = await this.visible(tx, principal, id, true);
      authorize(principal, action.as, { path: row.tenant_path });
      if (row.status === 'deleting') throw new ConflictError(`${this.kind.label}-deleting`, `${this.describe(row)} is being deleted; it cannot ${rotating ? 'have its secrets rotated' : action.name}`);
      const sealed = rotating ? sealSecrets(this.kind.descriptor.secrets, row.secret_input, row.spec, { rotate: true }, sealingKey) : { secret: row.secret_input, shown: {} };
      const requested = specObject(row.spec[REQUESTED_ACTIONS]);
      const spec = rotating ? row.spec : { ...row.spec, [REQUESTED_ACTIONS]: { ...requested, [action.name]: Number(requested[action.name] ?? 0) + 1 } };
      const ops = new OperationStore(tx);
      const active = await ops.active(row.id);
      await new ResourceStore(tx).setSpec(row.id, spec, sealed.secret, active?.action === 'create' ? row.status : 'updating');
      if (active) await ops.retarget(active.id, active.action);
      else await ops.insert(this.kind.kind, row.id, 'update');
      const after = { ...(await this.toApi(tx, await this.visible(tx, principal, id))), ...(await this.shown(tx, row, sealed.shown)) };
      await new AuditStore(tx).record(principal, { action: action.name, kind: this.kind.label, resourceId: row.id, tenant: tenantOf(row), before: await this.toApi(tx, row), after });
      return after;
    });
    this.notify();
    return resource;
  }

  /** Starting and stopping a VM (only `runStrategy` in the patch) is `use`; any other change is `admin`. */
  private updateAction(patch: Record<string, unknown>): Action {
    const keys = Object.keys(patch).filter((k) => patch[k] !== undefined);
    return isRunOnlyChange(this.kind.descriptor, keys) ? 'resource.run' : 'resource.update';
  }

  /** Starts the deletion: status `deleting`; the row goes once the driver has removed the object. */
  async delete(principal: Principal, id: string): Promise<ApiResource> {
    const resource = await this.store.transaction(async (tx) => {
      const row = await this.visible(tx, principal, id, true);
      authorize(principal, 'resource.delete', { path: row.tenant_path });
      if (row.status === 'deleting') return this.toApi(tx, row);
      await this.refuseIfUsed(tx, row);
      await this.refuseIfParentOfAny(tx, row);
      await this.refuseIfReferenced(tx, row);
      const resources = new ResourceStore(tx);
      await resources.setStatus(row.id, 'deleting');
      await resources.releaseIdempotencyKeys(row.id);
      await this.guard?.releaseResource(tx, row.id);
      const ops = new OperationStore(tx);
      const active = await ops.active(row.id);
      if (active) await ops.retarget(active.id, 'delete');
      else await ops.insert(this.kind.kind, row.id, 'delete');
      const now = await this.visible(tx, principal, id);
      await this.kind.onDeleting?.(tx, now);
      const after = await this.toApi(tx, now);
      await new AuditStore(tx).record(principal, { action: 'delete', kind: this.kind.label, resourceId: row.id, tenant: tenantOf(row), before: await this.toApi(tx, row), after: null });
      return after;
    });
    this.notify();
    return resource;
  }

  /**
   * The caller has recorded the object its create made (Terraform wrote it to state): its key
   * stops replaying, so the same request later (a replacement, another configuration) makes a
   * new object or meets the name conflict, and never gets this one back.
   */
  async settle(principal: Principal, id: string): Promise<void> {
    const filter = { kind: this.kind.kind, underPath: principal.tenantPath, ids: [id] };
    // One statement when the role allows it (terraform settles every create): visible rows only.
    if (roleAtLeast(principal.role, ACTIONS['resource.create'].role)) {
      if (!(await new ResourceStore(this.store).releaseVisibleIdempotencyKeys(filter, principal.tokenId))) throw this.notFound(id);
      return;
    }
    const row = await this.visible(this.store, principal, id);
    authorize(principal, 'resource.create', { path: row.tenant_path }); // 403
  }

  /**
   * The tenant a new object goes to: the one its body names, or, for a sub-resource, its
   * parent's (which must exist, be visible and not be going away).
   */
  private async owner(resources: ResourceStore, principal: Principal, spec: Spec): Promise<{ tenant: { id: string; path: string }; parentName?: string; outside: () => HttpError }> {
    const parent = this.kind.descriptor.parent;
    if (!parent) {
      const outside = () => new ValidationError([fieldError(['tenantId'], `tenant ${String(spec.tenantId)} does not exist or is outside this token's tenant`)]);
      const tenant = await resources.tenant(String(spec.tenantId));
      if (!tenant) throw outside();
      return { tenant, outside };
    }
    const id = String(spec[parent.field]);
    const noun = KINDS[parent.kind as KindName].model.noun;
    const outside = () => new ValidationError([fieldError([parent.field], `${noun} ${id} does not exist or is outside this token's tenant`)]);
    const row = await resources.get(id);
    if (!row || row.kind !== parent.kind || !canSee(principal, row.tenant_path)) throw outside();
    if (row.status === 'deleting') throw new ConflictError(`${row.kind}-deleting`, `${noun} ${row.tenant_path}/${row.name} (${row.id}) is being deleted: nothing can be added to it`);
    return { tenant: { id: row.tenant_id, path: row.tenant_path }, parentName: row.name, outside };
  }

  /**
   * An object another kind names in a `uses` field (a subnet in a VM's `subnetIds`, a disk in its
   * `disks`), or the parent of such objects (their VPC), stays until those let go: 409 naming them.
   */
  private async refuseIfUsed(db: Queryable, row: ResourceWithTenant): Promise<void> {
    const found = await usersOf(db, this.kind.kind, row.id);
    if (found) throw new ConflictError(`${this.kind.label}-in-use`, stillUsedReason(this.describe(row), found.of, found.users));
  }

  /** A parent goes only once its sub-resources are gone (Terraform destroys them first). */
  private async refuseIfParentOfAny(db: Queryable, row: ResourceWithTenant): Promise<void> {
    for (const child of KIND_LIST.filter((k) => k.parent?.kind === this.kind.kind)) {
      const { rows } = await db.query<{ name: string }>(`SELECT name FROM resources WHERE kind = $1 AND spec->>$2 = $3 ORDER BY name`, [child.name, child.parent!.field, row.id]);
      if (rows.length === 0) continue;
      const names = rows.map((r) => splitQualifiedName(r.name).own);
      throw new ConflictError(
        `${this.kind.label}-has-sub-resources`,
        `${this.describe(row)} still has ${rows.length} ${child.model.noun}${rows.length === 1 ? '' : 's'}: ${names.join(', ')}; delete ${rows.length === 1 ? 'it' : 'them'} first`,
      );
    }
  }

  /**
   * The keys of the spec's `refersTo` maps (a user's `databases`) must name sub-resources of the
   * same parent that are not going away: 400 on each key that names none.
   */
  private async refuseMissingReferences(db: Queryable, spec: Spec): Promise<void> {
    const { refersTo = [], parent } = this.kind.descriptor;
    if (!parent) return;
    const problems: ReturnType<typeof fieldError>[] = [];
    for (const ref of refersTo) {
      const keys = Object.keys(specObject(spec[ref.field]));
      if (keys.length === 0) continue;
      const target = KINDS[ref.kind as KindName];
      const { rows } = await db.query<{ name: string }>(`SELECT name FROM resources WHERE kind = $1 AND spec->>$2 = $3 AND status <> 'deleting' ORDER BY name`, [
        ref.kind,
        target.parent!.field,
        String(spec[parent.field]),
      ]);
      const existing = rows.map((r) => splitQualifiedName(r.name).own);
      const parentNoun = KINDS[parent.kind as KindName].model.noun;
      for (const key of keys.filter((k) => !existing.includes(k))) {
        problems.push(
          fieldError(
            [ref.field, key],
            `names no ${target.model.noun} of this ${parentNoun} (it has ${existing.length ? existing.join(', ') : 'none'}): create it first, and reference its resource so Terraform creates it before`,
          ),
        );
      }
    }
    if (problems.length > 0) throw new ValidationError(problems);
  }

  /** A sub-resource another one names in a `refersTo` map (a database a user has a role on) stays until that one lets go. */
  private async refuseIfReferenced(db: Queryable, row: ResourceWithTenant): Promise<void> {
    const parent = this.kind.descriptor.parent;
    if (!parent) return;
    const own = splitQualifiedName(row.name).own;
    for (const holder of KIND_LIST) {
      for (const ref of (holder.refersTo ?? []).filter((r) => r.kind === this.kind.kind)) {
        const { rows } = await db.query<{ name: string }>(`SELECT name FROM resources WHERE kind = $1 AND spec->>$2 = $3 AND jsonb_exists(COALESCE(spec->$4, '{}'::jsonb), $5) ORDER BY name`, [
          holder.name,
          holder.parent!.field,
          String(row.spec[parent.field]),
          ref.field,
          own,
        ]);
        if (rows.length === 0) continue;
        const names = rows.map((r) => splitQualifiedName(r.name).own);
        throw new ConflictError(
          `${this.kind.label}-in-use`,
          `${this.describe(row)} is still named in the ${ref.field} of ${rows.length} ${holder.model.noun}${rows.length === 1 ? '' : 's'}: ${names.join(', ')}; ` +
            `remove it from ${rows.length === 1 ? 'its' : 'their'} ${ref.field} (or delete ${rows.length === 1 ? 'it' : 'them'}) first`,
        );
      }
    }
  }

  /**
   * The ids of the spec's `uses` fields: objects of its tenant, not going away (400 on the
   * element), and for one used alone (a VM's `disks`) held by no other (409 naming the holder).
   */
  private async refuseUses(db: Queryable, spec: Spec, tenant: { id: string; path: string }, self?: string): Promise<void> {
    const { invalid, held } = await judgeUses(db, this.kind.descriptor, spec, tenant, self, true);
    if (invalid.length > 0) throw new ValidationError(invalid.map((p) => fieldError([...p.path], p.reason)));
    if (held.length === 0) return;
    throw new ConflictError(
      `${KINDS[held[0].use.kind as KindName].label}-attached`,
      held.map(({ use, path, holder }) => `${fieldName(path)}: ${heldReason(this.kind.descriptor, use, holder.names, holder)}`).join('; '),
    );
  }

  private async replay(db: Queryable, principal: Principal, key: string, hash: string): Promise<ApiResource | undefined> {
    const stored = await new ResourceStore(db).idempotencyKey(principal.tokenId, this.kind.kind, key);
    if (!stored) return undefined;
    const row = await new ResourceStore(db).get(stored.resource_id);
    if (stored.request_hash !== hash || !row || !canSee(principal, row.tenant_path)) {
      throw new HttpError(422, 'idempotency-key-reused', 'Unprocessable Content', {
        detail:
          `the ${IDEMPOTENCY_HEADER} header ${JSON.stringify(key)} was already used for another request` +
          `${row && canSee(principal, row.tenant_path) ? ` (it created ${row.id})` : ''}; send a new key for a different request`,
        extensions: { header: IDEMPOTENCY_HEADER },
      });
    }
    return this.toApi(db, row);
  }

  private async visible(db: Queryable, principal: Principal, id: string, lock = false): Promise<ResourceWithTenant> {
    const [row] = await new ResourceStore(db).find({ kind: this.kind.kind, underPath: principal.tenantPath, ids: [id] }, lock);
    if (!row) throw this.notFound(id);
    return row;
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(`${this.kind.model.noun} ${id} does not exist or is outside this token's tenant`);
  }

  private async toApi(db: Queryable, row: ResourceRow): Promise<ApiResource> {
    const extra = { ...keyIdsOf(this.kind.descriptor.secrets, row.secret_input), ...(await holderFields(db, this.kind.kind, row.id)), ...((await this.kind.extraFields?.(db, row)) ?? {}) };
    return toApiResource(this.kind.model, row, this.kind.monthlyCost(row.spec), extra);
  }

  /** What an answer shows once: the secrets generated now, and the values holding them (`embeddedIn`: a VPN user's access URL). */
  private async shown(db: Queryable, row: ResourceRow, plain: Record<string, string>): Promise<Record<string, string | null>> {
    const out: Record<string, string | null> = { ...plain };
    for (const s of this.kind.descriptor.secrets?.generated ?? []) {
      const secret = plain[camelCase(s.attribute)];
      if (s.embeddedIn && typeof secret === 'string') out[camelCase(s.embeddedIn.attribute)] = (await this.kind.embed?.(db, row, s, secret)) ?? null;
    }
    return out;
  }

  /** A secret supplied while the setting it exists under is off (model/secrets.ts). */
  private suppliedWhileOff(input: Record<string, unknown>, spec: Spec): ReturnType<ResourceKind['check']> {
    const { secrets } = this.kind.descriptor;
    return suppliedWhileOff(
      secrets,
      (s) => typeof input[camelCase(s.attribute)] === 'string',
      (s) => spec[camelCase(s.enabledBy!)] === false,
    ).map(toFieldError);
  }

  private refuse(errors: ReturnType<ResourceKind['check']>): void {
    if (errors.length > 0) throw new ValidationError([...errors].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0)));
  }

  private describe(row: ResourceWithTenant): string {
    return `${this.kind.model.noun} ${this.kind.descriptor.fixedName ? `of ${row.tenant_path}` : `${row.tenant_path}/${row.name}`} (${row.id})`;
  }
}

const canSee = inSubtree;

function tenantOf(row: ResourceWithTenant): { id: string; path: string } {
  return { id: row.tenant_id, path: row.tenant_path };
}

/** What service/guardrails does in a resource change's transaction. */
export interface ResourceGuard {
  /** Before the write: refuses a spec the tenant's policies or quotas forbid (locks the ancestors). */
  checkResource(tx: Queryable, kind: string, tenantPath: string, spec: Spec, resourceId?: string): Promise<void>;
  /** After the write: billing and quota usage follow the new spec (`created`: the row is new in this transaction). */
  recordResource(tx: Queryable, row: ResourceRow, tenantPath: string, monthlyCost: number, created?: boolean): Promise<void>;
  /** The deletion started: billing stops, quota is freed. */
  releaseResource(tx: Queryable, resourceId: string): Promise<void>;
}

export type { Spec };
