/** `hikube provider install|mirror|check`: wiring for cli/install-provider.ts and cli/provider-check.ts. */
import * as path from 'node:path';
import { installProvider, writeNetworkMirror } from '../install-provider';
import { checkProviderSetup, formatFindings } from '../provider-check';

export async function install(options: { dir: string; layout: 'packed' | 'unpacked' }): Promise<void> {
  const installed = installProvider(path.resolve(options.dir), { layout: options.layout });
  process.stdout.write(`installed terraform-provider-hikube ${installed.version} (${installed.platform}): ${installed.installed}\n`);
  process.stdout.write(`export TF_CLI_CONFIG_FILE=${installed.cliConfigFile}\n`);
}

export async function mirror(options: { dir: string }): Promise<void> {
  const written = writeNetworkMirror(options.dir);
  process.stdout.write(`network mirror written to ${written.root}:\n${written.files.map((file) => `  ${file}\n`).join('')}`);
  process.stdout.write('Serve it over HTTPS and point Terraform at it: provider_installation { network_mirror { url = "https://HOST/PATH/" } }\n');
}

/** Exit 1 when a finding is a problem: each says what is wrong and how to fix it. */
export async function check(options: { dir: string; workdir: string }): Promise<void> {
  const findings = checkProviderSetup({ dir: options.dir, workdir: path.resolve(options.workdir), env: process.env });
  process.stdout.write(`${formatFindings(findings)}\n`);
  if (!findings.every((f) => f.ok)) process.exitCode = 1;
}
