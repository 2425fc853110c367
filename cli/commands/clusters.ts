/** `hikube clusters kubeconfig`: print the admin kubeconfig, or merge it into the user's own. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError, EXIT } from '../errors';
import { kindOf } from '../kinds';
import { loadYaml } from '../output';
import { Session } from '../session';

interface Named {
  name: string;
  [k: string]: unknown;
}
interface KubeConfig {
  apiVersion?: string;
  kind?: string;
  clusters?: Named[];
  users?: Named[];
  contexts?: Named[];
  'current-context'?: string;
  [k: string]: unknown;
}

/** $KUBECONFIG's first file (kubectl writes there too), else ~/.kube/config. */
export function defaultKubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const first = (env.KUBECONFIG ?? '').split(path.delimiter).find(Boolean);
  return first ? path.resolve(first) : path.join(os.homedir(), '.kube', 'config');
}

/** Entries of `incoming` replace same-named ones of `base`; everything else in `base` stays. */
export function mergeKubeconfig(base: KubeConfig, incoming: KubeConfig): KubeConfig {
  const merged: KubeConfig = { apiVersion: 'v1', kind: 'Config', ...base };
  for (const key of ['clusters', 'users', 'contexts'] as const) {
    const mine = incoming[key] ?? [];
    merged[key] = [...(base[key] ?? []).filter((e) => !mine.some((m) => m.name === e.name)), ...mine];
  }
  if (incoming['current-context']) merged['current-context'] = incoming['current-context'];
  return merged;
}

export async function kubeconfig(session: Session, [ref]: string[], options: { tenant?: string; merge?: boolean; kubeconfig?: string }): Promise<void> {
  const kind = kindOf('clusters');
  const cluster = await session.find(kind, ref, options.tenant);
  if (typeof cluster.kubeconfig !== 'string' || cluster.kubeconfig === '') {
    const why =
      cluster.status !== 'ready'
        ? `it is ${String(cluster.status)}; wait for it: hikube clusters get ${ref} --wait`
        : 'only admin tokens read cluster credentials: use a token with the admin role on its tenant';
    throw new CliError(`cluster ${ref} has no kubeconfig to give (fix: ${why})`, cluster.status !== 'ready' ? EXIT.failure : EXIT.refused);
  }
  if (!options.merge) {
    process.stdout.write(cluster.kubeconfig.endsWith('\n') ? cluster.kubeconfig : `${cluster.kubeconfig}\n`);
    return;
  }
  const YAML = loadYaml();
  const file = options.kubeconfig ? path.resolve(options.kubeconfig) : defaultKubeconfigPath();
  let base: KubeConfig = {};
  if (fs.existsSync(file)) {
    try {
      base = (YAML.parse(fs.readFileSync(file, 'utf8')) as KubeConfig | null) ?? {};
    } catch (err) {
      throw new CliError(`${file} is not valid YAML (${(err as Error).message.split('\n')[0]}); nothing was changed (fix: repair it, or --kubeconfig OTHER_FILE)`, EXIT.failure);
    }
  }
  const incoming = YAML.parse(cluster.kubeconfig) as KubeConfig;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, YAML.stringify(mergeKubeconfig(base, incoming), { lineWidth: 0 }), { mode: 0o600 });
  fs.chmodSync(file, 0o600); // it holds an admin token
  process.stderr.write(`Merged cluster ${ref} into ${file}; current context is now ${String(incoming['current-context'])}\n`);
}
