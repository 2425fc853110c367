/**
 * Guardrails: security policies, quotas, networks and the usage they bill. The same checks run
 * for real creates and updates (under locks on the ancestors' rows, in the write's transaction)
 * and for POST /v1/validate (no locks, nothing written), so plan and apply always agree.
 */
import type { SecurityPolicy, TenantCreate, TenantQuotas, TenantUpdate, TenantUsage, ValidationAnswer, ValidationBatchAnswer, ValidationRequest } from '../../model/api/types';
import { Principal } from '../auth/tokens';
import { ConflictError, fieldError, ForbiddenError, HttpError, NotFoundError, ValidationError } from '../http/problem';
import { Queryable, Store } from '../store/store';
import { billOf } from './billing';
import { allocate, defaultPrefixUnder, formatCidr, MAX_PREFIX_LENGTH, parseCidr } from './network';
import { checkPolicyWithin, checkResourceAgainst, effectivePolicy, GuardedTenant, GuardProblem, PolicyRelevant } from './policy';
import { HELD_POLICY, SUB_TENANTS } from '../../model/guardrails';
import { ApiPath, isRunOnlyChange, policyAsks } from '../../model/kind';
import { isKindName, KINDS } from '../../model/kinds';
import { heldInPlan, heldReason, judgeUses } from '../resources/uses';
import { checkQuotas, checkQuotasCoverUse, Footprint, footprintOf, minus, plus, QuotaKey, ZERO } from './quotas';
import { GuardStore, GuardTenantRow } from './store';
import { PlannedObject, REFERENCE_POLICY, referenceProblems } from './references';
import { Action, authorize, inSubtree } from '../auth/authorize';

/** Columns guardrails add to a new tenant row. */
export interface TenantGuardColumns {
  readonly quotas: TenantQuotas | null;
  readonly security_policy: SecurityPolicy | null;
  readonly network_cidr: string;
  readonly network_prefix_length: number;
}

const asGuarded = (r: GuardTenantRow): GuardedTenant => ({ id: r.id, path: r.path, securityPolicy: r.security_policy });

/**
 * A change planned earlier in the same batch (one `terraform plan`): what it adds under `path`.
 * Quotas are checked against what the subtree uses plus everything planned before, so that
 * three VMs against a quota of two fail the plan, not the third create.
 */
export interface Pending {
  readonly path: string;
  readonly delta: Footprint;
  /** The change itself, for the checks that compare objects (subnets of a VPC must not overlap, a disk is in one VM's disks). */
  readonly object?: PlannedObject;
}

function pendingUnder(pending: readonly Pending[], holder: string): Footprint {
  return pending.filter((p) => p.path === holder || p.path.startsWith(`${holder}/`)).reduce((sum, p) => plus(sum, p.delta), ZERO);
}

/** 400 with the field errors; the title says which kind of guardrail refused. */
export function refusal(problems: GuardProblem[]): HttpError {
  const quota = problems.every((p) => p.policy.startsWith('quotas.'));
  // The catalog's names and references between objects are the request's own errors, no tenant's rule.
  const catalog = problems.every((p) => p.setBy === 'catalog' || p.policy === REFERENCE_POLICY);
  if (catalog) return new ValidationError(problems.map(({ field, path, reason }) => ({ field, path, reason })));
  return new HttpError(400, quota ? 'quota-exceeded' : 'policy-violation', quota ? 'Quota Exceeded' : 'Security Policy Violation', {
    errors: problems,
    detail: problems.map((p) => p.reason).join('; '),
  });
}

/** The field a tenant's quota problem blames. */
const TENANT_FIELDS: Partial<Record<QuotaKey, (string | number)[]>> = { [SUB_TENANTS]: ['parentId'] };

/** The field a resource's quota problem blames, from its kind's descriptor. */
function blamed(kind: string, key: QuotaKey): (string | number)[] {
  if (!isKindName(kind)) return [];
  const { blame, count } = KINDS[kind].quota;
  const path = key === count?.key ? blame.count : (blame as Partial<Record<string, ApiPath>>)[key];
  return path ? [...path] : [];
}

