/**
 * The three ways Hikube is used, walked as users walk them, from the packed packages and in
 * folders outside this repository:
 *   (a) an app developer: a CDKTF app with its own cdktf, constructs 10.4.2 and cdktf-cli
 *       installs @hikube/constructs and @hikube/cli, then runs the real `cdktf synth`, `deploy`,
 *       `diff`, `output` and `destroy` against a real service (itself installed from its package);
 *   (b) a CI pipeline: plain HCL with a lock file made in one checkout, used by `terraform init
 *       -lockfile=readonly` in another checkout at another path, with the provider installed
 *       there by another install of the CLI, from a packed mirror, an unpacked one and a network
 *       mirror served over HTTPS;
 *   (c) the app's own jest tests, with cdktf's Testing matchers on our resources;
 *   (d) the app's Aspect sees our resources (one cdktf, the app's).
 * Plus the mistakes users make installing the provider, each explained.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { ServiceProcess, spawnService } from '../../cli/service-process';
import { generateCertificate } from '../../provider/plugin/certificate';
import { writeZip, readZip } from '../../provider/packaging/zip';
import { tempDir } from '../e2e/harness';
import { mustRun, npmProject, packAll, Packs, run, runAsync, tarball } from './packages';

jest.setTimeout(900_000);

const FIXTURE_APP = path.join(__dirname, 'fixture-app');
/** The version cdktf-cli 0.21 itself pins: the oldest constructs our peer range accepts. */
const APP_CONSTRUCTS = '10.4.2';

let work: string;
let packs: Packs;
let service: ServiceProcess;
let api: HikubeClient;
let appDir: string;
let releaseH1: string;

const hcl = (name: string) => `terraform {
  required_providers {
    hikube = { source = "hikube/hikube", version = "~> 0.1.0" }
  }
}

provider "hikube" {}

resource "hikube_tenant" "ci" {
  name        = "${name}"
  description = "Made by a CI pipeline"
}

resource "hikube_tenant" "child" {
  name      = "jobs"
  parent_id = hikube_tenant.ci.id
}

output "path" { value = hikube_tenant.child.path }
`;

function terraformEnv(cliConfigFile: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    TF_CLI_CONFIG_FILE: cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    HIKUBE_ENDPOINT: service.url,
    HIKUBE_TOKEN: service.token,
    ...extra,
  };
}

/** An install of the CLI (and the provider release it reads) in its own folder. */
function installCli(dir: string): string {
  npmProject(dir, { dependencies: { '@hikube/cli': tarball(packs.cli), '@hikube/provider': tarball(packs.provider) } });
  return path.join(dir, 'node_modules', '.bin', 'hikube');
}

beforeAll(async () => {
  work = tempDir('user-paths');
  packs = packAll(path.join(work, 'packs'));

  // The service as an operator installs it: its own package, its own bin.
  const serviceInstall = npmProject(path.join(work, 'service'), { dependencies: { '@hikube/service': tarball(packs.service) } });
  service = await spawnService({
    home: path.join(work, 'service-home'),
    entry: path.join(serviceInstall, 'node_modules', '.bin', 'hikube-service'),
    args: ['--sim-delays', '0'],
    env: { DATABASE_URL: '' },
  });
  api = new HikubeClient({ endpoint: service.url, token: service.token });

  // The app: its own package.json with its own cdktf, constructs and cdktf-cli.
  appDir = path.join(work, 'app');
  fs.mkdirSync(appDir, { recursive: true });
  for (const f of fs.readdirSync(FIXTURE_APP)) fs.copyFileSync(path.join(FIXTURE_APP, f), path.join(appDir, f));
  npmProject(appDir, {
    scripts: { build: 'tsc', test: 'jest' },
    dependencies: {
      '@hikube/constructs': tarball(packs.constructs),
      '@hikube/cli': tarball(packs.cli),
      '@hikube/provider': tarball(packs.provider),
      cdktf: '0.21.0',
      constructs: APP_CONSTRUCTS,
    },
    devDependencies: { 'cdktf-cli': '0.21.0', jest: '^29.7.0', typescript: '~5.9', '@types/node': '^20', '@types/jest': '^29' },
    jest: { testEnvironment: 'node', testMatch: ['**/*.test.js'] },
  });
  mustRun('npm', ['run', 'build'], appDir);
  releaseH1 = JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', '@hikube', 'provider', 'release', 'release.json'), 'utf8')).archives.linux_amd64.h1;
});

