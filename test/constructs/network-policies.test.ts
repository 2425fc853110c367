import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing, Token } from 'cdktf';
import { Cluster, ICluster, ITenant, Tenant, TenantNetworkPolicies, ValidationError } from '../../constructs/index';
import { newStack, validationError } from './helpers';

Testing.setupJest();

/** GIVEN an organisation with production (web, data) and a cluster in production. */
function organisation(props: { production?: ConstructorParameters<typeof Tenant>[2]; data?: Parameters<ITenant['addSubTenant']>[1] } = {}) {
  const stack = newStack();
  const production = new Tenant(stack, 'Production', props.production);
  const web = production.addSubTenant('Web');
  const data = production.addSubTenant('Data', props.data);
  const cluster = production.addCluster('Ops', { name: 'ops', nodeGroups: { workers: { minReplicas: 1, maxReplicas: 2, instanceType: 'u1.large' } } });
  return { stack, production, web, data, cluster };
}

/** The synthesized network policies, by metadata name. */
function policies(stack: TerraformStack): Record<string, any> {
  const config = JSON.parse(Testing.synth(stack));
  return Object.fromEntries(Object.values(config.resource.kubernetes_network_policy_v1 as Record<string, any>).map((b) => [b.metadata.name, b]));
}

/** What a token is in Terraform JSON (`${hikube_tenant.x.namespace}`), through the synthesized stack. */
function ref(stack: TerraformStack, tenant: ITenant): string {
  const config = JSON.parse(Testing.synth(stack));
  const [id] = Object.entries(config.resource.hikube_tenant as Record<string, any>).find(([, b]) => b.name === tenant.node.id.toLowerCase())!;
  return `\${hikube_tenant.${id}.namespace}`;
}

const namespacesOf = (peers: any[]) => peers.map((p) => p.namespace_selector.match_labels['kubernetes.io/metadata.name']);

