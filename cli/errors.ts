/**
 * What the CLI reports when a command fails: one line naming the command, the field and the
 * fix, and an exit code a script can tell apart. Never a stack trace.
 */
import type { ApiError, ConnectionError } from '../client/errors';

/** Exit codes: documented in docs/cli.md, tested in test/cli/. */
export const EXIT = {
  ok: 0,
  /** The service failed, could not be reached, or the operation ended failed. */
  failure: 1,
  /** Bad command line: unknown command or flag, missing or malformed value. */
  usage: 2,
  /** What the command names does not exist (or is outside the token's tenant). */
  notFound: 3,
  /** The service refused: invalid field, policy, quota, conflict, missing role, bad token. */
  refused: 4,
  /** Ctrl-C while waiting: the operation goes on in the service. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI explains itself; `message` is the whole line after `hikube <command>: `. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
export const notFound = (message: string) => new CliError(message, EXIT.notFound);

/** API field names the command line spells as flags, e.g. `instanceType` -> `--instance-type`. */
export type FlagOf = (field: string) => string | undefined;

/** The exit code for an HTTP status the service answered with. */
export function exitCodeOfStatus(status: number): ExitCode {
  if (status === 404) return EXIT.notFound;
  if (status >= 400 && status < 500) return EXIT.refused;
  return EXIT.failure;
}

/** What to do about a refusal, by status, when the service's answer does not say it. */
const FIX_BY_STATUS: Record<number, string> = {
  401: 'log in again: hikube login --endpoint URL --token TOKEN',
  403: 'use a token with a higher role on this tenant (view < use < admin < super-admin)',
  404: 'check the name or id (hikube <kind> list shows what this token can see)',
  409: 'see the detail above; change or remove what conflicts first',
};

/** One line from any error: ours, the service's problem+json, a connection failure, or a bug. */
export function describeError(err: unknown, flagOf: FlagOf = () => undefined): { line: string; code: ExitCode } {
  if (err instanceof CliError) return { line: err.message, code: err.code };
  const e = err as Partial<ApiError> & Partial<ConnectionError> & Error;
  if (e?.name === 'ApiError' && e.problem) {
    const problem = e.problem;
    const fields = (problem.errors ?? []).map((f) => {
      const flag = flagOf(f.field);
      return `${flag ? `${flag} (${f.field})` : f.field || 'body'}: ${f.reason}`;
    });
    const what = fields.length > 0 ? fields.join('; ') : (problem.detail ?? problem.title);
    const fix = fields.length > 0 ? '' : FIX_BY_STATUS[e.status!] ? ` (fix: ${FIX_BY_STATUS[e.status!]})` : '';
    return { line: `${problem.title.toLowerCase()}: ${what}${fix}`, code: exitCodeOfStatus(e.status!) };
  }
  if (e?.name === 'ConnectionError') {
    return { line: `${e.message} (fix: start it with \`hikube service start\`, or pass --endpoint / hikube login)`, code: EXIT.failure };
  }
  return { line: `unexpected error: ${e?.message ?? String(err)}`, code: EXIT.failure };
}
