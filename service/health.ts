/**
 * Liveness and readiness. /healthz answers 200 while the process can answer at all: restarting
 * it would not bring a database back. /readyz answers 200 only when the database answers and
 * its disk is not full, so a load balancer sends requests to replicas that can serve them.
 */
import * as fs from 'node:fs';
import { Router } from 'express';
import { StoreHealth } from './store/observed';
import { Store } from './store/store';

/** Below this much free space on the PGlite data directory's file system, the service is not ready. */
export const MIN_FREE_DISK_BYTES = 16 * 1024 * 1024;
/** A probe of the database slower than this counts as unreachable. */
const PROBE_TIMEOUT_MS = 2_000;
/** PostgreSQL's disk cannot be seen from here: a disk-full error keeps readiness down this long. */
const FULL_MEMORY_MS = 30_000;

export interface ReadinessOptions {
  readonly store: Store;
  readonly health: StoreHealth;
  /** The PGlite data directory, whose file system is checked for free space. */
  readonly dataDir?: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: { readonly store: string; readonly disk: string };
}

export async function readiness({ store, health, dataDir }: ReadinessOptions): Promise<Readiness> {
  const storeCheck = await probe(store);
  let disk = 'ok';
  if (dataDir) {
    const free = freeBytes(dataDir);
    if (free !== undefined && free < MIN_FREE_DISK_BYTES) disk = `full: ${Math.floor(free / 1024)} KiB free under ${dataDir}, at least ${MIN_FREE_DISK_BYTES / 1024 / 1024} MiB needed`;
    else if (health.fullSince && free !== undefined && free < 4 * MIN_FREE_DISK_BYTES) disk = 'full: the last write failed for lack of disk space';
  } else if (health.fullSince && Date.now() - health.fullSince < FULL_MEMORY_MS) {
    disk = 'full: the database refused a write for lack of disk space';
  }
  return { ready: storeCheck === 'ok' && disk === 'ok', checks: { store: storeCheck, disk } };
}

async function probe(store: Store): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([store.query('SELECT 1'), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS)))]);
    return 'ok';
  } catch (err) {
    return `unavailable: ${(err as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

function freeBytes(dir: string): number | undefined {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/** GET /healthz and GET /readyz: public (no token), small JSON answers. */
export function healthRouter(options: ReadinessOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const r = await readiness(options);
    if (!r.ready) res.setHeader('retry-after', '2');
    res.status(r.ready ? 200 : 503).json({ status: r.ready ? 'ready' : 'not ready', checks: r.checks });
  });
  return router;
}
