import { randomBytes } from 'node:crypto';
import { Logger } from '../log';
import { Reconciler } from '../operations/reconciler';
import { Store } from '../store/store';
import { OperationWorker } from './operation-worker';

/**
 * Every background job of the service, declared here and nowhere else. Today: N operation
 * workers. Each claims one due operation at a time (FOR UPDATE SKIP LOCKED + a lease), so any
 * number of workers in any number of replicas never run one operation step twice at once.
 */

export interface BackgroundWorkers {
  /** Something new to do (an operation was written): idle workers look now. */
  notify(): void;
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

export function startBackgroundWorkers(options: BackgroundWorkersOptions): BackgroundWorkers {
  const replica = randomBytes(4).toString('hex'); // lease owners differ across replicas and restarts
  const workers = Array.from({ length: options.count ?? DEFAULT_WORKERS }, (_, i) => new OperationWorker(`${replica}-w${i + 1}`, options.reconciler, options.store, options.log));
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