/** What a spec asks of the policy, from its kind's descriptor. Defensive: /v1/validate gets partial, unchecked specs. */
export function policyRelevant(kind: string, spec: Record<string, unknown>): PolicyRelevant {
  return isKindName(kind) ? policyAsks(KINDS[kind], spec) : { instanceTypes: [] };
}

export class Guardrails {
  constructor(private readonly store: Store) {}

  // ---- clusters, VMs, monitoring stacks ----

  /** Policy and quota problems of a resource spec in `tenantPath`; `lock` in a write's transaction. */
  async resourceProblems(
    g: GuardStore,
    kind: string,
    tenantPath: string,
    spec: Record<string, unknown>,
    resourceId: string | undefined,
    lock: boolean,
    pending: readonly Pending[] = [],
  ): Promise<GuardProblem[]> {
    const chain = await g.chain(tenantPath, lock);
    const problems = checkResourceAgainst(effectivePolicy(chain.map(asGuarded)), policyRelevant(kind, spec));
    const delta = await this.resourceDelta(g, kind, spec, resourceId);
    const holders = await this.holders(g, chain, pending);
    const tenant = chain[chain.length - 1];
    const planned = pending.flatMap((p) => (p.object ? [p.object] : []));
    return [...problems, ...(tenant ? await referenceProblems(g, kind, tenant, spec, resourceId, planned) : []), ...checkQuotas(holders, delta, (k) => blamed(kind, k))];
  }

  /** What a create (or an update, net of what the resource weighs now) adds to the quotas. */
  private async resourceDelta(g: GuardStore, kind: string, spec: Record<string, unknown>, resourceId: string | undefined): Promise<Footprint> {
    const before = resourceId ? await g.openInterval(resourceId) : undefined;
    const old: Footprint = before ? { ...footprintOf(kind, {}), cpu: before.cpu, memoryGib: before.memoryGib, storageGib: before.storageGib } : ZERO;
    return minus(footprintOf(kind, spec), old);
  }

  /** The chain's tenants with quotas, each with its subtree's use plus what is pending below it. */
  private holders(g: GuardStore, chain: readonly GuardTenantRow[], pending: readonly Pending[]) {
    return Promise.all(chain.filter((t) => t.quotas).map(async (t) => ({ path: t.path, quotas: t.quotas, used: plus(await g.usedUnder(t.path), pendingUnder(pending, t.path)) })));
  }

  /** In a create's or update's transaction, before the write: refuses what a guardrail forbids. */
  async checkResource(tx: Queryable, kind: string, tenantPath: string, spec: Record<string, unknown>, resourceId?: string): Promise<void> {
    const problems = await this.resourceProblems(new GuardStore(tx), kind, tenantPath, spec, resourceId, true);
    if (problems.length > 0) throw refusal(problems);
  }

  /**
   * After a create or update: a new usage interval when the cost or footprint changed. A row
   * inserted by this very transaction (`created`) has no interval yet: nothing to look up or close.
   */
  async recordResource(
    tx: Queryable,
    row: { id: string; kind: string; name: string; tenant_id: string; spec: Record<string, unknown> },
    tenantPath: string,
    monthlyCost: number,
    created = false,
  ): Promise<void> {
    const g = new GuardStore(tx);
    const f = footprintOf(row.kind, row.spec);
    const interval = { resource_id: row.id, kind: row.kind, name: row.name, tenant_id: row.tenant_id, tenant_path: tenantPath, monthly_cost: monthlyCost };
    if (created) return g.openNewInterval(interval, f);
    const open = await g.openInterval(row.id);
    if (open && open.monthly_cost === monthlyCost && open.cpu === f.cpu && open.memoryGib === f.memoryGib && open.storageGib === f.storageGib) return;
    await g.closeInterval(row.id);
    await g.openNewInterval(interval, f);
  }

  /** A deletion ends billing and frees the quota at once. */
  async releaseResource(tx: Queryable, resourceId: string): Promise<void> {
    await new GuardStore(tx).closeInterval(resourceId);
  }

  // ---- tenants ----

