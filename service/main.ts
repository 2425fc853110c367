#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { SIMULATED } from './drivers/fake-observed';
import { parseSimDelays, parseSimFailures, SIM_KIND_CHOICES } from './drivers/sim-config';
import { createLogger, LOG_LEVELS, LogLevel } from './log';
import { DEFAULTS, RunningService, ServiceOptions, startService } from './server';

/** `cluster 12s/5s/4s, vm 5s/3s/2s, ...`: create/update/delete of each kind (fake-observed.ts). */
const SIM_DEFAULTS = Object.entries(SIMULATED)
  .map(([kind, { delays }]) => `${kind} ${[delays.create, delays.update, delays.delete].map((ms) => `${ms / 1000}s`).join('/')}`)
  .join(', ');

const USAGE = `Usage: hikube-service [options]

Options:
  --host <address>          interface to listen on (default ${DEFAULTS.host}); other than loopback needs
                            --tls-cert/--tls-key, or --allow-insecure-http
  --tls-cert <file>         PEM certificate (chain) to serve HTTPS; re-read when it changes or on SIGHUP
                            (env HIKUBE_TLS_CERT)
  --tls-key <file>          PEM private key of --tls-cert (env HIKUBE_TLS_KEY)
  --allow-insecure-http     serve plain HTTP on a non-loopback interface (a TLS proxy in front does TLS);
                            env HIKUBE_ALLOW_INSECURE_HTTP=1
  --log-level <level>       debug, info, warn or error (default info; env HIKUBE_LOG_LEVEL)
  --port <port>             TCP port, 0 = any free port (default ${DEFAULTS.port}; env HIKUBE_PORT)
  --data-dir <dir>          PGlite data directory (default ${DEFAULTS.dataDir}; env HIKUBE_DATA_DIR)
  --credentials-file <file> where the first start writes the admin token (default ${DEFAULTS.credentialsFile})
  --org <name>              organisation root tenant created at first start (default ${DEFAULTS.organisation})
  --workers <n>             operation workers in this process, 0 = none (default 4; env HIKUBE_WORKERS)
  --sim-delays <list>       simulated driver timings, e.g. cluster.create=12s,cluster.update=5s,vm.create=4s
                            (<${SIM_KIND_CHOICES}|*>.<create|update|delete>=<500ms|12s|2m>; 0 = no delays;
                            env HIKUBE_SIM_DELAYS; defaults: ${SIM_DEFAULTS})
  --sim-fail <rules>        simulated driver failures, rules separated by ';', e.g.
                            'vm.create:name=broken-*:no capacity for GPU nvidia.com/GH100_H100_PCIE in zone'
                            (<kind>.<create|update|delete>:name=<glob>:<reason>; env HIKUBE_SIM_FAIL)
  -h, --help                show this help

Environment:
  DATABASE_URL              use this PostgreSQL server instead of the embedded PGlite store
  HIKUBE_LEASE_MS           how long a worker owns a claimed operation before another replica
                            (or this one after a crash) may take it over (default 30000)
`;

/** Bad command line: reported as one line, exit 2, never a stack trace. */
class UsageError extends Error {}

export type CommandLine = ServiceOptions & { readonly logLevel: LogLevel };

export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): CommandLine | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'credentials-file': { type: 'string' },
        org: { type: 'string' },
        workers: { type: 'string' },
        'sim-delays': { type: 'string' },
        'sim-fail': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'allow-insecure-http': { type: 'boolean' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const portText = v.port ?? env.HIKUBE_PORT;
  const workersText = v.workers ?? env.HIKUBE_WORKERS;
  const simDelays = v['sim-delays'] ?? env.HIKUBE_SIM_DELAYS;
  const simFailures = v['sim-fail'] ?? env.HIKUBE_SIM_FAIL;
  const logLevel = v['log-level'] ?? env.HIKUBE_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new UsageError(`${v['log-level'] !== undefined ? '--log-level' : 'HIKUBE_LOG_LEVEL'} must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }
  const insecure = env.HIKUBE_ALLOW_INSECURE_HTTP;
  if (insecure !== undefined && insecure !== '' && insecure !== '0' && insecure !== '1') throw new UsageError(`HIKUBE_ALLOW_INSECURE_HTTP must be 1 or 0, got ${JSON.stringify(insecure)}`);
  return {
    logLevel: logLevel as LogLevel,
    tlsCert: nonEmpty('--tls-cert', v['tls-cert'] ?? env.HIKUBE_TLS_CERT),
    tlsKey: nonEmpty('--tls-key', v['tls-key'] ?? env.HIKUBE_TLS_KEY),
    allowInsecureHttp: v['allow-insecure-http'] === true || insecure === '1',
    host: nonEmpty('--host', v.host),
    port: portText === undefined ? undefined : parsePort(portText, v.port !== undefined ? '--port' : 'HIKUBE_PORT'),
    dataDir: nonEmpty('--data-dir', v['data-dir'] ?? env.HIKUBE_DATA_DIR),
    credentialsFile: nonEmpty('--credentials-file', v['credentials-file']),
    organisation: nonEmpty('--org', v.org),
    databaseUrl: env.DATABASE_URL || undefined,
    workers: workersText === undefined ? undefined : parseWorkers(workersText, v.workers !== undefined ? '--workers' : 'HIKUBE_WORKERS'),
    simDelays: simDelays === undefined ? undefined : checked(v['sim-delays'] !== undefined ? '--sim-delays' : 'HIKUBE_SIM_DELAYS', () => parseSimDelays(simDelays)),
    leaseMs: env.HIKUBE_LEASE_MS ? parseLease(env.HIKUBE_LEASE_MS) : undefined,
    simFailures: simFailures === undefined ? undefined : checked(v['sim-fail'] !== undefined ? '--sim-fail' : 'HIKUBE_SIM_FAIL', () => parseSimFailures(simFailures)),
  };
}

function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`${source} must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

function parseWorkers(text: string, source: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 64) throw new UsageError(`${source} must be a number of workers from 0 to 64, got ${JSON.stringify(text)}`);
  return Number(text);
}

function parseLease(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 100) throw new UsageError(`HIKUBE_LEASE_MS must be a number of milliseconds, at least 100, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** Parses a flag's value, reporting a bad one as a usage error naming the flag. */
function checked<T>(source: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError(`${source}: ${(err as Error).message}`);
  }
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === '') throw new UsageError(`${flag} must not be empty`);
  return value;
}

async function main(): Promise<void> {
  let options: CommandLine | 'help';
  try {
    options = parseCommandLine(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`hikube-service: ${(err as Error).message}\nRun with --help for usage.\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const log = createLogger({ level: options.logLevel });
  let service: RunningService;
  try {
    service = await startService({ ...options, log });
  } catch (err) {
    const message = (err as Error).message;
    log.error('failed to start', { error: message });
    process.stderr.write(`hikube-service: ${message}\n`);
    process.exit(/^invalid organisation|^refusing to serve plain HTTP|^HTTPS needs both/.test(message) ? 2 : 1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('signal received', { signal });
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => service.reloadTls());
}

if (require.main === module) void main();
