/** `hikube vms start|stop|restart`: the VM's run strategy, changed and waited for. */
import { CliKind, Item } from '../kinds';
import { printItems } from '../output';
import { Session } from '../session';
import { waitFor } from '../wait';

async function setRunStrategy(session: Session, kind: CliKind, vm: Item, runStrategy: string, ref: string, wait: boolean): Promise<Item> {
  const item = await session.client.request<Item>('PATCH', `${kind.model.collection}/${String(vm.id)}`, { runStrategy });
  return wait ? ((await waitFor(session, kind, item, 'ready', ref)) ?? item) : item;
}

export async function power(session: Session, kind: CliKind, verb: 'start' | 'stop' | 'restart', ref: string, options: { tenant?: string }): Promise<void> {
  let vm = await session.find(kind, ref, options.tenant);
  const ctx = await session.renderContext();
  const name = kind.refOf(vm, ctx);
  if (verb === 'stop' || verb === 'restart') vm = await setRunStrategy(session, kind, vm, 'Halted', name, session.wait || verb === 'restart');
  if (verb === 'start' || verb === 'restart') vm = await setRunStrategy(session, kind, vm, 'Always', name, session.wait);
  await printItems(kind, [vm], session.format, ctx, session.out, true);
}