  private async tenantCreateProblems(
    g: GuardStore,
    parentPath: string,
    input: Pick<TenantCreate, 'securityPolicy' | 'quotas'>,
    lock: boolean,
    pending: readonly Pending[] = [],
  ): Promise<{ problems: GuardProblem[]; chain: GuardTenantRow[] }> {
    const chain = await g.chain(parentPath, lock);
    const problems = checkPolicyWithin(input.securityPolicy, effectivePolicy(chain.map(asGuarded)));
    const holders = await this.holders(g, chain, pending);
    problems.push(...checkQuotas(holders, { ...ZERO, [SUB_TENANTS]: 1 }, (k) => TENANT_FIELDS[k] ?? []));
    return { problems, chain };
  }

  private async tenantUpdateProblems(g: GuardStore, tenantPath: string, patch: TenantUpdate, lock: boolean): Promise<GuardProblem[]> {
    const chain = await g.chain(tenantPath, lock);
    const problems = checkPolicyWithin(patch.securityPolicy, effectivePolicy(chain.slice(0, -1).map(asGuarded)));
    if (patch.quotas) problems.push(...checkQuotasCoverUse(patch.quotas, tenantPath, await g.usedUnder(tenantPath)));
    return problems;
  }

  /**
   * First in a tenant create's transaction: under locks on its ancestors, checks the policy and
   * the sub-tenant quotas and allocates its network; returns the columns to insert.
   */
  async beforeTenantInsert(tx: Queryable, parent: { path: string }, input: TenantCreate): Promise<TenantGuardColumns> {
    const { problems, chain } = await this.tenantCreateProblems(new GuardStore(tx), parent.path, input, true);
    if (problems.length > 0) throw refusal(problems);
    const network = await this.allocateNetwork(tx, chain[chain.length - 1], input.networkPrefixLength ?? undefined);
    return { quotas: input.quotas ?? null, security_policy: input.securityPolicy ?? null, ...network };
  }

  /** First in a tenant update's transaction that changes quotas or the security policy. */
  async beforeTenantUpdate(tx: Queryable, tenant: { path: string }, patch: TenantUpdate): Promise<void> {
    const problems = await this.tenantUpdateProblems(new GuardStore(tx), tenant.path, patch, true);
    if (problems.length > 0) throw refusal(problems);
  }

  private async allocateNetwork(tx: Queryable, parent: GuardTenantRow, wanted: number | undefined): Promise<{ network_cidr: string; network_prefix_length: number }> {
    if (!parent.network_cidr) throw new Error(`tenant ${parent.path} has no network`);
    const range = parseCidr(parent.network_cidr);
    const prefix = wanted ?? defaultPrefixUnder(range, parent.parent_id === null);
    if (prefix <= range.prefix || prefix > MAX_PREFIX_LENGTH) {
      if (wanted !== undefined) {
        throw new ValidationError([
          fieldError(['networkPrefixLength'], `must be longer than the parent's /${range.prefix} (${parent.path}: ${parent.network_cidr}) and at most ${MAX_PREFIX_LENGTH}, got ${wanted}`),
        ]);
      }
      throw new ConflictError('network-exhausted', `${parent.path}'s network ${parent.network_cidr} is a /${range.prefix}: too small to hold sub-tenants`);
    }
    const taken = (await new GuardStore(tx).childNetworks(parent.id)).map(parseCidr);
    const result = allocate(range, prefix, taken);
    if (!result.ok) {
      throw new ConflictError(
        'network-exhausted',
        `no free /${prefix} left in ${parent.path}'s ${parent.network_cidr}: ${result.used} of ${result.total} in use; delete a sibling tenant or choose a longer network_prefix_length`,
      );
    }
    return { network_cidr: formatCidr(result.block), network_prefix_length: prefix };
  }

  // ---- POST /v1/validate ----

  /**
   * One change, judged as the real write would be (policies, quotas, the token's role), with
   * `pending` (changes planned before it in the same batch) counted against the quotas.
   */
  async validate(principal: Principal, request: ValidationRequest, pending: readonly Pending[] = []): Promise<ValidationAnswer> {
    return { problems: (await this.judge(new GuardStore(this.store), principal, request, pending)).problems };
  }

