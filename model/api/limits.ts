/** Limits of the REST API that client and service both apply; no imports, so the client stays light. */

/** Largest JSON body accepted; bigger ones get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Page sizes of every list (`?limit=`). */
export const PAGE_LIMITS = { default: 100, max: 1000 } as const;

/** Most ids one `?id=` list filter may name: clients batch, they don't dump. */
export const MAX_IDS_PER_LIST = 100;

/** Longest a long poll holds a request (`?waitMs=`): below common proxy and client idle timeouts. */
export const MAX_WAIT_MS = 20_000;

/** The header that makes a create idempotent, and its longest value. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
