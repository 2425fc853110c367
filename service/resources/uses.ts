/**
 * Objects one object uses by id (the descriptor's `uses`, `KindUse` in model/kind.ts: a VM's
 * `subnetIds`, and its `disks`, which it holds alone). The rule lives here once: the ids a create,
 * an update and a plan (/v1/validate) name, who still uses an object being deleted, and the
 * holder an object used alone shows in its answers.
 */
import { ApiPath, KindDescriptor, KindUse, splitQualifiedName, usedEntries } from '../../model/kind';
import { KindName, KINDS, UseOf, usesOf } from '../../model/kinds';
import { Queryable } from '../store/store';

/** The ids a `uses` field holds (a list's elements, or its one id), each with the path to blame. */
const entriesOf = (use: KindUse, spec: Record<string, unknown>): { id: string; path: ApiPath }[] =>
  usedEntries(use.field, spec[use.field]).filter((e): e is { id: string; path: ApiPath } => typeof e.id === 'string');

const usedIds = (use: KindUse, spec: Record<string, unknown>): string[] => entriesOf(use, spec).map((e) => e.id);

/** An object naming one of the ids. */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly tenantPath: string;
  /** The id it names. */
  readonly names: string;
}

/** What a spec's ids ask for: ids that cannot be used (400 on the element) and ids another object holds alone (409 naming it). */
export interface UseFindings {
  readonly invalid: { readonly path: ApiPath; readonly reason: string }[];
  readonly held: { readonly use: KindUse; readonly path: ApiPath; readonly holder: User }[];
}

const samePath = (a: ApiPath, b: ApiPath) => a.length === b.length && a.every((x, i) => x === b[i]);
const nounOf = (kind: string) => KINDS[kind as KindName].model.noun;

/**
 * Judges the ids of every `uses` field of the spec, in `tenant`: each must name an object of that
 * kind in the tenant that is not being deleted, and, for an exclusive use, held by no object but
 * `self`. `lock` (in a write's transaction) locks the named rows: an exclusive use's FOR UPDATE
 * serializes two attachments of one disk, a shared use's FOR SHARE holds off the object's
 * deletion until the write commits.
 */
export async function judgeUses(
  db: Queryable,
  userKind: KindDescriptor,
  spec: Record<string, unknown>,
  tenant: { readonly id: string; readonly path: string },
  self: string | undefined,
  lock: boolean,
): Promise<UseFindings> {
  const invalid: UseFindings['invalid'][number][] = [];
  const held: UseFindings['held'][number][] = [];
  for (const use of userKind.uses ?? []) {
    const entries = entriesOf(use, spec);
    if (entries.length === 0) continue;
    const ids = entries.map((e) => e.id);
    const noun = nounOf(use.kind);
    const { rows } = await db.query<{ id: string; name: string; tenant_id: string; status: string }>(
      `SELECT id, name, tenant_id, status FROM resources WHERE kind = $1 AND id = ANY($2::text[]) ORDER BY id${lock ? (use.exclusive ? ' FOR UPDATE' : ' FOR SHARE') : ''}`,
      [use.kind, ids],
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    for (const { id, path } of entries) {
      const row = found.get(id);
      const got = `, got ${JSON.stringify(id)}`;
      if (!row || row.tenant_id !== tenant.id) {
        invalid.push({ path, reason: `names no ${noun} of tenant ${tenant.path}${got}. Use a ${noun} of the same tenant: create it there first, and reference its resource` });
      } else if (row.status === 'deleting') {
        invalid.push({ path, reason: `names ${noun} ${splitQualifiedName(row.name).own}, which is being deleted${got}` });
      }
    }
    if (!use.exclusive) continue;
    const position = (id: string) => entries.findIndex((e) => e.id === id);
    const holders = (await usersNaming(db, userKind.name, use, ids, self)).sort((a, b) => position(a.names) - position(b.names));
    held.push(...holders.map((holder) => ({ use, path: entries[position(holder.names)].path, holder })));
  }
  return { invalid, held };
}

/**
 * Objects of `userKind` other than `except` whose `use` field names any of `ids`, one row per id
 * named, by tenant path and name. A holder being deleted has let go of what it held alone; a user
 * of a shared object keeps it until gone.
 */
async function usersNaming(db: Queryable, userKind: string, use: KindUse, ids: readonly string[], except: string | undefined): Promise<User[]> {
  const { rows } = await db.query<{ id: string; name: string; tenant_path: string; names: string }>(
    `SELECT r.id, r.name, t.path AS tenant_path, e.value AS names
       FROM resources r JOIN tenants t ON t.id = r.tenant_id, jsonb_array_elements_text(CASE jsonb_typeof(r.spec->$2) WHEN 'array' THEN r.spec->$2 WHEN 'string' THEN jsonb_build_array(r.spec->$2) ELSE '[]'::jsonb END) e
      WHERE r.kind = $1 AND r.id <> $3 AND e.value = ANY($4::text[])${use.exclusive ? ` AND r.status <> 'deleting'` : ''}
      ORDER BY t.path, r.name, e.value`,
    [userKind, use.field, except ?? '', ids],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, tenantPath: r.tenant_path, names: r.names }));
}

