/**
 * VPNs and their users through the real terraform, provider and service: a VPN (external by
 * default: its addresses and port read back, its cost in the plan) with a user whose generated
 * password and the access URL holding it (SIP002, `ss://`) are in state (sensitive) and nowhere in
 * the service's tables, a second plan empty; rotation declared
 * by `rotation_triggers`; a VPN in a tenant whose policy forbids external IPs refused at plan;
 * import of the user by path; the VPN kept while it has users; destroy in order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { PRICES } from '../../model/pricing';
import { openPgliteStore } from '../../service/store/pglite';
import { spawnService } from '../../cli/service-process';
import { freePort } from '../support/free-port';
import { apiClient, PROVIDER_BLOCK, RunningService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const config = (user: string, tenant = '') => `${PROVIDER_BLOCK}
resource "hikube_tenant" "office" {
  name = "office"
${tenant}
}

resource "hikube_vpn" "main" {
  tenant_id = hikube_tenant.office.id
  name      = "main"
  host      = "vpn.example.com"
}

resource "hikube_vpn_user" "alice" {
  vpn_id = hikube_vpn.main.id
  name   = "alice"
${user}
}

output "alice_access_url" {
  value     = hikube_vpn_user.alice.access_url
  sensitive = true
}
`;

const PASSWORD = /^[A-Za-z0-9_-]{32}$/;

/** An access URL's parts (SIP002: the user info is the base64url of `cipher:password`). */
function accessUrlParts(text: string): { userinfo: string; host: string; port: string; query: string; tag: string } {
  const url = new URL(text);
  expect(url.protocol).toBe('ss:');
  return { userinfo: Buffer.from(url.username, 'base64url').toString(), host: url.hostname, port: url.port, query: url.search, tag: decodeURIComponent(url.hash.slice(1)) };
}

