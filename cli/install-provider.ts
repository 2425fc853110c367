/**
 * Installs our provider where Terraform can find it offline: a filesystem mirror
 * (`registry.terraform.io/hikube/hikube/VERSION/OS_ARCH/terraform-provider-hikube_vVERSION`)
 * and a CLI config that uses it for hikube/hikube only. Nothing in ~/.terraformrc is touched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../provider/version';
import { compiled } from './paths';
import { terraformPlatform } from './platform';

export const PROVIDER_SOURCE = 'registry.terraform.io/hikube/hikube';

export interface InstalledProvider {
  /** The filesystem mirror's root. */
  readonly mirrorDir: string;
  /** The executable Terraform starts. */
  readonly executable: string;
  /** A Terraform CLI config (for TF_CLI_CONFIG_FILE) that installs hikube/hikube from the mirror. */
  readonly cliConfigFile: string;
  readonly version: string;
}

/** The compiled provider entry point (dist/provider/main.js). */
export function providerEntryPoint(): string {
  return compiled('provider/main.js');
}

/**
 * Writes the executable wrapper and CLI config under `dir` (created if needed).
 * Idempotent: running it again rewrites the same files.
 */
export function installProvider(dir: string): InstalledProvider {
  const root = path.resolve(dir);
  const mirrorDir = path.join(root, 'mirror');
  const pkgDir = path.join(mirrorDir, PROVIDER_SOURCE, VERSION, terraformPlatform());
  fs.mkdirSync(pkgDir, { recursive: true });
  const executable = path.join(pkgDir, `terraform-provider-hikube_v${VERSION}`);
  // A shell wrapper: Terraform execs it like any Go provider binary.
  const script = `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(providerEntryPoint())} "$@"\n`;
  writeIfChanged(executable, script, 0o755);

  const cliConfigFile = path.join(root, 'terraform.rc');
  const config = [
    '# Written by hikube: install hikube/hikube from the project-local mirror, everything else as usual.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirrorDir)}`,
    `    include = [${JSON.stringify(PROVIDER_SOURCE)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(PROVIDER_SOURCE)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
  writeIfChanged(cliConfigFile, config, 0o644);
  return { mirrorDir, executable, cliConfigFile, version: VERSION };
}

/** Keeps the file (and so Terraform's lock-file hash) unchanged when the content is the same. */
function writeIfChanged(file: string, content: string, mode: number): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) {
    fs.chmodSync(file, mode);
    return;
  }
  fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
