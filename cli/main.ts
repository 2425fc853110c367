#!/usr/bin/env node
/**
 * `hikube`: the command line for Hikube. `--version` is answered here, before anything else
 * loads (scripts ask it often); everything else goes to run.ts.
 */
import { version } from './package.json';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${version}\n`);
} else {
  (require('./run') as typeof import('./run')).run(argv, version);
}