describe('hikube_vpn and hikube_vpn_user', () => {
  let service: RunningService;
  let ws: Workspace;
  let api: HikubeClient;
  let home: string;
  let port: number;
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const stateOf = (type: string) =>
    (
      JSON.parse(fs.readFileSync(path.join(ws.dir, 'terraform.tfstate'), 'utf8')) as {
        resources: { type: string; instances: { attributes: Record<string, unknown>; sensitive_attributes: unknown[] }[] }[];
      }
    ).resources.find((r) => r.type === type)!.instances[0];
  const start = async () => {
    // The same port across restarts: the workspace keeps its endpoint.
    service = await spawnService({ home, port, args: ['--sim-delays', '0'], env: { DATABASE_URL: '' } });
    api?.close();
    api = apiClient(service);
  };
  /** The service's tables as text (the service stops meanwhile). */
  const serviceTables = async (): Promise<string> => {
    await service.stop();
    const store = await openPgliteStore(service.dataDir);
    try {
      return (await store.query<{ text: string }>("SELECT (SELECT string_agg(r::text, E'\\n') FROM resources r) || (SELECT string_agg(a::text, E'\\n') FROM audit_log a) AS text")).rows[0].text;
    } finally {
      await store.close();
      await start();
    }
  };

  beforeAll(async () => {
    home = tempDir('e2e-vpn');
    port = await freePort();
    await start();
    ws = workspace(service, 'e2e-vpn');
    ws.write(config(''));
    await ws.ok('init', '-no-color');
  });

  afterAll(async () => {
    api?.close();
    await service?.stop();
  });

  afterEach(() => {
    expect(ws.logProblems()).toEqual([]);
  });

  let password: string;

  test('a VPN with a user: two public addresses, the cost in the plan, the password in state only; the next plan is empty', async () => {
    const plan = await ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain(`+ monthly_cost_estimate = ${2 * (PRICES.vpnReplica + PRICES.externalIp.WholeIP)}`);
    expect(plain(plan.stdout)).toContain('+ password = (sensitive value)');
    expect(plain(plan.stdout)).toContain('+ access_url = (sensitive value)');
    expect(plain(plan.stdout)).toContain('+ port = (known after apply)');
    await ws.ok('apply', '-auto-approve', '-no-color');
    const vpn = stateOf('hikube_vpn').attributes;
    expect(vpn).toMatchObject({ replicas: 2, external: true, host: 'vpn.example.com', port: 40000, status: 'ready' });
    expect(vpn.external_ips).toEqual([expect.stringMatching(/^203\.0\.113\.\d+$/), expect.stringMatching(/^203\.0\.113\.\d+$/)]);
    const user = stateOf('hikube_vpn_user');
    password = String(user.attributes.password);
    expect(password).toMatch(PASSWORD);
    expect(JSON.stringify(user.sensitive_attributes)).toContain('password');
    // The access URL Alice's client imports: the password, the VPN's host and port, the VPN's name; sensitive as the password.
    const url = String(user.attributes.access_url);
    expect(accessUrlParts(url)).toEqual({ userinfo: `chacha20-ietf-poly1305:${password}`, host: 'vpn.example.com', port: '40000', query: '?outline=1', tag: 'main' });
    expect(JSON.stringify(user.sensitive_attributes)).toContain('access_url');
    expect((await ws.ok('output', '-raw', 'alice_access_url')).stdout).toBe(url);
    const [listed] = (await api.listResources<{ password: string | null; accessUrl: string | null }>('/v1/vpn-users')).items;
    expect(listed).toMatchObject({ password: null, accessUrl: null });
    const tables = await serviceTables();
    expect(tables).not.toContain(password);
    expect(tables).not.toContain(url.slice('ss://'.length, url.indexOf('@')));
    expect((await ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('rotation_triggers gives a new password in place', async () => {
    ws.write(config('  rotation_triggers = { rotated = "2026-12" }'));
    const plan = await ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('0 to add, 1 to change, 0 to destroy');
    expect(plain(plan.stdout)).toContain('~ password = (sensitive value)');
    expect(plain(plan.stdout)).toContain('~ access_url = (sensitive value)');
    await ws.ok('apply', '-auto-approve', '-no-color');
    const now = String(stateOf('hikube_vpn_user').attributes.password);
    expect(now).toMatch(PASSWORD);
    expect(now).not.toBe(password);
    expect(accessUrlParts(String(stateOf('hikube_vpn_user').attributes.access_url)).userinfo).toBe(`chacha20-ietf-poly1305:${now}`);
    password = now;
    expect((await ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('the VPN stays while it has users (409 naming them); import the user by path: the password null', async () => {
    const [vpn] = (await api.listResources<{ id: string }>('/v1/vpns')).items;
    const refused = await api.deleteResource('/v1/vpns', vpn.id).then(
      () => undefined,
      (err: { status: number; problem: { detail: string } }) => err,
    );
    expect(refused?.status).toBe(409);
    expect(refused?.problem.detail).toContain('still has 1 VPN user: alice; delete it first');
    const id = stateOf('hikube_vpn_user').attributes.id;
    await ws.ok('state', 'rm', 'hikube_vpn_user.alice');
    await ws.ok('import', '-no-color', 'hikube_vpn_user.alice', 'acme/office/main/alice');
    expect(stateOf('hikube_vpn_user').attributes).toMatchObject({ id, password: null, access_url: null, name: 'alice' });
  });

  test('a VPN where the policy forbids external IPs fails the plan on external; internal only passes', async () => {
    const policy = '  security_policy = { external_ips_allowed = false }';
    // The policy first (a VPN made before it keeps its addresses: unchanged objects are not judged again).
    ws.write(`${config('  rotation_triggers = { rotated = "2026-12" }', policy)}
resource "hikube_vpn" "branch" {
  tenant_id = hikube_tenant.office.id
  name      = "branch"
  external  = false
}
`);
    await ws.ok('apply', '-auto-approve', '-no-color');
    ws.write(`${config('  rotation_triggers = { rotated = "2026-12" }', policy)}
resource "hikube_vpn" "branch" {
  tenant_id = hikube_tenant.office.id
  name      = "branch"
}
`);
    const run = await ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Security Policy Violation');
    expect(plain(run.stderr)).toContain('with hikube_vpn.branch');
    expect(plain(run.stderr)).toContain('external');
  });

  test('destroy: the user, then the VPNs', async () => {
    ws.write(PROVIDER_BLOCK);
    await ws.ok('apply', '-auto-approve', '-no-color');
    expect((await api.listResources('/v1/vpn-users')).items).toEqual([]);
    expect((await api.listResources('/v1/vpns')).items).toEqual([]);
  });
});
