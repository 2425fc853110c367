import { newId } from '../ids';
import { Queryable } from '../store/store';

export type OperationAction = 'create' | 'update' | 'delete';
export type OperationState = 'pending' | 'running' | 'succeeded' | 'failed';

export interface OperationRow {
  readonly id: string;
  readonly kind: string;
  readonly resource_id: string;
  readonly action: OperationAction;
  readonly state: OperationState;
  readonly attempts: number;
  readonly error: string | null;
  readonly lease_owner: string | null;
}

/** Unfinished operations; the partial unique index allows one per resource. */
const ACTIVE = `state IN ('pending', 'running')`;

/** SQL for operations. Times come from the database clock, shared by every replica. */
export class OperationStore {
  constructor(private readonly db: Queryable) {}

  async insert(kind: string, resourceId: string, action: OperationAction): Promise<string> {
    const id = newId('op');
    await this.db.query(`INSERT INTO operations (id, kind, resource_id, action, state) VALUES ($1, $2, $3, $4, 'pending')`, [id, kind, resourceId, action]);
    return id;
  }

  async active(resourceId: string): Promise<OperationRow | undefined> {
    return (await this.db.query<OperationRow>(`SELECT * FROM operations WHERE resource_id = $1 AND ${ACTIVE} FOR UPDATE`, [resourceId])).rows[0];
  }

  /** Folds a new intent into the unfinished operation and makes it due now. */
  async retarget(id: string, action: OperationAction): Promise<void> {
    await this.db.query(`UPDATE operations SET action = $2, next_attempt_at = now(), updated_at = now() WHERE id = $1`, [id, action]);
  }

  /**
   * Claims one due operation whose lease is free or expired (its worker crashed): row lock
   * with SKIP LOCKED, so concurrent workers of every replica each get a different one. A worker
   * runs one step at a time, so an operation still leased to this very worker is one whose step
   * failed (the database went away mid-step): it is taken again at once, not after the lease.
   */
  async claim(owner: string, leaseMs: number): Promise<OperationRow | undefined> {
    const { rows } = await this.db.query<OperationRow>(
      `UPDATE operations SET state = 'running', lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond', attempts = attempts + 1, updated_at = now()
        WHERE id = (SELECT id FROM operations
                     WHERE ${ACTIVE} AND next_attempt_at <= now() AND (lease_expires_at IS NULL OR lease_expires_at < now() OR lease_owner = $1)
                     ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [owner, leaseMs],
    );
    return rows[0];
  }

  /** The operation, locked, if this worker still holds its lease. */
  async held(id: string, owner: string): Promise<OperationRow | undefined> {
    return (await this.db.query<OperationRow>(`SELECT * FROM operations WHERE id = $1 AND lease_owner = $2 AND state = 'running' FOR UPDATE`, [id, owner])).rows[0];
  }

  /** Releases the lease; due again after `delayMs`. */
  async later(id: string, delayMs: number, error: string | null = null): Promise<void> {
    await this.db.query(
      `UPDATE operations SET lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = now() + $2 * interval '1 millisecond', error = $3, updated_at = now() WHERE id = $1`,
      [id, delayMs, error],
    );
  }

  async finish(id: string, state: 'succeeded' | 'failed', error: string | null = null): Promise<void> {
    await this.db.query(
      `UPDATE operations SET state = $2, error = $3, lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now() WHERE id = $1`,
      [id, state, error],
    );
  }

  /** Milliseconds until the next operation is due (0 when one is due now), undefined when none waits. */
  async nextDueInMs(): Promise<number | undefined> {
    const { rows } = await this.db.query<{ ms: number | null }>(
      `SELECT (extract(epoch FROM min(GREATEST(next_attempt_at, COALESCE(lease_expires_at, next_attempt_at))) - now()) * 1000)::float8 AS ms FROM operations WHERE ${ACTIVE}`,
    );
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? undefined : Math.max(0, ms);
  }
}
