/** list, get, create, update and delete: the same five verbs for every kind. */
import { byText } from '../order';
import { CliError, EXIT, usageError } from '../errors';
import { apiNameOf, isUpdatable } from '../../model/schema';
import { CliKind, Item, parentKindOf, settableAttributes } from '../kinds';
import { printItems } from '../output';
import { Session } from '../session';
import { applySet, createExampleOf, fieldsFromFlags, readSpecFile, specFlags } from '../spec-flags';
import { waitFor } from '../wait';

export interface VerbOptions {
  readonly tenant?: string;
  readonly set?: string[];
  readonly file?: string;
  readonly [flag: string]: unknown;
}

export async function list(session: Session, kind: CliKind, options: VerbOptions): Promise<void> {
  // Tenants come with the render context (their paths): one request, not two.
  const [ctx, all] = await Promise.all([
    session.renderContext(kind),
    kind.command === 'tenants' ? (session.tenants() as Promise<unknown> as Promise<Item[]>) : session.listAll<Item>(kind.model.collection),
  ]);
  let items = all;
  if (options.tenant) {
    // The tenant and its whole subtree, as a bill or an admin's view of it would count.
    const tenant = await session.tenant(options.tenant);
    const inside = (id: unknown) => {
      const p = ctx.tenantPaths.get(String(id));
      return p !== undefined && (p === tenant.path || p.startsWith(`${tenant.path}/`));
    };
    items = items.filter((i) => (kind.command === 'tenants' ? inside(i.id) : inside(i[kind.tenantField ?? 'tenantId'])));
  }
  const parentRef = kind.parent && (options[kind.parent.key] as string | undefined);
  if (kind.parent && parentRef) {
    const parent = await session.find(parentKindOf(kind), parentRef);
    items = items.filter((i) => i[kind.parent!.field] === parent.id);
  }
  items.sort((a, b) => byText(kind.refOf(a, ctx), kind.refOf(b, ctx)));
  await printItems(kind, items, session.format, ctx, session.out);
}

export async function get(session: Session, kind: CliKind, ref: string, options: VerbOptions): Promise<void> {
  let item = await session.find(kind, ref, options.tenant);
  const ctx = await session.renderContext(kind);
  if (kind.provisioned && options.wait === true && item.status !== 'ready') {
    item = (await waitFor(session, kind, item, 'ready', kind.refOf(item, ctx)))!;
  }
  await printItems(kind, [item], session.format, ctx, session.out, true);
}

/** The body of a create or update: -f FILE, then the flags, then each --set. */
async function specOf(kind: CliKind, verb: 'create' | 'update', options: VerbOptions, base: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const spec: Record<string, unknown> = { ...base, ...(options.file ? await readSpecFile(options.file) : {}) };
  Object.assign(spec, fieldsFromFlags(specFlags(kind, verb), options));
  for (const s of options.set ?? []) applySet(spec, s);
  return spec;
}

/**
 * The waited-for object with what the first answer alone showed (a generated password, a key:
 * `returnedOnce`): the service never shows it again, so waiting must not lose it.
 */
function keepShownOnce(kind: CliKind, answer: Item, waited: Item): Item {
  const once = Object.entries(kind.model.attributes)
    .filter(([, def]) => def.returnedOnce)
    .map(([n, def]) => apiNameOf(n, def));
  return { ...waited, ...Object.fromEntries(once.filter((f) => answer[f] != null).map((f) => [f, answer[f]])) };
}

