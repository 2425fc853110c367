/** Removes the run's temporary root (global-setup.ts) unless HIKUBE_KEEP_TEST_DIRS=1 asks to keep it. */
import * as fs from 'node:fs';

export default function globalTeardown(): void {
  const root = process.env.HIKUBE_TEST_RUN_DIR;
  if (!root) return;
  if (process.env.HIKUBE_KEEP_TEST_DIRS === '1') {
    process.stderr.write(`jest: test directories kept in ${root}\n`);
    return;
  }
  fs.rmSync(root, { recursive: true, force: true });
}
