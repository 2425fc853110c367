/**
 * Structured logs: one JSON object per line {time, level, msg, ...fields}. Fields whose name
 * looks like a secret are replaced, so a token can never reach a log by accident.
 */

import { AsyncLocalStorage } from 'node:async_hooks';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger adding `fields` to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Where each line goes (without its newline). @default process.stdout */
  readonly write?: (line: string) => void;
  /** Lines below this level are dropped. @default 'info' */
  readonly level?: LogLevel;
}

/**
 * Fields of the work in progress (a request's id, a worker's operation): every line logged while
 * it runs carries them, whichever logger wrote the line.
 */
export const logContext = new AsyncLocalStorage<LogFields>();

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|secret|password|authorization|cookie/i;

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const min = LEVELS[options.level ?? 'info'];
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (LEVELS[level] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...sanitize({ ...logContext.getStore(), ...base, ...fields }) }));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = createLogger({ write: () => undefined });

function sanitize(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : value instanceof Error ? serializeError(value) : value;
  }
  return out;
}

function serializeError(err: Error): LogFields {
  const code = (err as { code?: unknown }).code;
  return { name: err.name, message: err.message, ...(code !== undefined ? { code } : {}), stack: err.stack };
}
