/**
 * The provider release is reproducible: the same sources give the same archive bytes and the
 * same `h1:`/`zh:` hashes whatever the checkout's path, which is what lets a lock file
 * committed on one machine pass `terraform init` on another. The archive format itself is
 * checked against Terraform in test/user-paths.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../../cli/paths';
import { contentHash, directoryHash, zipHash } from '../../provider/packaging/hashes';
import { LAUNCHER } from '../../provider/packaging/launcher';
import { archiveName, BUNDLE_FILE, executableName, PLATFORMS } from '../../provider/packaging/layout';
import { crc32, readZip, writeZip } from '../../provider/packaging/zip';
import { buildProviderRelease, stopBundler } from '../../scripts/build-release';

afterAll(() => stopBundler());

jest.setTimeout(120_000);

const ROOT = packageRoot();
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `hikube-release-${name}-`));

describe('provider release', () => {
  test('two checkouts at different paths build byte-identical archives', async () => {
    // A second checkout of the sources the bundle reads, somewhere else entirely.
    const other = path.join(tmp('checkout'), 'some', 'other', 'place');
    fs.mkdirSync(other, { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(other, 'tsconfig.json'));
    for (const dir of ['provider', 'model', 'client']) {
      fs.cpSync(path.join(ROOT, dir), path.join(other, dir), { recursive: true, filter: (src) => !/[\\/](release|lib|node_modules)$/.test(src) });
    }
    const [here, there] = await Promise.all([buildProviderRelease(tmp('a')), buildProviderRelease(tmp('b'), other)]);
    expect(there).toEqual(here);
    expect(Object.keys(here.archives)).toEqual([...PLATFORMS]);
    // Every platform gets the same files (JavaScript and a POSIX launcher), so one h1 fits all.
    expect(new Set(Object.values(here.archives).map((a) => a.h1)).size).toBe(1);
  });

  test('the archive holds the launcher (executable) and the bundle, and nothing with a path of this machine', async () => {
    const out = tmp('files');
    const release = await buildProviderRelease(out);
    const zip = fs.readFileSync(path.join(out, archiveName('linux_amd64')));
    expect(zipHash(zip)).toBe(release.archives.linux_amd64.zh);
    const entries = readZip(zip);
    expect(entries.map((e) => [e.name, e.mode])).toEqual([
      [BUNDLE_FILE, 0o644],
      [executableName(), 0o755],
    ]);
    const bundle = entries.find((e) => e.name === BUNDLE_FILE)!.data.toString('utf8');
    expect(bundle).not.toContain(ROOT);
    expect(bundle).not.toContain(os.homedir());
    expect(bundle).not.toMatch(/require\("(?!node:|[a-z_0-9]+"\))[^"]*"\)/); // only Node's own modules: no node_modules look-ups
    expect(entries.find((e) => e.name === executableName())!.data.toString()).toBe(LAUNCHER);
    expect(LAUNCHER).not.toContain(ROOT);
    expect(fs.readFileSync(path.join(out, 'terraform-provider-hikube_0.1.0_SHA256SUMS'), 'utf8')).toContain(`${release.archives.linux_amd64.zh.slice(3)}  ${archiveName('linux_amd64')}\n`);
  });
});

describe('zip and hashes', () => {
  test('crc32 of a known string', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
  });

  test('readZip reads back what writeZip wrote, in name order, with modes', () => {
    const zip = writeZip([
      { name: 'b.txt', data: Buffer.from('bee'), mode: 0o644 },
      { name: 'a', data: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
    ]);
    expect(readZip(zip).map((e) => [e.name, e.data.toString(), e.mode])).toEqual([
      ['a', '#!/bin/sh\n', 0o755],
      ['b.txt', 'bee', 0o644],
    ]);
  });

  test('h1 of files equals h1 of the same files unpacked in a directory', () => {
    const dir = tmp('h1');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'x'), 'one');
    fs.writeFileSync(path.join(dir, 'sub', 'y'), 'two');
    const h1 = contentHash(
      new Map([
        ['x', Buffer.from('one')],
        ['sub/y', Buffer.from('two')],
      ]),
    );
    expect(directoryHash(dir)).toBe(h1);
    expect(h1).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
  });
});
