/** `hikube audit`: who changed what in a subtree; `--follow` keeps printing new entries. */
import type { AuditEntry } from '../../client/types';
import { usageError } from '../errors';
import { printData, table } from '../output';
import { Session } from '../session';

/** How often --follow asks for new entries. */
const FOLLOW_INTERVAL_MS = 1000;

export async function audit(session: Session, _args: string[], options: { tenant?: string; limit?: string; follow?: boolean }): Promise<void> {
  const limit = Number(options.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw usageError(`--limit ${options.limit}: must be a whole number from 1 to 1000`);
  const tenants = await session.tenants();
  const tenant = options.tenant ? await session.tenant(options.tenant) : tenants.filter((t) => !tenants.some((p) => p.id === t.parentId)).sort((a, b) => a.path.length - b.path.length)[0];
  if (!tenant) throw usageError('this token sees no tenant (fix: --tenant PATH)');
  const paths = new Map(tenants.map((t) => [t.id, t.path]));
  const entries = (await session.client.audit(tenant.id, limit)).items;
  const rowOf = (e: AuditEntry) => [e.at, e.action, e.kind, e.resourceId, paths.get(e.tenantId) ?? e.tenantId, e.tokenId];
  const headers = ['AT', 'ACTION', 'KIND', 'RESOURCE_ID', 'TENANT', 'TOKEN_ID'];
  if (!options.follow) {
    await printData({ items: entries }, session.format, () => table(headers, [...entries].reverse().map(rowOf), session.out));
    return;
  }
  // Following: oldest first, one line (or one JSON object) per entry, as they come.
  const seen = new Set<string>();
  const print = (batch: AuditEntry[], withHeader: boolean) => {
    const fresh = batch.filter((e) => !seen.has(e.id)).reverse();
    fresh.forEach((e) => seen.add(e.id));
    if (session.format === 'json') fresh.forEach((e) => process.stdout.write(JSON.stringify(e) + '\n'));
    else if (fresh.length > 0 || withHeader) {
      const text = table(headers, fresh.map(rowOf), session.out).split('\n');
      process.stdout.write((withHeader ? text : text.slice(1)).join('\n') + '\n');
    }
  };
  print(entries, true);
  const stop = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  for (;;) {
    const tick = await Promise.race([stop.then(() => 'stop'), new Promise((r) => setTimeout(() => r('tick'), FOLLOW_INTERVAL_MS))]);
    if (tick === 'stop') return;
    print((await session.client.audit(tenant.id, 100)).items, false);
  }
}
