import { Histogram } from '../metrics/registry';
import { classifyStoreError, StoreFullError, StoreUnavailableError } from './faults';
import { Queryable, Store } from './store';

/** What the store went through lately, for readiness and metrics. */
export interface StoreHealth {
  /** When a write last failed for lack of disk space (ms since epoch), until a write succeeds again. */
  fullSince?: number;
  /** When the store was last found unreachable. */
  unavailableAt?: number;
  /** Statements and transactions that wrote (or may have), since start: drives the embedded store's ANALYZE. */
  writes?: number;
}

/**
 * The store every feature uses: each statement is timed (store latency metric) and a fault
 * of the database (unreachable, disk full) surfaces as a typed error, whichever back-end raised
 * it. Ordinary database errors (constraints...) pass through untouched: features inspect them.
 */
export function observedStore(inner: Store, latency: Histogram, health: StoreHealth): Store {
  const backend = inner.kind;
  async function timed<T>(op: 'query' | 'exec' | 'transaction', run: () => Promise<T>, writes: boolean): Promise<T> {
    const started = process.hrtime.bigint();
    try {
      const result = await run();
      if (writes) {
        health.fullSince = undefined;
        health.writes = (health.writes ?? 0) + 1;
      }
      return result;
    } catch (err) {
      const fault = classifyStoreError(err);
      if (fault instanceof StoreFullError) health.fullSince ??= Date.now();
      if (fault instanceof StoreUnavailableError) health.unavailableAt = Date.now();
      throw fault ?? err;
    } finally {
      latency.observe({ backend, op }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
  const wrap = (q: Queryable, inTx: boolean): Queryable => ({
    // Inside a transaction the transaction itself is timed and classified once.
    query: (sql, params) => (inTx ? q.query(sql, params) : timed('query', () => q.query(sql, params), !/^\s*select/i.test(sql))),
    exec: (script) => (inTx ? q.exec(script) : timed('exec', () => q.exec(script), true)),
  });
  return {
    kind: inner.kind,
    ...wrap(inner, false),
    transaction: (fn) => timed('transaction', () => inner.transaction((tx) => fn(wrap(tx, true))), true),
    close: () => inner.close(),
  };
}
