import { execFile } from 'node:child_process';
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
  makePrivate(dataDir);
  const releaseLock = acquireLock(path.join(dataDir, 'service.lock'));
  let db: PGlite;
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) await initdbInChildProcess(pgdata);
    db = await loadPglite().PGlite.create(pgdata, { startParams: [...loadPglite().PGlite.defaultStartParams, ...MEMORY_SETTINGS] });
    makePrivate(dataDir);
  } catch (err) {
    releaseLock();
    throw err;
  }
  const pglite = loadPglite();
  const statements = new PreparedStatements();
  return {
    kind: 'pglite',
    ...queryable(db, pglite, statements, false),
    transaction: (fn) => db.transaction((tx) => fn(queryable(tx, pglite, statements, true, db))),
    async close() {
      try {
        await db.close();
        makePrivate(dataDir); // files PGlite made while running, private at rest too
      } finally {
        releaseLock();
      }
    },
  };
}

/**
 * PostgreSQL's memory settings for the embedded store. PGlite's default shared_buffers (128 MB)
 * is sized for a server; a control plane's working set is a few MB, and in WASM the buffers are
 * resident memory of the service process. 16 MB keeps hot tables and indexes cached.
 */
const MEMORY_SETTINGS = ['-c', 'shared_buffers=16MB'];

/**
 * The first start creates the database in a child process: PGlite's initdb runs a second WASM
 * instance whose memory the parent would keep (about 500 MB of RSS that is never given back).
 */
async function initdbInChildProcess(pgdata: string): Promise<void> {
  const entry = require.resolve('@electric-sql/pglite', { paths: [__dirname] });
  const script = `require(${JSON.stringify(entry)}).PGlite.create(${JSON.stringify(pgdata)}).then((db) => db.close()).then(() => process.exit(0), (e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); })`;
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { timeout: 120_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`could not create the embedded database in ${pgdata}: ${stderr.trim() || err.message}`));
      else resolve();
    });
  });
}

/**
 * The data directory and everything in it belong to the service's user alone: PGlite writes
 * its files mode 0666 whatever the umask, and they hold secrets (VM cloud-init, credentials).
 * Checked and enforced at every start (and at close): the directory 0700, directories 0700,
 * files 0600. A directory owned by someone else is refused rather than taken over.
 */
export function makePrivate(dataDir: string): void {
  const st = fs.statSync(dataDir);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) {
    throw new Error(`the data directory ${dataDir} belongs to uid ${st.uid}, not to this service's user (uid ${uid}): give the service a directory of its own`);
  }
  const walk = (p: string, isDir: boolean) => {
    const mode = isDir ? 0o700 : 0o600;
    const current = fs.lstatSync(p);
    if (current.isSymbolicLink()) return;
    if ((current.mode & 0o777) !== mode) fs.chmodSync(p, mode);
    if (isDir) for (const e of fs.readdirSync(p, { withFileTypes: true })) walk(path.join(p, e.name), e.isDirectory());
  };
  walk(dataDir, true);
}

/**
 * The statements this connection has prepared, by SQL text: a statement the service sends again
 * (most are) skips PostgreSQL's parsing and planning. PostgreSQL keeps a prepared statement
 * across commits and rollbacks. After an error its state is unknown (its Parse may or may not
 * have run), so the next use closes it first, then prepares it again.
 */
class PreparedStatements {
  /** The service's SQL comes from a bounded set of templates; past this, statements go unnamed. */
  static readonly MAX = 1000;
  private readonly byText = new Map<string, { name: string; ready: boolean }>();

  /** After a script (migrations may change the tables): every statement is prepared again on its next use. */
  forgetAll(): void {
    for (const entry of this.byText.values()) entry.ready = false;
  }

