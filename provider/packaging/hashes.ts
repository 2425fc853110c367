/**
 * The two package hashes Terraform writes to `.terraform.lock.hcl`:
 * - `zh:` the SHA-256 of the archive file, hex (what SHA256SUMS lists);
 * - `h1:` a hash of the package's contents, independent of the archive: for every file,
 *   sorted by name, a line `<sha256 hex>  <name>\n`; then base64 of the SHA-256 of those lines
 *   (Go's dirhash.Hash1, which Terraform uses for both archives and unpacked directories).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

export function zipHash(archive: Buffer): string {
  return `zh:${sha256(archive).toString('hex')}`;
}

/** `h1:` of files given as name -> content (names use `/`). */
export function contentHash(files: ReadonlyMap<string, Buffer>): string {
  const names = [...files.keys()].sort();
  const summary = names.map((name) => `${sha256(files.get(name)!).toString('hex')}  ${name}\n`).join('');
  return `h1:${sha256(summary).toString('base64')}`;
}

/** `h1:` of an unpacked package directory (what Terraform checks against the lock file). */
export function directoryHash(dir: string): string {
  const files = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else files.set(name, fs.readFileSync(path.join(dir, name)));
    }
  };
  walk('');
  return contentHash(files);
}
