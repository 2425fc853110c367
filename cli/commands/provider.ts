/** `hikube provider install|mirror`: wiring for cli/install-provider.ts. */
import * as path from 'node:path';
import { installProvider, writeNetworkMirror } from '../install-provider';

export async function install(options: { dir: string; layout: 'packed' | 'unpacked' }): Promise<void> {
  const installed = installProvider(path.resolve(options.dir), { layout: options.layout });
  process.stdout.write(`installed terraform-provider-hikube ${installed.version} (${installed.platform}): ${installed.installed}\n`);
  process.stdout.write(`export TF_CLI_CONFIG_FILE=${installed.cliConfigFile}\n`);
}

export async function mirror(options: { dir: string }): Promise<void> {
  const { root, files } = writeNetworkMirror(options.dir);
  process.stdout.write(`wrote a network mirror of hikube/hikube in ${root} (${files.length} files); serve it over HTTPS and point network_mirror { url = ... } at it\n`);
}