  /**
   * A plan's batch: `context` are changes accepted in earlier batches of the same plan, counted
   * but not judged again; each of `requests` is judged with the context and the accepted
   * requests before it. A request that cannot be judged (unknown tenant) gets `error`, not the batch.
   */
  async validateBatch(principal: Principal, requests: readonly ValidationRequest[], context: readonly ValidationRequest[]): Promise<ValidationBatchAnswer> {
    const pending: Pending[] = [];
    // One plan's batch judges many changes in the same few tenants: each tenant, ancestor chain
    // and subtree usage is read once per batch (no locks, nothing written: as for a single request).
    const g = new GuardStore(this.store, { remember: true });
    const paths = new Map<string, string | undefined>();
    for (const c of context) {
      const p = await this.pendingOf(g, principal, c, paths).catch(() => undefined);
      if (p) pending.push(p);
    }
    const results: ValidationBatchAnswer['results'][number][] = [];
    for (const r of requests) {
      try {
        const judged = await this.judge(g, principal, r, pending);
        if (judged.problems.length === 0 && judged.pending) pending.push(judged.pending);
        results.push({ problems: judged.problems });
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        results.push({ problems: [], error: { status: err.status, title: err.title, detail: err.options.detail ?? err.title } });
      }
    }
    return { results };
  }

  /**
   * What an accepted change of the context adds, without judging it again: its tenant's path
   * (looked up once per batch) and its footprint. Context the token cannot see counts nothing.
   */
  private async pendingOf(g: GuardStore, principal: Principal, request: ValidationRequest, paths: Map<string, string | undefined>): Promise<Pending | undefined> {
    if (request.kind === 'tenant' && request.resourceId) return undefined; // an update adds no sub-tenant
    if (!paths.has(request.tenantId)) paths.set(request.tenantId, (await g.tenant(request.tenantId))?.path);
    const path = paths.get(request.tenantId);
    if (path === undefined || !inSubtree(principal, path)) return undefined;
    if (request.kind === 'tenant') return { path, delta: { ...ZERO, [SUB_TENANTS]: 1 } };
    let spec = request.spec;
    if (request.resourceId) {
      const { rows } = await this.store.query<{ spec: Record<string, unknown> }>('SELECT spec FROM resources WHERE id = $1 AND kind = $2', [request.resourceId, request.kind]);
      if (!rows[0]) return undefined;
      spec = { ...rows[0].spec, ...spec };
    }
    return {
      path,
      delta: await this.resourceDelta(g, request.kind, spec, request.resourceId),
      object: { kind: request.kind, spec, resourceId: request.resourceId },
    };
  }

  private async judge(g: GuardStore, principal: Principal, request: ValidationRequest, pending: readonly Pending[]): Promise<{ problems: GuardProblem[]; pending?: Pending }> {
    if (request.kind === 'tenant' && request.resourceId) {
      const tenant = await g.tenant(request.resourceId);
      const missing = () => new NotFoundError(`tenant ${request.resourceId} does not exist or is outside this token's tenant`);
      if (!tenant) throw missing();
      authorize(principal, 'policy.validate', tenant, missing);
      const patch = request.spec as unknown as TenantUpdate;
      const action: Action = patch.quotas !== undefined || patch.securityPolicy !== undefined ? 'tenant.guardrails' : 'tenant.update';
      return { problems: [...permission(principal, action, tenant), ...(await this.tenantUpdateProblems(g, tenant.path, patch, false))] };
    }
    const tenant = await g.tenant(request.tenantId);
    const unknownTenant = () => new ValidationError([fieldError(['tenantId'], `tenant ${request.tenantId} does not exist or is outside this token's tenant`)]);
    if (!tenant) throw unknownTenant();
    authorize(principal, 'policy.validate', tenant, unknownTenant);
    if (request.kind === 'tenant') {
      const { problems } = await this.tenantCreateProblems(g, tenant.path, request.spec as unknown as TenantCreate, false, pending);
      return { problems: [...permission(principal, 'tenant.create', tenant), ...problems], pending: { path: tenant.path, delta: { ...ZERO, [SUB_TENANTS]: 1 } } };
    }
    let spec = request.spec;
    let action: Action = 'resource.create';
    if (request.resourceId) {
      const { rows } = await this.store.query<{ spec: Record<string, unknown>; tenant_id: string }>('SELECT spec, tenant_id FROM resources WHERE id = $1 AND kind = $2', [
        request.resourceId,
        request.kind,
      ]);
      if (!rows[0] || rows[0].tenant_id !== tenant.id) throw new NotFoundError(`${request.kind} ${request.resourceId} does not exist in tenant ${tenant.path}`);
      const stored = rows[0].spec;
      spec = { ...stored, ...spec };
      const changed = Object.keys(spec).filter((k) => JSON.stringify(spec[k]) !== JSON.stringify(stored[k]));
      action = isKindName(request.kind) && isRunOnlyChange(KINDS[request.kind], changed) ? 'resource.run' : 'resource.update';
    }
    const problems = await this.resourceProblems(g, request.kind, tenant.path, spec, request.resourceId, false, pending);
    const delta = await this.resourceDelta(g, request.kind, spec, request.resourceId);
    return {
      problems: [...permission(principal, action, tenant), ...problems, ...(await this.useProblems(request, tenant, spec, pending))],
      pending: { path: tenant.path, delta, object: { kind: request.kind, spec, resourceId: request.resourceId } },
    };
  }

