import { newId } from '../ids';
import { RESOURCE_WITH_TENANT, ResourceWithTenant } from '../resources/store';
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

/** An operation and its resource (undefined once the row is gone), read in one statement. */
export interface OperationWithResource {
  readonly op: OperationRow;
  readonly resource?: ResourceWithTenant;
}

/** Joins an operation row `o` (a table or CTE) to its resource: the operation as JSON, the resource's own columns. */
const WITH_RESOURCE = (o: string) => `SELECT to_jsonb(${o}) AS op, ${RESOURCE_WITH_TENANT} FROM ${o} LEFT JOIN resources r ON r.id = ${o}.resource_id LEFT JOIN tenants t ON t.id = r.tenant_id`;

/** Milliseconds until the next operation is due (0 or less: due now), NULL when none waits. */
const NEXT_DUE_MS = `SELECT (extract(epoch FROM min(GREATEST(next_attempt_at, COALESCE(lease_expires_at, next_attempt_at))) - now()) * 1000)::float8 FROM operations WHERE ${ACTIVE}`;

function splitRow(row: { op: OperationRow } & Record<string, unknown>): OperationWithResource {
  const { op, ...resource } = row;
  return { op, resource: resource.id === null || resource.id === undefined ? undefined : (resource as unknown as ResourceWithTenant) };
}

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
   * One statement answers what a worker needs: the claimed operation with its resource, or
   * when nothing is due, how long until something is (`nextDueMs`; undefined: nothing waits).
   */
  async claimWithResource(owner: string, leaseMs: number): Promise<{ claimed?: OperationWithResource; nextDueMs?: number }> {
    const { rows } = await this.db.query<{ op: OperationRow | null; next_due_ms: number | null } & Record<string, unknown>>(
      `WITH claimed AS (
         UPDATE operations SET state = 'running', lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond', attempts = attempts + 1, updated_at = now()
          WHERE id = (SELECT id FROM operations
                       WHERE ${ACTIVE} AND next_attempt_at <= now() AND (lease_expires_at IS NULL OR lease_expires_at < now() OR lease_owner = $1)
                       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING *),
       found AS (${WITH_RESOURCE('claimed')})
       SELECT found.*, CASE WHEN found.op IS NULL THEN (${NEXT_DUE_MS}) END AS next_due_ms FROM (VALUES (1)) AS one LEFT JOIN found ON true`,
      [owner, leaseMs],
    );
    const { next_due_ms: due, ...row } = rows[0];
    if (row.op) return { claimed: splitRow(row as { op: OperationRow }) };
    return { nextDueMs: due === null || due === undefined ? undefined : Math.max(0, due) };
  }

  /** The operation, locked, with its resource, if this worker still holds its lease. */
  async held(id: string, owner: string): Promise<OperationWithResource | undefined> {
    const { rows } = await this.db.query<{ op: OperationRow } & Record<string, unknown>>(
      `${WITH_RESOURCE('operations')} WHERE operations.id = $1 AND operations.lease_owner = $2 AND operations.state = 'running' FOR UPDATE OF operations`,
      [id, owner],
    );
    return rows[0] && splitRow(rows[0]);
  }

  /** Releases the lease; due again after `delayMs`. */
  async later(id: string, delayMs: number, error: string | null = null): Promise<void> {
    await this.db.query(`UPDATE operations SET lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = now() + $2 * interval '1 millisecond', error = $3, updated_at = now() WHERE id = $1`, [
      id,
      delayMs,
      error,
    ]);
  }

  async finish(id: string, state: 'succeeded' | 'failed', error: string | null = null): Promise<void> {
    await this.db.query(`UPDATE operations SET state = $2, error = $3, lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now() WHERE id = $1`, [id, state, error]);
  }
}
