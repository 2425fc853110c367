/**
 * Policy, quota and permission checks at `terraform plan`: the planned values go to the
 * service's POST /v1/validate, which runs the very checks of a real create or update without
 * writing. Problems become errors on the attribute to blame, so the plan fails.
 *
 * Over the whole plan: every planned change passes through this one provider process, so the
 * checks of one event-loop turn go to the service as one batch, and every change accepted
 * earlier in the process is sent along as context: three VMs against a quota of two fail at
 * the third, at plan time. A change leaves the context when it is applied (the service then
 * counts it for real). Values still unknown are left out (apply checks everything); a service
 * that cannot be reached only warns, since apply checks again. Destroys are never judged.
 */
import type { HikubeClient } from '../../client/client';
import { ApiError } from '../../client/errors';
import type { ValidationAnswer, ValidationRequest } from '../../client/types';
import { HELD_POLICY, REFERENCE_POLICY } from '../../model/guardrails';
import { KindName, KINDS } from '../../model/kinds';
import { AttributeDef, snakeCase } from '../../model/schema';
import { CtyValue, isWhollyKnown } from '../cty';
import { AttributePath } from '../framework/diagnostics';
import { Context, State } from '../framework/resource';
import { terraformIsDestroying } from '../framework/terraform-command';
import { IDENTITY_ATTRIBUTES } from './errors';
import { apiBody, tfPathOf } from './state';

/** The configurable planned values that are wholly known, in API JSON. */
export function knownSpec(attributes: Readonly<Record<string, AttributeDef>>, planned: State): Record<string, unknown> {
  return apiBody(attributes, planned, (def, name) => Boolean(def.required || def.optional) && isWhollyKnown(planned[name] as CtyValue));
}

type Verdict = ValidationAnswer & { readonly error?: { status: number; title: string; detail: string } };

/** One process's view of the plan: accepted changes (the context) and the batch being gathered. */
class PlanJudge {
  private readonly accepted = new Map<string, ValidationRequest>();
  private waiting: { key: string; request: ValidationRequest; resolve: (v: Verdict) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly client: HikubeClient) {}

  judge(key: string, request: ValidationRequest): Promise<Verdict> {
    this.accepted.delete(key); // planned again (the apply's final plan): judged anew, not counted twice
    return new Promise((resolve, reject) => {
      this.waiting.push({ key, request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.last = this.last.then(() => this.send());
        });
      }
    });
  }

  forget(key: string): void {
    this.accepted.delete(key);
  }

  /**
   * Batches go one after another, so each one's context holds everything accepted before it;
   * what arrives while one is in flight goes together in the next.
   */
  private async send(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    try {
      const { results } = await this.client.validateBatch({ requests: batch.map((b) => b.request), context: [...this.accepted.values()] });
      batch.forEach((b, i) => {
        const verdict = results[i] ?? { problems: [] };
        if (!verdict.error && verdict.problems.length === 0) this.accepted.set(b.key, b.request);
        b.resolve(verdict);
      });
    } catch (err) {
      batch.forEach((b) => b.reject(err));
    }
  }
}

const judges = new WeakMap<HikubeClient, PlanJudge>();

function judgeOf(client: HikubeClient): PlanJudge {
  let j = judges.get(client);
  if (!j) judges.set(client, (j = new PlanJudge(client)));
  return j;
}

/** Names a planned change across plan and apply: its id once it has one, else kind, owner and name. */
export function planKey(kind: string, state: State): string {
  if (typeof state.id === 'string') return `id:${state.id}`;
  // A sub-resource's tenant is unknown until created: its parent's id (`vpc_id`) names its owner then.
  const owner = [
    state.tenant_id,
    state.parent_id,
    ...Object.entries(state)
      .filter(([k]) => k.endsWith('_id'))
      .map(([, v]) => v),
  ].find((v) => typeof v === 'string');
  return `${kind}:${String(owner ?? '')}:${String(state.name ?? '')}`;
}

/** The change is being applied: from now on the service counts it, the plan's context must not. */
export function forgetPlanned(client: HikubeClient, kind: string, state: State | null): void {
  if (state) judgeOf(client).forget(planKey(kind, state));
}

/** Whether a field holds ids of objects the kind uses (a VM's subnets, a cluster's backup bucket): a problem there is a bad reference, not a network's. */
function isUsesField(kind: ValidationRequest['kind'], path: readonly (string | number)[]): boolean {
  return kind !== 'tenant' && (KINDS[kind as KindName].uses ?? []).some((u) => u.field === path[0]);
}

export async function checkGuardrailsAtPlan(ctx: Context<HikubeClient>, attributes: Readonly<Record<string, AttributeDef>>, request: ValidationRequest, key: string): Promise<void> {
  if (terraformIsDestroying()) return;
  let verdict: Verdict;
  try {
    verdict = await judgeOf(ctx.client).judge(key, request);
    if (verdict.error) throw new Error(`${verdict.error.status} ${verdict.error.title}: ${verdict.error.detail}`);
  } catch (err) {
    const why = err instanceof ApiError ? `${err.status} ${err.problem.title}${err.problem.detail ? `: ${err.problem.detail}` : ''}` : (err as Error).message;
    ctx.diags.warning('Policies and Quotas Not Checked', `Could not check the security policies and quotas at plan time (POST /v1/validate: ${why}). The service checks them again at apply.`);
    return;
  }
  for (const p of verdict.problems) {
    const mapped = tfPathOf(attributes, p.path);
    const quota = p.policy?.startsWith('quotas.');
    const path: AttributePath | undefined = mapped.length === 0 || (quota && IDENTITY_ATTRIBUTES.has(String(mapped[0]))) ? undefined : mapped;
    if (p.policy === REFERENCE_POLICY) {
      ctx.diags.error(isUsesField(request.kind, p.path) ? 'Invalid Reference' : 'Invalid Network', `${capitalize(p.reason)}.`, path);
      continue;
    }
    if (p.policy === 'role') {
      ctx.diags.error('Permission Denied', `${capitalize(p.reason)}.\n\nThis token cannot make this change in ${p.setBy}: use a token with the role it names, or ask an admin of the tenant for one.`);
      continue;
    }
    if (p.policy === HELD_POLICY) {
      ctx.diags.error('Already Attached', `${capitalize(p.reason)}.`, path);
      continue;
    }
    const rule = quota ? p.policy : `security_policy.${snakeCase(p.policy ?? '')}`;
    ctx.diags.error(
      quota ? 'Quota Exceeded' : 'Security Policy Violation',
      `${p.reason}.\n\n${quota ? 'The quota' : 'The policy'} ${rule} is set by tenant ${p.setBy ?? 'an ancestor'}: ` +
        `change the configuration to fit it, or ask a super-admin of ${p.setBy === undefined ? 'its parent' : `${p.setBy}'s parent`} to change it.` +
        (quota ? ' The quota covers everything this plan creates or grows in the subtree.' : ''),
      path,
    );
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
