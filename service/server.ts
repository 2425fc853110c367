import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { createSecureContext } from 'node:tls';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { TENANT_NAME_HINT, TENANT_NAME_PATTERN } from '../model/tenant';
import { createApp, RESOURCE_KINDS } from './app';
import { bootstrap, readCredentialsFile } from './auth/bootstrap';
import { IssueTokenOptions, TokenStore } from './auth/tokens';
import { Driver } from './drivers/driver';
import { parseSimDelays, parseSimFailures, SimDelays, SimFailure } from './drivers/sim-config';
import { SimulatedDriver } from './drivers/simulated';
import { createLogger, Logger } from './log';
import { loadMigrations, migrate } from './store/migrate';
import { usageBackfill } from './guardrails/backfill';
import { openPgliteStore } from './store/pglite';
import { openPostgresStore } from './store/postgres';
import { Store } from './store/store';
import { observedStore, StoreHealth } from './store/observed';
import { createControlPlaneMetrics, registerStoreGauges } from './metrics/control-plane';
import { answerClientError } from './http/client-errors';
import { Reconciler } from './operations/reconciler';
import { ResourceChanges } from './resources/changes';
import { BackgroundWorkers, DEFAULT_WORKERS, startBackgroundWorkers, startStoreMaintenance } from './workers';

export interface ServiceOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** TCP port; 0 picks a free one. @default 8080 */
  readonly port?: number;
  /** PGlite files live here (unused with `databaseUrl`). @default '.hikube/data' */
  readonly dataDir?: string;
  /** A PostgreSQL URL: use that server instead of PGlite. @default - embedded PGlite */
  readonly databaseUrl?: string;
  /** Where the first start writes the admin credentials. @default '.hikube/credentials.json' */
  readonly credentialsFile?: string;
  /** Name (and path) of the organisation root tenant, used at first start. @default 'acme' */
  readonly organisation?: string;
  /** @default JSON lines on stdout */
  readonly log?: Logger;
  /** Operation workers in this process; 0 runs none (another replica does the work). @default 4 */
  readonly workers?: number;
  /** Longest wait before asking the driver again about a progressing object. @default 1000 */
  readonly pollIntervalMs?: number;
  /** How long a worker owns a claimed operation before another may take it over. @default 30000 */
  readonly leaseMs?: number;
  /** Simulated driver phase durations, e.g. `cluster.create=12s,vm.create=4s` or `0`. @default DEFAULT_SIM_DELAYS */
  readonly simDelays?: SimDelays | string;
  /** Simulated driver failure rules, e.g. `vm.create:name=broken-*:no capacity`. @default - none */
  readonly simFailures?: readonly SimFailure[] | string;
  /** A real back-end instead of the simulated driver. @default - the simulated driver */
  readonly driver?: (store: Store) => Driver;
  /** PEM certificate chain file: serve HTTPS. Re-read when it changes (and on reloadTls()). @default - plain HTTP */
  readonly tlsCert?: string;
  /** PEM private key file of `tlsCert`. */
  readonly tlsKey?: string;
  /**
   * Serve plain HTTP on an interface other than loopback, e.g. behind a TLS-terminating proxy.
   * Without it such a listener is refused: tokens would cross the network in clear. @default false
   */
  readonly allowInsecureHttp?: boolean;
}

export interface RunningService {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly port: number;
  /** The admin token from the credentials file, when it is readable. */
  readonly token: string | undefined;
  /** Organisation root path. */
  readonly organisation: string;
  readonly credentialsFile: string;
  /** The open store, for tests and operators (e.g. to inspect operations). */
  readonly store: Store;
  /** Issues a token (the secret is returned once), e.g. for tests and operators. */
  issueToken(options: IssueTokenOptions): Promise<string>;
  /** Re-reads the TLS certificate and key (SIGHUP); a bad pair is logged and the old one kept. */
  reloadTls(): void;
  /** Stops accepting requests, finishes open ones, closes the store. */
  close(): Promise<void>;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: '.hikube/data',
  credentialsFile: '.hikube/credentials.json',
  organisation: 'acme',
} as const;

/** How long close() lets open requests finish before cutting connections. */
const CLOSE_GRACE_MS = 5_000;

