/**
 * The command tree: every command, flag, description and example is declared here; what a
 * command does lives in cli/commands/ and is loaded only when that command runs, so
 * `hikube --version`, `--help` and completion start fast.
 */
import { Command, Option } from 'commander';
import { createExampleOf, flagForField, flagHelp, specFlags } from './spec-flags';
import { CliKind, KINDS, parentKindOf } from './kinds';
import { namePartsOf } from '../model/kind';
import { OUTPUT_FORMATS, Session } from './session';
import type { FlagOf } from './errors';

/** The command running now, for error messages: its path and how its fields map to flags. */
export const running: { name: string; flagOf: FlagOf } = { name: '', flagOf: () => undefined };

const collect = (value: string, previous: string[] = []) => [...previous, value];

function examples(cmd: Command, ...lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** --endpoint, --token, --context: on every command that talks to the service. */
function connection(cmd: Command): Command {
  return cmd
    .option('--endpoint <url>', 'service URL (default: HIKUBE_ENDPOINT, then the current context)')
    .option('--token <token>', 'API token (default: HIKUBE_TOKEN, then the current context)')
    .option('--context <name>', 'use this context instead of the current one (default: HIKUBE_CONTEXT)');
}

function output(cmd: Command, formats: readonly string[] = OUTPUT_FORMATS): Command {
  return cmd.addOption(new Option('-o, --output <format>', 'output format').choices(formats as string[]).default('table'));
}

function waitFlags(cmd: Command): Command {
  return cmd.option('--wait', 'wait until the operation is ready or failed, with progress (default on a terminal)').option('--no-wait', 'return as soon as the service accepted the request');
}

/** The path of a command, e.g. `clusters create`. */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

type Handler = (session: Session, args: string[], options: any, cmd: Command) => Promise<void>;

/** An action that connects a Session, loads its module, runs, and always closes the connection. */
function act(handler: Handler, flagOf: FlagOf = () => undefined) {
  return async (...params: unknown[]) => {
    const cmd = params[params.length - 1] as Command;
    const args = params.slice(0, -2).filter((p) => p !== undefined) as string[];
    const options = cmd.optsWithGlobals();
    running.name = pathOf(cmd);
    running.flagOf = flagOf;
    const session = new Session(options);
    try {
      await handler(session, args, options, cmd);
    } finally {
      session.close();
    }
  };
}

/**
 * A kind's command group. Its verbs are built only when `full` (help, completion) or when the
 * command line names this group: building every flag of every kind costs more than the rest of
 * a start-up.
 */
/** The hidden command the completion scripts call: the words typed so far in, candidates out (commands/completion.ts). */
export const COMPLETE = '__complete';

/** Top-level commands besides the kinds. */

export const TOP_LEVEL = ['login', 'logout', 'context', 'usage', 'audit', 'catalog', 'export', 'completion', 'service', 'provider'];

/** Every verb a kind group may have: a second word outside this list builds the whole group. */
const KIND_VERBS = ['list', 'ls', 'get', 'create', 'update', 'delete', 'rm', 'tree', 'kubeconfig', 'start', 'stop', 'restart', 'reload-cloud-init'];

function kindCommands(program: Command, kind: CliKind, full: boolean, first: string | undefined, verb: string | undefined): void {
  const summary = kind.model.description.split('. ')[0].replace(/\.$/, '');
  const group = program.command(kind.command).description(summary[0].toLowerCase() + summary.slice(1));
  if (kind.alias) group.alias(kind.alias);
  if (!full && first !== kind.command && first !== kind.alias) return;
  // Likewise only the verb named, when it is one of ours (otherwise all, for help and suggestions).
  const everyVerb = full || verb === undefined || !KIND_VERBS.includes(verb);
  const want = (...names: string[]) => everyVerb || names.includes(verb!);
  const refHelp = kind.refHelp;
  const load = () => import('./commands/resources');
  const example = (verb: string, rest = '') => `hikube ${kind.command} ${verb}${rest}`;
  const sampleRef = kind.sampleRef;
  // The same object by its names alone, with --tenant: `orders/app --tenant acme/production`.
  const names = kind.descriptor && kind.nameField ? namePartsOf(kind.descriptor) : 0;
  const byNames = names > 0 ? ` ${sampleRef.split('/').slice(-names).join('/')} --tenant ${sampleRef.split('/').slice(0, -names).join('/')}` : undefined;
  // A sub-resource's parent, by the reference its own group takes (without --tenant) or its id.
  const parent = kind.parent && { ...kind.parent, of: parentKindOf(kind) };
  const parentRefHelp = parent && `${parent.of.refHelp.split(',')[0]} (e.g. ${parent.of.sampleRef}) or id`;
  const parentFlag = (cmd: Command, what: string) => (parent ? cmd.option(`${parent.flag} <ref>`, `${what}: ${parentRefHelp}`) : cmd);

  if (want('list', 'ls')) {
    examples(
      connection(
        output(
          parentFlag(
            group.command('list').alias('ls').description(`list ${kind.command} (with --tenant: that tenant's whole subtree)`).option('--tenant <path>', 'only this tenant and its sub-tenants'),
            `only those of this ${parent?.of.noun}`,
          ),
        ),
      ).action(act(async (s, _a, o) => (await load()).list(s, kind, o))),
      example('list'),
      example('list', ' --tenant acme/production -o wide'),
      ...(kind.parent ? [example('list', ` ${kind.parent.flag} ${sampleRef.split('/').slice(0, -1).join('/')}`)] : []),
      example('list', " -o json | jq -r '.items[].id'"),
      example('list', ' -o name'),
    );
  }

  if (want('get')) {
    examples(
      connection(
        waitFlags(output(group.command('get').argument('<ref>', refHelp).description(`show one ${kind.noun}`).option('--tenant <path>', 'the tenant REF is in, when REF is a bare name'))),
      ).action(act(async (s, [ref], o) => (await load()).get(s, kind, ref, o))),
      example('get', ` ${sampleRef}`),
      ...(byNames ? [example('get', byNames)] : []),
      example('get', ` ${sampleRef} -o yaml`),
    );
  }

  if (want('create')) {
    const create = group.command('create').description(`create a ${kind.noun}`);
    if (kind.command === 'tenants') create.argument('<path>', 'where the tenant goes: PARENT/PATH/NAME, or NAME for a top-level tenant');
    else if (kind.nameField) create.argument(`<${kind.nameField}>`, `${kind.nameField} of the ${kind.noun}`);
    if (kind.createInTenant) create.requiredOption('--tenant <path>', 'the tenant that owns it (path or id)');
    parentFlag(create, `the ${parent?.of.noun} it belongs to, required (its tenant is the ${parent?.of.noun}'s)`);
    const createFlags = specFlags(kind, 'create');
    addSpecFlags(create, createFlags);
    examples(
      connection(waitFlags(output(create))).action(
        act(
          async (s, [name], o) => (await load()).create(s, kind, name, o),
          (field) => flagForField(kind, 'create', field),
        ),
      ),
      createExampleOf(kind),
      `${whereOnly(createExampleOf(kind), kind)} -f spec.yaml`,
    );
  }

  if (want('update')) {
    const update = group
      .command('update')
      .argument('<ref>', refHelp)
      .description(`change a ${kind.noun} (only the fields given)`)
      .option('--tenant <path>', 'the tenant REF is in, when REF is a bare name');
    const updateFlags = specFlags(kind, 'update');
    addSpecFlags(update, updateFlags);
    const shown = updateFlags[0];
    const updateExample = shown
      ? `${example('update', ` ${sampleRef}`)} ${shown.flag}${shown.shape === 'bool' ? '' : shown.shape === 'map' ? ' key=value' : ` ${shown.def.validation?.oneOf?.[0] ?? 'VALUE'}`}`
      : `${example('update', ` ${sampleRef}`)}   # ${kind.command} never change: this says how to replace one`;
    examples(
      connection(waitFlags(output(update))).action(
        act(
          async (s, [ref], o) => (await load()).update(s, kind, ref, o),
          (field) => flagForField(kind, 'update', field),
        ),
      ),
      updateExample,
      ...(kind.command === 'clusters' ? [example('update', ' acme/production/web --set nodeGroups.workers.maxReplicas=8')] : []),
    );
  }

  if (want('delete', 'rm')) {
    examples(
      connection(
        waitFlags(
          output(
            group
              .command('delete')
              .alias('rm')
              .argument('<ref>', refHelp)
              .description(kind.command === 'tokens' ? 'revoke an API token: it stops working at once' : `delete a ${kind.noun}`)
              .option('--tenant <path>', 'the tenant REF is in, when REF is a bare name'),
            ['table', 'name'],
          ),
        ),
      ).action(act(async (s, [ref], o) => (await load()).remove(s, kind, ref, o))),
      example('delete', ` ${sampleRef}`),
      ...(kind.provisioned ? [example('delete', ` ${sampleRef} --no-wait`)] : []),
    );
  }

  // Kind-specific actions.
  if (kind.command === 'tenants' && want('tree')) {
    examples(
      connection(group.command('tree').description('the tenant tree with what each tenant runs and its monthly cost').option('--tenant <path>', 'only this subtree')).action(
        act(async (s, a, o) => (await import('./commands/tenants')).tree(s, a, o)),
      ),
      'hikube tenants tree',
      'hikube tenants tree --tenant acme/production',
    );
  }
  if (kind.command === 'clusters' && want('kubeconfig')) {
    examples(
      connection(
        group
          .command('kubeconfig')
          .argument('<ref>', refHelp)
          .description("print the cluster's admin kubeconfig, or merge it into your kubeconfig")
          .option('--tenant <path>', 'the tenant REF is in, when REF is a bare name')
          .option('--merge', 'merge into $KUBECONFIG (or ~/.kube/config) and make it the current context')
          .option('--kubeconfig <file>', 'the kubeconfig file to merge into'),
      ).action(act(async (s, a, o) => (await import('./commands/clusters')).kubeconfig(s, a, o))),
      'hikube clusters kubeconfig acme/production/web > web.kubeconfig',
      'hikube clusters kubeconfig acme/production/web --merge && kubectl get nodes',
    );
  }
  if (kind.command === 'vms') {
    for (const [power, what] of [
      ['start', 'start a stopped VM (run strategy Always)'],
      ['stop', 'stop a VM (run strategy Halted; disks and address are kept)'],
      ['restart', 'restart a VM (its guest reboots; POST .../restart, audited)'],
      ['reload-cloud-init', "run a VM's cloud-init again with its current user data (the guest reboots)"],
    ] as const) {
      if (!want(power)) continue;
      examples(
        connection(waitFlags(output(group.command(power).argument('<ref>', refHelp).description(what).option('--tenant <path>', 'the tenant REF is in, when REF is a bare name')))).action(
          act(async (s, [ref], o) => (await import('./commands/vms')).power(s, kind, power, ref, o)),
        ),
        `hikube vms ${power} acme/development/team-a/devbox`,
      );
    }
  }
}

/** A create example without its fields, keeping what says where the object goes (`--tenant`, `--postgres`): the start of a `-f FILE` example. */
function whereOnly(example: string, kind: CliKind): string {
  const [head, ...flags] = example.split(' --');
  const where = ['tenant', ...(kind.parent ? [kind.parent.flag.slice(2)] : [])];
  return [head, ...flags.filter((f) => where.includes(f.split(' ')[0]))].join(' --');
}

function addSpecFlags(cmd: Command, flags: ReturnType<typeof specFlags>): void {
  for (const f of flags) {
    const help = flagHelp(f.def);
    if (f.shape === 'bool') {
      cmd.option(f.flag, help);
      cmd.option(`--no-${f.flag.slice(2)}`, `turn ${f.flag} off`);
    } else if (f.shape === 'value') {
      const opt = new Option(`${f.flag} <value>`, help);
      if (f.def.validation?.oneOf) opt.choices(f.def.validation.oneOf as string[]);
      cmd.addOption(opt);
    } else if (f.shape === 'list') cmd.option(`${f.flag} <value>`, `${help} (repeat for several)`, collect);
    else cmd.option(`${f.flag} <key=value>`, `${help} (repeat for several)`, collect);
  }
  cmd.option('--set <field.path=value>', 'set any field by its API path; the value is JSON or text (repeatable)', collect);
  cmd.option('-f, --file <file>', 'start from a spec file, JSON or YAML, with API field names (- reads stdin)');
}

/**
 * The whole tree when `argv` is undefined (help, completion, tests); otherwise kind groups
 * other than the one `argv` names are left without their verbs.
 */
export function buildProgram(version: string, argv?: readonly string[]): Command {
  const first = argv?.[0];
  const full = argv === undefined || first === undefined || first.startsWith('-') || first === 'help' || first === COMPLETE;
  // Only the top-level command named is built, when it is one (an unknown word builds all, for suggestions).
  const known = [...TOP_LEVEL, ...KINDS.flatMap((k) => [k.command, ...(k.alias ? [k.alias] : [])])];
  const wanted = (...names: string[]) => full || !known.includes(first!) || names.includes(first!);
  const program = new Command('hikube')
    .description('Manage Hikube tenants and everything they run: clusters, VMs, monitoring, access, usage and audit.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: false })
    .hook('preAction', (_program, action) => {
      running.name = pathOf(action); // errors of commands without a session name them too
    });
  program.addHelpText(
    'after',
    `
Examples:
  $ hikube login --endpoint https://hikube.example.com --token "$TOKEN"
  $ hikube tenants tree
  $ hikube clusters create web --tenant acme/production --version v1.33
  $ hikube vms list --tenant acme/development -o wide
  $ hikube export --tenant acme/production --out infra/

Endpoint and token: --endpoint/--token, else HIKUBE_ENDPOINT/HIKUBE_TOKEN, else the current
context (hikube login), else .hikube/credentials.json in this directory.
Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 refused by the service, 130 interrupted.
Documentation: docs/cli.md`,
  );

  if (wanted('login')) {
    examples(
      program
        .command('login')
        .description('save an endpoint and token as a context, after checking them against the service')
        .requiredOption('--endpoint <url>', 'service URL, e.g. https://hikube.example.com')
        .option('--token <token>', 'API token (default: HIKUBE_TOKEN; asked for, without echo, on a terminal)')
        .option('--token-stdin', 'read the token from standard input (keeps it out of shell history)')
        .option('--context <name>', 'name of the context to save', 'default')
        .action(act(async (s, a, o) => (await import('./commands/contexts')).login(s, a, o))),
      'hikube login --endpoint http://127.0.0.1:8080 --token "$HIKUBE_TOKEN"',
      'pass show hikube/prod | hikube login --endpoint https://hikube.example.com --token-stdin --context prod',
    );
  }

  if (wanted('logout')) {
    examples(
      program
        .command('logout')
        .description('forget a context and its token')
        .option('--context <name>', 'the context to forget (default: the current one)')
        .action(act(async (s, a, o) => (await import('./commands/contexts')).logout(s, a, o))),
      'hikube logout --context prod',
    );
  }

  if (wanted('context')) {
    const context = program.command('context').description('named contexts: several services or tokens, one current');
    examples(
      output(context.command('list').alias('ls').description('list contexts (tokens are never shown)'), ['table', 'json', 'yaml', 'name']).action(
        act(async (s, a, o) => (await import('./commands/contexts')).list(s, a, o)),
      ),
      'hikube context list',
    );
    examples(
      context
        .command('use')
        .argument('<name>')
        .description('make a context the current one')
        .action(act(async (s, a, o) => (await import('./commands/contexts')).use(s, a, o))),
      'hikube context use prod',
    );
    examples(
      context
        .command('current')
        .description('print the current context')
        .action(act(async (s, a, o) => (await import('./commands/contexts')).current(s, a, o))),
      'hikube context current',
    );
    examples(
      context
        .command('delete')
        .alias('rm')
        .argument('<name>')
        .description('forget a context')
        .action(act(async (s, a, o) => (await import('./commands/contexts')).remove(s, a, o))),
      'hikube context delete old',
    );
  }

  for (const kind of KINDS) if (wanted(kind.command, ...(kind.alias ? [kind.alias] : []))) kindCommands(program, kind, full, first, argv?.[1]);

  if (wanted('usage')) {
    examples(
      connection(
        output(
          program
            .command('usage')
            .description('cost per tenant and resource over a period, with totals (and a bar chart on a terminal)')
            .option('--tenant <path>', "the tenant whose subtree to bill (default: the token's tenant)")
            .option('--from <time>', 'start, RFC 3339 or YYYY-MM-DD (default: start of this month)')
            .option('--to <time>', 'end, RFC 3339 or YYYY-MM-DD (default: now)'),
          ['table', 'json', 'yaml'],
        ),
      ).action(act(async (s, a, o) => (await import('./commands/usage')).usage(s, a, o))),
      'hikube usage',
      'hikube usage --tenant acme/production --from 2026-11-01 --to 2026-12-01 -o json',
    );
  }

  if (wanted('audit')) {
    examples(
      connection(
        output(
          program
            .command('audit')
            .description("the audit log of a tenant's subtree, newest first")
            .option('--tenant <path>', "whose subtree (default: the token's tenant)")
            .option('--limit <n>', 'entries to show', '20')
            .option('--follow', 'keep printing new entries as they happen (Ctrl-C stops)'),
          ['table', 'json', 'yaml'],
        ),
      ).action(act(async (s, a, o) => (await import('./commands/audit')).audit(s, a, o))),
      'hikube audit --tenant acme/production',
      'hikube audit --follow',
      'hikube audit -o json --limit 500 > audit.json',
    );
  }

  if (wanted('catalog')) {
    const catalog = program.command('catalog').description('what Hikube offers: instance types, GPUs, images, Kubernetes versions and prices');
    for (const [name, what] of [
      ['instance-types', 'instance types with vCPUs, memory and monthly price'],
      ['gpus', 'GPUs with memory, availability and monthly price; deprecated names say what to use instead'],
      ['images', 'platform images per distribution: versions, image names and minimum disk size'],
      ['kubernetes-versions', 'Kubernetes versions clusters may run, the default and the latest'],
      ['prices', 'the price list: per vCPU, GiB of memory, disk, control plane, GPU, external IP, observability'],
    ] as const) {
      examples(
        connection(output(catalog.command(name).description(what), ['table', 'json', 'yaml'])).action(act(async (s, _a, o, c) => (await import('./commands/catalog')).catalog(s, name, o, c))),
        `hikube catalog ${name}`,
      );
    }
  }

  if (wanted('export')) {
    examples(
      connection(
        program
          .command('export')
          .description('write Terraform code (with import blocks) or a CDKTF program for what exists in a subtree')
          .requiredOption('--tenant <path>', 'the subtree to export, e.g. acme/production')
          .addOption(new Option('--format <format>', 'hcl: Terraform with import blocks; cdktf: TypeScript with constructs').choices(['hcl', 'cdktf']).default('hcl'))
          .option('--out <dir>', 'write into this folder (default: print to stdout)'),
      ).action(act(async (s, a, o) => (await import('./commands/export')).exportCommand(s, a, o))),
      'hikube export --tenant acme/production --out infra/ && cd infra && terraform init && terraform plan',
      'hikube export --tenant acme/production --format cdktf --out app/',
    );
  }

  if (wanted('completion')) {
    examples(
      program
        .command('completion')
        .argument('<shell>', 'bash, zsh or fish')
        .description('print a shell completion script')
        .action(async (shell: string) => (await import('./commands/completion')).completion(shell)),
      'source <(hikube completion bash)',
      'hikube completion zsh > "${fpath[1]}/_hikube"',
      'hikube completion fish > ~/.config/fish/completions/hikube.fish',
    );
  }

  if (wanted('service')) {
    const service = program.command('service').description('run the Hikube service on this machine (needs the @hikube/service package)');
    examples(
      service
        .command('start')
        .description('start the service in the foreground (flags go to hikube-service: --port, --data-dir, --host, ...)')
        .helpOption(false)
        .allowUnknownOption()
        .allowExcessArguments()
        .action(async (_o: unknown, cmd: Command) => (await import('./commands/service')).start(cmd.args)),
      'hikube service start --port 8080 --data-dir ~/.local/share/hikube',
      'hikube service start --help',
    );
  }

  if (wanted('provider')) {
    const provider = program.command('provider').description('the Terraform provider hikube/hikube');
    examples(
      provider
        .command('install')
        .description('install the provider into a filesystem mirror and write a Terraform CLI config using it')
        .option('--dir <dir>', 'where the mirror and terraform.rc go', '.hikube/terraform')
        .addOption(new Option('--layout <layout>', 'packed (the zip, as a registry serves it) or unpacked (for dev_overrides)').choices(['packed', 'unpacked']).default('packed'))
        .action(async (o: { dir: string; layout: 'packed' | 'unpacked' }) => (await import('./commands/provider')).install(o)),
      'hikube provider install --dir .hikube/terraform && export TF_CLI_CONFIG_FILE=$PWD/.hikube/terraform/terraform.rc',
    );
    examples(
      provider
        .command('mirror')
        .description("write a network mirror (static files, Terraform's provider network mirror protocol) to serve over HTTPS")
        .requiredOption('--dir <dir>', 'the folder to serve')
        .action(async (o: { dir: string }) => (await import('./commands/provider')).mirror(o)),
      'hikube provider mirror --dir /srv/www/providers',
    );
    examples(
      provider
        .command('check')
        .description('explain why Terraform cannot install or start the provider: CLI config, mirror, lock file, Node.js')
        .option('--dir <dir>', 'the folder given to provider install', '.hikube/terraform')
        .option('--workdir <dir>', 'the Terraform working directory (its .terraform.lock.hcl is read)', '.')
        .action(async (o: { dir: string; workdir: string }) => (await import('./commands/provider')).check(o)),
      'hikube provider check --dir .hikube/terraform --workdir infra/',
    );
  }

  return program;
}
