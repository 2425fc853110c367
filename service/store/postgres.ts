import { Pool, PoolClient } from 'pg';
import { classifyStoreError, StoreUnavailableError } from './faults';
import { Queryable, QueryResult, Store } from './store';

/** A real PostgreSQL server (`DATABASE_URL`), for when one process is no longer enough. */
export async function openPostgresStore(databaseUrl: string): Promise<Store> {
  // connectionTimeoutMillis: while the server is down, fail fast (503) instead of queueing forever.
  const pool = new Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Fail at start-up, with the server's own message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // A connection cut while checked out (server restart) emits 'error' on the client: the
      // query in flight fails with it anyway, so the event only needs a listener, not a crash.
      let connectionLost = false;
      const onError = () => {
        connectionLost = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (classifyStoreError(err) instanceof StoreUnavailableError) connectionLost = true;
        if (!connectionLost) await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.off('error', onError);
        client.release(connectionLost); // true: a dead connection is dropped, not reused
      }
    },
    close: () => pool.end(),
  };
}

function queryable(db: Pool | PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await db.query(sql, [...params]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(script: string) {
      await db.query(script);
    },
  };
}
