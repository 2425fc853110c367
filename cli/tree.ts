/** The tenant tree as text, read back from the API. */
import { Tenant } from '../client/types';

export function formatTenantTree(tenants: readonly Tenant[]): string {
  const children = new Map<string | null, Tenant[]>();
  for (const t of tenants) {
    const siblings = children.get(t.parentId) ?? [];
    siblings.push(t);
    children.set(t.parentId, siblings);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const ids = new Set(tenants.map((t) => t.id));
  const roots = tenants.filter((t) => t.parentId === null || !ids.has(t.parentId)).sort((a, b) => a.path.localeCompare(b.path));
  const lines: string[] = [];
  const walk = (t: Tenant, prefix: string, last: boolean, top: boolean) => {
    const label = `${t.name}  (${t.namespace}${t.description ? ` - ${t.description}` : ''})`;
    lines.push(top ? label : `${prefix}${last ? '└── ' : '├── '}${label}`);
    const kids = children.get(t.id) ?? [];
    kids.forEach((k, i) => walk(k, top ? '' : `${prefix}${last ? '    ' : '│   '}`, i === kids.length - 1, false));
  };
  roots.forEach((r) => walk(r, '', true, true));
  return lines.join('\n');
}
