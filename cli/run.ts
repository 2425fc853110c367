/**
 * Runs one command line: the command tree is in program.ts, each command's code is loaded when
 * it runs. Failures print one line and exit with a code from errors.ts.
 */
import { CommanderError } from 'commander';
import { describeError, EXIT } from './errors';
import { buildProgram, COMPLETE, running } from './program';

function fail(command: string, line: string, code: number): never {
  process.stderr.write(`hikube${command ? ` ${command}` : ''}: ${line}\n`);
  process.exit(code);
}

async function main(argv: string[], version: string): Promise<void> {
  const program = buildProgram(version, argv);
  // Not parsed by commander: the words are a partial command line, flags and all.
  if (argv[0] === COMPLETE) return (await import('./commands/completion')).complete(program, argv.slice(1));
  // Commander's own errors (unknown command or flag, missing argument) become our one-line
  // usage errors; help and --version exit 0.
  program.exitOverride();
  program.configureOutput({ outputError: () => undefined });
  for (const cmd of allCommands(program)) {
    cmd.exitOverride();
    cmd.configureOutput({ outputError: () => undefined });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
      // A group without its subcommand: commander has shown the group's help; that is the answer.
      if (err.code === 'commander.help') process.exit(EXIT.usage);
      const command = commandPath(program, argv);
      fail(command, `${err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (fix: hikube ${command ? `${command} ` : ''}--help)`, EXIT.usage);
    }
    const { line, code } = describeError(err, running.flagOf);
    fail(running.name, line, code);
  }
}

function allCommands(cmd: import('commander').Command): import('commander').Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** The longest run of leading words that names a command: `clusters create`. */
function commandPath(program: import('commander').Command, argv: string[]): string {
  const names: string[] = [];
  let cmd = program;
  for (const word of argv) {
    const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) break;
    names.push(next.name());
    cmd = next;
  }
  return names.join(' ');
}

export function run(argv: string[], version: string): void {
  main(argv, version).then(
    // Once stdout has taken everything: a large answer to a pipe (a long list, an export) is
    // written in parts, and exiting at once cut it short.
    () => process.stdout.write('', () => process.exit(process.exitCode ?? 0)),
    (err: unknown) => fail(running.name, describeError(err).line, describeError(err).code),
  );
}
