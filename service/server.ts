import * as http from 'node:http';
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
import { migrate } from './store/migrate';
import { openPgliteStore } from './store/pglite';
import { openPostgresStore } from './store/postgres';
import { Store } from './store/store';
import { Reconciler } from './operations/reconciler';
import { ResourceChanges } from './resources/changes';
import { BackgroundWorkers, DEFAULT_WORKERS, startBackgroundWorkers } from './workers';

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

  const started = Date.now();
  const dataDir = path.resolve(options.dataDir ?? DEFAULTS.dataDir);
  const store = options.databaseUrl ? await openPostgresStore(options.databaseUrl) : await openPgliteStore(dataDir);
  let server: http.Server | undefined;
  let workers: BackgroundWorkers | undefined;
  try {
    const applied = await migrate(store);
    if (applied.length > 0) log.info('applied migrations', { migrations: applied });

    const driver = options.driver?.(store) ?? simulatedDriver(store, options);
    const changes = new ResourceChanges();
    const reconciler = new Reconciler(store, driver, RESOURCE_KINDS, log, {
      leaseMs: options.leaseMs,
      pollMs: options.pollIntervalMs,
      onRecorded: (id) => changes.changed(id),
    });
    let notify = () => undefined as void;
    server = http.createServer(createApp({ store, log, driver, changes, notifyWorkers: () => notify() }));
    server.keepAliveTimeout = 65_000; // longer than typical client/proxy idle timeouts
    const port = await listen(server, host, options.port ?? DEFAULTS.port);
    const url = `http://${urlHost(host)}:${port}`;

    const { rootPath } = await bootstrap({ store, organisation, endpoint: url, credentialsFile, log });
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
      close: () => (closing ??= shutdown(running, workers, store, log)),
    };
  } catch (err) {
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