describe('TenantNetworkPolicies', () => {
  test('default deny: every pod of the tenant namespace, ingress and egress', () => {
    const { stack, web, cluster } = organisation();
    web.networkPolicies(cluster);
    const deny = policies(stack)['hikube-default-deny'];
    expect(deny.metadata.namespace).toBe(ref(stack, web));
    expect(deny.spec).toEqual({ pod_selector: { match_labels: {} }, policy_types: ['Ingress', 'Egress'] });
  });

  test('deploys through the cluster kubernetes provider', () => {
    const { stack, web, cluster } = organisation();
    web.networkPolicies(cluster);
    const config = JSON.parse(Testing.synth(stack));
    const [provider] = config.provider.kubernetes;
    expect(provider.host).toMatch(/^\$\{hikube_kubernetes_cluster\.\S+\.endpoint\}$/);
    for (const p of Object.values(policies(stack))) expect(p.provider).toBe(`kubernetes.${provider.alias}`);
  });

  test('allows ingress from its own namespace and each ancestor (parent, organisation root)', () => {
    const { stack, production, web, cluster } = organisation();
    const np = web.networkPolicies(cluster);
    const ingress = policies(stack)['hikube-allow-ingress'].spec;
    expect(ingress.policy_types).toEqual(['Ingress']);
    const from = namespacesOf(ingress.ingress[0].from);
    expect(from).toEqual([ref(stack, web), ref(stack, production), expect.stringMatching(/^\$\{join\("-", \["tenant", element\(split\("\/", hikube_tenant\.\S+\.path\), 0\)\]\)\}$/)]);
    expect(np.ingressNamespaces).toHaveLength(3);
  });

  test("siblings are not allowed in: data is not among the namespaces web accepts, nor web among data's", () => {
    const { stack, production, web, data, cluster } = organisation();
    web.networkPolicies(cluster);
    data.networkPolicies(cluster);
    const config = JSON.parse(Testing.synth(stack));
    const ingressOf = (tenant: ITenant) => {
      const block = Object.values(config.resource.kubernetes_network_policy_v1 as Record<string, any>).find(
        (b) => b.metadata.name === 'hikube-allow-ingress' && b.metadata.namespace === ref(stack, tenant),
      );
      return namespacesOf(block.spec.ingress[0].from);
    };
    expect(ingressOf(web).slice(0, 2)).toEqual([ref(stack, web), ref(stack, production)]);
    expect(ingressOf(web)).not.toContain(ref(stack, data));
    expect(ingressOf(data).slice(0, 2)).toEqual([ref(stack, data), ref(stack, production)]);
    expect(ingressOf(data)).not.toContain(ref(stack, web));
  });

  test('a parent does not accept ingress from its children (only from itself and above)', () => {
    const { stack, production, web, cluster } = organisation();
    production.networkPolicies(cluster);
    const from = namespacesOf(policies(stack)['hikube-allow-ingress'].spec.ingress[0].from);
    expect(from[0]).toBe(ref(stack, production));
    expect(from).not.toContain(ref(stack, web));
    expect(from).toHaveLength(2);
  });

  test('allows egress to its own namespace and DNS in kube-system on UDP and TCP 53', () => {
    const { stack, web, cluster } = organisation();
    web.networkPolicies(cluster);
    const [own, dns] = policies(stack)['hikube-allow-egress'].spec.egress;
    expect(namespacesOf(own.to)).toEqual([ref(stack, web)]);
    expect(own.ports).toBeUndefined();
    expect(namespacesOf(dns.to)).toEqual(['kube-system']);
    expect(dns.ports).toEqual([
      { protocol: 'UDP', port: '53' },
      { protocol: 'TCP', port: '53' },
    ]);
  });

  test('can configure the DNS namespace', () => {
    const { stack, web, cluster } = organisation();
    web.networkPolicies(cluster, { dnsNamespace: 'dns' });
    expect(namespacesOf(policies(stack)['hikube-allow-egress'].spec.egress[1].to)).toEqual(['dns']);
  });

  test('default egress CIDRs: 0.0.0.0/0 when no policy in the chain sets any', () => {
    const { stack, web, cluster } = organisation();
    const np = web.networkPolicies(cluster);
    expect(np.egressCidrs).toEqual(['0.0.0.0/0']);
    expect(policies(stack)['hikube-allow-egress'].spec.egress[2]).toEqual({ to: [{ ip_block: { cidr: '0.0.0.0/0' } }] });
  });

  test.each([
    ['set by the tenant', {}, { securityPolicy: { egressCidrs: ['10.0.0.0/8', '192.168.0.0/16'] } }, ['10.0.0.0/8', '192.168.0.0/16']],
    ['inherited from the parent', { securityPolicy: { egressCidrs: ['10.0.0.0/8'] } }, {}, ['10.0.0.0/8']],
    [
      'intersected down the tree',
      { securityPolicy: { egressCidrs: ['10.0.0.0/8', '172.16.0.0/12'] } },
      { securityPolicy: { egressCidrs: ['10.1.0.0/16', '172.16.0.0/12', '8.8.8.8/32'] } },
      ['10.1.0.0/16', '172.16.0.0/12'],
    ],
    ['empty when nothing is left', { securityPolicy: { egressCidrs: ['10.0.0.0/8'] } }, { securityPolicy: { egressCidrs: ['192.168.0.0/16'] } }, []],
  ])('egress CIDRs from the effective security policy: %s', (_name, production, data, expected) => {
    const { stack, data: tenant, cluster } = organisation({ production, data });
    const np = tenant.networkPolicies(cluster);
    expect(np.egressCidrs).toEqual(expected);
    const egress = policies(stack)['hikube-allow-egress'].spec.egress;
    if (expected.length === 0) {
      // No ipBlock rule at all: an empty `to` would allow everything.
      expect(egress).toHaveLength(2);
    } else {
      expect(egress[2].to.map((p: any) => p.ip_block.cidr)).toEqual(expected);
    }
  });

  test('unresolved egress CIDRs pass through', () => {
    const { stack, production, cluster } = organisation();
    const fromStack = new TerraformStack(stack.node.scope!, 'other');
    const other = new Tenant(fromStack, 'Other');
    const data = production.addSubTenant('Db', { securityPolicy: { egressCidrs: ['10.0.0.0/8', other.resource.networkCidr] } });
    const cidrs = data.networkPolicies(cluster).egressCidrs;
    expect(cidrs).toHaveLength(2);
    expect(cidrs[0]).toBe('10.0.0.0/8');
    expect(Token.isUnresolved(cidrs[1])).toBe(true);
  });

  test('can configure egress CIDRs within the policy', () => {
    const { stack, data, cluster } = organisation({ data: { securityPolicy: { egressCidrs: ['10.0.0.0/8'] } } });
    data.networkPolicies(cluster, { egressCidrs: ['10.20.0.0/16'] });
    expect(policies(stack)['hikube-allow-egress'].spec.egress[2].to).toEqual([{ ip_block: { cidr: '10.20.0.0/16' } }]);
  });

  test('fails if egress CIDRs are wider than the policy', () => {
    const { data, cluster } = organisation({ data: { securityPolicy: { egressCidrs: ['10.0.0.0/8'] } } });
    const error = validationError(() => data.networkPolicies(cluster, { egressCidrs: ['0.0.0.0/0'] }));
    expect(error.message).toMatch(/0\.0\.0\.0\/0 is wider than the tenant's security policy allows \(10\.0\.0\.0\/8\)/);
  });

  test('fails if an egress CIDR is not one', () => {
    const { web, cluster } = organisation();
    expect(() => web.networkPolicies(cluster, { egressCidrs: ['10.0.0.0/33'] })).toThrow(/not an IPv4 CIDR/);
  });

  test('fails if no cluster is given', () => {
    const { web } = organisation();
    const error = validationError(() => web.networkPolicies(undefined as unknown as ICluster));
    expect(error.message).toMatch(/needs a cluster/);
    expect(() => new TenantNetworkPolicies(web, 'Direct', { tenant: web, cluster: undefined as unknown as Cluster })).toThrow(ValidationError);
  });

  test('fails if called twice for one cluster; another cluster is fine', () => {
    const { web, cluster, production } = organisation();
    web.networkPolicies(cluster);
    expect(() => web.networkPolicies(cluster)).toThrow(/already exist/);
    const other = production.addCluster('Other', { nodeGroups: { w: { minReplicas: 1, maxReplicas: 1, instanceType: 'u1.large' } } });
    expect(() => web.networkPolicies(other)).not.toThrow();
  });

  test('an imported tenant: ancestors from its path, and a warning that its policies are unknown', () => {
    const stack = newStack();
    const cluster = new Tenant(stack, 'Ops').addCluster('Ops', { nodeGroups: { w: { minReplicas: 1, maxReplicas: 1, instanceType: 'u1.large' } } });
    const imported = Tenant.fromTenantPath(stack, 'Web', 'acme/production/web');
    const np = imported.networkPolicies(cluster);
    expect(np.ingressNamespaces.slice(1)).toEqual(['tenant-acme-production', 'tenant-acme']);
    expect(np.node.metadata.find((m) => m.type === '@cdktf/warn')?.data).toMatch(/without the security policies of acme\/production\/web/);
  });

  test('can be placed in another stack, for policies applied after the cluster exists', () => {
    const { stack, web, cluster } = organisation();
    const inCluster = new TerraformStack(stack.node.scope!, 'in-cluster');
    const np = web.networkPolicies(cluster, { scope: inCluster });
    expect(np.node.scope).toBe(inCluster);
    expect(Object.keys(policies(inCluster)).sort()).toEqual(['hikube-allow-egress', 'hikube-allow-ingress', 'hikube-default-deny']);
    expect(JSON.parse(Testing.synth(stack)).resource.kubernetes_network_policy_v1).toBeUndefined();
  });
});

describe('parents reach their children', () => {
  test("a parent's egress allows its descendants' namespaces, even those added after the call", () => {
    // GIVEN a production tenant with web and data, and its policies
    const { stack, production, web, data, cluster } = organisation();
    production.networkPolicies(cluster);
    // WHEN a grandchild is added afterwards
    const api = web.addSubTenant('Api');
    // THEN production's egress reaches itself and all three descendants; a child's reaches only itself
    const own = policies(stack)['hikube-allow-egress'].spec.egress[0];
    expect(namespacesOf(own.to).sort()).toEqual([ref(stack, production), ref(stack, web), ref(stack, data), ref(stack, api)].sort());
  });

  test("a child's egress does not reach its siblings or its parent", () => {
    const { stack, production, web, data, cluster } = organisation();
    web.networkPolicies(cluster);
    const own = policies(stack)['hikube-allow-egress'].spec.egress[0];
    expect(namespacesOf(own.to)).toEqual([ref(stack, web)]);
    expect(namespacesOf(own.to)).not.toContain(ref(stack, data));
    expect(namespacesOf(own.to)).not.toContain(ref(stack, production));
  });
});
