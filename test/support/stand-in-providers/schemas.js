/**
 * STAND-IN schemas of hashicorp/kubernetes 2.38.0 and hashicorp/helm 3.1.1: only the
 * resources and attributes our constructs use, with the types, nesting and flags the real
 * providers declare (as their cdktf bindings, @cdktf/provider-kubernetes and
 * @cdktf/provider-helm 12.x, record them: blocks vs attributes, list/map/string/number/bool).
 * Enough for Terraform to decode, validate and evaluate every expression we send; nothing of
 * what the real providers do with it.
 */
'use strict';

const S = 'string';
const N = 'number';
const B = 'bool';
const map = (t) => ({ map: t });
const list = (t) => ({ list: t });

/** Attribute flags. */
const req = (type, extra = {}) => ({ type, required: true, ...extra });
const opt = (type, extra = {}) => ({ type, optional: true, ...extra });
const optComputed = (type, extra = {}) => ({ type, optional: true, computed: true, ...extra });
const computed = (type, extra = {}) => ({ type, computed: true, ...extra });
/** Nested blocks: `list` with bounds (SDKv2 blocks with MaxItems 1 are lists). */
const blockList = (block, minItems = 0, maxItems = 0) => ({ nesting: 'list', block, minItems, maxItems });

const metadata = (namespaced) =>
  blockList(
    {
      attributes: {
        name: optComputed(S),
        ...(namespaced ? { namespace: opt(S) } : {}),
        labels: opt(map(S)),
        annotations: opt(map(S)),
      },
    },
    1,
    1,
  );

const selector = { attributes: { match_labels: opt(map(S)) } };
const peer = blockList({
  blocks: {
    namespace_selector: blockList(selector, 0, 1),
    pod_selector: blockList(selector, 0, 1),
    ip_block: blockList({ attributes: { cidr: opt(S), except: opt(list(S)) } }, 0, 1),
  },
});
const ports = blockList({ attributes: { port: opt(S), protocol: opt(S), end_port: opt(N) } });

const kubernetesConnection = {
  host: opt(S),
  token: opt(S, { sensitive: true }),
  cluster_ca_certificate: opt(S),
  config_path: opt(S),
  config_context: opt(S),
};

const PROVIDERS = {
  kubernetes: {
    version: '2.38.0',
    provider: { attributes: kubernetesConnection },
    resources: {
      kubernetes_namespace: { attributes: { id: computed(S) }, blocks: { metadata: metadata(false) } },
      kubernetes_secret: {
        attributes: { id: computed(S), data: opt(map(S), { sensitive: true }), type: opt(S) },
        blocks: { metadata: metadata(true) },
      },
      kubernetes_config_map: { attributes: { id: computed(S), data: opt(map(S)) }, blocks: { metadata: metadata(true) } },
      kubernetes_network_policy_v1: {
        attributes: { id: computed(S) },
        blocks: {
          metadata: metadata(true),
          spec: blockList(
            {
              attributes: { policy_types: req(list(S)) },
              blocks: {
                pod_selector: blockList(selector, 1, 1),
                ingress: blockList({ blocks: { from: peer, ports } }),
                egress: blockList({ blocks: { to: peer, ports } }),
              },
            },
            1,
            1,
          ),
        },
      },
    },
  },
  helm: {
    version: '3.1.1',
    // helm 3.x (plugin framework): `kubernetes` is a single nested attribute, not a block.
    provider: { attributes: { kubernetes: { nested: { attributes: kubernetesConnection }, optional: true } } },
    resources: {
      helm_release: {
        attributes: {
          id: computed(S),
          name: req(S),
          namespace: optComputed(S),
          repository: opt(S),
          chart: req(S),
          version: optComputed(S),
          values: opt(list(S)),
          atomic: optComputed(B),
          cleanup_on_fail: optComputed(B),
          create_namespace: optComputed(B),
          wait: optComputed(B),
          timeout: optComputed(N),
          max_history: optComputed(N),
          status: computed(S),
        },
      },
    },
  },
};

module.exports = { PROVIDERS };
