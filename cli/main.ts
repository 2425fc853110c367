#!/usr/bin/env node
/**
 * `hikube`: small helpers around the service and the provider.
 *
 *   hikube provider install [--dir DIR]     install the provider into DIR/mirror, print TF_CLI_CONFIG_FILE
 *   hikube tenants tree [--endpoint URL] [--token T] [--credentials FILE]
 *   hikube tenants list  (same flags; JSON)
 */
import * as path from 'node:path';
import { HikubeClient } from '../client/client';
import { resolveCredentials } from './credentials';
import { installProvider, writeNetworkMirror } from './install-provider';
import { checkProviderSetup, formatFindings } from './provider-check';
import { formatTenantTree } from './tree';

const DEFAULT_PROVIDER_DIR = path.join('.hikube', 'terraform');

const USAGE = `usage:
  hikube provider install [--dir DIR] [--layout packed|unpacked]   (default DIR: .hikube/terraform)
  hikube provider mirror --dir DIR           (write a network mirror to serve over HTTPS)
  hikube provider check [--dir DIR] [--workdir TERRAFORM_DIR]   (explain install problems)
  hikube tenants tree [--endpoint URL] [--token TOKEN] [--credentials FILE]
  hikube tenants list [--endpoint URL] [--token TOKEN] [--credentials FILE]

The endpoint and token fall back to HIKUBE_ENDPOINT / HIKUBE_TOKEN, then to
.hikube/credentials.json (written by the service on first start).`;

function flags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)$/.exec(args[i]);
    if (!m || args[i + 1] === undefined) throw new UsageError(`unexpected argument ${JSON.stringify(args[i])}`);
    out[m[1]] = args[++i];
  }
  return out;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group === 'provider' && command === 'install') {
    const f = flags(rest);
    const layout = f.layout ?? 'packed';
    if (layout !== 'packed' && layout !== 'unpacked') throw new UsageError(`--layout must be packed or unpacked, got ${JSON.stringify(layout)}`);
    const installed = installProvider(path.resolve(f.dir ?? DEFAULT_PROVIDER_DIR), { layout });
    console.log(`installed terraform-provider-hikube ${installed.version} (${installed.platform}): ${installed.installed}`);
    console.log(`export TF_CLI_CONFIG_FILE=${installed.cliConfigFile}`);
    return 0;
  }
  if (group === 'provider' && command === 'mirror') {
    const f = flags(rest);
    if (!f.dir) throw new UsageError('provider mirror needs --dir DIR (the network mirror\'s document root)');
    const mirror = writeNetworkMirror(f.dir);
    console.log(`network mirror written to ${mirror.root}:\n${mirror.files.map((file) => `  ${file}`).join('\n')}`);
    console.log('Serve it over HTTPS and point Terraform at it: provider_installation { network_mirror { url = "https://HOST/PATH/" } }');
    return 0;
  }
  if (group === 'provider' && command === 'check') {
    const f = flags(rest);
    const findings = checkProviderSetup({ dir: f.dir ?? DEFAULT_PROVIDER_DIR, workdir: path.resolve(f.workdir ?? '.'), env: process.env });
    console.log(formatFindings(findings));
    return findings.every((finding) => finding.ok) ? 0 : 1;
  }
  if (group === 'tenants' && (command === 'tree' || command === 'list')) {
    const f = flags(rest);
    const creds = resolveCredentials({ endpoint: f.endpoint, token: f.token, credentialsFile: f.credentials });
    const client = new HikubeClient({ endpoint: creds.endpoint, token: creds.token, userAgent: 'hikube-cli' });
    try {
      const { items } = await client.listTenants();
      console.log(command === 'tree' ? formatTenantTree(items) : JSON.stringify(items, null, 2));
    } finally {
      client.close();
    }
    return 0;
  }
  throw new UsageError(group ? `unknown command: ${[group, command].filter(Boolean).join(' ')}` : 'no command given');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    if (err instanceof UsageError) {
      console.error(`hikube: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    // ApiError and ConnectionError messages already say what failed and where.
    console.error(`hikube: ${err.message}`);
    process.exit(1);
  },
);
