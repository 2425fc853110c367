import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { Queryable, QueryResult, Store } from './store';

type PGliteModule = typeof import('@electric-sql/pglite');

/**
 * PGlite loads its WASM and file system bundle with dynamic `import()`, which jest's module
 * sandbox refuses (it would need --experimental-vm-modules). So PGlite is loaded through
 * Node's own loader (`Module.prototype.require`, which jest does not wrap): under plain Node
 * that is the very same cached module; under jest it runs outside the sandbox, as in production.
 */
function loadPglite(): PGliteModule {
  const loader = new Module(__filename);
  loader.filename = __filename;
  loader.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  return loader.require('@electric-sql/pglite') as PGliteModule;
}

/**
 * Embedded store: PGlite (PostgreSQL compiled to WASM) keeping its files under
 * `<dataDir>/pgdata`. A lock file stops a second process from opening the same files,
 * which PGlite itself does not prevent and which would corrupt them.
 */
export async function openPgliteStore(dataDir: string): Promise<Store> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireLock(path.join(dataDir, 'service.lock'));
  let db: PGlite;
  try {
    db = await loadPglite().PGlite.create(path.join(dataDir, 'pgdata'));
  } catch (err) {
    releaseLock();
    throw err;
  }
  return {
    kind: 'pglite',
    ...queryable(db),
    transaction: (fn) => db.transaction((tx) => fn(queryable(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        releaseLock();
      }
    },
  };
}

function queryable(db: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await db.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
}

/** Lock files this process holds: a second store in the same process is refused too. */
const heldLocks = new Set<string>();

/** Creates the lock file holding our pid; takes over a lock whose process is gone. */
function acquireLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
      heldLocks.add(lockFile);
      return () => {
        heldLocks.delete(lockFile);
        fs.rmSync(lockFile, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
      const ours = holder === process.pid;
      if ((ours && heldLocks.has(lockFile)) || (holder && !ours && isAlive(holder))) {
        throw new Error(
          `the data directory ${path.dirname(lockFile)} is in use by another service (pid ${holder}); ` +
            'stop it first, or give this one another --data-dir',
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
