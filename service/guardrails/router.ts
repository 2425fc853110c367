/** POST /v1/validate and GET /v1/tenants/{id}/usage. No try/catch: the one error handler answers. */
import { Router } from 'express';
import { VALIDATION_KINDS, type FieldError, type ValidationRequest } from '../../model/api/types';
import { TENANT_ID_PATTERN } from '../../model/tenant';
import { principalOf } from '../auth/middleware';
import { fieldError, NotFoundError, ValidationError } from '../http/problem';
import { declaredRoute } from '../http/routes';
import { parseRange } from './billing';
import { Guardrails } from './service';

/** What /v1/validate judges: tenants, and every resource kind (model/kinds.ts). */
const KINDS: readonly string[] = VALIDATION_KINDS;
const RESOURCE_ID = /^[a-z]{2,4}-[a-z2-7]{16}$/;

/** Batches are bounded: a plan sends what Terraform plans at once, plus what it accepted before. */
const MAX_BATCH = 1000;

function parseValidationRequest(body: unknown, at: (string | number)[] = [], errors: FieldError[] = []): ValidationRequest {
  const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) errors.push(fieldError(at, 'must be an object: a validation request'));
  const f = (...path: (string | number)[]) => [...at, ...path];
  if (typeof b.kind !== 'string' || !KINDS.includes(b.kind)) errors.push(fieldError(f('kind'), `must be one of ${KINDS.join(', ')}`));
  if (typeof b.tenantId !== 'string' || !TENANT_ID_PATTERN.test(b.tenantId)) errors.push(fieldError(f('tenantId'), 'must be a tenant id such as tnt-abcdefghijklmnop'));
  if (typeof b.spec !== 'object' || b.spec === null || Array.isArray(b.spec)) errors.push(fieldError(f('spec'), 'must be an object: the desired spec in API JSON'));
  if (b.resourceId !== undefined && (typeof b.resourceId !== 'string' || !RESOURCE_ID.test(b.resourceId))) errors.push(fieldError(f('resourceId'), 'must be the id of the object being changed'));
  for (const key of Object.keys(b)) if (!['kind', 'tenantId', 'spec', 'resourceId'].includes(key)) errors.push(fieldError(f(key), 'is not a field of a validation request'));
  if (at.length === 0 && errors.length > 0) throw new ValidationError(errors);
  return { kind: b.kind as ValidationRequest['kind'], tenantId: b.tenantId as string, spec: sanitize(b.spec) as Record<string, unknown>, resourceId: b.resourceId as string | undefined };
}

/** `{ requests: [...], context?: [...] }`: a plan's batch. */
function parseValidationBatch(body: Record<string, unknown>): { requests: ValidationRequest[]; context: ValidationRequest[] } {
  const errors: FieldError[] = [];
  const list = (key: 'requests' | 'context'): ValidationRequest[] => {
    const v = body[key];
    if (v === undefined && key === 'context') return [];
    if (!Array.isArray(v) || v.length > MAX_BATCH) {
      errors.push(fieldError([key], `must be a list of at most ${MAX_BATCH} validation requests`));
      return [];
    }
    return v.map((r, i) => parseValidationRequest(r, [key, i], errors));
  };
  const requests = list('requests');
  const context = list('context');
  for (const key of Object.keys(body)) if (key !== 'requests' && key !== 'context') errors.push(fieldError([key], 'is not a field of a validation batch'));
  if (errors.length > 0) throw new ValidationError(errors);
  return { requests, context };
}

/** Plain JSON data only: drops prototype-polluting keys and caps depth, since specs here are unchecked. */
function sanitize(value: unknown, depth = 0): unknown {
  if (depth > 8) return null;
  if (Array.isArray(value)) return value.slice(0, 256).map((v) => sanitize(v, depth + 1));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) if (k !== '__proto__' && k !== 'constructor' && k !== 'prototype') out[k] = sanitize(v, depth + 1);
    return { ...out };
  }
  return value;
}

export function guardrailsRouter(guardrails: Guardrails): Router {
  const router = Router();
  const route = (path: string, handlers: Parameters<typeof declaredRoute>[3]) => declaredRoute(router, '', path, handlers);
  route('/v1/validate', {
    post: async (req, res) => {
      const body = req.body as unknown;
      if (typeof body === 'object' && body !== null && 'requests' in body) {
        const { requests, context } = parseValidationBatch(body as Record<string, unknown>);
        res.json(await guardrails.validateBatch(principalOf(req), requests, context));
        return;
      }
      res.json(await guardrails.validate(principalOf(req), parseValidationRequest(body)));
    },
  });
  route('/v1/tenants/:id/usage', {
    get: async (req, res) => {
      if (!TENANT_ID_PATTERN.test(req.params.id)) throw new NotFoundError(`tenant ${req.params.id} does not exist (tenant ids look like tnt-abcdefghijklmnop)`);
      const range = parseRange(req.query as Record<string, unknown>, new Date());
      if ('error' in range) throw new ValidationError([fieldError([range.error.field], range.error.reason)]);
      res.json(await guardrails.usage(principalOf(req), req.params.id, range.from, range.to));
    },
  });
  return router;
}
