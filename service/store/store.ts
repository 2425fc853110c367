/**
 * The thin store interface every feature's SQL goes through. One SQL dialect (PostgreSQL), two
 * back-ends: PGlite files on disk (embedded default) and a real server through `pg`.
 */

export interface QueryResult<T> {
  readonly rows: T[];
  /** Rows returned by a SELECT or changed by INSERT/UPDATE/DELETE. */
  readonly rowCount: number;
}

/** Something SQL can be sent to: the store itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Store extends Queryable {
  /** Which back-end, for logs: `pglite` or `postgres`. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database error as both back-ends raise it (SQLSTATE code, constraint name). */
interface DatabaseError {
  readonly code: string;
  readonly constraint?: string;
}

function isDatabaseError(err: unknown): err is DatabaseError {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

/** SQLSTATE 23505: a unique index refused the row; `constraint` names the index. */
export function uniqueViolation(err: unknown): string | undefined {
  return isDatabaseError(err) && err.code === '23505' ? (err.constraint ?? '') : undefined;
}

/** SQLSTATE 23503: a foreign key refused the change. */
export function isForeignKeyViolation(err: unknown): boolean {
  return isDatabaseError(err) && err.code === '23503';
}
