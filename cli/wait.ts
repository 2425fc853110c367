/**
 * `--wait`: follows an operation until the object is ready (or gone) or failed, with a live
 * progress line on a terminal and one line per status change otherwise. Ctrl-C stops waiting
 * and leaves the operation running in the service.
 */
import { CliError, EXIT } from './errors';
import { CliKind, Item } from './kinds';
import type { Session } from './session';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Each long poll returns after this long at the latest, to refresh the status shown. */
const POLL_MS = 2000;
/** How long an unreachable or unavailable service is waited out (a restart, a failover) before giving up. */
const UNAVAILABLE_LIMIT_MS = 120_000;

/** Connection failures and 502/503/504 pass; anything else is an answer. */
function isTransient(err: unknown): boolean {
  const e = err as { name?: string; status?: number };
  return e?.name === 'ConnectionError' || (e?.name === 'ApiError' && [502, 503, 504].includes(e.status ?? 0));
}

export async function waitFor(session: Session, kind: CliKind, item: Item, goal: 'ready' | 'gone', ref: string): Promise<Item | undefined> {
  const { isStatus } = require('../client/errors') as typeof import('../client/errors');
  const tty = Boolean(process.stderr.isTTY);
  const st = session.err;
  const started = Date.now();
  const what = `${kind.noun} ${ref}`;
  let status = String(item.status);
  let unavailableSince: number | undefined;
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  let frame = 0;
  const draw = () => {
    const spinner = FRAMES[frame++ % FRAMES.length];
    const plain = `${spinner} ${what}: ${status} ${elapsed()}`;
    // A line wider than the terminal wraps, and \r would then only clear its last part.
    const width = (process.stderr.columns ?? 80) - 1;
    const line = plain.length > width ? plain.slice(0, width) : `${st.cyan(spinner)} ${what}: ${st.status(status)} ${st.dim(elapsed())}`;
    process.stderr.write(`\r\x1b[K${line}`);
  };
  const clear = () => tty && process.stderr.write('\r\x1b[K');
  const timer = tty ? setInterval(draw, 100) : undefined;
  if (tty) draw();
  else process.stderr.write(`${what}: ${status}\n`);

  const abort = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    for (;;) {
      let current: Item;
      try {
        current = await session.client.waitForResource<Item>(kind.model.collection, String(item.id), goal, POLL_MS, abort.signal);
      } catch (err) {
        if (interrupted) {
          clear();
          throw new CliError(`stopped waiting after ${elapsed()}: ${what} is still ${status} in the service (follow it: hikube ${kind.command} get ${ref} --wait)`, EXIT.interrupted);
        }
        if (isTransient(err) && Date.now() - (unavailableSince ??= Date.now()) < UNAVAILABLE_LIMIT_MS) {
          // The operation runs in the service whatever happens to this connection: wait it out.
          if (status !== 'service unavailable') {
            status = 'service unavailable';
            if (!tty) process.stderr.write(`${what}: service unavailable, retrying (${(err as Error).message})\n`);
          }
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, 1000);
            abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
          });
          continue;
        }
        if (goal === 'gone' && isStatus(err, 404)) {
          clear();
          process.stderr.write(`${st.green('✓')} ${what} deleted ${st.dim(`in ${elapsed()}`)}\n`);
          return undefined;
        }
        throw err;
      }
      unavailableSince = undefined;
      if (current.status !== status) {
        status = String(current.status);
        if (!tty) process.stderr.write(`${what}: ${status}\n`);
      }
      if (status === 'failed') {
        clear();
        throw new CliError(`${what} failed after ${elapsed()}: ${String(current.statusReason ?? 'no reason given by the back-end')}`, EXIT.failure);
      }
      if (goal === 'ready' && status === 'ready') {
        clear();
        process.stderr.write(`${st.green('✓')} ${what} ready ${st.dim(`in ${elapsed()}`)}\n`);
        return current;
      }
    }
  } finally {
    if (timer) clearInterval(timer);
    process.removeListener('SIGINT', onSigint);
  }
}