afterAll(async () => {
  api?.close();
  await service?.stop();
  // Three npm installs with the kubernetes bindings: about 700 MB per run. HIKUBE_KEEP_TEST_DIRS=1 keeps them to look at.
  if (work && !process.env.HIKUBE_KEEP_TEST_DIRS) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  test("the library carries no service dependencies and one cdktf: the app's", () => {
    const installed = (name: string) => fs.existsSync(path.join(appDir, 'node_modules', ...name.split('/')));
    for (const serviceOnly of ['express', 'pg', '@electric-sql/pglite']) expect(installed(serviceOnly)).toBe(false);
    const manifest = JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', '@hikube', 'constructs', 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['@cdktf/provider-helm', '@cdktf/provider-kubernetes', 'cdktf', 'constructs']);
    // Peer dependencies: no nested copy of cdktf or constructs under our package.
    expect(fs.existsSync(path.join(appDir, 'node_modules', '@hikube', 'constructs', 'node_modules'))).toBe(false);
    const constructsVersion = JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', 'constructs', 'package.json'), 'utf8')).version;
    expect(constructsVersion).toBe(APP_CONSTRUCTS);
  });
});

describe('(a) an app developer with cdktf-cli', () => {
  const cdktf = (...args: string[]) => run(path.join(appDir, 'node_modules', '.bin', 'cdktf'), args, appDir, terraformEnv(path.join(appDir, '.hikube', 'terraform', 'terraform.rc'), { CI: 'true' }));

  test('hikube provider install, from the packed CLI', () => {
    const out = mustRun(path.join(appDir, 'node_modules', '.bin', 'hikube'), ['provider', 'install', '--dir', '.hikube/terraform'], appDir);
    expect(out).toContain('installed terraform-provider-hikube 0.1.0 (linux_amd64)');
    expect(out).toContain(`export TF_CLI_CONFIG_FILE=${path.join(appDir, '.hikube', 'terraform', 'terraform.rc')}`);
  });

  test('cdktf synth writes a stack cdktf-cli accepts, with a version constraint and the Aspect applied', () => {
    const synth = cdktf('synth');
    expect(synth.out).toContain('Generated Terraform code for the stacks: app');
    expect(synth.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(appDir, 'cdktf.out', 'stacks', 'app', 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.required_providers.hikube).toEqual({ source: 'hikube/hikube', version: '~> 0.1.0' });
    const tenants = Object.values(json.resource.hikube_tenant) as { labels: Record<string, string> }[];
    expect(tenants.map((t) => t.labels.owner)).toEqual(['platform-team', 'platform-team']);
  });

  test('cdktf deploy creates the tenants through terraform, our provider and the service', async () => {
    const deploy = cdktf('deploy', '--auto-approve', '--skip-provider-lock');
    expect(deploy.out).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(deploy.code).toBe(0);
    const team = await api.getTenantByPath('acme/user-app');
    expect(team.labels).toEqual({ env: 'test', owner: 'platform-team' });
    expect((await api.getTenantByPath('acme/user-app/web')).namespace).toBe('tenant-acme-user-app-web');
  });

  test('cdktf diff then shows no changes', () => {
    const diff = cdktf('diff', '--skip-provider-lock');
    expect(diff.out).toContain('No changes.');
    expect(diff.code).toBe(0);
  });

  test('cdktf output prints the stack outputs', () => {
    const output = cdktf('output', '--skip-provider-lock', '--outputs-file', 'outputs.json');
    expect(output.code).toBe(0);
    expect(output.out).toContain('team-path = acme/user-app');
    const outputs = JSON.parse(fs.readFileSync(path.join(appDir, 'outputs.json'), 'utf8'));
    expect(outputs.app).toEqual({ 'team-path': 'acme/user-app', 'web-namespace': 'tenant-acme-user-app-web' });
  });

  test("(c) the app's jest tests use cdktf's Testing matchers on our resources, and (d) its Aspect sees them", () => {
    // toBeValidTerraform runs terraform init: it needs the app's CLI config, as any terraform run does.
    const tests = run('npm', ['test', '--', '--ci'], appDir, terraformEnv(path.join(appDir, '.hikube', 'terraform', 'terraform.rc')));
    expect(tests.out).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(tests.code).toBe(0);
  });

  test('cdktf destroy removes them', async () => {
    const destroy = cdktf('destroy', '--auto-approve', '--skip-provider-lock');
    expect(destroy.out).toContain('Destroy complete! Resources: 2 destroyed.');
    expect(destroy.code).toBe(0);
    await expect(api.getTenantByPath('acme/user-app')).rejects.toThrow(/404|not found/i);
  });
});

describe('(b) a CI pipeline with plain HCL and a committed lock file', () => {
  let lockFile: string;
  let hikubeB: string;

  test('checkout A: init records the release hash in the lock file', () => {
    const checkoutA = path.join(work, 'checkout-a');
    const infra = path.join(checkoutA, 'infra');
    fs.mkdirSync(infra, { recursive: true });
    fs.writeFileSync(path.join(infra, 'main.tf'), hcl('ci-pipeline'));
    const hikube = installCli(path.join(checkoutA, 'tools'));
    mustRun(hikube, ['provider', 'install', '--dir', path.join(checkoutA, '.hikube', 'terraform')], checkoutA);
    mustRun('terraform', ['init'], infra, terraformEnv(path.join(checkoutA, '.hikube', 'terraform', 'terraform.rc')));
    lockFile = fs.readFileSync(path.join(infra, '.terraform.lock.hcl'), 'utf8');
    expect(lockFile).toContain('provider "registry.terraform.io/hikube/hikube"');
    expect(lockFile).toContain(`"${releaseH1}"`);
  });

  test('checkout B, at another path with another install: init -lockfile=readonly, apply, a clean plan, destroy', () => {
    const checkoutB = path.join(work, 'elsewhere', 'deeper', 'checkout-b');
    const infra = path.join(checkoutB, 'infra');
    fs.mkdirSync(infra, { recursive: true });
    fs.writeFileSync(path.join(infra, 'main.tf'), hcl('ci-pipeline'));
    fs.writeFileSync(path.join(infra, '.terraform.lock.hcl'), lockFile); // as committed
    hikubeB = installCli(path.join(work, 'elsewhere', 'runner-tools'));
    mustRun(hikubeB, ['provider', 'install', '--dir', path.join(checkoutB, '.hikube', 'terraform')], checkoutB);
    const env = terraformEnv(path.join(checkoutB, '.hikube', 'terraform', 'terraform.rc'));
    mustRun('terraform', ['init', '-lockfile=readonly'], infra, env);
    expect(mustRun('terraform', ['apply', '-auto-approve'], infra, env)).toContain('Apply complete! Resources: 2 added');
    expect(run('terraform', ['plan', '-detailed-exitcode'], infra, env).code).toBe(0);
    expect(mustRun('terraform', ['destroy', '-auto-approve'], infra, env)).toContain('Destroy complete! Resources: 2 destroyed.');
    expect(fs.readFileSync(path.join(infra, '.terraform.lock.hcl'), 'utf8')).toBe(lockFile);
  });

  test('the same lock file accepts the unpacked mirror layout', () => {
    const dir = path.join(work, 'unpacked');
    const infra = path.join(dir, 'infra');
    fs.mkdirSync(infra, { recursive: true });
    fs.writeFileSync(path.join(infra, 'main.tf'), hcl('ci-unpacked'));
    fs.writeFileSync(path.join(infra, '.terraform.lock.hcl'), lockFile);
    mustRun(hikubeB, ['provider', 'install', '--layout', 'unpacked', '--dir', path.join(dir, 'tf')], dir);
    const env = terraformEnv(path.join(dir, 'tf', 'terraform.rc'));
    mustRun('terraform', ['init', '-lockfile=readonly'], infra, env);
    expect(mustRun('terraform', ['validate'], infra, env)).toContain('The configuration is valid.');
  });

  test('the same lock file accepts a network mirror served over HTTPS', async () => {
    const dir = path.join(work, 'network');
    const docroot = path.join(dir, 'mirror-root');
    fs.mkdirSync(dir, { recursive: true });
    mustRun(hikubeB, ['provider', 'mirror', '--dir', docroot], dir);
    const cert = generateCertificate(); // self-signed for DNS localhost; Terraform trusts it via SSL_CERT_FILE
    const certFile = path.join(dir, 'mirror-ca.pem');
    fs.writeFileSync(certFile, cert.cert);
    const requests: string[] = [];
    const server = https.createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
      requests.push(req.url ?? '');
      const file = path.join(docroot, decodeURIComponent((req.url ?? '/').split('?')[0]));
      if (!file.startsWith(docroot) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/zip' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const cliConfig = path.join(dir, 'terraform.rc');
      fs.writeFileSync(cliConfig, `provider_installation {\n  network_mirror {\n    url     = "https://localhost:${port}/"\n    include = ["registry.terraform.io/hikube/hikube"]\n  }\n}\n`);
      const infra = path.join(dir, 'infra');
      fs.mkdirSync(infra, { recursive: true });
      fs.writeFileSync(path.join(infra, 'main.tf'), hcl('ci-network'));
      fs.writeFileSync(path.join(infra, '.terraform.lock.hcl'), lockFile);
      const init = await runAsync('terraform', ['init', '-lockfile=readonly'], infra, terraformEnv(cliConfig, { SSL_CERT_FILE: certFile }));
      expect(init.out).toContain('Terraform has been successfully initialized!');
      expect(requests).toEqual(
        expect.arrayContaining([
          '/registry.terraform.io/hikube/hikube/index.json',
          '/registry.terraform.io/hikube/hikube/0.1.0.json',
          '/registry.terraform.io/hikube/hikube/terraform-provider-hikube_0.1.0_linux_amd64.zip',
        ]),
      );
    } finally {
      server.close();
    }
  });
});

describe('installing the provider wrongly gets an explanation', () => {
  let hikube: string;
  let dir: string;
  let lock: string;

  beforeAll(() => {
    hikube = path.join(work, 'elsewhere', 'runner-tools', 'node_modules', '.bin', 'hikube');
    dir = path.join(work, 'mistakes');
    fs.mkdirSync(path.join(dir, 'infra'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'infra', 'main.tf'), hcl('mistakes'));
    mustRun(hikube, ['provider', 'install', '--dir', path.join(dir, 'tf')], dir);
    mustRun('terraform', ['init'], path.join(dir, 'infra'), terraformEnv(path.join(dir, 'tf', 'terraform.rc')));
    lock = fs.readFileSync(path.join(dir, 'infra', '.terraform.lock.hcl'), 'utf8');
  });

  const check = (env: NodeJS.ProcessEnv) => run(hikube, ['provider', 'check', '--dir', path.join(dir, 'tf'), '--workdir', path.join(dir, 'infra')], dir, env);

  test('a correct setup checks out', () => {
    const ok = check({ TF_CLI_CONFIG_FILE: path.join(dir, 'tf', 'terraform.rc') });
    expect(ok.out).not.toContain('problem');
    expect(ok.code).toBe(0);
  });

  test('no TF_CLI_CONFIG_FILE: says Terraform will ask the public registry, and what to export', () => {
    const r = check({ TF_CLI_CONFIG_FILE: '' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('TF_CLI_CONFIG_FILE is not set, so Terraform looks for hikube/hikube in the public registry');
    expect(r.out).toContain(`fix: export TF_CLI_CONFIG_FILE=${path.join(dir, 'tf', 'terraform.rc')}`);
  });

  test("no Node.js on PATH: terraform shows the launcher's message", () => {
    const bin = path.join(dir, 'bin-without-node');
    fs.mkdirSync(bin, { recursive: true });
    const terraformPath = mustRun('sh', ['-c', 'command -v terraform'], dir).trim();
    fs.symlinkSync(terraformPath, path.join(bin, 'terraform'));
    const plan = run(path.join(bin, 'terraform'), ['plan', '-no-color'], path.join(dir, 'infra'), { ...terraformEnv(path.join(dir, 'tf', 'terraform.rc')), PATH: bin });
    expect(plan.code).not.toBe(0);
    const message = plan.out.replace(/\s*│\s*/g, ' ').replace(/\s+/g, ' ');
    expect(message).toContain("terraform-provider-hikube needs Node.js 20 or later, and 'node' is not on PATH");
    expect(message).toContain('set HIKUBE_PROVIDER_NODE to the node binary');
  });

  test('an old Node.js (named by HIKUBE_PROVIDER_NODE): terraform shows which version and what to do', () => {
    // No Node 18 here: a wrapper makes the real node report 18.19.0, which is all the check reads.
    const preload = path.join(dir, 'pretend-node-18.js');
    fs.writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '18.19.0' });\nObject.defineProperty(process, 'version', { value: 'v18.19.0' });\n");
    const oldNode = path.join(dir, 'node18');
    fs.writeFileSync(oldNode, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} -r ${JSON.stringify(preload)} "$@"\n`, { mode: 0o755 });
    const plan = run('terraform', ['plan', '-no-color'], path.join(dir, 'infra'), { ...terraformEnv(path.join(dir, 'tf', 'terraform.rc')), HIKUBE_PROVIDER_NODE: oldNode });
    expect(plan.code).not.toBe(0);
    const message = plan.out.replace(/\s*│\s*/g, ' ').replace(/\s+/g, ' ');
    expect(message).toContain('terraform-provider-hikube needs Node.js 20 or later');
    expect(message).toContain('is v18.19.0');
  });

  test('a lock file from another version: check names both versions and the fix', () => {
    fs.writeFileSync(path.join(dir, 'infra', '.terraform.lock.hcl'), lock.replace('version     = "0.1.0"', 'version     = "0.0.9"'));
    try {
      const init = run('terraform', ['init', '-lockfile=readonly'], path.join(dir, 'infra'), terraformEnv(path.join(dir, 'tf', 'terraform.rc')));
      expect(init.code).not.toBe(0);
      const r = check({ TF_CLI_CONFIG_FILE: path.join(dir, 'tf', 'terraform.rc') });
      expect(r.code).toBe(1);
      expect(r.out).toContain('selects hikube/hikube 0.0.9, but the installed provider release is 0.1.0');
      expect(r.out).toContain('npm install @hikube/cli@0.0.9 @hikube/provider@0.0.9');
    } finally {
      fs.writeFileSync(path.join(dir, 'infra', '.terraform.lock.hcl'), lock);
    }
  });

  test('a stale mirror (another build of the same version): terraform refuses it, check says why', () => {
    const archive = path.join(dir, 'tf', 'mirror', 'registry.terraform.io', 'hikube', 'hikube', 'terraform-provider-hikube_0.1.0_linux_amd64.zip');
    const other = readZip(fs.readFileSync(archive)).map((e) => (e.name.endsWith('.js') ? { ...e, data: Buffer.concat([e.data, Buffer.from('\n// another build\n')]) } : e));
    fs.writeFileSync(archive, writeZip(other));
    const fresh = path.join(dir, 'fresh-clone');
    fs.mkdirSync(fresh, { recursive: true });
    fs.writeFileSync(path.join(fresh, 'main.tf'), hcl('mistakes'));
    fs.writeFileSync(path.join(fresh, '.terraform.lock.hcl'), lock);
    const init = run('terraform', ['init', '-lockfile=readonly'], fresh, terraformEnv(path.join(dir, 'tf', 'terraform.rc')));
    expect(init.code).not.toBe(0);
    expect(init.out).toMatch(/checksums/);
    const r = run(hikube, ['provider', 'check', '--dir', path.join(dir, 'tf'), '--workdir', fresh], dir, { TF_CLI_CONFIG_FILE: path.join(dir, 'tf', 'terraform.rc') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('is another build than this release');
    expect(r.out).toContain(`fix: hikube provider install --dir ${path.join(dir, 'tf')}`);
  });
});
