import { randomBytes } from 'node:crypto';
import { Logger } from '../log';
import { Reconciler } from '../operations/reconciler';
import { StoreHealth } from '../store/observed';
import { Store } from '../store/store';
import { OperationWorker } from './operation-worker';

/**
 * Every background job of the service, declared here and nowhere else. Today: N operation
 * workers. Each claims one due operation at a time (FOR UPDATE SKIP LOCKED + a lease), so any
 * number of workers in any number of replicas never run one operation step twice at once.
 */

export interface BackgroundWorkers {
  /** Something new to do (an operation was written): idle workers look now. */
  notify: () => void;
  /** Lets running steps finish, then returns. */
  stop(): Promise<void>;
}

export interface BackgroundWorkersOptions {
  readonly store: Store;
  readonly reconciler: Reconciler;
  readonly log: Logger;
  /** @default 4 */
  readonly count?: number;
}

export const DEFAULT_WORKERS = 4;

/** Tables whose statistics steer the plans of lists and quota checks. */
const ANALYZED_TABLES = ['tenants', 'resources', 'operations', 'usage_intervals', 'api_tokens', 'tenant_members', 'audit_log'];
/** How often store maintenance looks at the write count, and how many writes make an ANALYZE due at once. */
const MAINTENANCE_TICK_MS = 10_000;
const ANALYZE_AFTER_WRITES = 1_000;
const ANALYZE_AT_LEAST_EVERY_MS = 60_000;

/**
 * The embedded store's stand-in for autovacuum, which PGlite does not run: without statistics
 * the planner misjudges a table of 10,000 VMs as holding one row and sorts the whole table for
 * every page of a list. ANALYZE at start, then after every 1,000 writes, or a minute after the
 * last one when fewer came. A PostgreSQL server has its own autovacuum: nothing to do there.
 */
export function startStoreMaintenance(store: Store, health: StoreHealth, log: Logger): { stop(): Promise<void> } {
  if (store.kind !== 'pglite') return { stop: async () => undefined };
  let analyzedAt = Date.now();
  let analyzedWrites = health.writes ?? 0;
  let running: Promise<void> | undefined;
  const analyze = async () => {
    const started = Date.now();
    const writes = health.writes ?? 0;
    try {
      await store.exec(`ANALYZE ${ANALYZED_TABLES.join(', ')}`);
      log.debug('store statistics refreshed', { job: 'analyze', ms: Date.now() - started, writes: writes - analyzedWrites });
    } catch (err) {
      log.warn('store statistics refresh failed', { job: 'analyze', error: (err as Error).message });
    }
    analyzedAt = Date.now();
    analyzedWrites = health.writes ?? 0; // the ANALYZE itself counts as a write: not a reason for another
  };
  running = analyze();
  const timer = setInterval(() => {
    const pending = (health.writes ?? 0) - analyzedWrites;
    if (running || pending === 0) return;
    if (pending >= ANALYZE_AFTER_WRITES || Date.now() - analyzedAt >= ANALYZE_AT_LEAST_EVERY_MS) running = analyze().finally(() => (running = undefined));
  }, MAINTENANCE_TICK_MS);
  timer.unref();
  void running.finally(() => (running = undefined));
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

export function startBackgroundWorkers(options: BackgroundWorkersOptions): BackgroundWorkers {
  const replica = randomBytes(4).toString('hex'); // lease owners differ across replicas and restarts
  const workers = Array.from({ length: options.count ?? DEFAULT_WORKERS }, (_, i) => new OperationWorker(`${replica}-w${i + 1}`, options.reconciler, options.log));
  workers.forEach((w) => w.start());
  options.log.info('workers started', { workers: workers.map((w) => w.id) });
  return {
    // One new operation needs one worker: waking them all only makes the others query for nothing.
    // Busy workers claim the next due operation as soon as they finish their step anyway.
    notify: () => workers.find((w) => w.idle)?.notify(),
    stop: async () => {
      await Promise.all(workers.map((w) => w.stop()));
      options.log.info('workers stopped');
    },
  };
}
