/**
 * TCP load balancers through the real terraform, provider and service: one in front of two VMs
 * (their private addresses as endpoints), its cost in the plan, a second plan empty; mode and
 * targets changed in place; a public target refused at validate, an address outside the tenant
 * refused at plan; `external` refused by a policy forbidding external IPs; import by path; destroy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRICES } from '../../model/pricing';
import { e2eSuite, PROVIDER_BLOCK } from './harness';

jest.setTimeout(240_000);

const config = (lb: string, tenant = '') => `${PROVIDER_BLOCK}
resource "hikube_tenant" "shop" {
  name = "shop"
${tenant}
}

resource "hikube_virtual_machine" "web" {
  count         = 2
  tenant_id     = hikube_tenant.shop.id
  name          = "web-\${count.index}"
  instance_type = "u1.small"
}

resource "hikube_load_balancer" "web" {
  tenant_id = hikube_tenant.shop.id
  name      = "web"
${lb}
}
`;
const TARGETS = '  endpoints = hikube_virtual_machine.web[*].private_ip';

describe('hikube_load_balancer', () => {
  const suite = e2eSuite('e2e-lb', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/\s+/g, ' ');
  const attrsOf = (type: string) =>
    (JSON.parse(fs.readFileSync(path.join(suite.ws.dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] }).resources.find(
      (r) => r.type === type,
    )!.instances;

  beforeAll(async () => {
    suite.ws.write(config(TARGETS));
    await suite.ws.ok('init', '-no-color');
  });

  test('in front of two VMs: their private addresses as endpoints, the defaults and the cost in the plan; the next plan is empty', async () => {
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain(`+ monthly_cost_estimate = ${2 * PRICES.loadBalancerReplica}`);
    expect(plain(plan.stdout)).toContain('+ mode = "tcp"');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const [lb] = attrsOf('hikube_load_balancer');
    const vms = attrsOf('hikube_virtual_machine').map((i) => i.attributes.private_ip);
    expect(lb.attributes).toMatchObject({ replicas: 2, external: false, mode: 'tcp', target_ports: { http: 80, https: 443 }, endpoints: vms, external_ip: null, status: 'ready' });
    expect(lb.attributes.host).toMatch(/^haproxy-web\.tenant-acme-shop\.svc$/);
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('mode, ports, allow-list and targets change in place', async () => {
    suite.ws.write(
      config(`  endpoints = [hikube_virtual_machine.web[0].private_ip]\n  mode = "tcp-with-proxy"\n  target_ports = { http = 8080, https = 8443 }\n  allowed_cidrs = ["198.51.100.0/24"]`),
    );
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain('0 to add, 1 to change, 0 to destroy');
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect(attrsOf('hikube_load_balancer')[0].attributes).toMatchObject({ mode: 'tcp-with-proxy', target_ports: { http: 8080, https: 8443 }, allowed_cidrs: ['198.51.100.0/24'] });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a public target fails validation; a private address outside the tenant fails the plan, on that endpoint', async () => {
    suite.ws.write(config('  endpoints = ["8.8.8.8"]'));
    let run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Target Outside The Tenant');
    expect(plain(run.stderr)).toContain('is a public address: a target must be inside the tenant, got "8.8.8.8"');
    suite.ws.write(config('  endpoints = ["192.168.99.7"]'));
    run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Invalid Network');
    expect(plain(run.stderr)).toMatch(
      /Is outside tenant acme\/shop: neither in its network \(10\.\d+\.\d+\.\d+\/\d+\), nor in a subnet of its VPCs, nor an address of one of its objects, got "192\.168\.99\.7"/,
    );
    expect(plain(run.stderr)).toContain('endpoints');
  });

  test('external is refused at plan where the policy forbids external IPs', async () => {
    const policy = '  security_policy = { external_ips_allowed = false }';
    suite.ws.write(config(TARGETS, policy));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    suite.ws.write(config(`${TARGETS}\n  external = true`, policy));
    const run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    expect(plain(run.stderr)).toContain('Security Policy Violation');
    expect(plain(run.stderr)).toContain('with hikube_load_balancer.web');
    expect(plain(run.stderr)).toContain('external');
    suite.ws.write(config(TARGETS));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
  });

  test('external: a public address and its price; import by path', async () => {
    suite.ws.write(config(`${TARGETS}\n  external = true`));
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plain(plan.stdout)).toContain(`~ monthly_cost_estimate = ${2 * PRICES.loadBalancerReplica} -> ${2 * PRICES.loadBalancerReplica + PRICES.externalIp.WholeIP}`);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const before = attrsOf('hikube_load_balancer')[0].attributes;
    expect(before.external_ip).toMatch(/^203\.0\.113\.\d+$/);
    await suite.ws.ok('state', 'rm', 'hikube_load_balancer.web');
    await suite.ws.ok('import', '-no-color', 'hikube_load_balancer.web', 'acme/shop/web');
    expect(attrsOf('hikube_load_balancer')[0].attributes).toMatchObject({ id: before.id, external_ip: before.external_ip, endpoints: before.endpoints });
    expect((await suite.ws.ok('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('destroy', async () => {
    suite.ws.write(PROVIDER_BLOCK);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources('/v1/load-balancers')).items).toEqual([]);
  });
});
