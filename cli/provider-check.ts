/**
 * `hikube provider check`: explains why Terraform cannot install or start our provider, in the
 * user's terms, for the mistakes Terraform itself reports obscurely: no TF_CLI_CONFIG_FILE (so
 * Terraform asks the public registry), a mirror holding another build (checksum mismatch), a
 * lock file made with another version, no usable Node.js for the launcher.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { directoryHash, zipHash } from '../provider/packaging/hashes';
import { MIN_NODE_MAJOR, NODE_ENV_VAR } from '../provider/packaging/launcher';
import { archiveName, PROVIDER_SOURCE, ReleaseIndex } from '../provider/packaging/layout';
import { mirrorCliConfig, readRelease } from './install-provider';
import { terraformPlatform } from './platform';

export interface Finding {
  readonly ok: boolean;
  readonly what: string;
  /** How to fix it (problems only). */
  readonly fix?: string;
}

export interface CheckOptions {
  /** The install folder given to `hikube provider install`. */
  readonly dir: string;
  /** The Terraform working directory (its .terraform.lock.hcl is read). */
  readonly workdir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly releaseDir?: string;
}

/** The hikube/hikube entry of a lock file: its version and hashes. */
export function lockedProvider(lockFile: string): { version: string; hashes: string[] } | undefined {
  const text = fs.readFileSync(lockFile, 'utf8');
  const block = new RegExp(`provider "${PROVIDER_SOURCE.replace(/[./]/g, '\\$&')}" \\{([\\s\\S]*?)\\n\\}`).exec(text);
  if (!block) return undefined;
  const version = /version\s*=\s*"([^"]+)"/.exec(block[1])?.[1] ?? '';
  const hashes = [...(/hashes\s*=\s*\[([\s\S]*?)\]/.exec(block[1])?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  return { version, hashes };
}

export function checkProviderSetup(options: CheckOptions): Finding[] {
  const findings: Finding[] = [];
  const root = path.resolve(options.dir);
  const cliConfig = path.join(root, 'terraform.rc');
  const mirrorDir = path.join(root, 'mirror');
  const release: ReleaseIndex = readRelease(options.releaseDir);
  const platform = terraformPlatform();
  const archive = release.archives[platform];
  const install = `hikube provider install --dir ${options.dir}`;

  // 1. Terraform must read a CLI config that points hikube/hikube at the mirror.
  const configured = options.env.TF_CLI_CONFIG_FILE;
  if (!configured) {
    findings.push({
      ok: false,
      what: 'TF_CLI_CONFIG_FILE is not set, so Terraform looks for hikube/hikube in the public registry, which does not have it',
      fix: `export TF_CLI_CONFIG_FILE=${cliConfig}`,
    });
  } else if (!fs.existsSync(configured)) {
    findings.push({ ok: false, what: `TF_CLI_CONFIG_FILE points at ${configured}, which does not exist`, fix: `${install}, then export TF_CLI_CONFIG_FILE=${cliConfig}` });
  } else if (!fs.readFileSync(configured, 'utf8').includes(JSON.stringify(mirrorDir))) {
    findings.push({
      ok: false,
      what: `${configured} does not install hikube/hikube from ${mirrorDir}`,
      fix: `export TF_CLI_CONFIG_FILE=${cliConfig} (or add its provider_installation block to yours:\n${mirrorCliConfig(mirrorDir)})`,
    });
  } else {
    findings.push({ ok: true, what: `Terraform reads ${configured}, which installs hikube/hikube from ${mirrorDir}` });
  }

  // 2. The mirror must hold exactly this release's build.
  if (!archive) {
    findings.push({ ok: false, what: `this release (${release.version}) has no archive for ${platform}`, fix: `use one of: ${Object.keys(release.archives).join(', ')}` });
  } else {
    const packed = path.join(mirrorDir, PROVIDER_SOURCE, archiveName(platform, release.version));
    const unpacked = path.join(mirrorDir, PROVIDER_SOURCE, release.version, platform);
    if (fs.existsSync(packed)) {
      const zh = zipHash(fs.readFileSync(packed));
      findings.push(
        zh === archive.zh
          ? { ok: true, what: `the mirror holds terraform-provider-hikube ${release.version} for ${platform} (${archive.h1})` }
          : { ok: false, what: `the mirror's ${path.basename(packed)} is another build than this release (${zh}, expected ${archive.zh}): a stale mirror`, fix: install },
      );
    } else if (fs.existsSync(unpacked)) {
      const h1 = directoryHash(unpacked);
      findings.push(
        h1 === archive.h1
          ? { ok: true, what: `the mirror holds terraform-provider-hikube ${release.version} for ${platform}, unpacked (${archive.h1})` }
          : { ok: false, what: `the mirror's ${release.version}/${platform} folder is another build than this release (${h1}, expected ${archive.h1}): a stale mirror`, fix: install },
      );
    } else {
      findings.push({ ok: false, what: `the mirror ${mirrorDir} has no terraform-provider-hikube ${release.version} for ${platform}`, fix: install });
    }
  }

  // 3. A committed lock file must name this version and one of its hashes.
  const lockFile = path.join(options.workdir, '.terraform.lock.hcl');
  const locked = fs.existsSync(lockFile) ? lockedProvider(lockFile) : undefined;
  if (locked && locked.version !== release.version) {
    findings.push({
      ok: false,
      what: `${lockFile} selects hikube/hikube ${locked.version}, but the installed provider release is ${release.version}`,
      fix: `install the matching release (npm install @hikube/cli@${locked.version} @hikube/provider@${locked.version}, then ${install}), or move the lock to ${release.version} with terraform init -upgrade and commit it`,
    });
  } else if (locked && archive && !locked.hashes.includes(archive.h1)) {
    findings.push({
      ok: false,
      what: `${lockFile} records hashes for hikube/hikube ${locked.version} that do not include this release's ${archive.h1} (the lock was made with another build)`,
      fix: 'install the provider from the published @hikube/provider package, not a local build, or record this build with terraform init -upgrade and commit the lock file',
    });
  } else if (locked) {
    findings.push({ ok: true, what: `${lockFile} selects hikube/hikube ${locked.version} with this release's hash` });
  }

  // 4. The launcher runs the provider with Node.js.
  const node = options.env[NODE_ENV_VAR] || 'node';
  const probe = spawnSync(node, ['-p', 'process.versions.node'], { env: options.env, encoding: 'utf8' });
  const major = Number(String(probe.stdout ?? '').split('.')[0]);
  if (probe.error || probe.status !== 0) {
    findings.push({
      ok: false,
      what: `the provider runs on Node.js, and '${node}' cannot be started (${probe.error?.message ?? `exit ${probe.status}`})`,
      fix: `install Node.js ${MIN_NODE_MAJOR} or later, or set ${NODE_ENV_VAR} to its path`,
    });
  } else if (!(major >= MIN_NODE_MAJOR)) {
    findings.push({
      ok: false,
      what: `the provider needs Node.js ${MIN_NODE_MAJOR} or later, and '${node}' is ${probe.stdout.trim()}`,
      fix: `install Node.js ${MIN_NODE_MAJOR} or later, or set ${NODE_ENV_VAR} to its path`,
    });
  } else {
    findings.push({ ok: true, what: `the launcher runs the provider with ${node} ${probe.stdout.trim()}` });
  }
  return findings;
}

export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => (f.ok ? `ok       ${f.what}` : `problem  ${f.what}\n         fix: ${f.fix}`)).join('\n');
}