export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const log = options.log ?? createLogger();
  const host = options.host ?? DEFAULTS.host;
  const organisation = options.organisation ?? DEFAULTS.organisation;
  const credentialsFile = path.resolve(options.credentialsFile ?? DEFAULTS.credentialsFile);
  if (!TENANT_NAME_PATTERN.test(organisation)) {
    throw new Error(`invalid organisation name ${JSON.stringify(organisation)}: expected ${TENANT_NAME_HINT}`);
  }

  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) throw new Error('HTTPS needs both a certificate and its key: give --tls-cert and --tls-key together');
  if (!options.tlsCert && !isLoopback(host) && !options.allowInsecureHttp) {
    throw new Error(
      `refusing to serve plain HTTP on ${host}: API tokens would cross the network in clear. Give --tls-cert and --tls-key to serve HTTPS, ` +
        'or --allow-insecure-http when a TLS-terminating proxy on the same host is the only way in',
    );
  }
  const tls = options.tlsCert && options.tlsKey ? readTls(options.tlsCert, options.tlsKey) : undefined;

  const started = Date.now();
  const dataDir = path.resolve(options.dataDir ?? DEFAULTS.dataDir);
  const metrics = createControlPlaneMetrics();
  const storeHealth: StoreHealth = {};
  const store = observedStore(options.databaseUrl ? await openPostgresStore(options.databaseUrl) : await openPgliteStore(dataDir), metrics.storeLatency, storeHealth);
  registerStoreGauges(metrics, store, storeHealth);
  let server: http.Server | undefined;
  let unwatch = () => undefined as void;
  let maintenance: { stop(): Promise<void> } | undefined;
  let workers: BackgroundWorkers | undefined;
  try {
    const applied = await migrate(store, loadMigrations(), { 25: usageBackfill(RESOURCE_KINDS) });
    if (applied.length > 0) log.info('applied migrations', { migrations: applied });

    const driver = options.driver?.(store) ?? simulatedDriver(store, options);
    const changes = new ResourceChanges();
    const reconciler = new Reconciler(store, driver, RESOURCE_KINDS, log, {
      leaseMs: options.leaseMs,
      pollMs: options.pollIntervalMs,
      onRecorded: (id) => changes.changed(id),
    });
    let notify = () => undefined as void;
    const app = createApp({ store, log, driver, changes, notifyWorkers: () => notify(), metrics, storeHealth, dataDir: store.kind === 'pglite' ? dataDir : undefined });
    server = tls ? https.createServer({ ...tls }, app) : http.createServer(app);
    server.keepAliveTimeout = 65_000; // longer than typical client/proxy idle timeouts
    server.on('clientError', answerClientError);
    const port = await listen(server, host, options.port ?? DEFAULTS.port);
    const url = `${tls ? 'https' : 'http'}://${urlHost(host)}:${port}`;
    const reloadTls = () => {
      if (!(server instanceof https.Server) || !options.tlsCert || !options.tlsKey) return;
      try {
        server.setSecureContext(readTls(options.tlsCert, options.tlsKey));
        log.info('TLS certificate reloaded', { cert: options.tlsCert });
      } catch (err) {
        log.error('TLS certificate reload failed; still serving the previous one', { error: (err as Error).message });
      }
    };
    if (tls) unwatch = watchFiles([options.tlsCert!, options.tlsKey!], reloadTls);

    const { rootPath } = await bootstrap({ store, organisation, endpoint: url, credentialsFile, log });
    maintenance = startStoreMaintenance(store, storeHealth, log);
    const count = options.workers ?? DEFAULT_WORKERS;
    if (count > 0) {
      workers = startBackgroundWorkers({ store, reconciler, log, count });
      notify = workers.notify;
    }
    log.info('listening', {
      url,
      store: store.kind,
      ...(store.kind === 'pglite' ? { dataDir } : {}),
      organisation: rootPath,
      credentialsFile,
      startupMs: Date.now() - started,
    });
    const running = server;
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      token: readCredentialsFile(credentialsFile)?.token,
      organisation: rootPath,
      credentialsFile,
      store,
      issueToken: async (o) => (await new TokenStore(store).issue(o)).secret,
      reloadTls,
      close: () => {
        unwatch();
        return (closing ??= maintenance!.stop().then(() => shutdown(running, workers, store, log)));
      },
    };
  } catch (err) {
    unwatch();
    await maintenance?.stop();
    server?.close();
    await workers?.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`cannot listen on ${host}:${port}: the port is already in use (try --port 0 or another port)`) : err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** 127.0.0.0/8, ::1 and localhost: the only interfaces plain HTTP may listen on without --allow-insecure-http. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

function readTls(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new Error(`cannot read the TLS ${what} ${file}: ${(err as Error).message}`, { cause: err });
    }
  };
  const pair = { cert: read(certFile, 'certificate'), key: read(keyFile, 'key') };
  try {
    createSecureContext(pair); // a mismatched or malformed pair fails here, with its reason
  } catch (err) {
    throw new Error(`the TLS certificate ${certFile} and key ${keyFile} do not make a usable pair: ${(err as Error).message}`, { cause: err });
  }
  return pair;
}

/** Certificate renewals (certbot, cert-manager) replace the files: pick them up without a restart. */
function watchFiles(files: string[], changed: () => void): () => void {
  const listener = (curr: fs.Stats, prev: fs.Stats) => {
    if (curr.mtimeMs !== prev.mtimeMs || curr.ino !== prev.ino) changed();
  };
  for (const f of files) fs.watchFile(f, { interval: 1000, persistent: false }, listener);
  return () => files.forEach((f) => fs.unwatchFile(f, listener));
}

/** Clients connect to 127.0.0.1 when we listen on every interface; IPv6 needs brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function simulatedDriver(store: Store, options: ServiceOptions): Driver {
  const delays = typeof options.simDelays === 'string' ? parseSimDelays(options.simDelays) : options.simDelays;
  const failures = typeof options.simFailures === 'string' ? parseSimFailures(options.simFailures) : options.simFailures;
  return new SimulatedDriver(store, { delays, failures });
}

/** Requests first, then the workers (a step in flight finishes), then the store. */
async function shutdown(server: http.Server, workers: BackgroundWorkers | undefined, store: Store, log: Logger): Promise<void> {
  log.info('shutting down');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
  await closed;
  clearTimeout(timer);
  await workers?.stop();
  await store.close();
  log.info('stopped');
}
