/** login, logout and context list/use/current/delete. Tokens are stored, never printed. */
import { caFromEnv } from '../../client/ca';
import { byText } from '../order';
import { configPath, readConfig, writeConfig } from '../config';
import { CliError, EXIT, usageError } from '../errors';
import { printData } from '../output';
import { table } from '../output';
import { Session } from '../session';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Asks for the token on a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(text.trim());
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new CliError('interrupted', EXIT.interrupted));
          return;
        }
        text = ch === '\u007f' || ch === '\b' ? text.slice(0, -1) : text + ch;
      }
    };
    const done = () => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

export async function login(session: Session, _args: string[], options: Record<string, unknown>): Promise<void> {
  const name = String(options.context ?? 'default');
  const endpoint = String(options.endpoint);
  let token = options.tokenStdin ? await readStdin() : ((options.token as string | undefined) ?? process.env.HIKUBE_TOKEN);
  if (!token && process.stdin.isTTY) token = await promptHidden(`Token for ${endpoint}: `);
  if (!token) throw usageError('no token given (fix: --token TOKEN, --token-stdin, or HIKUBE_TOKEN)');
  // Check both before saving anything: the endpoint answers, and the token is accepted.
  const { HikubeClient } = await import('../../client/client');
  const client = new HikubeClient({ endpoint, token, userAgent: 'hikube-cli', caCertificate: caFromEnv() });
  let visible: { path: string; parentId: string | null }[];
  try {
    visible = (await client.listTenants()).items;
  } catch (err) {
    const e = err as { status?: number };
    if (e.status === 401) throw new CliError(`${endpoint} refused the token (fix: check it, or create one with hikube tokens create)`, EXIT.refused);
    throw err;
  } finally {
    client.close();
  }
  const config = readConfig();
  config.contexts[name] = { endpoint: client.endpoint, token };
  config.currentContext = name;
  writeConfig(config);
  const ids = new Set(visible.map((t) => t.path));
  const top = visible
    .map((t) => t.path)
    .filter((p) => !ids.has(p.split('/').slice(0, -1).join('/')))
    .sort();
  process.stderr.write(`Logged in to ${client.endpoint} as context ${name} (tenant ${top.join(', ') || 'none visible'}); saved in ${configPath()}\n`);
  void session;
}

export async function logout(_session: Session, _args: string[], options: Record<string, unknown>): Promise<void> {
  const config = readConfig();
  const name = (options.context as string | undefined) ?? config.currentContext;
  if (!name || !config.contexts[name]) throw usageError(`no context ${name ? JSON.stringify(name) : 'is current'} (fix: hikube context list)`);
  delete config.contexts[name];
  if (config.currentContext === name) config.currentContext = undefined;
  writeConfig(config);
  process.stderr.write(`Forgot context ${name}\n`);
}

export async function list(session: Session, _args?: string[], _options?: unknown): Promise<void> {
  const config = readConfig();
  const rows = Object.entries(config.contexts)
    .sort(([a], [b]) => byText(a, b))
    .map(([name, c]) => ({ name, endpoint: c.endpoint, current: name === config.currentContext }));
  if (session.format === 'name') {
    for (const r of rows) process.stdout.write(`${r.name}\n`);
    return;
  }
  if (rows.length === 0 && session.format === 'table') {
    process.stderr.write('No contexts (fix: hikube login --endpoint URL --token TOKEN)\n');
    return;
  }
  await printData({ currentContext: config.currentContext ?? null, contexts: rows }, session.format, () =>
    table(
      ['CURRENT', 'NAME', 'ENDPOINT'],
      rows.map((r) => [r.current ? '*' : '', r.name, r.endpoint]),
      session.out,
    ),
  );
}

export async function use(_session: Session, [name]: string[], _options?: unknown): Promise<void> {
  const config = readConfig();
  if (!config.contexts[name]) {
    const known = Object.keys(config.contexts);
    throw usageError(`no context ${JSON.stringify(name)} (fix: ${known.length > 0 ? `one of ${known.join(', ')}` : 'hikube login --context NAME'})`);
  }
  config.currentContext = name;
  writeConfig(config);
  process.stderr.write(`Switched to context ${name} (${config.contexts[name].endpoint})\n`);
}

export async function current(_session?: Session, _args?: string[], _options?: unknown): Promise<void> {
  const config = readConfig();
  if (!config.currentContext) throw new CliError('no current context (fix: hikube login, or hikube context use NAME)', EXIT.notFound);
  process.stdout.write(`${config.currentContext}\n`);
}

export async function remove(_session: Session, [name]: string[], _options?: unknown): Promise<void> {
  await logout(_session, [], { context: name });
}
