import { NetworkPolicyV1, NetworkPolicyV1SpecEgressTo, NetworkPolicyV1SpecIngressFrom } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { Annotations, Fn, Lazy, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from './errors';
import type { HikubeTenant } from './generated/tenant';
import { ICluster, ITenant } from './interfaces';
import { isTenant, isTenantMadeHere, parentOf } from './private/brands';

/** The label Kubernetes (1.22+) sets on every namespace to its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Options of `tenant.networkPolicies()`. */
export interface TenantNetworkPoliciesOptions {
  /**
   * Networks the tenant's pods may reach outside the cluster (Kubernetes `ipBlock`s). Must lie
   * within the tenant's effective security policy: this can only narrow it.
   *
   * @default - the `egressCidrs` of the tenant's effective security policy, as far as this app
   * knows it: the intersection of the policies of the tenant and its ancestors made in this app;
   * `['0.0.0.0/0']` when none of them sets one
   */
  readonly egressCidrs?: string[];

  /**
   * Namespace of the cluster DNS, which every pod may reach on port 53 (UDP and TCP).
   *
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;

  /**
   * Where the policies (and the `kubernetes` provider they use) are defined, e.g. a stack for
   * everything inside the clusters, applied after the stack that creates them.
   *
   * @default - under the tenant, in its stack
   */
  readonly scope?: Construct;
}

/** Props of `TenantNetworkPolicies`. */
export interface TenantNetworkPoliciesProps extends Omit<TenantNetworkPoliciesOptions, 'scope'> {
  /** The tenant whose namespace the policies isolate. */
  readonly tenant: ITenant;
  /** The cluster the policies are deployed into, through its `kubernetesProvider()`. */
  readonly cluster: ICluster;
}

/**
 * Kubernetes NetworkPolicies (the `kubernetes` provider's `kubernetes_network_policy_v1`)
 * isolating a tenant's namespace in one cluster, the way Hikube isolates tenants:
 *
 * - `hikube-default-deny`: every pod of the namespace, no ingress and no egress but what the
 *   next two allow;
 * - `hikube-allow-ingress`: from the tenant's own namespace and from the namespace of each of
 *   its ancestors (parents reach their children). Siblings, children and other tenants are
 *   refused: nothing allows them;
 * - `hikube-allow-egress`: to the tenant's own namespace and its descendants' (made in this
 *   app), to the cluster DNS (port 53, UDP and TCP) and to the `egressCidrs` of its effective
 *   security policy.
 *
 * Namespaces are selected by their `kubernetes.io/metadata.name` label. The tenant's namespace
 * (`tenant.namespace`) must exist in the cluster: this construct does not create it.
 *
 * Limits:
 * - the descendants a parent may reach are the sub-tenants made in this app under it; children
 *   made elsewhere are reached only through the parent's egress CIDRs (where the network plugin
 *   matches pod IPs against ipBlocks, see below);
 * - the effective policy is computed from the tenants made in this app (unresolved CIDRs pass
 *   through unchanged). Policies of an imported tenant, of its ancestors and of the organisation
 *   root are not known here: pass `egressCidrs` when they matter (a warning says so);
 * - the ancestors of a top-level tenant made here are the organisation root only; for an
 *   imported tenant they come from its path, as the service names namespaces
 *   (`tenant-` + path with '/' replaced by '-');
 * - with no egress policy anywhere, egress is allowed to `0.0.0.0/0`. Whether that ipBlock also
 *   matches pods of other tenants in the same cluster depends on the network plugin (Calico
 *   matches pod IPs, Cilium does not); excluding other tenants' ranges is not done here: set
 *   an `egressCidrs` policy to close it.
 */
export class TenantNetworkPolicies extends Construct {
  /** Namespaces allowed to reach the tenant's pods: its own first, then its ancestors', nearest first (tokens). */
  public readonly ingressNamespaces: string[];
  /** Networks the tenant's pods may reach outside the cluster (some may be tokens). */
  public readonly egressCidrs: string[];
  /** Denies all ingress and egress of the namespace's pods but what the others allow. */
  public readonly defaultDeny: NetworkPolicyV1;
  /** Allows ingress from the tenant's own namespace and its ancestors'. */
  public readonly allowIngress: NetworkPolicyV1;
  /** Allows egress to the tenant's own namespace, the cluster DNS and the allowed networks. */
  public readonly allowEgress: NetworkPolicyV1;

  public constructor(scope: Construct, id: string, props: TenantNetworkPoliciesProps) {
    super(scope, id);
    const { tenant, cluster } = props;
    if (!tenant || typeof tenant.namespace !== 'string') {
      throw new ValidationError(this, 'a tenant is required', { value: tenant, fix: 'Pass the tenant whose namespace to isolate: `tenant.networkPolicies(cluster)`.' });
    }
    if (!cluster || typeof (cluster as Partial<ICluster>).kubernetesProvider !== 'function') {
      throw new ValidationError(this, 'a cluster is required', {
        value: cluster === undefined || cluster === null ? cluster : ((cluster as Partial<IConstruct>).node?.path ?? cluster),
        fix: 'Pass the cluster to deploy the policies into, e.g. `tenant.networkPolicies(production.addCluster(...))` or one made elsewhere in this app.',
      });
    }
    const dnsNamespace = props.dnsNamespace ?? 'kube-system';
    if (!Token.isUnresolved(dnsNamespace) && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(dnsNamespace)) {
      throw new ValidationError(this, 'invalid dnsNamespace: not a Kubernetes namespace name', { value: dnsNamespace, fix: "Use the namespace of the cluster DNS, usually 'kube-system'." });
    }

    const chain = chainOf(tenant);
    const inherited = effectiveEgress(this, chain);
    if (props.egressCidrs !== undefined) checkEgressWithin(this, props.egressCidrs, inherited.cidrs);
    else if (inherited.unknownAbove) {
      Annotations.of(this).addWarning(
        `egress allowed to ${inherited.cidrs.join(', ')}, computed without the security policies of ${inherited.unknownAbove} and its ancestors (not made in this app): pass \`egressCidrs\` if they narrow it`,
      );
    }
    this.egressCidrs = props.egressCidrs ?? inherited.cidrs;
    this.ingressNamespaces = [tenant.namespace, ...ancestorNamespaces(chain)];

    const provider = cluster.kubernetesProvider(this);
    const metadata = (name: string) => ({ name, namespace: tenant.namespace, labels: { 'app.kubernetes.io/managed-by': 'hikube-iac' } });
    const everyPod = { matchLabels: {} };
    const inNamespace = (ns: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } } });

    this.defaultDeny = new NetworkPolicyV1(this, 'DefaultDeny', {
      provider,
      metadata: metadata('hikube-default-deny'),
      spec: { podSelector: everyPod, policyTypes: ['Ingress', 'Egress'] },
    });
    this.allowIngress = new NetworkPolicyV1(this, 'AllowIngress', {
      provider,
      metadata: metadata('hikube-allow-ingress'),
      spec: {
        podSelector: everyPod,
        policyTypes: ['Ingress'],
        ingress: [{ from: this.ingressNamespaces.map((ns): NetworkPolicyV1SpecIngressFrom => inNamespace(ns)) }],
      },
    });
    const dns = ['UDP', 'TCP'].map((protocol) => ({ protocol, port: '53' }));
    this.allowEgress = new NetworkPolicyV1(this, 'AllowEgress', {
      provider,
      metadata: metadata('hikube-allow-egress'),
      spec: {
        podSelector: everyPod,
        policyTypes: ['Egress'],
        egress: [
          // Its own namespace and its descendants' (parents reach their children), read at synth
          // so sub-tenants added after this call count too.
          // (A lazy value skips the binding's name mapping, so it is written in Terraform's names.)
          {
            to: Lazy.anyValue({
              produce: () => [tenant.namespace, ...descendantNamespaces(tenant)].map((ns) => ({ namespace_selector: { match_labels: { [NAMESPACE_NAME_LABEL]: ns } } })),
            }),
          },
          { to: [inNamespace(dnsNamespace)], ports: dns },
          // An empty list of ipBlocks would allow everything: leave the rule out instead.
          ...(this.egressCidrs.length ? [{ to: this.egressCidrs.map((cidr): NetworkPolicyV1SpecEgressTo => ({ ipBlock: { cidr } })) }] : []),
        ],
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The tenant chain as this app knows it.

/** Namespaces of the sub-tenants made under `tenant` in this app (they are its construct children). */
function descendantNamespaces(tenant: ITenant): string[] {
  return tenant.node
    .findAll()
    .filter((c): c is ITenant => c !== tenant && isTenant(c))
    .map((c) => c.namespace);
}

/** The tenant and its ancestors made or imported in this app, root first. */
function chainOf(tenant: ITenant): ITenant[] {
  const chain: ITenant[] = [];
  for (let t: ITenant | undefined = tenant; t; t = parentOf(t)) chain.unshift(t);
  return chain;
}

/** The L1 resource of a tenant made in this app; undefined for an imported one. */
function resourceOf(t: ITenant): HikubeTenant | undefined {
  return isTenantMadeHere(t) ? t.resource : undefined;
}

/** Namespaces of the ancestors of the last tenant of `chain`, nearest first. */
function ancestorNamespaces(chain: ITenant[]): string[] {
  const namespaces = chain.slice(0, -1).map((t) => t.namespace);
  const top = chain[0];
  if (resourceOf(top)) {
    // A tenant made here is created directly under the organisation root: `acme/...` -> `tenant-acme`.
    namespaces.unshift(Fn.join('-', ['tenant', Fn.element(Fn.split('/', top.tenantPath), 0)]));
  } else if (!Token.isUnresolved(top.tenantPath)) {
    // An imported tenant: its ancestors from its path, as the service names namespaces.
    const parts = top.tenantPath.split('/');
    namespaces.unshift(...parts.slice(0, -1).map((_, i) => `tenant-${parts.slice(0, i + 1).join('-')}`));
  }
  return namespaces.reverse();
}

interface InheritedEgress {
  readonly cidrs: string[];
  /** Path of the imported tenant whose policy (and its ancestors') is unknown here. */
  readonly unknownAbove?: string;
}

/** Egress CIDRs of the effective policy: each tenant's list intersected with its ancestors'. */
function effectiveEgress(scope: IConstruct, chain: ITenant[]): InheritedEgress {
  let cidrs: string[] = ['0.0.0.0/0'];
  let unknownAbove: string | undefined;
  for (const t of chain) {
    const resource = resourceOf(t);
    if (!resource) {
      unknownAbove = t.tenantPath;
      continue;
    }
    const mine = resource.securityPolicyInput?.egressCidrs;
    if (mine === undefined) continue;
    if (Token.isUnresolved(mine)) {
      throw new ValidationError(scope, `the egress CIDRs of ${t.node.path} are a token: the policies need one ipBlock per network`, {
        value: t.node.path,
        fix: 'Pass `egressCidrs` to networkPolicies() explicitly, or give the tenant a literal list (elements may be tokens).',
      });
    }
    cidrs = narrow(cidrs, mine);
  }
  return { cidrs, unknownAbove };
}

/**
 * `mine` within `current`, as the service intersects policies. Unresolved CIDRs pass through:
 * the service refuses, at apply, a policy wider than the parent's.
 */
function narrow(current: string[], mine: string[]): string[] {
  const known = mine.filter((c) => !Token.isUnresolved(c));
  const tokens = mine.filter((c) => Token.isUnresolved(c));
  const currentKnown = current.filter((c) => !Token.isUnresolved(c));
  // An ancestor's unknown networks cannot be intersected with: the tenant's own list stands.
  const narrowed = currentKnown.length < current.length ? known : intersect(currentKnown, known);
  return [...new Set([...narrowed, ...tokens])];
}

function checkEgressWithin(scope: IConstruct, wanted: string[], allowed: string[]): void {
  if (Token.isUnresolved(wanted)) {
    throw new ValidationError(scope, 'egressCidrs is a token: the policies need one ipBlock per network', { value: wanted, fix: 'Pass a literal list; its elements may be tokens.' });
  }
  const known = allowed.filter((c) => !Token.isUnresolved(c));
  for (const cidr of wanted) {
    if (Token.isUnresolved(cidr)) continue;
    const block = parseCidr(cidr);
    if (!block) throw new ValidationError(scope, 'invalid egressCidrs: not an IPv4 CIDR', { value: cidr, fix: "Write networks like '10.0.0.0/8'." });
    if (known.length === allowed.length && !known.some((a) => within(block, parseCidr(a)!))) {
      throw new ValidationError(scope, `invalid egressCidrs: ${cidr} is wider than the tenant's security policy allows (${allowed.join(', ') || 'none'})`, {
        value: cidr,
        fix: 'Pass networks within the allowed ones, or widen the security policy of the tenant (or of the ancestor that set it).',
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// IPv4 blocks, as the service computes them (service/guardrails/network.ts).

interface Block {
  readonly start: number;
  readonly prefix: number;
}

const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\/(3[0-2]|[12]?\d)$/;

function parseCidr(cidr: string): Block | undefined {
  const m = CIDR.exec(cidr.trim());
  if (!m) return undefined;
  const address = m.slice(1, 5).reduce((a, o) => a * 256 + Number(o), 0);
  const prefix = Number(m[5]);
  return { start: address - (address % 2 ** (32 - prefix)), prefix };
}

function formatCidr(b: Block): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(b.start / 2 ** shift) % 256);
  return `${octets.join('.')}/${b.prefix}`;
}

function within(inner: Block, outer: Block): boolean {
  return inner.prefix >= outer.prefix && inner.start >= outer.start && inner.start + 2 ** (32 - inner.prefix) <= outer.start + 2 ** (32 - outer.prefix);
}

/** Blocks in both lists: for each pair, the smaller one when it lies within the other. */
function intersect(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (const x of a.map(parseCidr)) {
    for (const y of b.map(parseCidr)) {
      if (!x || !y) continue;
      if (within(x, y)) out.push(formatCidr(x));
      else if (within(y, x)) out.push(formatCidr(y));
    }
  }
  return [...new Set(out)];
}
