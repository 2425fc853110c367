import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { LoadBalancerMode, Tenant } from '../../constructs/index';
import { onlyBlock, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

describe('LoadBalancer', () => {
  test('default: tenant.addLoadBalancer() names it from its id and leaves the rest to the model defaults', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    const lb = tenant.addLoadBalancer('Web');

    // THEN
    expect(lb.node.scope).toBe(tenant);
    expect(onlyBlock(stack, 'hikube_load_balancer')).toEqual({ tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`, name: 'web' });
  });

  test('can configure replicas, external, mode, ports and the allow-list; addTarget() lists the VMs private addresses in order', () => {
    const { stack, tenant } = stackWithTenant();
    const lb = tenant.addLoadBalancer('Web', { replicas: 3, external: true, mode: LoadBalancerMode.TCP_WITH_PROXY, targetPorts: { http: 8080 }, allowedCidrs: ['198.51.100.0/24'] });
    const [a, b] = ['WebA', 'WebB'].map((id) => tenant.addVm(id, { instanceType: 'u1.small' }));
    lb.addTarget(b);
    lb.addTarget(a);
    expect(onlyBlock(stack, 'hikube_load_balancer')).toMatchObject({
      replicas: 3,
      external: true,
      mode: 'tcp-with-proxy',
      target_ports: { http: 8080, https: 443 },
      allowed_cidrs: ['198.51.100.0/24'],
      endpoints: [`\${hikube_virtual_machine.${b.resource.friendlyUniqueId}.private_ip}`, `\${hikube_virtual_machine.${a.resource.friendlyUniqueId}.private_ip}`],
    });
  });

  test('fails if a target is a VM of another tenant, or added twice', () => {
    const { stack, tenant } = stackWithTenant();
    const lb = tenant.addLoadBalancer('Web');
    const elsewhere = new Tenant(stack, 'Staging').addVm('Web', { instanceType: 'u1.small' });
    expect(validationError(() => lb.addTarget(elsewhere)).message).toMatch(/target outside the tenant/);
    const own = tenant.addVm('WebVm', { instanceType: 'u1.small' });
    lb.addTarget(own);
    expect(validationError(() => lb.addTarget(own)).message).toMatch(/duplicate target/);
  });

  test.each([
    ['replicas out of range', { replicas: 9 }, /invalid replicas/],
    ['an allow-list entry with host bits', { allowedCidrs: ['198.51.100.7/24'] }, /invalid allowedCidrs\[0\]: has host bits set: its network is 198\.51\.100\.0\/24/],
    ['an allow-list entry that is no CIDR', { allowedCidrs: ['everyone'] }, /invalid allowedCidrs/],
  ])('fails if %s', (_what, options, message) => {
    const { tenant } = stackWithTenant();
    expect(validationError(() => tenant.addLoadBalancer('Web', options)).message).toMatch(message);
  });
});
