/**
 * The resources of the REST API and their JSON bodies, derived from `resourceModels`: each
 * model's answer, create and update schemas under its `schemaName`.
 */
import { apiTokenModel } from '../access';
import { resourceModels } from '../index';
import { KIND_LIST } from '../kinds';
import { isUpdatable, ResourceModel } from '../schema';
import { bodySchema, JsonSchema, resourceSchema, updatedAtSchema } from './json-schema';

/**
 * Members the service adds to a model's attributes: when it last changed (if it can: a kind's
 * object changes status even with nothing to change in place), a token's revocation.
 */
function answerExtras(model: ResourceModel): Record<string, JsonSchema> {
  const extras: Record<string, JsonSchema> = {};
  if (hasUpdate(model) || KIND_LIST.some((k) => k.model === model)) extras.updatedAt = updatedAtSchema;
  if (model === apiTokenModel) extras.revokedAt = { type: ['string', 'null'], format: 'date-time', readOnly: true, description: 'When the token was revoked; null while it works.' };
  return extras;
}

/** Whether a model can change in place at all (else it has no update body and no PATCH). */
export function hasUpdate(model: ResourceModel): boolean {
  return Object.values(model.attributes).some((def) => !def.local && isUpdatable(def));
}

/** Named schemas of every resource: `Tenant`, `TenantCreate`, `TenantUpdate`, ... in model order. */
export function resourceSchemas(): Record<string, { schema: JsonSchema; mode: 'response' | 'create' | 'update' }> {
  const out: Record<string, { schema: JsonSchema; mode: 'response' | 'create' | 'update' }> = {};
  for (const model of resourceModels) {
    out[model.schemaName] = { schema: resourceSchema(model, answerExtras(model)), mode: 'response' };
    out[`${model.schemaName}Create`] = { schema: bodySchema(model, 'create'), mode: 'create' };
    if (hasUpdate(model)) out[`${model.schemaName}Update`] = { schema: bodySchema(model, 'update'), mode: 'update' };
  }
  return out;
}
