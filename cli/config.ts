/**
 * Contexts: named (endpoint, token) pairs in the user's config file, mode 0600, and which one
 * a command uses. Order, first found wins: --endpoint/--token flags, HIKUBE_ENDPOINT/HIKUBE_TOKEN,
 * the context named by --context or HIKUBE_CONTEXT, the current context, the credentials file a
 * service in this directory wrote (.hikube/credentials.json), then the default endpoint.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ENDPOINT } from '../model/provider';
import { usageError } from './errors';

export interface Context {
  readonly endpoint: string;
  readonly token?: string;
}

export interface ConfigFile {
  currentContext?: string;
  contexts: Record<string, Context>;
}

/** The config file: $HIKUBE_CONFIG, else $XDG_CONFIG_HOME/hikube/config.json, else ~/.config/hikube/config.json. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HIKUBE_CONFIG) return path.resolve(env.HIKUBE_CONFIG);
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(os.homedir(), '.config');
  return path.join(base, 'hikube', 'config.json');
}

export function readConfig(file = configPath()): ConfigFile {
  if (!fs.existsSync(file)) return { contexts: {} };
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ConfigFile>;
    return { currentContext: parsed.currentContext, contexts: parsed.contexts ?? {} };
  } catch {
    throw usageError(`${file} is not valid JSON (fix: delete it and run hikube login again)`);
  }
}

/** Writes atomically with mode 0600 (a folder of its own, 0700): the file holds tokens. */
export function writeConfig(config: ConfigFile, file = configPath()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

export interface ConnectionFlags {
  readonly endpoint?: string;
  readonly token?: string;
  readonly context?: string;
}

export interface Resolved extends Context {
  /** Where the endpoint came from, for messages: `--endpoint`, `HIKUBE_ENDPOINT`, `context prod`, ... */
  readonly source: string;
}

export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): Resolved {
  const config = readConfig(configPath(env));
  const contextName = flags.context ?? env.HIKUBE_CONTEXT ?? config.currentContext;
  let context: Context | undefined;
  if (contextName !== undefined) {
    context = config.contexts[contextName];
    if (!context && (flags.context ?? env.HIKUBE_CONTEXT) !== undefined) {
      const known = Object.keys(config.contexts);
      throw usageError(`no context named ${JSON.stringify(contextName)} (fix: ${known.length > 0 ? `use one of ${known.join(', ')}` : 'hikube login --context NAME first'})`);
    }
  }
  const local = context ? undefined : localCredentials();
  const endpoint = (flags.endpoint && { v: flags.endpoint, s: '--endpoint' }) ||
    (env.HIKUBE_ENDPOINT && { v: env.HIKUBE_ENDPOINT, s: 'HIKUBE_ENDPOINT' }) ||
    (context && { v: context.endpoint, s: `context ${contextName}` }) ||
    (local?.endpoint && { v: local.endpoint, s: local.file }) || { v: DEFAULT_ENDPOINT, s: 'the default endpoint' };
  const token = flags.token ?? env.HIKUBE_TOKEN ?? context?.token ?? local?.token;
  return { endpoint: endpoint.v, token, source: endpoint.s };
}

/** `.hikube/credentials.json` in the working directory: what `npm run demo` and a local service write. */
function localCredentials(): (Partial<Context> & { file: string }) | undefined {
  const file = path.resolve('.hikube', 'credentials.json');
  if (!fs.existsSync(file)) return undefined;
  try {
    return { ...(JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Context>), file: path.relative(process.cwd(), file) };
  } catch {
    return undefined;
  }
}
