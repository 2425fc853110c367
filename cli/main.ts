#!/usr/bin/env node
/**
 * `hikube`: the command line for Hikube. `--version` is answered here, before anything else
 * loads (scripts ask it often); everything else goes to run.ts, a file of its own (the bundle
 * lib/run.js as installed), loaded through V8's code cache.
 */
import * as path from 'node:path';
import { requireCached } from './compile-cache';
import { version } from './package.json';

/** A hash of lib/run.js, written in by the build (scripts/build-release.ts); absent when run from dist/. */
declare const HIKUBE_RUN_DIGEST: string | undefined;

// A reader that stops early (`hikube vms list | head -1`) is not our failure: end quietly, as
// cat and git do, instead of Node's unhandled 'write EPIPE' stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${version}\n`);
} else {
  (requireCached(path.join(__dirname, 'run.js'), typeof HIKUBE_RUN_DIGEST === 'string' ? HIKUBE_RUN_DIGEST : undefined) as typeof import('./run')).run(argv, version);
}
