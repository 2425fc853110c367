/**
 * Policy and quota checks at `terraform plan`: the planned values are sent to the service's
 * POST /v1/validate, which runs the very checks of a real create or update without writing.
 * Problems become errors on the attribute to blame, so the plan fails; values still unknown are
 * left out (the service checks what it gets; apply checks everything); a service that cannot
 * be reached only warns, since apply checks again.
 */
import type { HikubeClient } from '../../client/client';
import { ApiError } from '../../client/errors';
import type { ValidationRequest } from '../../client/types';
import { AttributeDef } from '../../model/schema';
import { CtyValue, isWhollyKnown } from '../cty';
import { Context, State } from '../framework/resource';
import { apiBody, tfPathOf } from './state';

/** The configurable planned values that are wholly known, in API JSON. */
export function knownSpec(attributes: Readonly<Record<string, AttributeDef>>, planned: State): Record<string, unknown> {
  return apiBody(attributes, planned, (def, name) => Boolean(def.required || def.optional) && isWhollyKnown(planned[name] as CtyValue));
}

export async function checkGuardrailsAtPlan(ctx: Context<HikubeClient>, attributes: Readonly<Record<string, AttributeDef>>, request: ValidationRequest): Promise<void> {
  let problems;
  try {
    problems = (await ctx.client.validate(request)).problems;
  } catch (err) {
    const why = err instanceof ApiError ? `${err.status} ${err.problem.title}${err.problem.detail ? `: ${err.problem.detail}` : ''}` : (err as Error).message;
    ctx.diags.warning(
      'Policies and Quotas Not Checked',
      `Could not check the security policies and quotas at plan time (POST /v1/validate: ${why}). The service checks them again at apply.`,
    );
    return;
  }
  for (const p of problems) {
    const path = tfPathOf(attributes, p.path);
    const quota = p.policy?.startsWith('quotas.');
    ctx.diags.error(
      quota ? 'Quota Exceeded' : 'Security Policy Violation',
      `${p.reason}.\n\n${quota ? `The quota` : `The policy`} ${p.policy ?? ''} is set by tenant ${p.setBy ?? 'an ancestor'}: ` +
        `change the configuration to fit it, or ask a super-admin of ${p.setBy === undefined ? 'its parent' : `${p.setBy}'s parent`} to change it.`,
      path.length ? path : undefined,
    );
  }
}