/** Why an id cannot be used: another object holds it alone (the same words for the 409 and the plan). */
export function heldReason(userKind: KindDescriptor, use: KindUse, id: string, holder: User): string {
  const target = nounOf(use.kind);
  const noun = userKind.model.noun;
  return (
    `${target} ${id} is already attached to ${noun} ${holder.tenantPath}/${holder.name} (${holder.id}): a ${target} is attached to at most one ${noun}; ` +
    `remove it from that ${noun}'s ${use.field} first (or delete that ${noun}: its ${use.field} are kept)`
  );
}

/** A change planned earlier in the same plan (for the checks that compare objects: uses here, overlapping ranges in the guardrails). */
export interface PlannedObject {
  readonly kind: string;
  readonly spec: Record<string, unknown>;
  readonly resourceId?: string;
}

/**
 * Ids of the spec's exclusive uses that a change planned before it in the same plan also names
 * (two new VMs listing one disk), leaving out the elements `already` reported.
 */
export function heldInPlan(
  userKind: KindDescriptor,
  spec: Record<string, unknown>,
  self: string | undefined,
  planned: readonly PlannedObject[],
  already: UseFindings['held'],
): { readonly use: KindUse; readonly path: ApiPath; readonly reason: string }[] {
  const found: { use: KindUse; path: ApiPath; reason: string }[] = [];
  for (const use of (userKind.uses ?? []).filter((u) => u.exclusive)) {
    const target = nounOf(use.kind);
    const noun = userKind.model.noun;
    const mine = entriesOf(use, spec);
    for (const p of planned) {
      if (p.kind !== userKind.name || (self !== undefined && p.resourceId === self)) continue;
      const theirs = usedIds(use, p.spec);
      for (const { id, path } of mine) {
        if (!theirs.includes(id) || already.some((h) => h.use === use && samePath(h.path, path))) continue;
        const who = `${noun} ${String(p.spec.name ?? p.resourceId ?? '')}`;
        found.push({ use, path, reason: `${target} ${id} is also in the ${use.field} of ${who}, planned in this same plan: a ${target} is attached to at most one ${noun}` });
      }
    }
  }
  return found;
}

/**
 * Who still uses the object (`kind`, `id`) or one of its sub-resources (a VPC's subnets): the
 * first use that someone holds, and those holding it; undefined when free to delete.
 */
export async function usersOf(db: Queryable, kind: string, id: string): Promise<{ readonly of: UseOf; readonly users: User[] } | undefined> {
  for (const of of usesOf(kind)) {
    let ids = [id];
    if (of.viaParent) {
      const child = KINDS[of.use.kind as KindName];
      ids = (await db.query<{ id: string }>(`SELECT id FROM resources WHERE kind = $1 AND spec->>$2 = $3`, [child.name, child.parent!.field, id])).rows.map((r) => r.id);
      if (ids.length === 0) continue;
    }
    const rows = await usersNaming(db, of.user.name, of.use, ids, undefined);
    const users = rows.filter((u, i) => rows.findIndex((v) => v.id === u.id) === i);
    if (users.length > 0) return { of, users };
  }
  return undefined;
}

/** The 409 detail of deleting `what` (`disk acme/data (dsk-...)`) while `users` use it. */
export function stillUsedReason(what: string, of: UseOf, users: readonly User[]): string {
  const { user, use } = of;
  const noun = user.model.noun;
  if (use.exclusive) {
    const names = users.map((h) => `${h.tenantPath}/${h.name} (${h.id})`).join(', ');
    return `${what} is attached to ${noun} ${names}; remove it from that ${noun}'s ${use.field} (or delete the ${noun}, which keeps it) first`;
  }
  const one = users.length === 1;
  const names = users.map((u) => `${u.tenantPath}/${u.name}`);
  return `${what} is still used by ${users.length} ${noun}${one ? '' : 's'} (${use.field}): ${names.join(', ')}; detach ${one ? 'it' : 'them'} (or delete ${one ? 'it' : 'them'}) first`;
}

/** The fields an object used alone shows its holder's id in (a disk's `attachedTo`; null while free). */
export async function holderFields(db: Queryable, kind: string, id: string): Promise<Record<string, string | null>> {
  const fields: Record<string, string | null> = {};
  for (const { user, use, viaParent } of usesOf(kind)) {
    if (!use.exclusive || viaParent) continue;
    fields[use.exclusive.shownAs] = (await usersNaming(db, user.name, use, [id], undefined))[0]?.id ?? null;
  }
  return fields;
}
