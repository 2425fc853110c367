/**
 * Brand checks (`Tenant.isTenant()`, `SubTenant.isSubTenant()`, `Cluster.isCluster()`): what
 * network policies and the monitoring wiring use to tell a tenant from a cluster, and a sub-tenant
 * (whose parent they walk) from a top-level or imported one.
 */
import { Construct } from 'constructs';
import { Cluster, SubTenant, Tenant, TenantBase } from '../../constructs/index';
import { newStack } from './helpers';

const workers = { minReplicas: 1, maxReplicas: 3, instanceType: 'u1.large' };

describe('brand checks', () => {
  const stack = newStack();
  const top = new Tenant(stack, 'Acme');
  const sub = top.addSubTenant('Production');
  const imported = Tenant.fromTenantPath(stack, 'Shared', 'acme/shared');
  const cluster = sub.addCluster('Web', { nodeGroups: { workers } });
  const plain = new Construct(stack, 'Plain');

  test.each([
    ['a tenant', top, { tenant: true, subTenant: false, cluster: false }],
    ['a sub-tenant', sub, { tenant: true, subTenant: true, cluster: false }],
    ['an imported tenant', imported, { tenant: true, subTenant: false, cluster: false }],
    ['a cluster', cluster, { tenant: false, subTenant: false, cluster: true }],
    ['another construct', plain, { tenant: false, subTenant: false, cluster: false }],
    ['a look-alike with the same members', { ...top, node: top.node }, { tenant: false, subTenant: false, cluster: false }],
    ['undefined', undefined, { tenant: false, subTenant: false, cluster: false }],
    ['null', null, { tenant: false, subTenant: false, cluster: false }],
  ])('%s', (_what, x, expected) => {
    expect({ tenant: Tenant.isTenant(x), subTenant: SubTenant.isSubTenant(x), cluster: Cluster.isCluster(x) }).toEqual(expected);
  });

  test('every tenant class answers the same (the check is inherited from TenantBase)', () => {
    expect([TenantBase.isTenant(imported), SubTenant.isTenant(top), Tenant.isTenant(sub)]).toEqual([true, true, true]);
  });

  test('a brand from another copy of the library counts (Symbol.for)', () => {
    const fromOtherCopy = { [Symbol.for('@hikube/constructs.SubTenant')]: true };
    expect(SubTenant.isSubTenant(fromOtherCopy)).toBe(true);
  });
});
