import { Logger } from '../log';
import { Reconciler } from '../operations/reconciler';

/** Longest idle wait: ops created by other replicas are found within this time. */
const IDLE_MAX_MS = 1000;
/** Pause after an unexpected error (database down...), so a failing loop does not spin. */
const ERROR_PAUSE_MS = 1000;

/** A loop running operation steps one at a time; sleeps only when nothing is due, never holding a row. */
export class OperationWorker {
  private stopping = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    readonly id: string,
    private readonly reconciler: Reconciler,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** New work in this process: stop waiting. */
  notify(): void {
    this.wake?.();
  }

  /** Sleeping until something is due (or it is notified). */
  get idle(): boolean {
    return this.wake !== undefined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const step = await this.reconciler.step(this.id);
        if (step.ran) continue;
        await this.sleep(Math.min(step.nextDueMs ?? IDLE_MAX_MS, IDLE_MAX_MS));
      } catch (err) {
        if (this.stopping) break;
        this.log.error('operation worker error', { worker: this.id, err });
        await this.sleep(ERROR_PAUSE_MS);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
