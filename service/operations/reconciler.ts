import { Driver, EnsureResult, RemoveResult } from '../drivers/driver';
import { Logger } from '../log';
import { ResourceKind } from '../resources/kind';
import { ResourceStore, ResourceWithTenant } from '../resources/store';
import { Queryable, Store } from '../store/store';
import { OperationRow, OperationStore } from './store';

export interface ReconcilerOptions {
  /** How long a claimed operation is ours; past it, another worker may take it (crash recovery). @default 30000 */
  readonly leaseMs?: number;
  /** Longest wait before asking the driver again about a progressing object. @default 1000 */
  readonly pollMs?: number;
  /** Driver errors (exceptions, not `failed` answers) tolerated before the operation fails. @default 8 */
  readonly maxAttempts?: number;
  /** Called after a step's outcome is committed, with the resource it concerned (wakes long polls). */
  readonly onRecorded?: (resourceId: string) => void;
}

type Outcome = { ensured: EnsureResult } | { removed: RemoveResult } | { error: Error };

/** What a step did: ran one, or found nothing due (then `nextDueMs`: when something is, if anything waits). */
export type StepResult = { readonly ran: true } | { readonly ran: false; readonly nextDueMs?: number };

/**
 * One step of one operation: claim it with its resource (one statement), call the driver once (no
 * transaction held: a real driver does network I/O), then record the outcome (a short
 * transaction, only while our lease holds). The step reconciles to the resource's desired
 * state as stored *now*: a PATCH or DELETE made meanwhile folds into the same operation.
 */
export class Reconciler {
  readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly onRecorded: (resourceId: string) => void;

  constructor(
    private readonly store: Store,
    private readonly driver: Driver,
    private readonly kinds: ReadonlyMap<string, ResourceKind>,
    private readonly log: Logger,
    options: ReconcilerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.onRecorded = options.onRecorded ?? (() => undefined);
  }

  /** Runs one due step, if one is due. */
  async step(worker: string): Promise<StepResult> {
    const { claimed, nextDueMs } = await new OperationStore(this.store).claimWithResource(worker, this.leaseMs);
    if (!claimed) return { ran: false, nextDueMs };
    const { op, resource } = claimed;
    const deleting = resource?.status === 'deleting';
    this.log.info('operation step', { operationId: op.id, action: op.action, kind: op.kind, resourceId: op.resource_id, attempt: op.attempts, worker });
    const outcome = resource ? await this.callDriver(resource, deleting) : undefined;
    await this.store.transaction(async (tx) => {
      const ops = new OperationStore(tx);
      const held = await ops.held(op.id, worker);
      if (!held) {
        this.log.warn('operation lease lost; another worker took over', { operationId: op.id, worker });
        return;
      }
      const now = held.resource;
      if (!now || !resource || !outcome) return this.done(ops, op, 'succeeded');
      if ('error' in outcome) return this.retryOrFail(tx, ops, op, outcome.error);
      if ((now.status === 'deleting') !== deleting) return ops.later(op.id, 0); // the intent changed meanwhile
      if ('removed' in outcome) return this.recordRemoval(tx, ops, op, outcome.removed);
      return this.recordEnsure(tx, ops, op, resource, now, outcome.ensured);
    });
    this.onRecorded(op.resource_id);
    return { ran: true };
  }

  private async callDriver(r: ResourceWithTenant, deleting: boolean): Promise<Outcome> {
    const ref = { kind: r.kind as ResourceKind['kind'], id: r.id, name: r.name, tenantNamespace: r.tenant_namespace };
    try {
      if (deleting) return { removed: await this.driver.remove(ref) };
      return { ensured: await this.driver.ensure({ ...ref, spec: { ...r.spec, ...r.secret_input } }) };
    } catch (err) {
      return { error: err instanceof Error ? err : new Error(String(err)) };
    }
  }

  private async recordEnsure(tx: Queryable, ops: OperationStore, op: OperationRow, applied: ResourceWithTenant, now: ResourceWithTenant, result: EnsureResult): Promise<void> {
    const resources = new ResourceStore(tx);
    switch (result.phase) {
      case 'progressing': {
        const status = now.status === 'pending' ? 'provisioning' : now.status;
        await resources.record(now.id, applied.generation, status, null, result.observed);
        return ops.later(op.id, this.pollDelay(result.retryAfterMs));
      }
      case 'ready':
        // A newer spec arrived while the driver applied this one: go again at once.
        if (!(await resources.record(now.id, applied.generation, 'ready', null, result.observed))) return ops.later(op.id, 0);
        return this.done(ops, op, 'succeeded');
      case 'failed': {
        const reason = result.reason ?? `the ${this.noun(op)} could not be ${op.action === 'create' ? 'created' : 'updated'}`;
        if (!(await resources.record(now.id, applied.generation, 'failed', reason, result.observed))) return ops.later(op.id, 0);
        return this.done(ops, op, 'failed', reason);
      }
    }
  }

  private async recordRemoval(tx: Queryable, ops: OperationStore, op: OperationRow, result: RemoveResult): Promise<void> {
    const resources = new ResourceStore(tx);
    if (result.done) {
      await resources.delete(op.resource_id); // cascades to its idempotency keys
      return this.done(ops, op, 'succeeded');
    }
    if (result.reason) {
      await resources.setStatus(op.resource_id, 'failed', result.reason);
      return this.done(ops, op, 'failed', result.reason);
    }
    return ops.later(op.id, this.pollDelay(result.retryAfterMs));
  }

  /** Driver exceptions (back-end unreachable...) are retried with backoff, then fail the operation. */
  private async retryOrFail(tx: Queryable, ops: OperationStore, op: OperationRow, err: Error): Promise<void> {
    this.log.warn('driver call failed', { operationId: op.id, attempt: op.attempts, err });
    if (op.attempts < this.maxAttempts) return ops.later(op.id, Math.min(1000 * 2 ** (op.attempts - 1), 30_000), err.message);
    const reason = `the back-end failed ${op.attempts} times: ${err.message}`;
    await new ResourceStore(tx).setStatus(op.resource_id, 'failed', reason);
    return this.done(ops, op, 'failed', reason);
  }

  private async done(ops: OperationStore, op: OperationRow, state: 'succeeded' | 'failed', error?: string): Promise<void> {
    await ops.finish(op.id, state, error ?? null);
    this.log.info('operation finished', { operationId: op.id, action: op.action, resourceId: op.resource_id, state, ...(error ? { reason: error } : {}) });
  }

  private pollDelay(hint: number | undefined): number {
    return Math.max(10, Math.min(hint ?? this.pollMs, this.pollMs));
  }

  private noun(op: OperationRow): string {
    return this.kinds.get(op.kind)?.model.noun ?? op.kind;
  }
}
