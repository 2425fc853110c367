/**
 * hclog-style JSON lines on stderr. go-plugin parses these and re-logs them inside
 * Terraform's own log (TF_LOG / TF_LOG_PATH) under the provider's name, so they show up
 * where users look. stdout belongs to the handshake: never log there.
 */

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const RANK: Record<LogLevel | 'off', number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

/** TF_LOG_PROVIDER, then TF_LOG; `json` means trace (as in Terraform); default warn. */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel | 'off' {
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || '').toLowerCase();
  if (raw === 'json') return 'trace';
  return raw in RANK ? (raw as LogLevel | 'off') : 'warn';
}

let threshold = RANK[levelFromEnv()];
let sink: (line: string) => void = (line) => process.stderr.write(line);

/** For tests: change the level or capture lines. */
export function configureLogging(options: { level?: LogLevel | 'off'; sink?: (line: string) => void }): void {
  if (options.level) threshold = RANK[options.level];
  if (options.sink) sink = options.sink;
}

/** hclog's timestamp layout has microseconds; go-plugin rejects other precisions. */
function timestamp(): string {
  return new Date().toISOString().replace(/Z$/, '000Z');
}

export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  enabled(level: LogLevel): boolean;
  /** A logger for a sub-module: `provider` -> `provider.grpc`. */
  named(name: string): Logger;
}

export function createLogger(module: string): Logger {
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (RANK[level] < threshold) return;
    const entry: LogFields = { '@level': level, '@message': message, '@module': module, '@timestamp': timestamp() };
    if (fields) {
      for (const [k, v] of Object.entries(fields)) entry[k] = v instanceof Error ? v.message : v;
    }
    sink(JSON.stringify(entry) + '\n');
  };
  return {
    trace: (m, f) => emit('trace', m, f),
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    enabled: (level) => RANK[level] >= threshold,
    named: (name) => createLogger(`${module}.${name}`),
  };
}

/** The provider's root logger. */
export const log = createLogger('provider');
