/**
 * Installs our provider where Terraform finds it offline, from the release archives that the
 * @hikube/provider package ships (the same bytes on every machine, so lock files travel):
 * - a filesystem mirror, packed (the zip, as a registry serves it) or unpacked (for
 *   `dev_overrides`), plus a CLI config that uses it for hikube/hikube only;
 * - or a network mirror tree (static files) to serve over HTTPS for CI runners.
 * Nothing in ~/.terraformrc is touched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { archiveName, executableName, networkMirrorIndex, networkMirrorVersion, PROVIDER_SOURCE, RELEASE_INDEX, ReleaseIndex } from '../provider/packaging/layout';
import { readZip } from '../provider/packaging/zip';
import { terraformPlatform } from './platform';

export { PROVIDER_SOURCE };

export type MirrorLayout = 'packed' | 'unpacked';

export interface InstalledProvider {
  /** The filesystem mirror's root. */
  readonly mirrorDir: string;
  /** What was installed: the archive (packed) or the executable (unpacked). */
  readonly installed: string;
  /** The unpacked package directory (the executable's folder), for `dev_overrides`; unpacked layout only. */
  readonly packageDir?: string;
  /** A Terraform CLI config (for TF_CLI_CONFIG_FILE) that installs hikube/hikube from the mirror. */
  readonly cliConfigFile: string;
  readonly version: string;
  readonly platform: string;
  /** The hashes Terraform will record in .terraform.lock.hcl. */
  readonly hashes: { readonly h1: string; readonly zh: string };
}

export interface InstallOptions {
  /** @default 'packed' */
  readonly layout?: MirrorLayout;
  /** @default this machine's platform */
  readonly platform?: string;
  /** Where the release lives. @default the installed @hikube/provider package's release/ */
  readonly releaseDir?: string;
}

/** The release folder of the @hikube/provider package (built by `npm run build` in this repository). */
export function releaseDir(): string {
  let pkg: string;
  try {
    pkg = path.dirname(require.resolve('@hikube/provider/package.json'));
  } catch {
    throw new Error('the @hikube/provider package is not installed next to the CLI: npm install @hikube/provider');
  }
  return path.join(pkg, 'release');
}

export function readRelease(dir: string = releaseDir()): ReleaseIndex {
  const file = path.join(dir, RELEASE_INDEX);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: the provider release is not built (in the Hikube repository: npm run build)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReleaseIndex;
}

function archiveFor(release: ReleaseIndex, platform: string) {
  const archive = release.archives[platform];
  if (!archive) {
    throw new Error(`terraform-provider-hikube ${release.version} has no archive for ${platform} (available: ${Object.keys(release.archives).join(', ')})`);
  }
  return archive;
}

/**
 * Writes the provider and a CLI config under `dir` (created if needed). Idempotent, and it
 * removes the other layout of the same version, so a mirror never offers two different builds.
 */
export function installProvider(dir: string, options: InstallOptions = {}): InstalledProvider {
  const root = path.resolve(dir);
  const source = options.releaseDir ?? releaseDir();
  const release = readRelease(source);
  const platform = options.platform ?? terraformPlatform();
  const archive = archiveFor(release, platform);
  const zip = fs.readFileSync(path.join(source, archive.file));

  const mirrorDir = path.join(root, 'mirror');
  const providerDir = path.join(mirrorDir, PROVIDER_SOURCE);
  const packed = path.join(providerDir, archiveName(platform, release.version));
  const packageDir = path.join(providerDir, release.version, platform);
  fs.mkdirSync(providerDir, { recursive: true });
  let installed: string;
  if ((options.layout ?? 'packed') === 'packed') {
    fs.rmSync(packageDir, { recursive: true, force: true });
    writeIfChanged(packed, zip, 0o644);
    installed = packed;
  } else {
    fs.rmSync(packed, { force: true });
    fs.rmSync(packageDir, { recursive: true, force: true });
    fs.mkdirSync(packageDir, { recursive: true });
    for (const entry of readZip(zip)) writeIfChanged(path.join(packageDir, entry.name), entry.data, entry.mode);
    installed = path.join(packageDir, executableName(release.version));
  }

  const cliConfigFile = path.join(root, 'terraform.rc');
  writeIfChanged(cliConfigFile, Buffer.from(mirrorCliConfig(mirrorDir)), 0o644);
  return {
    mirrorDir,
    installed,
    packageDir: options.layout === 'unpacked' ? packageDir : undefined,
    cliConfigFile,
    version: release.version,
    platform,
    hashes: { h1: archive.h1, zh: archive.zh },
  };
}

/** A CLI config that installs hikube/hikube from `mirrorDir` and everything else as usual. */
export function mirrorCliConfig(mirrorDir: string): string {
  return [
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
}

/**
 * Writes a network mirror (Terraform's provider network mirror protocol) under `dir`: static
 * files to serve over HTTPS, e.g. `https://mirror.example.com/providers/` with
 * `network_mirror { url = "https://mirror.example.com/providers/" }` in the CLI config.
 */
export function writeNetworkMirror(dir: string, source: string = releaseDir()): { root: string; files: string[] } {
  const release = readRelease(source);
  const providerDir = path.join(path.resolve(dir), PROVIDER_SOURCE);
  fs.mkdirSync(providerDir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, data: Buffer | string) => {
    writeIfChanged(path.join(providerDir, name), Buffer.from(data), 0o644);
    files.push(path.join(PROVIDER_SOURCE, name));
  };
  // Keep versions mirrored earlier: the index lists every version present.
  const versions = new Set([release.version]);
  for (const f of fs.readdirSync(providerDir)) if (/^\d+\.\d+\.\d+.*\.json$/.test(f)) versions.add(f.slice(0, -5));
  write('index.json', JSON.stringify(networkMirrorIndex([...versions].sort()), null, 2) + '\n');
  write(`${release.version}.json`, JSON.stringify(networkMirrorVersion(release), null, 2) + '\n');
  for (const archive of Object.values(release.archives)) write(archive.file, fs.readFileSync(path.join(source, archive.file)));
  return { root: path.resolve(dir), files };
}

/** Keeps the file (and its mtime) unchanged when the content is the same. */
function writeIfChanged(file: string, content: Buffer, mode: number): void {
  if (!(fs.existsSync(file) && fs.readFileSync(file).equals(content))) fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
}
