/**
 * Store faults a client can do nothing about but wait: the database is unreachable (a
 * PostgreSQL restart, a failover) or out of disk space. Both back-ends' errors are sorted here,
 * once, into two typed errors the HTTP layer answers with 503 + Retry-After and 507.
 */

/** How long clients are told to wait before retrying while the store is unavailable. */
export const RETRY_AFTER_SECONDS = 2;

export class StoreUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`the database is unavailable: ${messageOf(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}

export class StoreFullError extends Error {
  constructor(override readonly cause: unknown) {
    super(`the database is out of disk space: ${messageOf(cause)}`);
    this.name = 'StoreFullError';
  }
}

/** SQLSTATE classes/codes meaning "the server is not there right now". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
/** Socket errors of the `pg` driver while the server restarts. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)/i;
/** 53100 disk_full (PostgreSQL); ENOSPC/EDQUOT from the file system (PGlite writes through Node). */
const FULL_MESSAGE = /No space left on device|disk quota exceeded|could not extend file|ENOSPC|EDQUOT/i;

/** The typed fault behind `err`, or undefined when it is an ordinary error (constraint, syntax...). */
export function classifyStoreError(err: unknown): StoreUnavailableError | StoreFullError | undefined {
  if (err instanceof StoreUnavailableError || err instanceof StoreFullError) return err;
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; errno?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (code === '53100' || code === 'ENOSPC' || code === 'EDQUOT' || FULL_MESSAGE.test(message)) return new StoreFullError(err);
  if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code) || UNAVAILABLE_MESSAGE.test(message)) return new StoreUnavailableError(err);
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