export async function create(session: Session, kind: CliKind, name: string | undefined, options: VerbOptions): Promise<void> {
  const spec = await specOf(kind, 'create', options);
  if (kind.command === 'tenants') {
    if (!name) throw usageError('PATH is required (fix: hikube tenants create acme/production/team-c)');
    const slash = name.lastIndexOf('/');
    if (slash >= 0) spec.parentId = (await session.tenant(name.slice(0, slash))).id;
    spec.name = name.slice(slash + 1);
  } else {
    if (kind.nameField) {
      if (!name) throw usageError(`${kind.nameField.toUpperCase()} is required (fix: ${createExampleOf(kind)})`);
      spec[kind.nameField] = name;
    } else if (name) {
      throw usageError(`unexpected argument ${name}: a ${kind.noun} has no name (fix: ${createExampleOf(kind)})`);
    }
    if (kind.createInTenant) {
      if (!options.tenant) throw usageError(`--tenant is required (fix: ${createExampleOf(kind)})`);
      spec.tenantId = (await session.tenant(options.tenant)).id;
    }
    if (kind.parent) {
      // A sub-resource goes where its parent is: the parent by reference (or its id, raw), never a tenant.
      const parentRef = options[kind.parent.key] as string | undefined;
      if (parentRef) spec[kind.parent.field] = (await session.find(parentKindOf(kind), parentRef)).id;
      if (spec[kind.parent.field] === undefined) throw usageError(`${kind.parent.flag} is required: the ${parentKindOf(kind).noun} it belongs to (fix: ${createExampleOf(kind)})`);
    }
  }
  let item = await session.client.request<Item>('POST', kind.model.collection, spec);
  const ctx = await session.renderContext(kind);
  if (kind.provisioned && session.wait) item = keepShownOnce(kind, item, (await waitFor(session, kind, item, 'ready', kind.refOf(item, ctx)))!);
  if (typeof item.secret === 'string' && (session.format === 'table' || session.format === 'wide')) {
    // The only time the service shows a token's secret: print it alone, on stdout, once.
    process.stderr.write(
      `Created ${kind.noun} ${String(item.id)} (${String(item.role)} on ${ctx.tenantPaths.get(String(item.tenantId)) ?? String(item.tenantId)}). Its secret, shown only this once:\n`,
    );
    process.stdout.write(`${item.secret}\n`);
    return;
  }
  await printItems(kind, [item], session.format, ctx, session.out, true);
}

export async function update(session: Session, kind: CliKind, ref: string, options: VerbOptions): Promise<void> {
  if (!settableAttributes(kind.model).some(([, def]) => isUpdatable(def))) {
    throw new CliError(`${kind.noun}s cannot be changed (fix: hikube ${kind.command} create a new one, then hikube ${kind.command} delete ${ref})`, EXIT.usage);
  }
  const current = await session.find(kind, ref, options.tenant);
  const desired = await specOf(kind, 'update', options, structuredClone(current));
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(desired)) if (JSON.stringify(v) !== JSON.stringify(current[k])) patch[k] = v;
  const ctx = await session.renderContext(kind);
  const refText = kind.refOf(current, ctx);
  if (Object.keys(patch).length === 0) {
    process.stderr.write(`${kind.noun} ${refText}: nothing to change\n`);
    await printItems(kind, [current], session.format, ctx, session.out, true);
    return;
  }
  let item = await session.client.request<Item>('PATCH', `${kind.model.collection}/${String(current.id)}`, patch);
  if (kind.provisioned && session.wait) item = keepShownOnce(kind, item, (await waitFor(session, kind, item, 'ready', refText))!);
  await printItems(kind, [item], session.format, ctx, session.out, true);
}

export async function remove(session: Session, kind: CliKind, ref: string, options: VerbOptions): Promise<void> {
  const current = await session.find(kind, ref, options.tenant);
  const ctx = await session.renderContext(kind);
  const refText = kind.refOf(current, ctx);
  await session.client.request('DELETE', `${kind.model.collection}/${String(current.id)}`);
  if (kind.provisioned && session.wait) {
    await waitFor(session, kind, { ...current, status: 'deleting' }, 'gone', refText);
    return;
  }
  const verb = kind.command === 'tokens' ? 'revoked' : kind.provisioned ? 'deleting' : 'deleted';
  if (session.format === 'name') process.stdout.write(`${refText}\n`);
  else process.stderr.write(`${kind.noun} ${refText} ${verb}\n`);
}
