#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createLogger } from './log';
import { DEFAULTS, RunningService, ServiceOptions, startService } from './server';

const USAGE = `Usage: hikube-service [options]

Options:
  --host <address>          interface to listen on (default ${DEFAULTS.host})
  --port <port>             TCP port, 0 = any free port (default ${DEFAULTS.port}; env HIKUBE_PORT)
  --data-dir <dir>          PGlite data directory (default ${DEFAULTS.dataDir}; env HIKUBE_DATA_DIR)
  --credentials-file <file> where the first start writes the admin token (default ${DEFAULTS.credentialsFile})
  --org <name>              organisation root tenant created at first start (default ${DEFAULTS.organisation})
  -h, --help                show this help

Environment:
  DATABASE_URL              use this PostgreSQL server instead of the embedded PGlite store
`;

/** Bad command line: reported as one line, exit 2, never a stack trace. */
class UsageError extends Error {}

export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): ServiceOptions | 'help' {
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
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const portText = v.port ?? env.HIKUBE_PORT;
  return {
    host: nonEmpty('--host', v.host),
    port: portText === undefined ? undefined : parsePort(portText, v.port !== undefined ? '--port' : 'HIKUBE_PORT'),
    dataDir: nonEmpty('--data-dir', v['data-dir'] ?? env.HIKUBE_DATA_DIR),
    credentialsFile: nonEmpty('--credentials-file', v['credentials-file']),
    organisation: nonEmpty('--org', v.org),
    databaseUrl: env.DATABASE_URL || undefined,
  };
}

function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`${source} must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === '') throw new UsageError(`${flag} must not be empty`);
  return value;
}

async function main(): Promise<void> {
  let options: ServiceOptions | 'help';
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
  const log = createLogger();
  let service: RunningService;
  try {
    service = await startService({ ...options, log });
  } catch (err) {
    const message = (err as Error).message;
    log.error('failed to start', { error: message });
    process.stderr.write(`hikube-service: ${message}\n`);
    process.exit(/^invalid organisation/.test(message) ? 2 : 1);
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
}

if (require.main === module) void main();
