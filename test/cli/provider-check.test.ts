/**
 * `hikube provider check` in the two bad installs the user-path tests do not walk: a
 * TF_CLI_CONFIG_FILE naming a missing file, and a release without an archive for this platform.
 * Each finding says what is wrong and how to fix it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkProviderSetup } from '../../cli/provider-check';
import { terraformPlatform } from '../../cli/platform';
import { RELEASE_INDEX, ReleaseIndex } from '../../provider/packaging/layout';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hikube-provider-check-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A release index with archives for the given platforms only. */
function release(platforms: string[]): string {
  const releaseDir = path.join(dir, 'release');
  fs.mkdirSync(releaseDir);
  const index: ReleaseIndex = {
    version: '0.1.0',
    protocols: ['6.0'],
    archives: Object.fromEntries(platforms.map((p) => [p, { file: `terraform-provider-hikube_0.1.0_${p}.zip`, zh: 'zh:00', h1: 'h1:00' }])),
  };
  fs.writeFileSync(path.join(releaseDir, RELEASE_INDEX), JSON.stringify(index));
  return releaseDir;
}

test('TF_CLI_CONFIG_FILE naming a missing file: said, with the install and export to run', () => {
  const missing = path.join(dir, 'nowhere.rc');
  const findings = checkProviderSetup({ dir: path.join(dir, 'tf'), workdir: dir, env: { TF_CLI_CONFIG_FILE: missing }, releaseDir: release([terraformPlatform()]) });
  expect(findings[0]).toEqual({
    ok: false,
    what: `TF_CLI_CONFIG_FILE points at ${missing}, which does not exist`,
    fix: `hikube provider install --dir ${path.join(dir, 'tf')}, then export TF_CLI_CONFIG_FILE=${path.join(dir, 'tf', 'terraform.rc')}`,
  });
});

test('a release with no archive for this platform: said, naming the platforms it has', () => {
  const other = terraformPlatform() === 'darwin_arm64' ? 'linux_amd64' : 'darwin_arm64';
  const findings = checkProviderSetup({ dir: path.join(dir, 'tf'), workdir: dir, env: {}, releaseDir: release([other]) });
  expect(findings).toContainEqual({ ok: false, what: `this release (0.1.0) has no archive for ${terraformPlatform()}`, fix: `use one of: ${other}` });
});
