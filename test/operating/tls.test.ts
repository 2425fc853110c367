import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConnectionError, HikubeClient } from '../../client';
import { compiled } from '../../cli/paths';
import { workspace } from '../e2e/harness';
import { startTestService, tempDir, TestService } from '../service/helpers';
import { waitUntil } from '../support/wait';
import { makeCa, makeServerCert, TlsMaterial } from './tls-material';

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [compiled('cli/main.js'), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('HTTPS', () => {
  let dir: string;
  let tls: TlsMaterial;
  let t: TestService;
  const clients: HikubeClient[] = [];
  const client = (ca?: string) => {
    const c = new HikubeClient({ endpoint: t.url, token: t.token, caCertificate: ca, retryUnavailableMs: 0 });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = tempDir();
    tls = makeServerCert(dir, makeCa(dir));
    t = await startTestService({ dir, tlsCert: tls.cert, tlsKey: tls.key });
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t?.stop();
  });

  test('serves HTTPS; a client trusting the CA gets through, one that does not is told what to set', async () => {
    expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await client(fs.readFileSync(tls.caCert, 'utf8')).listTenants()).items[0].path).toBe('acme');
    const refused = await client()
      .listTenants()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect((refused as Error).message).toMatch(/TLS certificate is not trusted.*ca_certificate, or HIKUBE_CA_CERT/);
  });

  test('the CLI trusts HIKUBE_CA_CERT (a file path or the PEM itself)', async () => {
    const args = ['tenants', 'list', '-o', 'json', '--endpoint', t.url, '--token', t.token];
    const byPath = await cli(args, { HIKUBE_CA_CERT: tls.caCert });
    expect(byPath.code).toBe(0);
    expect(JSON.parse(byPath.stdout).items[0].path).toBe('acme');
    expect((await cli(args, { HIKUBE_CA_CERT: fs.readFileSync(tls.caCert, 'utf8') })).code).toBe(0);
    const untrusted = await cli(args, { HIKUBE_CA_CERT: '' });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/not trusted/);
  });

  test('the provider trusts ca_certificate: terraform applies and destroys a tenant over HTTPS', async () => {
    const ws = workspace({ url: t.url, token: t.token }, 'tls');
    ws.write(`terraform {
  required_providers {
    hikube = { source = "hikube/hikube" }
  }
}
provider "hikube" {
  ca_certificate = file(${JSON.stringify(tls.caCert)})
}
resource "hikube_tenant" "secure" {
  name = "secure"
}
`);
    await ws.ok('init', '-input=false');
    await ws.ok('apply', '-auto-approve', '-input=false');
    expect((await client(fs.readFileSync(tls.caCert, 'utf8')).getTenantByPath('acme/secure')).name).toBe('secure');
    expect((await ws.ok('plan', '-input=false', '-detailed-exitcode')).code).toBe(0);
    ws.write(`terraform {
  required_providers {
    hikube = { source = "hikube/hikube" }
  }
}
provider "hikube" {}
resource "hikube_tenant" "secure" {
  name = "secure"
}
`);
    const noCa = await ws.tf('plan', '-input=false');
    expect(noCa.code).toBe(1);
    expect(noCa.stderr.replace(/\s+/g, ' ')).toMatch(/not trusted/);
    expect(ws.logProblems()).toEqual([]);
  });

  test('a renewed certificate is picked up without a restart', async () => {
    const renewedDir = path.join(dir, 'renewed');
    const next = makeServerCert(renewedDir, makeCa(renewedDir, 'ca2'));
    fs.copyFileSync(next.key, tls.key);
    fs.copyFileSync(next.cert, tls.cert);
    const nextCa = fs.readFileSync(next.caCert, 'utf8');
    const served = await waitUntil(
      'the renewed certificate to be served',
      () =>
        client(nextCa)
          .listTenants()
          .then(
            () => true,
            () => false,
          ),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(served).toBe(true);
    expect(
      await client(fs.readFileSync(tls.caCert, 'utf8'))
        .listTenants()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(ConnectionError);
  });
});

describe('plain HTTP off loopback', () => {
  test('is refused unless the operator says so; HTTPS on every interface is fine', async () => {
    await expect(startTestService({ host: '0.0.0.0' })).rejects.toThrow(/refusing to serve plain HTTP on 0\.0\.0\.0.*--tls-cert and --tls-key.*--allow-insecure-http/);
    const insecure = await startTestService({ host: '0.0.0.0', allowInsecureHttp: true });
    await insecure.stop();
    const dir = tempDir();
    const tls = makeServerCert(dir, makeCa(dir));
    const secure = await startTestService({ dir, host: '0.0.0.0', tlsCert: tls.cert, tlsKey: tls.key });
    expect(secure.url).toMatch(/^https:/);
    await secure.stop();
    await expect(startTestService({ tlsCert: tls.cert })).rejects.toThrow(/both a certificate and its key/);
  });
});
