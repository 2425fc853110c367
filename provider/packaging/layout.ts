/**
 * How terraform-provider-hikube is laid out as a release, in Terraform's own conventions: the
 * archive and checksum names of a registry release, the filesystem mirror's packed and unpacked
 * layouts, and the network mirror's JSON. The release builder, `hikube provider install` and
 * the tests all derive their paths from here.
 */
import { VERSION } from '../version';

export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'hikube';
export const PROVIDER_TYPE = 'hikube';
/** The source address Terraform records in lock files: `registry.terraform.io/hikube/hikube`. */
export const PROVIDER_SOURCE = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;

/**
 * Platforms we publish archives for. The provider is JavaScript started by a POSIX shell
 * launcher, so every archive holds the same files; Windows would need a launcher of its own.
 */
export const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64', 'freebsd_amd64'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The bundled provider, next to the launcher in every archive. */
export const BUNDLE_FILE = 'hikube-provider.js';

/** The file Terraform executes: `terraform-provider-hikube_v0.1.0`. */
export function executableName(version: string = VERSION): string {
  return `terraform-provider-${PROVIDER_TYPE}_v${version}`;
}

/** `terraform-provider-hikube_0.1.0_linux_amd64.zip`, as a registry release names it. */
export function archiveName(platform: string, version: string = VERSION): string {
  return `terraform-provider-${PROVIDER_TYPE}_${version}_${platform}.zip`;
}

export function checksumsName(version: string = VERSION): string {
  return `terraform-provider-${PROVIDER_TYPE}_${version}_SHA256SUMS`;
}

/** The release's description of itself, read by `hikube provider install`. */
export const RELEASE_INDEX = 'release.json';

export interface ReleaseIndex {
  readonly version: string;
  readonly protocols: string[];
  /** Per platform: the archive, its SHA-256 (Terraform's `zh:`) and its content hash (`h1:`). */
  readonly archives: Record<string, { readonly file: string; readonly zh: string; readonly h1: string }>;
}

/** Terraform's network mirror protocol: `<host>/<namespace>/<type>/index.json`. */
export function networkMirrorIndex(versions: string[]): object {
  return { versions: Object.fromEntries(versions.map((v) => [v, {}])) };
}

/** `<host>/<namespace>/<type>/<version>.json`; archive URLs are relative to this file. */
export function networkMirrorVersion(release: ReleaseIndex): object {
  return {
    archives: Object.fromEntries(Object.entries(release.archives).map(([platform, a]) => [platform, { url: a.file, hashes: [a.h1] }])),
  };
}
