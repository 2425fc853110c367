/**
 * Terraform working directories for synthesized stacks, with the real hikube provider and
 * STAND-INS for hashicorp/kubernetes and hashicorp/helm (see serve.js) installed from a
 * filesystem mirror by a test-local CLI config. Nothing is downloaded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installProvider } from '../../../cli/install-provider';
import { terraformPlatform } from '../../../cli/platform';
import { terraform, TerraformRun } from '../../../cli/terraform';
const { PROVIDERS } = require('./schemas.js') as { PROVIDERS: Record<string, { version: string }> };

export const STAND_IN_NAMES = Object.keys(PROVIDERS);

export interface Recorded {
  readonly provider: string;
  readonly rpc: 'validate-provider' | 'configure' | 'validate' | 'plan';
  readonly typeName: string;
  readonly value: any;
}

export interface Installed {
  /** TF_CLI_CONFIG_FILE: every provider from the mirror, none from the network. */
  readonly cliConfigFile: string;
}

/** Installs hikube/hikube (real) and the stand-ins into `dir`/mirror. */
export function installStandIns(dir: string): Installed {
  const hikube = installProvider(dir);
  for (const [name, { version }] of Object.entries(PROVIDERS)) {
    const pkg = path.join(hikube.mirrorDir, 'registry.terraform.io', 'hashicorp', name, version, terraformPlatform());
    fs.mkdirSync(pkg, { recursive: true });
    const script = `#!/bin/sh\n# STAND-IN for hashicorp/${name} ${version} (tests only)\nexec '${process.execPath}' '${path.join(__dirname, 'serve.js')}' ${name} "$@"\n`;
    fs.writeFileSync(path.join(pkg, `terraform-provider-${name}_v${version}`), script, { mode: 0o755 });
  }
  const cliConfigFile = path.join(dir, 'stand-ins.rc');
  fs.writeFileSync(cliConfigFile, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(hikube.mirrorDir)}\n  }\n}\n`);
  return { cliConfigFile };
}

export interface StackRun {
  readonly dir: string;
  tf(...args: string[]): Promise<TerraformRun>;
  /** Runs terraform and throws with its output unless it exits 0. */
  ok(...args: string[]): Promise<TerraformRun>;
  /** What the stand-ins received so far. */
  records(): Recorded[];
}

/** A working directory holding one synthesized stack (`cdk.tf.json` content). */
export function stackDir(installed: Installed, dir: string, stack: object, env: Record<string, string> = {}): StackRun {
  fs.mkdirSync(dir, { recursive: true });
  const recordDir = path.join(dir, '.stand-in-records');
  fs.rmSync(recordDir, { recursive: true, force: true });
  fs.mkdirSync(recordDir);
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(stack, null, 2));
  const run: StackRun = {
    dir,
    tf: (...args) => terraform(args, { cwd: dir, cliConfigFile: installed.cliConfigFile, env: { STAND_IN_RECORD_DIR: recordDir, TF_INPUT: '0', ...env } }),
    async ok(...args) {
      const r = await run.tf(...args);
      // Terraform echoes whole documents (dashboards) in its diagnostics: keep the message readable.
      const clip = (text: string) => (text.length > 6000 ? `${text.slice(0, 6000)}\n[... ${text.length - 6000} more characters]` : text);
      if (r.code !== 0) throw new Error(`terraform ${args.join(' ')} in ${dir} exited ${r.code}\n${clip(r.stderr)}\n${clip(r.stdout.slice(-6000))}`);
      return r;
    },
    records: () =>
      fs
        .readdirSync(recordDir)
        .flatMap((f) => fs.readFileSync(path.join(recordDir, f), 'utf8').split('\n').filter(Boolean))
        .map((line) => JSON.parse(line) as Recorded),
  };
  return run;
}
