/** `hikube tenants tree`: the tenant tree with what each tenant runs and what its subtree costs. */
import type { Cluster, MonitoringStack, Vm } from '../../client/types';
import { formatTenantTree, TreeItem } from '../tree';
import { Session } from '../session';

export async function tree(session: Session, _args: string[], options: { tenant?: string }): Promise<void> {
  const [tenants, clusters, vms, stacks] = await Promise.all([
    session.tenants(),
    session.listAll<Cluster>('/v1/clusters'),
    session.listAll<Vm>('/v1/vms'),
    session.listAll<MonitoringStack>('/v1/monitoring-stacks'),
  ]);
  const items: TreeItem[] = [
    ...clusters.map((c) => ({
      tenantId: c.tenantId,
      label: `cluster ${c.name}: Kubernetes ${c.version}, node groups ${Object.entries(c.nodeGroups).map(([n, g]) => `${n} ${g.minReplicas}-${g.maxReplicas}x${g.instanceType}`).join(', ')}, ${session.out.status(c.status)}`,
      monthlyCost: c.monthlyCostEstimate,
    })),
    ...vms.map((v) => ({
      tenantId: v.tenantId,
      label: `vm ${v.name}: ${v.instanceType}, ${v.privateIp ?? 'no address yet'}, ${v.runStrategy}, ${session.out.status(v.status)}`,
      monthlyCost: v.monthlyCostEstimate,
    })),
    ...stacks.map((m) => ({
      tenantId: m.tenantId,
      label: `monitoring stack: ${Object.keys(m.accounts).length} tenants with their own metrics account, ${session.out.status(m.status)}`,
      monthlyCost: m.monthlyCostEstimate,
    })),
  ];
  let shown = tenants;
  if (options.tenant) {
    const root = await session.tenant(options.tenant);
    shown = tenants.filter((t) => t.path === root.path || t.path.startsWith(`${root.path}/`));
  }
  process.stdout.write(formatTenantTree(shown, items.filter((i) => shown.some((t) => t.id === i.tenantId))) + '\n');
}
