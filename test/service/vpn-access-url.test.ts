/**
 * A VPN user's access URL (SIP002 `ss://`, holding the password): in the create's answer and a
 * rotation's alone, with the password it holds; naming the VPN's `host`, else its first public
 * address, and Outline's port (the VPN's `port`); null for an internal VPN without a host; never
 * in a GET, a list or the audit log.
 */
import { HikubeClient } from '../../client';
import { startTestService, TestService, waitFor } from './helpers';

interface Vpn {
  id: string;
  status: string;
  externalIps: string[];
  port: number | null;
}
interface VpnUser {
  id: string;
  status: string;
  password: string | null;
  accessUrl: string | null;
}

const VPNS = '/v1/vpns';
const USERS = '/v1/vpn-users';
let t: TestService;
let api: HikubeClient;
let tenantId: string;

async function readyVpn(body: Record<string, unknown>): Promise<Vpn> {
  const made = await api.createResource<Vpn>(VPNS, { tenantId, ...body });
  const vpn = await waitFor<Vpn>(api, VPNS, made.id, ['ready']);
  if (vpn === 'gone') throw new Error('the VPN is gone');
  return vpn;
}

/** The URL's parts; the user info decoded (base64url of `cipher:password`). */
function parts(accessUrl: string | null): { userinfo: string; host: string; port: string; path: string; query: string; tag: string } {
  const url = new URL(String(accessUrl));
  expect(url.protocol).toBe('ss:');
  expect(url.username).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, unpadded
  return { userinfo: Buffer.from(url.username, 'base64url').toString(), host: url.hostname, port: url.port, path: url.pathname, query: url.search, tag: decodeURIComponent(url.hash.slice(1)) };
}

beforeAll(async () => {
  t = await startTestService({ organisation: 'acme' });
  api = t.client;
  tenantId = (await api.createTenant({ name: 'office' })).id;
}, 60_000);
afterAll(() => t?.stop());

test("without a host, the URL names the VPN's first public address and its port; only the create's and a rotation's answers show it", async () => {
  const vpn = await readyVpn({ name: 'main' });
  expect(vpn.port).toBe(40000);
  const user = await api.createResource<VpnUser>(USERS, { vpnId: vpn.id, name: 'alice' });
  expect(parts(user.accessUrl)).toEqual({ userinfo: `chacha20-ietf-poly1305:${user.password}`, host: vpn.externalIps[0], port: '40000', path: '/', query: '?outline=1', tag: 'main' });
  expect(await api.getResource<VpnUser>(USERS, user.id)).toMatchObject({ password: null, accessUrl: null });
  expect((await api.listResources<VpnUser>(USERS, { id: [user.id] })).items.map((u) => u.accessUrl)).toEqual([null]);
  await waitFor(api, USERS, user.id, ['ready']);

  const rotated = await api.rotateResource<VpnUser>(USERS, user.id);
  expect(rotated.password).not.toBe(user.password);
  expect(parts(rotated.accessUrl).userinfo).toBe(`chacha20-ietf-poly1305:${rotated.password}`);
  expect(await api.getResource<VpnUser>(USERS, user.id)).toMatchObject({ password: null, accessUrl: null });

  const log = JSON.stringify((await api.audit(tenantId, 500)).items);
  for (const url of [user.accessUrl, rotated.accessUrl]) expect(log).not.toContain(String(url).slice('ss://'.length, String(url).indexOf('@')));
  expect(log).toContain('"accessUrl":"(redacted)"');
});

test('with a host, the URL names it; an internal VPN without one has no URL, only the password', async () => {
  const named = await readyVpn({ name: 'named', host: 'vpn.example.com', external: false });
  const bob = await api.createResource<VpnUser>(USERS, { vpnId: named.id, name: 'bob' });
  expect(parts(bob.accessUrl)).toMatchObject({ host: 'vpn.example.com', port: '40000', tag: 'named' });
  const internal = await readyVpn({ name: 'internal', external: false });
  expect(internal.externalIps).toEqual([]);
  const carol = await api.createResource<VpnUser>(USERS, { vpnId: internal.id, name: 'carol' });
  expect(carol.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(carol.accessUrl).toBeNull();
});
