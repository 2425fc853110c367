import { createHash } from 'node:crypto';
import { apiNameOf, AttributeDef, AttrType, isConfigurable, ResourceModel } from '../../model/schema';
import { canonical } from '../store/canonical';
import { Spec } from './kind';
import { ResourceRow } from './store';

/**
 * The desired spec in API form. Only configurable API attributes; input-only ones (cloud-init)
 * go to a separate secret part that is stored but never returned. Absent optionals are null,
 * at every depth, so stored specs compare equal however the client spelled them.
 */
export function splitInput(model: ResourceModel, body: Record<string, unknown>, base: { spec: Spec; secret: Spec } = { spec: {}, secret: {} }): { spec: Spec; secret: Spec } {
  const spec: Spec = { ...base.spec };
  const secret: Spec = { ...base.secret };
  for (const [name, def] of Object.entries(model.attributes)) {
    if (def.local || !isConfigurable(def)) continue;
    const key = apiNameOf(name, def);
    const target = def.inputOnly ? secret : spec;
    if (key in body || !(key in target)) target[key] = withNulls(def.type, body[key] ?? null);
  }
  return { spec, secret };
}

function withNulls(type: AttrType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'list':
    case 'set':
      return (value as unknown[]).map((v) => withNulls(type.element, v));
    case 'map':
      return Object.fromEntries(Object.entries(value as Spec).map(([k, v]) => [k, withNulls(type.element, v)]));
    case 'object': {
      const input = value as Spec;
      const out: Spec = {};
      for (const [name, def] of Object.entries(type.attributes)) {
        if (isConfigurable(def)) out[apiNameOf(name, def)] = withNulls(def.type, input[apiNameOf(name, def)]);
      }
      return out;
    }
    default:
      return value;
  }
}

/** What an Idempotency-Key is bound to: the request as understood (defaults applied). */
export function requestHash(spec: Spec, secret: Spec): string {
  return createHash('sha256').update(canonical({ spec, secret })).digest('hex');
}

/**
 * The API JSON: every API attribute of the model in model order, then `updatedAt`. Configured
 * ones from the desired spec, computed ones from the row and what the driver observed.
 */
export function toApiResource(model: ResourceModel, row: ResourceRow, monthlyCost: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const computed: Record<string, unknown> = {
    id: row.id,
    tenantId: row.tenant_id, // a sub-resource's tenant is its parent's
    status: row.status,
    statusReason: row.status === 'failed' ? row.status_reason : null,
    monthlyCostEstimate: monthlyCost,
    createdAt: row.created_at.toISOString(),
    ...extra,
  };
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(model.attributes)) {
    if (def.local || def.inputOnly) continue;
    const key = apiNameOf(name, def);
    if (key in computed) out[key] = computed[key];
    else if (isConfigurable(def)) out[key] = row.spec[key] ?? null;
    // A resource's own maps are answered empty while the back-end has reported none (the contract's rule).
    else out[key] = row.observed[key] ?? (def.type.kind === 'map' ? {} : null);
  }
  out.updatedAt = row.updated_at.toISOString();
  return out;
}

/**
 * The answer without the secrets the model marks sensitive (cluster admin token and kubeconfig,
 * monitoring passwords), at any depth: for callers below admin, who must not be able to act
 * beyond their role with credentials read from the API.
 */
export function withoutSecrets(model: ResourceModel, resource: Record<string, unknown>): Record<string, unknown> {
  return redactObject(model.attributes, resource);
}

function redactObject(attributes: Readonly<Record<string, AttributeDef>>, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...obj };
  for (const [name, def] of Object.entries(attributes)) {
    const key = apiNameOf(name, def);
    if (!(key in out) || out[key] === null) continue;
    out[key] = def.sensitive ? null : redactValue(def.type, out[key]);
  }
  return out;
}

function redactValue(type: AttrType, v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  switch (type.kind) {
    case 'object':
      return redactObject(type.attributes, v as Record<string, unknown>);
    case 'map':
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, e]) => [k, redactValue(type.element, e)]));
    case 'list':
    case 'set':
      return (v as unknown[]).map((e) => redactValue(type.element, e));
    default:
      return v;
  }
}
