/**
 * Resources the service realizes with long-running operations (clusters, VMs, monitoring
 * stacks): create with an idempotency key, then wait until ready; update and wait; delete and
 * wait until gone; costs known at plan time; import by id or by path.
 *
 * What happens when things go wrong:
 * - the driver reports failure: the error names its reason; a failed create is kept in state
 *   (Terraform marks it tainted and replaces it next time);
 * - a timeout, an unreachable service or Ctrl-C while creating: nothing is written to state.
 *   The operation goes on in the service, and the next apply sends the same request with the
 *   same idempotency key, so it finds the same object instead of making a second one.
 *
 * Idempotency keys are the caller's (the service scopes them to the token) and live only until
 * the create is recorded: once the object is in state (ready, or failed and tainted) the provider
 * settles the key, so the same request later (a replacement with create_before_destroy, an
 * identical resource in another configuration) never gets this object back: it makes a new one
 * or meets the name conflict.
 */
import { createHash } from 'node:crypto';
import type { HikubeClient } from '../../client/client';
import { isStatus } from '../../client/errors';
import { Provisioned } from '../../client/types';
import { costOf, idPatternOf, KindDescriptor, namePartsOf, ROTATE, ROTATION_TRIGGERS, triggeredActions } from '../../model/kind';
import { suppliedWhileOff, versionOf } from '../../model/secrets';
import { KindName, KINDS } from '../../model/kinds';
import { apiNameOf, AttributeDef, isUpdatable, snakeCase } from '../../model/schema';
import { CtyValue, isUnknown, isWhollyKnown, UNKNOWN } from '../cty';
import { Diagnostics } from '../framework/diagnostics';
import { Context, ResourceDefinition, State } from '../framework/resource';
import { parseDuration } from './duration';
import { reportApiError } from './errors';
import { checkGuardrailsAtPlan, forgetPlanned, knownSpec, planKey } from './plan-checks';
import { replacesAt, reportRules, withDefaults } from './rules';
import { apiBody, stateFromApi } from './state';
import { retrying, sleep, waitFor, WaitOutcome } from './wait';

/** What the provider adds to a kind's descriptor (model/kind.ts) for this kind alone. */
export interface ProvisionedExtras {
  /** Checks of the configuration beyond the kind's rules (e.g. two Terraform attributes for one API field). */
  readonly validate?: (config: State, diags: Diagnostics) => void;
  /**
   * Creates that other creates of the same apply wait for (relations.ts): told when a create is
   * planned and when its POST has happened (or failed), by plan key.
   */
  readonly creates?: { planned(key: string): void; posted(key: string): void };
  /** The object once ready, read again after what it depends on in this apply has landed. */
  readonly whenReady?: (ctx: Context<HikubeClient>, object: Provisioned) => Promise<Provisioned>;
}

type Operation = 'create' | 'update' | 'delete';

/** How long a parent's delete waits for sub-resources being deleted in the same apply. */
const SUB_RESOURCE_GRACE_MS = 30_000;

const title = (s: string) => s.replace(/(^|\s)\w/g, (c) => c.toUpperCase());

/** Same resource type and request: same key, across processes and retries. */
export function idempotencyKey(typeName: string, body: unknown): string {
  return createHash('sha256').update(typeName).update('\0').update(JSON.stringify(body)).digest('hex');
}

