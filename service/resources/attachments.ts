/**
 * Objects one object uses and holds alone (a VM's standalone `disks`: the descriptor's
 * `attaches`). The rule lives here once, for the lifecycle (create, update, delete, answers)
 * and for /v1/validate, so that a plan and an apply refuse the same second attachment.
 */
import type { FieldError } from '../../model/api/types';
import { KindDescriptor, specList } from '../../model/kind';
import { KIND_LIST, KindName, KINDS } from '../../model/kinds';
import { fieldError } from '../http/problem';
import { Queryable } from '../store/store';

type Attaches = NonNullable<KindDescriptor['attaches']>;

/** Another object holding one of the ids. */
export interface Holder {
  readonly id: string;
  readonly name: string;
  readonly tenantPath: string;
  /** The attached object's id it holds. */
  readonly holds: string;
}

/** What an attachment request asks for: refused ids (400) and ids held by another object (409). */
export interface AttachmentFindings {
  readonly invalid: FieldError[];
  readonly held: { readonly index: number; readonly holder: Holder }[];
}

export const attachedIds = (a: Attaches, spec: Record<string, unknown>): string[] => specList(spec[a.field]).filter((x): x is string => typeof x === 'string');

/**
 * Judges the ids the spec attaches, in `tenantId`: each must be an object of the attached kind in
 * that tenant and not being deleted, and held by no object but `self`. `lock` (in a write's
 * transaction) locks the attached rows, so two attachments of one disk are serialized.
 */
export async function judgeAttachments(
  db: Queryable,
  holderKind: KindDescriptor,
  spec: Record<string, unknown>,
  tenantId: string,
  self: string | undefined,
  lock: boolean,
): Promise<AttachmentFindings> {
  const a = holderKind.attaches;
  const ids = a ? attachedIds(a, spec) : [];
  if (!a || ids.length === 0) return { invalid: [], held: [] };
  const target = KINDS[a.kind as KindName];
  const { rows } = await db.query<{ id: string; tenant_id: string; status: string }>(
    `SELECT id, tenant_id, status FROM resources WHERE kind = $1 AND id = ANY($2::text[]) ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
    [a.kind, ids],
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  const invalid: FieldError[] = [];
  ids.forEach((id, i) => {
    const row = found.get(id);
    if (!row || row.tenant_id !== tenantId)
      invalid.push(fieldError([a.field, i], `names no ${target.model.noun} of this tenant (${id}): create it in the same tenant first, and reference its resource`));
    else if (row.status === 'deleting') invalid.push(fieldError([a.field, i], `${target.model.noun} ${id} is being deleted: it cannot be attached`));
  });
  const holders = await holdersOf(db, a, holderKind.name, ids, self);
  const held = holders.map((holder) => ({ index: ids.indexOf(holder.holds), holder }));
  return { invalid, held };
}

/** Objects of `holderKind` (not being deleted, other than `self`) that hold any of `ids`, one row per id held. */
async function holdersOf(db: Queryable, a: Attaches, holderKind: string, ids: readonly string[], self: string | undefined): Promise<Holder[]> {
  const { rows } = await db.query<{ id: string; name: string; tenant_path: string; holds: string }>(
    `SELECT r.id, r.name, t.path AS tenant_path, e.value AS holds
       FROM resources r JOIN tenants t ON t.id = r.tenant_id, jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.spec->$2) = 'array' THEN r.spec->$2 ELSE '[]'::jsonb END) e
      WHERE r.kind = $1 AND r.status <> 'deleting' AND r.id <> $3 AND e.value = ANY($4::text[])
      ORDER BY e.value, r.id`,
    [holderKind, a.field, self ?? '', ids],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, tenantPath: r.tenant_path, holds: r.holds }));
}

/** Why an id cannot be attached: it is another object's (the same words for the 409 and the plan). */
export function heldReason(holderKind: KindDescriptor, id: string, holder: Holder): string {
  const a = holderKind.attaches!;
  const target = KINDS[a.kind as KindName].model.noun;
  return (
    `${target} ${id} is already attached to ${holderKind.model.noun} ${holder.tenantPath}/${holder.name} (${holder.id}): a ${target} is attached to at most one ${holderKind.model.noun}; ` +
    `remove it from that ${holderKind.model.noun}'s ${a.field} first (or delete that ${holderKind.model.noun}: its ${a.field} are kept)`
  );
}

/** The kind whose objects attach objects of `kind` (VMs, for disks), if any. */
function attacherOf(kind: string): (KindDescriptor & { attaches: Attaches }) | undefined {
  return KIND_LIST.find((k) => k.attaches?.kind === kind) as (KindDescriptor & { attaches: Attaches }) | undefined;
}

/** Who holds this object (at most one, unless the data says otherwise), when a kind attaches its kind. */
export async function holdersOfObject(db: Queryable, kind: string, id: string): Promise<{ holderKind: KindDescriptor & { attaches: Attaches }; holders: Holder[] } | undefined> {
  const holderKind = attacherOf(kind);
  return holderKind && { holderKind, holders: await holdersOf(db, holderKind.attaches, holderKind.name, [id], undefined) };
}

/** The field an attached object's answers show its holder's id in (`attachedTo`), for a kind that can be attached. */
export async function holderField(db: Queryable, kind: string, id: string): Promise<Record<string, string | null>> {
  const found = await holdersOfObject(db, kind, id);
  return found ? { [found.holderKind.attaches.shownAs]: found.holders[0]?.id ?? null } : {};
}
