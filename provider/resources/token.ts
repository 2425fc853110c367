/**
 * hikube_api_token: create (the secret, once, kept in state), read, delete = revoke, import by
 * id. A revoked or vanished token is gone for Terraform: read removes it from state, and the
 * next plan creates a new one. An imported token has no secret (the service never shows it again).
 */
import type { HikubeClient } from '../../client/client';
import { isStatus } from '../../client/errors';
import { ApiToken } from '../../client/types';
import { apiTokenModel, TOKEN_ID_PATTERN } from '../../model/access';
import { ResourceDefinition, State } from '../framework/resource';
import { reportApiError } from './errors';
import { apiBody, stateFromApi } from './state';

const attrs = apiTokenModel.attributes;

function toState(token: ApiToken, reference: State | null): State {
  const state = stateFromApi(attrs, token as unknown as Record<string, unknown>, reference);
  // The service answers in its own spelling (milliseconds, Z); the user's spelling of the same instant stays.
  const mine = reference?.expires_at;
  if (typeof mine === 'string' && typeof state.expires_at === 'string' && Date.parse(mine) === Date.parse(state.expires_at)) state.expires_at = mine;
  return state;
}

export const tokenResource: ResourceDefinition<HikubeClient> = {
  model: apiTokenModel,

  async create(ctx, planned) {
    const body = apiBody(attrs, planned, (def) => Boolean(def.required || def.optional));
    try {
      return toState(await ctx.client.createToken(body as never), planned);
    } catch (err) {
      reportApiError(ctx.diags, err, `create an API token (role ${String(planned.role)})`, attrs);
      return undefined;
    }
  },

  async read(ctx, state) {
    try {
      const token = await ctx.client.getToken(String(state.id));
      if (!token.revokedAt) return toState(token, state);
      ctx.log.warn('API token was revoked; removing it from state', { id: state.id, revokedAt: token.revokedAt });
      return null;
    } catch (err) {
      if (isStatus(err, 404)) {
        ctx.log.warn('API token no longer exists; removing it from state', { id: state.id });
        return null;
      }
      reportApiError(ctx.diags, err, `read API token ${String(state.id)}`, attrs);
      return undefined;
    }
  },

  // Every configurable attribute forces replacement: there is nothing to change in place.
  async update(ctx, planned) {
    ctx.diags.error('Unexpected In-Place Update', `hikube_api_token ${String(planned.id)} cannot change in place; this is a provider bug.`);
    return undefined;
  },

  async delete(ctx, prior) {
    try {
      await ctx.client.revokeToken(String(prior.id));
    } catch (err) {
      if (isStatus(err, 404)) return;
      reportApiError(ctx.diags, err, `revoke API token ${String(prior.id)}`, attrs);
    }
  },

  async importState(ctx, id) {
    const wanted = id.trim();
    if (!TOKEN_ID_PATTERN.test(wanted)) {
      ctx.diags.error('Invalid Import ID', `An API token is imported by its id, such as tok-abcdefghijklmnop; got ${JSON.stringify(wanted)}.`);
      return undefined;
    }
    try {
      const token = await ctx.client.getToken(wanted);
      if (!token.revokedAt) return toState(token, null);
      ctx.diags.error('API Token Revoked', `API token ${wanted} was revoked at ${token.revokedAt}; a revoked token cannot be imported.`);
    } catch (err) {
      if (!isStatus(err, 404)) {
        reportApiError(ctx.diags, err, `import API token ${wanted}`, attrs);
        return undefined;
      }
      ctx.diags.error('API Token Not Found', `No API token ${wanted} exists (or this token cannot see it).`);
    }
    return undefined;
  },
};
