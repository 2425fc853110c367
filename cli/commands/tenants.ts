/** `hikube tenants tree`: the tenant tree with what each tenant runs and what its subtree costs. */
import type { Cluster, MonitoringStack, Vm } from '../../client/types';
import { formatTenantTree, treeItems } from '../tree';
import { Session } from '../session';

export async function tree(session: Session, _args: string[], options: { tenant?: string }): Promise<void> {
  const [tenants, clusters, vms, stacks] = await Promise.all([
    session.tenants(),
    session.listAll<Cluster>('/v1/clusters'),
    session.listAll<Vm>('/v1/vms'),
    session.listAll<MonitoringStack>('/v1/monitoring-stacks'),
  ]);
  const items = treeItems({ clusters, vms, stacks }, session.out.status);
  let shown = tenants;
  if (options.tenant) {
    const root = await session.tenant(options.tenant);
    shown = tenants.filter((t) => t.path === root.path || t.path.startsWith(`${root.path}/`));
  }
  process.stdout.write(formatTenantTree(shown, items.filter((i) => shown.some((t) => t.id === i.tenantId))) + '\n');
}
