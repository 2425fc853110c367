/**
 * The embedded store's own statement path (service/store/pglite.ts): one call per statement,
 * each SQL text prepared once. What PGlite's query() did must still hold: values typed both ways,
 * errors with their SQLSTATE, and a statement usable again after any error or schema change.
 */
import * as path from 'node:path';
import { openPgliteStore } from '../../service/store/pglite';
import { Store, uniqueViolation } from '../../service/store/store';
import { tempDir } from './helpers';

let store: Store;

beforeAll(async () => {
  store = await openPgliteStore(path.join(tempDir('hikube-pglite-statements-'), 'data'));
  await store.exec(`CREATE TABLE things (id text PRIMARY KEY, spec jsonb NOT NULL, n integer, on_off boolean, at timestamptz, tags text[])`);
});
afterAll(() => store?.close());

const INSERT = 'INSERT INTO things (id, spec, n, on_off, at, tags) VALUES ($1, $2::jsonb, $3, $4, $5, $6) RETURNING *';

test('parameters and results keep their types', async () => {
  const at = new Date('2026-01-02T03:04:05.678Z');
  const { rows, rowCount } = await store.query(INSERT, ['a', JSON.stringify({ x: [1, 'two'] }), 7, true, at, ['p', 'q "r"']]);
  expect(rowCount).toBe(1);
  expect(rows[0]).toEqual({ id: 'a', spec: { x: [1, 'two'] }, n: 7, on_off: true, at, tags: ['p', 'q "r"'] });
  const found = await store.query<{ id: string }>('SELECT id FROM things WHERE id = ANY($1::text[]) AND n IS NOT DISTINCT FROM $2', [['a', 'b'], null]);
  expect(found.rows).toEqual([]);
  expect((await store.query('SELECT id FROM things WHERE id = ANY($1::text[])', [['a', 'b']])).rows).toEqual([{ id: 'a' }]);
});

test('a statement that failed (unique violation) runs again, in and out of transactions', async () => {
  await store.query(INSERT, ['dup', '{}', 1, false, null, null]);
  const err = await store.query(INSERT, ['dup', '{}', 1, false, null, null]).catch((e: unknown) => e);
  expect(uniqueViolation(err)).toBe('things_pkey');
  await store.query(INSERT, ['dup-2', '{}', 1, false, null, null]);
  await expect(
    store.transaction(async (tx) => {
      await tx.query(INSERT, ['dup', '{}', 1, false, null, null]);
    }),
  ).rejects.toMatchObject({ code: '23505' });
  // A text first sent inside an aborted transaction (its Parse refused) is prepared on its next use.
  const late = 'SELECT count(*)::int AS n FROM things WHERE n = $1';
  await expect(
    store.transaction(async (tx) => {
      await tx.query(INSERT, ['dup', '{}', 1, false, null, null]).catch(() => undefined);
      await tx.query(late, [1]);
    }),
  ).rejects.toMatchObject({ code: '25P02' });
  expect((await store.query(late, [1])).rows).toEqual([{ n: 2 }]); // dup and dup-2
  const { rowCount } = await store.query('UPDATE things SET n = $2 WHERE id = $1', ['dup-2', 2]);
  expect(rowCount).toBe(1);
});

test('a statement prepared before the table changed answers with the new columns', async () => {
  const all = 'SELECT * FROM things WHERE id = $1';
  expect(Object.keys((await store.query(all, ['a'])).rows[0])).not.toContain('extra');
  await store.query('ALTER TABLE things ADD COLUMN extra text');
  expect((await store.query(all, ['a'])).rows[0]).toMatchObject({ id: 'a', extra: null });
  await store.exec('ALTER TABLE things ADD COLUMN more text');
  expect((await store.query(all, ['a'])).rows[0]).toMatchObject({ id: 'a', extra: null, more: null });
});
