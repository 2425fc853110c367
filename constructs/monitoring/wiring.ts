/**
 * Automatic wiring of tenants and clusters to the monitoring stack that covers them.
 *
 * Chosen over an Aspect: aspects run per stack during synthesis, after `App.synth()` has
 * prepared every stack, so constructs they add to another stack (the in-cluster stack) would
 * miss cdktf's cross-stack references. Instead tenants and clusters announce themselves when
 * constructed and monitoring stacks when constructed; whichever comes second does the wiring,
 * so construction order never matters. Scoped per construct tree root (one registry per App).
 */
import { IConstruct } from 'constructs';
import type { ICluster, ITenant } from '../interfaces';
import { parentOf } from '../private/brands';

/** What a monitoring stack with an in-cluster part does with what it covers. */
export interface MonitoringOwner {
  readonly tenant: ITenant;
  /** A tenant of the subtree became known: it gets a vmauth user, datasources and a folder. */
  addMember(tenant: ITenant): void;
  /** A cluster with the monitoring-agents add-on became known: agents go into it. */
  collectFrom(cluster: ICluster): void;
}

interface Registry {
  tenants: ITenant[];
  clusters: { cluster: ICluster; tenant: ITenant; agents: boolean }[];
  owners: Map<ITenant, MonitoringOwner | undefined>;
  /** Tenants passed to `collectFrom()`: their clusters made later are collected too. */
  collecting: Map<ITenant, MonitoringOwner>;
}

const registries = new WeakMap<IConstruct, Registry>();

function registryOf(scope: IConstruct): Registry {
  const root = scope.node.root;
  let r = registries.get(root);
  if (!r) registries.set(root, (r = { tenants: [], clusters: [], owners: new Map(), collecting: new Map() }));
  return r;
}

/** The nearest ancestor-or-self tenant with a stack made in this app, as the service decides. */
function ownerOf(registry: Registry, tenant: ITenant): { owner: MonitoringOwner | undefined } | undefined {
  for (let t: ITenant | undefined = tenant; t; t = parentOf(t)) {
    if (registry.owners.has(t)) return { owner: registry.owners.get(t) };
  }
  return undefined;
}

/** Called by SubTenant's constructor. */
export function tenantCreated(tenant: ITenant): void {
  const r = registryOf(tenant);
  r.tenants.push(tenant);
  ownerOf(r, tenant)?.owner?.addMember(tenant);
}

/** Called by Cluster's constructor; `agents` says whether the monitoring-agents add-on is on. */
export function clusterCreated(cluster: ICluster, tenant: ITenant, agents: boolean): void {
  const r = registryOf(cluster);
  r.clusters.push({ cluster, tenant, agents });
  if (agents) ownerOf(r, tenant)?.owner?.collectFrom(cluster);
  r.collecting.get(tenant)?.collectFrom(cluster);
}

/** `collectFrom(tenant)`: the tenant's clusters made so far, and later ones as they come. */
export function collectTenantClusters(owner: MonitoringOwner & IConstruct, tenant: ITenant): ICluster[] {
  const r = registryOf(owner);
  r.collecting.set(tenant, owner);
  return r.clusters.filter((c) => c.tenant === tenant).map((c) => c.cluster);
}

/**
 * Called by MonitoringStack's constructor. A stack without an in-cluster part (`owner`
 * undefined) still claims its subtree, so a stack higher up does not take it.
 */
export function monitoringStackCreated(scope: IConstruct, tenant: ITenant, owner: MonitoringOwner | undefined): void {
  const r = registryOf(scope);
  r.owners.set(tenant, owner);
  if (!owner) return;
  const mine = (t: ITenant) => ownerOf(r, t)?.owner === owner;
  for (const t of r.tenants) if (t !== tenant && mine(t)) owner.addMember(t);
  for (const c of r.clusters) if (c.agents && mine(c.tenant)) owner.collectFrom(c.cluster);
}
