/** hikube_tenant: create, read, update in place, delete and import (by id or by path). */
import type { HikubeClient } from '../../client/client';
import { isStatus } from '../../client/errors';
import { Tenant } from '../../client/types';
import { isUpdatable } from '../../model/schema';
import { TENANT_ID_PATTERN, tenantModel } from '../../model/tenant';
import { isUnknown } from '../cty';
import { Context, ResourceDefinition, State } from '../framework/resource';
import { reportApiError } from './errors';
import { checkGuardrailsAtPlan, forgetPlanned, knownSpec, planKey } from './plan-checks';
import { stackPosts, tenantCreates } from './relations';
import { apiBody, stateFromApi } from './state';

const attrs = tenantModel.attributes;

function toState(t: Tenant, reference: State | null): State {
  return stateFromApi(attrs, t as unknown as Record<string, unknown>, reference);
}

/** `tnt-...` is an id; anything else is a path such as `acme/production`. */
export async function findTenant(ctx: Context<HikubeClient>, idOrPath: string): Promise<Tenant> {
  return TENANT_ID_PATTERN.test(idOrPath) ? ctx.client.getTenant(idOrPath) : ctx.client.getTenantByPath(idOrPath);
}

export const tenantResource: ResourceDefinition<HikubeClient> = {
  model: tenantModel,

  // Security policy, sub-tenant quotas and the token's role fail the plan: checked against the parent (create) or in place (update).
  async modifyPlan(ctx, planned, prior) {
    const spec = knownSpec(attrs, planned);
    if (prior?.id) {
      const before = knownSpec(attrs, prior);
      const patch = Object.fromEntries(
        Object.keys(spec)
          .filter((k) => JSON.stringify(spec[k]) !== JSON.stringify(before[k]))
          .map((k) => [k, spec[k]]),
      );
      if (Object.keys(patch).length > 0) {
        await checkGuardrailsAtPlan(ctx, attrs, { kind: 'tenant', tenantId: String(prior.id), resourceId: String(prior.id), spec: patch }, planKey('tenant', prior));
      }
    } else {
      tenantCreates.planned(planKey('tenant', planned));
      if (typeof planned.parent_id === 'string') await checkGuardrailsAtPlan(ctx, attrs, { kind: 'tenant', tenantId: planned.parent_id, spec }, planKey('tenant', planned));
    }
  },

  async create(ctx, planned) {
    forgetPlanned(ctx.client, 'tenant', planned);
    const body = apiBody(attrs, planned, (def) => Boolean(def.required || def.optional));
    const key = planKey('tenant', planned);
    try {
      let tenant = await ctx.client.createTenant(body as never);
      // A monitoring stack of the same apply may cover it: once those are posted, read its account.
      if (stackPosts.size > 0) {
        await stackPosts.settled(ctx.signal);
        tenant = await ctx.client.getTenant(tenant.id);
      }
      return toState(tenant, planned);
    } catch (err) {
      reportApiError(ctx.diags, err, `create tenant ${JSON.stringify(planned.name)}`, attrs);
      return undefined;
    } finally {
      tenantCreates.done(key);
    }
  },

  async read(ctx, state) {
    try {
      const tenant = await ctx.client.findTenant(String(state.id));
      if (tenant) return toState(tenant, state);
      ctx.log.warn('tenant no longer exists; removing it from state', { id: state.id, path: state.path });
      return null;
    } catch (err) {
      reportApiError(ctx.diags, err, `read tenant ${state.path ?? state.id}`, attrs);
      return undefined;
    }
  },

  async update(ctx, planned, prior) {
    forgetPlanned(ctx.client, 'tenant', prior);
    const changed = (def: (typeof attrs)[string], name: string) => isUpdatable(def) && !isUnknown(planned[name]) && JSON.stringify(planned[name]) !== JSON.stringify(prior[name]);
    const patch = apiBody(attrs, planned, changed);
    try {
      return toState(await ctx.client.updateTenant(String(prior.id), patch), planned);
    } catch (err) {
      reportApiError(ctx.diags, err, `update tenant ${prior.path}`, attrs);
      return undefined;
    }
  },

  async delete(ctx, prior) {
    try {
      await ctx.client.deleteTenant(String(prior.id));
    } catch (err) {
      if (isStatus(err, 404)) return;
      reportApiError(ctx.diags, err, `delete tenant ${prior.path}`, attrs);
    }
  },

  async importState(ctx, id) {
    try {
      return toState(await findTenant(ctx, id.trim()), null);
    } catch (err) {
      if (isStatus(err, 404)) {
        ctx.diags.error(
          'Tenant Not Found',
          `No tenant with ${TENANT_ID_PATTERN.test(id) ? 'id' : 'path'} ${JSON.stringify(id)} exists (or this token cannot see it). ` +
            'Import takes a tenant id (tnt-...) or a path such as acme/production.',
        );
        return undefined;
      }
      reportApiError(ctx.diags, err, `import tenant ${JSON.stringify(id)}`, attrs);
      return undefined;
    }
  },
};