  /**
   * The ids the spec's `uses` fields name, as a create or update would judge them (service/resources/uses.ts):
   * ids it cannot use (policy `network`, shown as "Invalid Reference" on a uses field; the apply's 400) and ids another object holds alone,
   * stored or planned earlier in this plan (policy `attached`, the apply's 409), on the element.
   */
  private async useProblems(request: ValidationRequest, tenant: { id: string; path: string }, spec: Record<string, unknown>, pending: readonly Pending[]): Promise<GuardProblem[]> {
    const kind = isKindName(request.kind) ? KINDS[request.kind] : undefined;
    if (!kind?.uses) return [];
    const { invalid, held } = await judgeUses(this.store, kind, spec, tenant, request.resourceId, false);
    const planned = pending.flatMap((p) => (p.object ? [p.object] : []));
    const on = (path: ApiPath) => ({ field: path.map(String).join('.'), path: [...path] });
    return [
      ...invalid.map((p) => ({ ...on(p.path), reason: p.reason, policy: REFERENCE_POLICY, setBy: '' })),
      ...held.map(({ use, path, holder }) => ({ ...on(path), reason: heldReason(kind, use, holder.names, holder), policy: HELD_POLICY, setBy: holder.tenantPath })),
      ...heldInPlan(kind, spec, request.resourceId, planned, held).map(({ path, reason }) => ({ ...on(path), reason, policy: HELD_POLICY, setBy: tenant.path })),
    ];
  }

  // ---- GET /v1/tenants/{id}/usage ----

  async usage(principal: Principal, tenantId: string, from: Date, to: Date): Promise<TenantUsage> {
    const g = new GuardStore(this.store);
    const tenant = await g.tenant(tenantId);
    const missing = () => new NotFoundError(`tenant ${tenantId} does not exist or is outside this token's tenant`);
    if (!tenant) throw missing();
    authorize(principal, 'usage.read', tenant, missing);
    const below = `${tenant.path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
    const { rows } = await this.store.query<{ id: string; path: string }>('SELECT id, path FROM tenants WHERE path = $1 OR path LIKE $2', [tenant.path, below]);
    return billOf(tenant, await g.intervals(tenant.path, from, to), from, to, new Map(rows.map((r) => [r.path, r.id])));
  }
}

/** The token's role does not allow the change: a problem the plan reports (policy `role`), not a 403 at apply. */
function permission(principal: Principal, action: Action, target: { path: string }): GuardProblem[] {
  try {
    authorize(principal, action, target);
    return [];
  } catch (err) {
    if (!(err instanceof ForbiddenError)) throw err;
    return [{ field: '', path: [], reason: err.options.detail ?? err.message, policy: 'role', setBy: target.path }];
  }
}
