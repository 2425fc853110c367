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

export async function waitFor(session: Session, kind: CliKind, item: Item, goal: 'ready' | 'gone', ref: string): Promise<Item | undefined> {
  const { isStatus } = require('../client/errors') as typeof import('../client/errors');
  const tty = Boolean(process.stderr.isTTY);
  const st = session.err;
  const started = Date.now();
  const what = `${kind.noun} ${ref}`;
  let status = String(item.status);
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  let frame = 0;
  const draw = () => process.stderr.write(`\r\x1b[K${st.cyan(FRAMES[frame++ % FRAMES.length])} ${what}: ${st.status(status)} ${st.dim(elapsed())}`);
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
          throw new CliError(
            `stopped waiting after ${elapsed()}: ${what} is still ${status} in the service (follow it: hikube ${kind.command} get ${ref} --wait)`,
            EXIT.interrupted,
          );
        }
        if (goal === 'gone' && isStatus(err, 404)) {
          clear();
          process.stderr.write(`${st.green('✓')} ${what} deleted ${st.dim(`in ${elapsed()}`)}\n`);
          return undefined;
        }
        throw err;
      }
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