export function provisionedResource(kind: KindDescriptor<KindName>, extras: ProvisionedExtras = {}): ResourceDefinition<HikubeClient> {
  const { model } = kind;
  const idPattern = idPatternOf(kind.idPrefix);
  const attrs = model.attributes;
  const noun = model.noun;
  const guardKind = kind.name;
  const configurable = (def: AttributeDef) => Boolean(def.required || def.optional);
  const toState = (obj: Provisioned, reference: State | null) => withoutCredentials(stateFromApi(attrs, obj as unknown as Record<string, unknown>, reference));

  /** Credentials out of state when the user said so (they read them through an ephemeral resource). */
  function withoutCredentials(state: State): State {
    const c = kind.credentials;
    if (!c || state[c.toggle] !== false) return state;
    return c.attributes.reduce<State>((s, a) => nulled(s, a.split('.')) as State, state);
  }

  function deadline(state: State, op: Operation): number {
    const configured = (state.timeouts as Record<string, unknown> | null)?.[op];
    const text = typeof configured === 'string' ? configured : kind.timeouts[op];
    return Date.now() + (parseDuration(text) ?? parseDuration(kind.timeouts[op])!);
  }

  function describe(state: State): string {
    return state.name ? `${noun} ${JSON.stringify(state.name)}` : `${noun} ${state.id ?? ''}`.trim();
  }

  /** Turns a wait that did not reach its goal into a diagnostic; returns the object for state when there is one worth keeping. */
  function reportWait(ctx: Context<HikubeClient>, outcome: WaitOutcome<Provisioned>, op: Operation, what: string, limit: string): void {
    switch (outcome.kind) {
      case 'failed':
        ctx.diags.error(
          `${title(noun)} ${op === 'create' ? 'Creation' : op === 'update' ? 'Update' : 'Deletion'} Failed`,
          `The Hikube service could not ${op} ${what}: ${outcome.object.statusReason ?? 'no reason given'}.` +
            (op === 'create' ? `\n\nThe failed ${noun} is kept in state as tainted: the next apply replaces it.` : ''),
        );
        return;
      case 'timeout':
        ctx.diags.error(
          `Timed Out Waiting for ${title(noun)}`,
          `${title(what)} was still ${outcome.object?.status ?? 'unreachable'} after ${limit}` +
            (outcome.lastError ? ` (last error: ${outcome.lastError.message})` : '') +
            `. The operation goes on in the service; run terraform apply again to keep waiting, or raise \`timeouts.${op}\`.` +
            (op === 'create' ? ` The same request finds the same ${noun}: no duplicate is made.` : ''),
        );
        return;
      case 'stopped':
        ctx.diags.error('Interrupted', `Terraform was interrupted while waiting for ${what}; the operation goes on in the service. Run terraform apply again to pick it up.`);
        return;
      case 'gone':
        ctx.diags.error(`${title(noun)} Disappeared`, `${title(what)} was deleted while Terraform waited for it.`);
        return;
      case 'ready':
        return;
    }
  }

  function limitOf(state: State, op: Operation): string {
    const configured = (state.timeouts as Record<string, unknown> | null)?.[op];
    return typeof configured === 'string' ? configured : kind.timeouts[op];
  }

  /** The object goes into state now: its create's key must never hand it to another create. */
  async function settle(ctx: Context<HikubeClient>, id: string, until: number): Promise<void> {
    try {
      await retrying(ctx, `settle the create of ${id}`, Math.max(until, Date.now() + 5_000), () => ctx.client.settleCreate(model.collection, id));
    } catch (err) {
      ctx.log.warn('could not settle the idempotency key; it expires with the object', { id, error: (err as Error).message });
    }
  }

  async function findByPath(ctx: Context<HikubeClient>, key: string): Promise<Provisioned | undefined> {
    const parts = key.split('/').filter(Boolean);
    const names = namePartsOf(kind);
    const tenantPath = parts.slice(0, parts.length - names).join('/');
    const name = names === 0 ? undefined : parts.slice(parts.length - names).join('/');
    if (!tenantPath) return undefined;
    const tenant = await ctx.client.getTenantByPath(tenantPath);
    const { items } = await ctx.client.listResources<Provisioned>(model.collection, { tenantId: tenant.id, name });
    return items[0];
  }

  /**
   * Write-only values come from the configuration (never from plan or state): all of them on
   * create, on update those whose `<name>_version` changed.
   */
  function writeOnlyBody(config: State, prior: State | null, planned: State): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(attrs)) {
      if (!def.writeOnly) continue;
      const version = `${name}_version`;
      // A supplied secret goes again when the setting it exists under turns on (Redis's auth_enabled): the service would generate one otherwise.
      const enabled = kind.secrets?.generated.find((g) => g.suppliedBy === name)?.enabledBy;
      const turnedOn = prior !== null && enabled !== undefined && planned[enabled] === true && prior[enabled] === false && config[name] !== null && config[name] !== undefined;
      const send = prior === null ? config[name] !== null && config[name] !== undefined : turnedOn || (version in attrs && JSON.stringify(planned[version]) !== JSON.stringify(prior[version]));
      if (send) body[apiNameOf(name, def)] = config[name] ?? null;
    }
    return body;
  }

  const secrets = kind.secrets;
  const actions = triggeredActions(kind);
  /** The actions this update asks for: their trigger map changed (never at create, never as a side effect). */
  const triggered = (planned: State, prior: State) => actions.filter((a) => !isUnknown(planned[a.trigger]) && JSON.stringify(planned[a.trigger] ?? null) !== JSON.stringify(prior[a.trigger] ?? null));

  /**
   * What state keeps of the generated secrets, which the service shows only once: those of the
   * create's or a rotation's answer (`answer`), none once the user supplied one (its write-only
   * attribute was sent), else the ones already in state.
   */
  function secretsReference(planned: State, prior: State | null, sent: Record<string, unknown>, answer?: Provisioned, updated?: Provisioned): State {
    const reference: State = { ...planned };
    for (const s of secrets?.generated ?? []) {
      // The secret, and the value holding it (`embeddedIn`: a VPN user's access URL), shown together.
      const secretField = apiNameOf(s.attribute, attrs[s.attribute]);
      for (const attribute of [s.attribute, ...(s.embeddedIn ? [s.embeddedIn.attribute] : [])]) {
        const field = apiNameOf(attribute, attrs[attribute]);
        // Turned on by this update (`enabledBy`): the new secret is in the update's answer alone.
        const fresh = (updated as unknown as Record<string, unknown> | undefined)?.[field];
        if (answer || !prior) reference[attribute] = (answer as unknown as Record<string, unknown> | undefined)?.[field] ?? null;
        else if (s.enabledBy && planned[s.enabledBy] === false) reference[attribute] = null;
        else if (typeof fresh === 'string') reference[attribute] = fresh;
        else if (s.suppliedBy && typeof sent[secretField] === 'string') reference[attribute] = null;
        else reference[attribute] = prior[attribute];
      }
    }
    return reference;
  }

  /**
   * The generated secrets a create's answer should have shown and did not: a replayed create (its
   * first answer lost) shows none. Not those the user supplied, nor those switched off (`enabledBy`).
   */
  function secretsNotReceived(planned: State, sent: Record<string, unknown>, reference: State): string[] {
    if (!secrets?.rotatable) return [];
    return secrets.generated
      .filter((s) => reference[s.attribute] === null || reference[s.attribute] === undefined)
      .filter((s) => !(s.suppliedBy && typeof sent[apiNameOf(s.suppliedBy, attrs[s.suppliedBy])] === 'string'))
      .filter((s) => !(s.enabledBy && planned[s.enabledBy] === false))
      .map((s) => s.what);
  }

  /**
   * A new sub-resource's tenant is its parent's, known once the parent exists: read it, so the
   * plan judges it too (a subnet overlapping another of its VPC). Unknown otherwise: apply checks.
   */
  const parentTenant = async (ctx: Context<HikubeClient>, planned: State): Promise<string | undefined> => {
    const parentId = kind.parent ? planned[snakeCase(kind.parent.field)] : undefined;
    if (!kind.parent || typeof parentId !== 'string') return undefined;
    try {
      // Batched: Terraform plans siblings concurrently, and their parents are read in one list request.
      const parent = await ctx.client.findResource<Provisioned & { tenantId?: unknown }>(KINDS[kind.parent.kind as KindName].model.collection, parentId);
      return typeof parent?.tenantId === 'string' ? parent.tenantId : undefined;
    } catch {
      return undefined; // a missing parent is the create's error to report
    }
  };

  return {
    model,
    validate(config, diags) {
      extras.validate?.(config, diags);
      // A supplied secret is the user's to change (its `_version`): nothing to rotate.
      for (const s of secrets?.rotatable ? secrets.generated : []) {
        if (s.suppliedBy && config[s.suppliedBy] !== null && config[s.suppliedBy] !== undefined && config[ROTATION_TRIGGERS] !== null && config[ROTATION_TRIGGERS] !== undefined) {
          diags.error(
            'Conflicting Secret Settings',
            `${ROTATION_TRIGGERS} rotates a generated ${s.attribute}; with ${s.suppliedBy} you set it yourself. Remove ${ROTATION_TRIGGERS}, and change ${versionOf(s.suppliedBy)} to send a new ${s.suppliedBy}.`,
            [ROTATION_TRIGGERS],
          );
        }
      }
      reportRules(diags, attrs, kind.rules(knownSpec(attrs, withDefaults(attrs, config))));
      reportRules(
        diags,
        attrs,
        suppliedWhileOff(
          secrets,
          (s) => typeof config[s.suppliedBy!] === 'string',
          (s) => config[s.enabledBy!] === false,
        ),
      );
    },
    upgraders: kind.stateUpgraders,

    async modifyPlan(ctx, planned, prior) {
      if (kind.credentials && planned[kind.credentials.toggle] === false) Object.assign(planned, withoutCredentials(planned));
      // Known at plan time whenever its inputs are: `terraform plan` shows what a change costs.
      const cost = costOf(kind);
      if (cost) {
        const known = cost.inputs.every((name) => isWhollyKnown(planned[name] as CtyValue));
        planned.monthly_cost_estimate = known ? cost.monthly(apiBody(attrs, planned, configurable)) : UNKNOWN;
      }
      // Policies and quotas fail the plan, not the apply (once the tenant is known).
      // An unchanged object is not re-judged: a policy tightened since then must not block unrelated plans.
      // A stack about to be created: tenant creates of this apply wait for its POST (relations.ts).
      if (extras.creates && prior === null && typeof planned.tenant_id === 'string') extras.creates.planned(planKey(guardKind, planned));
      const spec = knownSpec(attrs, planned);
      const priorSpec = prior && knownSpec(attrs, prior);
      const unchanged = priorSpec !== null && JSON.stringify(spec) === JSON.stringify(priorSpec);
      // The kind's rules about changes (disks never shrink) fail the plan, not the apply; what Terraform replaces is no change.
      if (priorSpec && !unchanged)
        reportRules(
          ctx.diags,
          attrs,
          kind.rules(spec, priorSpec).filter((p) => !replacesAt(attrs, p.path)),
        );
      const tenantId = unchanged ? undefined : typeof planned.tenant_id === 'string' ? planned.tenant_id : await parentTenant(ctx, planned);
      if (tenantId) {
        await checkGuardrailsAtPlan(ctx, attrs, { kind: guardKind, tenantId, spec, ...(prior?.id ? { resourceId: String(prior.id) } : {}) }, planKey(guardKind, prior ?? planned));
      }
    },

    async create(ctx, planned, config) {
      forgetPlanned(ctx.client, guardKind, planned);
      const body = { ...apiBody(attrs, planned, configurable), ...writeOnlyBody(config, null, planned) };
      const what = describe(planned);
      const until = deadline(planned, 'create');
      let created: Provisioned;
      try {
        const post = retrying(ctx, `create ${what}`, until, () => ctx.client.createResource<Provisioned>(model.collection, body, idempotencyKey(model.typeName, body)));
        created = await post.finally(() => extras.creates?.posted(planKey(guardKind, planned)));
      } catch (err) {
        if (isStatus(err, 409)) {
          ctx.diags.error(
            `${title(noun)} Already Exists`,
            `Could not create ${what}: ${err.problem.detail ?? err.problem.title}.\n\n` +
              `Another ${noun} holds this name, and the provider never takes over an object it did not create. ` +
              'If it belongs to this configuration, import it (terraform import); if this is a replacement with ' +
              '`create_before_destroy`, give the new one its own name (the old one keeps the name until it is destroyed).',
            attrs.name ? ['name'] : ['tenant_id'],
          );
          return undefined;
        }
        reportApiError(ctx.diags, err, `create ${what}`, attrs);
        return undefined;
      }
      ctx.log.info('waiting for the service to create it', { type: model.typeName, id: created.id });
      // Generated secrets are in this answer alone (an idempotent replay has none: rotated below).
      let reference = secretsReference(planned, null, body, created);
      let outcome = await waitFor<Provisioned>(ctx, model.collection, created.id, 'ready', until);
      const unseen = outcome.kind === 'ready' ? secretsNotReceived(planned, body, reference) : [];
      if (unseen.length > 0) {
        // The first answer to this create was lost (a retry, or an apply after an interrupted one), and
        // with it the secrets the service shows once: rotate them once, so that state holds ones that work.
        try {
          const rotated = await ctx.client.actOn<Provisioned>(model.collection, created.id, ROTATE.name);
          reference = secretsReference(planned, null, body, rotated);
          outcome = await waitFor<Provisioned>(ctx, model.collection, created.id, 'ready', until);
          ctx.diags.warning(
            'Generated Secret Rotated',
            `The first answer to the create of ${what} did not reach the provider, and the ${unseen.join(' and ')} it alone showed went with it. ` +
              `They were rotated once, so that state holds ${unseen.length > 1 ? 'ones' : 'one'} that work${unseen.length > 1 ? '' : 's'}; nothing else changed.`,
          );
        } catch (err) {
          reportApiError(ctx.diags, err, `rotate the secrets of ${what} (its create's answer, which showed them, was lost)`, attrs);
          return undefined;
        }
      }
      if (outcome.kind === 'ready') {
        await settle(ctx, created.id, until);
        return toState(extras.whenReady ? await extras.whenReady(ctx, outcome.object) : outcome.object, reference);
      }
      reportWait(ctx, outcome, 'create', what, limitOf(planned, 'create'));
      if (outcome.kind !== 'failed') return undefined; // not in state: the next apply picks it up by its key
      await settle(ctx, created.id, until);
      return toState(outcome.object, reference);
    },

    async read(ctx, state) {
      try {
        const found = await ctx.client.findResource<Provisioned>(model.collection, String(state.id));
        if (found) return toState(found, state);
        ctx.log.warn(`${noun} no longer exists; removing it from state`, { id: state.id });
        return null;
      } catch (err) {
        reportApiError(ctx.diags, err, `read ${describe(state)}`, attrs);
        return undefined;
      }
    },

    async update(ctx, planned, prior, config) {
      forgetPlanned(ctx.client, guardKind, prior);
      const changed = (def: AttributeDef, name: string) => isUpdatable(def) && !isUnknown(planned[name]) && JSON.stringify(planned[name]) !== JSON.stringify(prior[name]);
      const patch = { ...apiBody(attrs, planned, changed), ...writeOnlyBody(config, prior, planned) };
      const what = describe(prior);
      const until = deadline(planned, 'update');
      let updated: Provisioned | undefined;
      if (Object.keys(patch).length > 0) {
        try {
          updated = await retrying(ctx, `update ${what}`, until, () => ctx.client.updateResource<Provisioned>(model.collection, String(prior.id), patch));
        } catch (err) {
          reportApiError(ctx.diags, err, `update ${what}`, attrs);
          return undefined;
        }
      }
      let rotated: Provisioned | undefined;
      // Dropping rotation_triggers to supply the secret write-only in the same apply sets it, never rotates it away.
      const supplying = (secrets?.generated ?? []).some((s) => s.suppliedBy && config[s.suppliedBy] !== null && config[s.suppliedBy] !== undefined);
      for (const action of triggered(planned, prior).filter((a) => !(a === ROTATE && supplying))) {
        // Not retried: a second call would act twice (a second rotation would replace the secret this one answered with).
        try {
          const answer = await ctx.client.actOn<Provisioned>(model.collection, String(prior.id), action.name);
          if (action === ROTATE) rotated = answer;
        } catch (err) {
          reportApiError(ctx.diags, err, action === ROTATE ? `rotate the secrets of ${what}` : `${action.name} ${what}`, attrs);
          return undefined;
        }
      }
      const reference = secretsReference(planned, prior, patch, rotated, updated);
      const outcome = await waitFor<Provisioned>(ctx, model.collection, String(prior.id), 'ready', until);
      if (outcome.kind === 'ready') return toState(outcome.object, reference);
      reportWait(ctx, outcome, 'update', what, limitOf(planned, 'update'));
      // The new secret works once the back-end has it; state must know it whatever happens next.
      return rotated ? toState(outcome.kind === 'failed' ? outcome.object : rotated, reference) : undefined;
    },

    async delete(ctx, prior) {
      forgetPlanned(ctx.client, guardKind, prior);
      const what = describe(prior);
      const until = deadline(prior, 'delete');
      // Sub-resources normally go first (they reference their parent); one whose dependency is
      // not in state (just imported) may be deleted alongside: its parent waits a little for it.
      // The same for a sub-resource another one still names (a database in a user's `databases`).
      const childrenGrace = Math.min(until, Date.now() + SUB_RESOURCE_GRACE_MS);
      const waitable = (type: string) => [`/${kind.label}-has-sub-resources`, `/${kind.label}-in-use`].some((suffix) => type.endsWith(suffix));
      for (;;) {
        try {
          await retrying(ctx, `delete ${what}`, until, () => ctx.client.deleteResource(model.collection, String(prior.id)));
          break;
        } catch (err) {
          if (isStatus(err, 404)) return;
          if (isStatus(err, 409) && waitable(err.problem.type) && Date.now() < childrenGrace && !ctx.signal.aborted) {
            await sleep(1000, ctx.signal);
            continue;
          }
          reportApiError(ctx.diags, err, `delete ${what}`, attrs);
          return;
        }
      }
      const outcome = await waitFor<Provisioned>(ctx, model.collection, String(prior.id), 'gone', until);
      if (outcome.kind !== 'gone') reportWait(ctx, outcome, 'delete', what, limitOf(prior, 'delete'));
    },

    async importState(ctx, key) {
      const byId = idPattern.test(key);
      try {
        const found = byId ? await ctx.client.getResource<Provisioned>(model.collection, key) : await findByPath(ctx, key);
        if (found) return toState(found, null);
      } catch (err) {
        if (!isStatus(err, 404)) {
          reportApiError(ctx.diags, err, `import ${noun} ${JSON.stringify(key)}`, attrs);
          return undefined;
        }
      }
      const form = {
        'tenant-path': 'a tenant path such as acme/production',
        'tenant-path/name': 'a tenant path and name such as acme/production/web',
        'tenant-path/parent/name': `a tenant path, the ${noun}'s parent and its name such as ${kind.docs.imported.path}`,
      }[kind.importBy];
      ctx.diags.error(`${title(noun)} Not Found`, `No ${noun} ${JSON.stringify(key)} exists (or this token cannot see it). Import takes an id or ${form}.`);
      return undefined;
    },
  };
}

/** `value` with what `path` names set to null (`*`: every element of a map); unknowns are left alone. */
function nulled(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return null;
  if (value === null || value === undefined || isUnknown(value) || typeof value !== 'object') return value;
  const [head, ...rest] = path;
  if (head === '*') return Object.fromEntries(Object.entries(value as State).map(([k, v]) => [k, nulled(v, rest)]));
  return { ...(value as State), [head]: nulled((value as State)[head], rest) };
}
