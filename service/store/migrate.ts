import * as fs from 'node:fs';
import * as path from 'node:path';
import { KIND_NAMES } from '../../model/kinds';
import { AUDIT_ACTIONS } from '../../model/api/types';
import { Queryable, Store } from './store';

/**
 * Migrations are plain SQL files, `migrations/NNN_name.sql`, applied in order, each recorded in
 * `schema_migrations`. tsc does not copy .sql files into dist/, so the loader looks next to this
 * module first (a build that copies them) and otherwise walks up to the source tree's
 * `service/store/migrations`: the compiled service reads the same files as the tests.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;
/** Any constant: serialises migrations between service replicas sharing one PostgreSQL. */
const MIGRATION_LOCK_KEY = 4_711_001;

export function findMigrationsDir(from: string = __dirname): string {
  const candidates = [path.join(from, 'migrations')];
  for (let dir = from; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'service', 'store', 'migrations'));
    if (path.dirname(dir) === dir) break;
  }
  const found = candidates.find((dir) => fs.existsSync(dir) && fs.readdirSync(dir).some((f) => MIGRATION_FILE.test(f)));
  if (!found) throw new Error(`cannot find the SQL migrations (service/store/migrations) from ${from}`);
  return found;
}

export function loadMigrations(dir: string = findMigrationsDir()): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((m): m is { file: string; match: RegExpExecArray } => m.match !== null)
    .map(({ file, match }) => ({ version: Number(match[1]), name: match[2], sql: fs.readFileSync(path.join(dir, file), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1].version === m.version) throw new Error(`two migrations numbered ${m.version} in ${dir}`);
  });
  return migrations;
}

/**
 * Code run right after a migration's SQL, in the same transaction, for what SQL cannot compute
 * (e.g. costs from the price list): a migration that adds bookkeeping backfills it for the rows
 * that existed before. Returns how many rows it filled.
 */
export type Backfill = (tx: Queryable) => Promise<number>;

/** Applies pending migrations (and their backfills) in one transaction; returns the names applied. */
export async function migrate(store: Store, migrations: readonly Migration[] = loadMigrations(), backfills: Readonly<Record<number, Backfill>> = {}): Promise<string[]> {
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      const filled = await backfills[m.version]?.(tx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(`${String(m.version).padStart(3, '0')}_${m.name}${filled ? ` (backfilled ${filled})` : ''}`);
    }
    if (await syncKindCheck(tx)) done.push(`resources_kind_check (${KIND_NAMES.join(', ')})`);
    if (await syncAuditActionCheck(tx)) done.push(`audit_log_action_check (${AUDIT_ACTIONS.join(', ')})`);
    return done;
  });
}

/**
 * The kinds `resources.kind` accepts follow the registry (model/kinds.ts): the CHECK written by
 * 003_resources.sql is rewritten when the lists differ, so adding a kind needs no migration.
 * Returns whether it changed anything.
 */
export function syncKindCheck(tx: Queryable): Promise<boolean> {
  return syncListCheck(tx, 'resources', 'kind', KIND_NAMES);
}

/** The actions `audit_log.action` accepts follow the registry too (a kind's triggered actions: `restart`, ...). */
export function syncAuditActionCheck(tx: Queryable): Promise<boolean> {
  return syncListCheck(tx, 'audit_log', 'action', AUDIT_ACTIONS);
}

/** Rewrites the CHECK `<table>_<column>_check` (`column IN (...)`) when its values differ from `values`. */
async function syncListCheck(tx: Queryable, table: string, column: string, values: readonly string[]): Promise<boolean> {
  const constraint = `${table}_${column}_check`;
  const { rows } = await tx.query<{ table: string | null; def: string | null }>(
    `SELECT to_regclass($1)::text AS table,
            (SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = $2 AND conrelid = to_regclass($1)) AS def`,
    [table, constraint],
  );
  if (!rows[0]?.table) return false; // before the migration that makes the table
  const current = [...(rows[0].def ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
  if (JSON.stringify(current) === JSON.stringify([...values].sort())) return false;
  await tx.exec(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${constraint}, ADD CONSTRAINT ${constraint} CHECK (${column} IN (${values.map((k) => `'${k}'`).join(', ')}))`);
  return true;
}
