/** `hikube tenants tree`: the tenant tree with what each tenant runs and what its subtree costs. */
import { KIND_LIST } from '../../model/kinds';
import { formatTenantTree, Running, treeItems } from '../tree';
import { Session } from '../session';

export async function tree(session: Session, _args: string[], options: { tenant?: string }): Promise<void> {
  const [tenants, ...lists] = await Promise.all([session.tenants(), ...KIND_LIST.map((k) => session.listAll<Running>(k.model.collection))]);
  const items = treeItems(Object.fromEntries(KIND_LIST.map((k, i) => [k.name, lists[i]])), session.out.status);
  let shown = tenants;
  if (options.tenant) {
    const root = await session.tenant(options.tenant);
    shown = tenants.filter((t) => t.path === root.path || t.path.startsWith(`${root.path}/`));
  }
  process.stdout.write(
    formatTenantTree(
      shown,
      items.filter((i) => shown.some((t) => t.id === i.tenantId)),
    ) + '\n',
  );
}
