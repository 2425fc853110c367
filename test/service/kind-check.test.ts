/**
 * The store accepts exactly the registry's kinds (model/kinds.ts): migrations create the CHECK
 * on resources.kind, and every start rewrites it when the registry has changed since, so a new
 * kind needs no migration and a typo'd kind still cannot be stored.
 */
import * as path from 'node:path';
import { KIND_NAMES } from '../../model/kinds';
import { loadMigrations, migrate, syncKindCheck } from '../../service/store/migrate';
import { openPgliteStore } from '../../service/store/pglite';
import { Store } from '../../service/store/store';
import { tempDir } from './helpers';

let store: Store;
beforeAll(async () => {
  store = await openPgliteStore(path.join(tempDir('hikube-kind-check-'), 'data'));
});
afterAll(() => store.close());

const allowed = async () => {
  const { rows } = await store.query<{ def: string }>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'resources_kind_check'`);
  return [...rows[0].def.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
};

test('a database migrated before a kind existed accepts it after the next start, and still refuses unknown kinds', async () => {
  await migrate(store, loadMigrations());
  expect(await allowed()).toEqual([...KIND_NAMES].sort());
  expect(await store.transaction((tx) => syncKindCheck(tx))).toBe(false); // nothing to do

  // As a database written by a release that knew fewer kinds.
  await store.exec(`ALTER TABLE resources DROP CONSTRAINT resources_kind_check, ADD CONSTRAINT resources_kind_check CHECK (kind IN ('cluster'))`);
  expect(await migrate(store, loadMigrations())).toEqual([`resources_kind_check (${KIND_NAMES.join(', ')})`]);
  expect(await allowed()).toEqual([...KIND_NAMES].sort());

  const insert = `INSERT INTO resources (id, kind, tenant_id, name, spec, status) VALUES ('x-aaaaaaaaaaaaaaaa', 'database', 'tnt-x', 'x', '{}', 'pending')`;
  await expect(store.query(insert)).rejects.toThrow(/resources_kind_check/);
});
