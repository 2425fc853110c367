/**
 * `hikube completion bash|zsh|fish`: scripts generated from the command tree itself, so every
 * command, alias and flag completes, and none is listed twice.
 */
import type { Command } from 'commander';
import { usageError } from '../errors';

interface Node {
  /** `clusters create`, '' for the root. */
  readonly path: string;
  readonly subcommands: { name: string; description: string }[];
  readonly flags: { flag: string; description: string; choices?: readonly string[] }[];
}

function walk(cmd: Command, prefix: string[] = [], out: Node[] = []): Node[] {
  const visible = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
  out.push({
    path: prefix.join(' '),
    subcommands: visible.flatMap((c) => [c.name(), ...c.aliases()].map((name) => ({ name, description: c.description() }))),
    flags: [...cmd.options, ...(prefix.length === 0 ? [] : [])].flatMap((o) =>
      [o.long, o.short].filter((f): f is string => Boolean(f)).map((flag) => ({ flag, description: o.description, choices: o.argChoices })),
    ),
  });
  for (const c of visible) for (const name of [c.name(), ...c.aliases()]) walk(c, [...prefix, name], out);
  return out;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(nodes: Node[]): string {
  const cases = nodes.map((n) => `    ${quote(n.path)}) words=${quote([...n.subcommands.map((s) => s.name), ...n.flags.map((f) => f.flag), '--help'].join(' '))} ;;`).join('\n');
  const choices = nodes
    .flatMap((n) => n.flags.filter((f) => f.choices).map((f) => `    ${quote(`${n.path}|${f.flag}`)}) COMPREPLY=($(compgen -W ${quote(f.choices!.join(' '))} -- "$cur")); return ;;`))
    .join('\n');
  return `# bash completion for hikube: source <(hikube completion bash)
_hikube() {
  local cur prev cmdpath="" words i w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    case "\${cmdpath:+$cmdpath }$w" in
${nodes
  .filter((n) => n.path)
  .map((n) => `      ${quote(n.path)}) cmdpath=${quote(n.path)} ;;`)
  .join('\n')}
    esac
  done
  case "$cmdpath|$prev" in
${choices}
  esac
  case "$cmdpath" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _hikube hikube
`;
}

function zsh(nodes: Node[]): string {
  const item = (name: string, description: string) => quote(`${name.replace(/:/g, '\\:')}:${description}`);
  const cases = nodes
    .map((n) =>
      [
        `    ${quote(n.path)})`,
        `      subs=(${n.subcommands.map((s) => item(s.name, s.description)).join(' ')})`,
        `      opts=(${[...n.flags.map((f) => item(f.flag, f.description)), item('--help', 'show help')].join(' ')}) ;;`,
      ].join('\n'),
    )
    .join('\n');
  return `#compdef hikube
# zsh completion for hikube: hikube completion zsh > "\${fpath[1]}/_hikube"
_hikube() {
  local cmdpath="" w
  local -a subs opts
  for w in \${words[2,CURRENT-1]}; do
    [[ "$w" == -* ]] && continue
    case "\${cmdpath:+$cmdpath }$w" in
${nodes
  .filter((n) => n.path)
  .map((n) => `      ${quote(n.path)}) cmdpath=${quote(n.path)} ;;`)
  .join('\n')}
    esac
  done
  case "$cmdpath" in
${cases}
  esac
  _describe -t commands 'hikube command' subs
  _describe -t options 'option' opts
}
compdef _hikube hikube
`;
}

function fish(nodes: Node[]): string {
  const lines = ['# fish completion for hikube: hikube completion fish > ~/.config/fish/completions/hikube.fish', 'complete -c hikube -f'];
  const fq = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  for (const n of nodes) {
    const words = n.path ? n.path.split(' ') : [];
    const cond = words.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${words[words.length - 1]}`;
    for (const s of n.subcommands) lines.push(`complete -c hikube -n ${fq(cond)} -a ${fq(s.name)} -d ${fq(s.description)}`);
    for (const f of n.flags) {
      const spec = f.flag.startsWith('--') ? `-l ${f.flag.slice(2)}` : `-s ${f.flag.slice(1)}`;
      lines.push(`complete -c hikube -n ${fq(cond)} ${spec} -d ${fq(f.description)}${f.choices ? ` -xa ${fq(f.choices.join(' '))}` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function completion(program: Command, shell: string): Promise<void> {
  const nodes = walk(program);
  const scripts: Record<string, (n: Node[]) => string> = { bash, zsh, fish };
  const make = scripts[shell];
  if (!make) throw usageError(`unknown shell ${JSON.stringify(shell)} (fix: hikube completion bash, zsh or fish)`);
  process.stdout.write(make(nodes));
}
