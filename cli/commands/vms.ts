/** `hikube vms start|stop`: the VM's run strategy, changed and waited for; `restart|reload-cloud-init`: the VM's actions (model/vm.ts VM_ACTIONS). */
import { CliKind, Item } from '../kinds';
import { printItems } from '../output';
import { Session } from '../session';
import { waitFor } from '../wait';

async function setRunStrategy(session: Session, kind: CliKind, vm: Item, runStrategy: string, ref: string, wait: boolean): Promise<Item> {
  const item = await session.client.request<Item>('PATCH', `${kind.model.collection}/${String(vm.id)}`, { runStrategy });
  return wait ? ((await waitFor(session, kind, item, 'ready', ref)) ?? item) : item;
}

export async function power(session: Session, kind: CliKind, verb: 'start' | 'stop' | 'restart' | 'reload-cloud-init', ref: string, options: { tenant?: string }): Promise<void> {
  let vm = await session.find(kind, ref, options.tenant);
  const ctx = await session.renderContext();
  const name = kind.refOf(vm, ctx);
  if (verb === 'stop') vm = await setRunStrategy(session, kind, vm, 'Halted', name, session.wait);
  if (verb === 'start') vm = await setRunStrategy(session, kind, vm, 'Always', name, session.wait);
  if (verb === 'restart' || verb === 'reload-cloud-init') {
    const item = await session.client.actOn<Item>(kind.model.collection, String(vm.id), verb);
    vm = session.wait ? ((await waitFor(session, kind, item, 'ready', name)) ?? item) : item;
  }
  await printItems(kind, [vm], session.format, ctx, session.out, true);
}
