/**
 * Shell completion. `hikube completion bash|zsh|fish` prints a small script that asks the CLI
 * itself what completes: `hikube __complete <words>` walks the command tree with the words typed
 * so far and prints the candidates for the last one. Every command, alias, flag and flag value
 * completes, none is listed twice, and the script stays a few lines whatever the tree holds (a
 * script listing the whole tree was 150-500 KB, read by every new shell).
 */
import type { Command } from 'commander';
import { usageError } from '../errors';

/** `name<TAB>description` lines for the word being typed (the last of `words`; may be empty). */
export function candidates(program: Command, words: readonly string[]): string[] {
  const typed = words.length ? words[words.length - 1] : '';
  const before = words.slice(0, -1);
  let cmd = program;
  for (const word of before) {
    if (word.startsWith('-')) continue;
    // A word that names no subcommand is an argument or a flag's value: the command stays.
    cmd = visible(cmd).find((c) => c.name() === word || c.aliases().includes(word)) ?? cmd;
  }
  const previous = before[before.length - 1];
  const valued = previous?.startsWith('-') ? cmd.options.find((o) => o.long === previous || o.short === previous) : undefined;
  const lines: string[] = valued?.argChoices
    ? valued.argChoices.map((choice) => `${choice}\t${valued.description}`)
    : [
        ...visible(cmd).flatMap((c) => [c.name(), ...c.aliases()].map((name) => `${name}\t${c.description()}`)),
        ...cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)).map((flag) => `${flag}\t${o.description}`)),
        '--help\tshow help for a command',
      ];
  // One line per candidate: a description's own line breaks would split it.
  return lines.filter((line) => line.startsWith(typed)).map((line) => line.replace(/\s*\n\s*/g, ' '));
}

const visible = (cmd: Command) => cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);

/** The hidden `hikube __complete <words...>`: never an error, at worst no candidate. */
export function complete(program: Command, words: readonly string[]): void {
  try {
    const out = candidates(program, words);
    if (out.length) process.stdout.write(`${out.join('\n')}\n`);
  } catch {
    // a completion that fails offers nothing rather than printing into the user's prompt
  }
}

// Each script runs the CLI the user typed (the command word itself), so a hikube that is not on
// PATH under that name completes too.
const SCRIPTS: Record<string, string> = {
  bash: `# bash completion for hikube: source <(hikube completion bash)
_hikube() {
  local line
  COMPREPLY=()
  while IFS= read -r line; do
    COMPREPLY+=("\${line%%$'\\t'*}")
  done < <("\${COMP_WORDS[0]}" __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
}
complete -o default -F _hikube hikube
`,
  zsh: `#compdef hikube
# zsh completion for hikube: hikube completion zsh > "\${fpath[1]}/_hikube"
_hikube() {
  local line name
  local -a subs opts
  for line in "\${(@f)$("\${words[1]}" __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}"; do
    [[ -z $line ]] && continue
    name=\${line%%$'\\t'*}
    if [[ $name == -* ]]; then opts+=("\${name//:/\\\\:}:\${line#*$'\\t'}"); else subs+=("\${name//:/\\\\:}:\${line#*$'\\t'}"); fi
  done
  _describe -t commands 'hikube command' subs
  _describe -t options 'option' opts
}
compdef _hikube hikube
`,
  fish: `# fish completion for hikube: hikube completion fish > ~/.config/fish/completions/hikube.fish
function __hikube_complete
    set -l words (commandline -opc)
    set -l cli $words[1]
    set -e words[1]
    # Quoted: the word being typed may be empty, and is a word all the same.
    set -l current (commandline -ct)
    $cli __complete $words "$current" 2>/dev/null
end
complete -c hikube -f -a '(__hikube_complete)'
`,
};

export async function completion(shell: string): Promise<void> {
  const script = SCRIPTS[shell];
  if (!script) throw usageError(`unknown shell ${JSON.stringify(shell)} (fix: hikube completion bash, zsh or fish)`);
  process.stdout.write(script);
}
