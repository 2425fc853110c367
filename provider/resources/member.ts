/** hikube_tenant_member: create, read, change the role in place, delete, import by id or `<tenant path>/<user>`. */
import type { HikubeClient } from '../../client/client';
import { isStatus } from '../../client/errors';
import { Member } from '../../client/types';
import { MEMBER_ID_PATTERN, tenantMemberModel } from '../../model/access';
import { Context, ResourceDefinition, State } from '../framework/resource';
import { reportApiError } from './errors';
import { apiBody, stateFromApi } from './state';

const attrs = tenantMemberModel.attributes;

function toState(m: Member, reference: State | null): State {
  return stateFromApi(attrs, m as unknown as Record<string, unknown>, reference);
}

/** `mem-...` is an id; `acme/production/alice@example.com` is a tenant path and a user. */
async function findMember(ctx: Context<HikubeClient>, id: string): Promise<Member | undefined> {
  if (MEMBER_ID_PATTERN.test(id)) return ctx.client.getMember(id);
  const slash = id.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const tenant = await ctx.client.getTenantByPath(id.slice(0, slash));
  return (await ctx.client.listMembers({ tenantId: tenant.id, user: id.slice(slash + 1) })).items[0];
}

export const memberResource: ResourceDefinition<HikubeClient> = {
  model: tenantMemberModel,

  async create(ctx, planned) {
    const body = apiBody(attrs, planned, (def) => Boolean(def.required || def.optional));
    try {
      return toState(await ctx.client.createMember(body as never), planned);
    } catch (err) {
      reportApiError(ctx.diags, err, `add ${String(planned.user)} as a member`, attrs);
      return undefined;
    }
  },

  async read(ctx, state) {
    try {
      return toState(await ctx.client.getMember(String(state.id)), state);
    } catch (err) {
      if (isStatus(err, 404)) {
        ctx.log.warn('membership no longer exists; removing it from state', { id: state.id });
        return null;
      }
      reportApiError(ctx.diags, err, `read member ${String(state.id)}`, attrs);
      return undefined;
    }
  },

  async update(ctx, planned, prior) {
    try {
      return toState(await ctx.client.updateMember(String(prior.id), { role: planned.role as Member['role'] }), planned);
    } catch (err) {
      reportApiError(ctx.diags, err, `change the role of ${String(prior.user)}`, attrs);
      return undefined;
    }
  },

  async delete(ctx, prior) {
    try {
      await ctx.client.deleteMember(String(prior.id));
    } catch (err) {
      if (isStatus(err, 404)) return;
      reportApiError(ctx.diags, err, `remove member ${String(prior.user)}`, attrs);
    }
  },

  async importState(ctx, id) {
    const wanted = id.trim();
    try {
      const member = await findMember(ctx, wanted);
      if (member) return toState(member, null);
    } catch (err) {
      if (!isStatus(err, 404)) {
        reportApiError(ctx.diags, err, `import member ${JSON.stringify(wanted)}`, attrs);
        return undefined;
      }
    }
    ctx.diags.error(
      'Member Not Found',
      `No membership ${JSON.stringify(wanted)} exists (or this token cannot see it). ` +
        'Import takes a member id (mem-...) or the tenant path and the user, such as acme/production/alice@example.com.',
    );
    return undefined;
  },
};
