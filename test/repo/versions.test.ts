/** One version for everything released together: the packages, the provider, and the bindings' constraint. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../cli/paths';
import { VERSION } from '../../provider/version';
import { PROVIDER_VERSION_CONSTRAINT } from '../../scripts/gen-bindings';

const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(packageRoot(), dir, 'package.json'), 'utf8'));

test.each(['constructs', 'provider', 'service', 'cli'])('%s/package.json has the provider version', (dir) => {
  expect(manifest(dir).version).toBe(VERSION);
});

test('the CLI installs the provider release of its own version', () => {
  expect(manifest('cli').dependencies['@hikube/provider']).toBe(VERSION);
});

test('the bindings ask Terraform for this version line', () => {
  expect(PROVIDER_VERSION_CONSTRAINT).toBe(`~> ${VERSION.split('.').slice(0, 2).join('.')}.0`);
  expect(fs.readFileSync(path.join(packageRoot(), 'constructs', 'generated', 'provider.ts'), 'utf8')).toContain(`providerVersionConstraint: '${PROVIDER_VERSION_CONSTRAINT}'`);
});
