/**
 * Waiting for long-running work in the service: long polls until the resource is ready,
 * failed or gone, until a deadline or until Terraform asks us to stop. A service that
 * is briefly unreachable (restarting) is waited out: the operation goes on there regardless.
 */
import type { HikubeClient } from '../../client/client';
import { ApiError, ConnectionError, isStatus } from '../../client/errors';
import { Provisioned } from '../../client/types';
import { Context } from '../framework/resource';

export type WaitOutcome<T> =
  | { readonly kind: 'ready'; readonly object: T }
  | { readonly kind: 'failed'; readonly object: T }
  | { readonly kind: 'gone' }
  | { readonly kind: 'timeout'; readonly object?: T; readonly lastError?: Error }
  | { readonly kind: 'stopped'; readonly object?: T };

/** Pauses between retries after transient failures: short at first, then up to 2 s apart. */
export function backoff(attempt: number): number {
  return Math.min(50 * 1.6 ** attempt, 2000);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Errors worth retrying until the deadline: the service is down, restarting or overloaded. */
export function isTransient(err: unknown): boolean {
  return err instanceof ConnectionError || (err instanceof ApiError && (err.status === 502 || err.status === 503 || err.status === 504));
}

/**
 * Runs `call` until it succeeds, fails for good, the deadline passes or Terraform stops us.
 * Transient failures are logged and retried with backoff.
 */
export async function retrying<T>(ctx: Context<HikubeClient>, what: string, deadline: number, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isTransient(err) || Date.now() + backoff(attempt) > deadline || ctx.signal.aborted) throw err;
      ctx.log.warn('service unreachable; retrying', { what, attempt, error: (err as Error).message });
      await sleep(backoff(attempt), ctx.signal);
    }
  }
}

/**
 * Waits with the service's long poll, which answers the moment the operation settles; between
 * long polls only transient failures (service restarting) cost a backoff pause.
 */
export async function waitFor<T extends Provisioned>(ctx: Context<HikubeClient>, collection: string, id: string, goal: 'ready' | 'gone', deadline: number): Promise<WaitOutcome<T>> {
  let last: T | undefined;
  let lastError: Error | undefined;
  for (let attempt = 0; ;) {
    if (ctx.signal.aborted) return { kind: 'stopped', object: last };
    const left = deadline - Date.now();
    if (left <= 0) return { kind: 'timeout', object: last, lastError };
    try {
      // Each long poll ends well before the per-request limit, so a slow operation is never mistaken for a frozen service.
      const found = await ctx.client.waitForResource<T>(collection, id, goal, Math.min(left, ctx.client.timeoutMs / 2), ctx.signal);
      lastError = undefined;
      attempt = 0;
      last = found;
      if (goal === 'ready' && found.status === 'ready') return { kind: 'ready', object: found };
      if (found.status === 'failed') return { kind: 'failed', object: found };
    } catch (err) {
      if (isStatus(err, 404)) return { kind: 'gone' };
      if (ctx.signal.aborted) return { kind: 'stopped', object: last };
      if (!isTransient(err)) throw err;
      lastError = err as Error;
      ctx.log.warn('service unreachable while waiting; retrying', { id, attempt, error: lastError.message });
      const pause = backoff(attempt++);
      if (Date.now() + pause > deadline) return { kind: 'timeout', object: last, lastError };
      await sleep(pause, ctx.signal);
    }
  }
}
