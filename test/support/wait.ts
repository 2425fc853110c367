/**
 * Waiting for a state, never for a time: a test that needs "the service is up" or "terraform is
 * creating the VM" polls for exactly that, so it goes on as soon as the state is reached and, when
 * it never is, fails saying what it waited for instead of failing later on a confusing assertion.
 * Fixed sleeps stay only where the test means a gap in time (a token expiring, a database kept
 * down for 3 s); each says so.
 */

export interface WaitOptions {
  /** When to give up: it bounds a failure and asserts no speed, so be generous (a loaded CI machine). @default 30_000 */
  readonly timeoutMs?: number;
  /** Pause between two probes. @default 50 */
  readonly intervalMs?: number;
  /** Appended to the failure message: what was seen instead (process output, the screen, a status). */
  readonly detail?: () => string;
}

/**
 * Calls `probe` until it returns something other than `undefined` or `false`, and returns that.
 * A probe that throws ends the wait with its error (e.g. the process it waits for has exited).
 */
export async function waitUntil<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 50, detail } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const seen = detail?.();
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${seen ? `:\n${seen}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