  /** Protocol messages before Bind, and the statement name to bind. */
  begin(sql: string, serialize: PGliteModule['protocol']['serialize']): { before: Uint8Array[]; name: string; settle: (err?: unknown) => void } {
    let entry = this.byText.get(sql);
    if (!entry && this.byText.size < PreparedStatements.MAX) this.byText.set(sql, (entry = { name: `hikube_${this.byText.size + 1}`, ready: false }));
    if (!entry) return { before: [serialize.parse({ text: sql })], name: '', settle: () => undefined };
    const known = entry;
    const before = known.ready ? [] : [serialize.close({ type: 'S', name: known.name }), serialize.parse({ text: sql, name: known.name })];
    return {
      before,
      name: known.name,
      // Bind and Execute errors (a unique violation...) leave a ready statement ready, unless it is gone
      // (26000) or its plan no longer fits the tables (0A000, after a schema change).
      settle: (err) => {
        const code = (err as { code?: unknown } | undefined)?.code;
        known.ready = err === undefined || (known.ready && code !== '26000' && code !== '0A000');
      },
    };
  }
}

/**
 * One statement in one call into PostgreSQL: Parse (only the first time: `PreparedStatements`),
 * Bind, Describe, Execute and Sync sent together, the parameters as text whose types PostgreSQL
 * infers from the statement. PGlite's own `query()` makes six calls for the same and parses and
 * plans every time (it first asks for the parameters' types to serialise them); on the embedded
 * store every statement runs in the service's own thread, and that was most of its cost. Errors
 * are PGlite's (SQLSTATE `code`, `constraint`). `inTransaction`: the caller's transaction holds
 * PGlite's transaction lock.
 */
function queryable(target: PGlite | Transaction, pglite: PGliteModule, statements: PreparedStatements, inTransaction: boolean, db = target as PGlite): Queryable {
  const { serialize } = pglite.protocol;
  const run = async <T>(sql: string, params: readonly unknown[]): Promise<QueryResult<T>> => {
    const prepared = statements.begin(sql, serialize);
    const message = concat([
      ...prepared.before,
      serialize.bind({ statement: prepared.name, values: params.map((v) => asText(v, pglite)) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    let messages: Awaited<ReturnType<PGlite['execProtocolStream']>>;
    try {
      messages = await db.execProtocolStream(message, { syncToFs: false });
    } catch (err) {
      prepared.settle(err);
      throw err;
    }
    prepared.settle();
    let fields: { name: string; dataTypeID: number }[] = [];
    const rows: Record<string, unknown>[] = [];
    let affected = 0;
    for (const m of messages) {
      if (m.name === 'rowDescription') fields = (m as unknown as { fields: typeof fields }).fields;
      else if (m.name === 'dataRow') {
        const values = (m as unknown as { fields: (string | null)[] }).fields;
        const row: Record<string, unknown> = {};
        for (let i = 0; i < fields.length; i++) row[fields[i].name] = pglite.types.parseType(values[i], fields[i].dataTypeID, db.parsers);
        rows.push(row);
      } else if (m.name === 'commandComplete') {
        const words = (m as unknown as { text: string }).text.split(' ');
        if (['INSERT', 'UPDATE', 'DELETE'].includes(words[0])) affected += Number(words[words.length - 1]) || 0;
      }
    }
    if (!inTransaction) await db.syncToFs();
    return { rows: rows as T[], rowCount: affected || rows.length };
  };
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      // The same locks PGlite's own query() takes: statements one at a time, none inside another's transaction.
      if (inTransaction) return db._runExclusiveQuery(() => run<T>(sql, params));
      await db._checkReady();
      const once = () => db._runExclusiveTransaction(() => db._runExclusiveQuery(() => run<T>(sql, params)));
      // A table changed under a prepared statement (0A000): prepared again, it runs as PGlite's query() would.
      try {
        return await once();
      } catch (err) {
        if ((err as { code?: unknown }).code !== '0A000') throw err;
        return once();
      }
    },
    async exec(script: string) {
      try {
        await target.exec(script);
      } finally {
        statements.forgetAll();
      }
    },
  };
}

/** A parameter in PostgreSQL's text form, as PGlite's serialisers would write it. */
function asText(value: unknown, pglite: PGliteModule): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return pglite.types.arraySerializer(value, (v: unknown) => asText(v, pglite) ?? '', 0) as string;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
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
        throw new Error(`the data directory ${path.dirname(lockFile)} is in use by another service (pid ${holder}); ` + 'stop it first, or give this one another --data-dir', { cause: err });
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
