import { tenantUsageDataSourceModel } from '../model/usage';
import { apiTokenModel, tenantMemberModel } from '../model/access';
import { instanceTypesDataSourceModel, kubernetesVersionsDataSourceModel } from '../model/catalog-data-sources';
import { clusterModel } from '../model/cluster';
import { monitoringStackModel } from '../model/monitoring';
import { apiNameOf, AttrType, AttributeDef, isConfigurable, isUpdatable, ResourceModel } from '../model/schema';
import { tenantModel } from '../model/tenant';
import { vmModel } from '../model/vm';
import { BODY_LIMIT_BYTES } from './http/body';

/**
 * The OpenAPI 3.1 document: component schemas come from the resource model (the same source
 * as request validation), operations from the routes below, which mirror tenants/router.ts.
 */

type JsonSchema = Record<string, unknown>;

/** JSON Schema of one attribute (OpenAPI 3.1 uses JSON Schema 2020-12). */
export function attributeSchema(def: AttributeDef, nullable = false): JsonSchema {
  const schema: JsonSchema = { ...typeSchema(def.type, def), description: def.description };
  if (def.default !== undefined) schema.default = def.default;
  if (def.computed && !isConfigurable(def)) schema.readOnly = true;
  if (def.sensitive) schema.writeOnly = true;
  if (nullable) schema.type = [schema.type, 'null'];
  return schema;
}

function typeSchema(type: AttrType, def?: AttributeDef): JsonSchema {
  const v = def?.validation ?? {};
  switch (type.kind) {
    case 'string':
      return {
        type: 'string',
        ...(v.pattern ? { pattern: v.pattern.source } : {}),
        ...(v.minLength !== undefined ? { minLength: v.minLength } : {}),
        ...(v.maxLength !== undefined ? { maxLength: v.maxLength } : {}),
        ...(v.oneOf ? { enum: [...v.oneOf] } : {}),
      };
    case 'number':
      return {
        type: v.integer ? 'integer' : 'number',
        ...(v.min !== undefined ? { minimum: v.min } : {}),
        ...(v.max !== undefined ? { maximum: v.max } : {}),
      };
    case 'bool':
      return { type: 'boolean' };
    case 'list':
    case 'set':
      return {
        type: 'array',
        items: typeSchema(type.element, elementDef(type.element, def)),
        ...(type.kind === 'set' ? { uniqueItems: true } : {}),
        ...(v.maxItems !== undefined ? { maxItems: v.maxItems } : {}),
      };
    case 'map':
      return {
        type: 'object',
        additionalProperties: typeSchema(type.element, elementDef(type.element, def)),
        ...(v.keyPattern ? { propertyNames: { pattern: v.keyPattern.source } } : {}),
        ...(v.maxItems !== undefined ? { maxProperties: v.maxItems } : {}),
      };
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, attr] of Object.entries(type.attributes)) properties[apiNameOf(name, attr)] = attributeSchema(attr);
      return { type: 'object', properties, additionalProperties: false };
    }
  }
}

/** A collection's validation applies to its elements too (as model/validate.ts does). */
function elementDef(element: AttrType, def?: AttributeDef): AttributeDef | undefined {
  return def && { type: element, description: '', validation: def.validation && { ...def.validation, maxItems: undefined, keyPattern: undefined } };
}

/** The response shape: every attribute, optional-without-default ones nullable. */
function resourceSchema(model: ResourceModel, extra: Record<string, JsonSchema>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(model.attributes)) {
    if (def.local || def.inputOnly) continue; // Terraform-only, or accepted but never returned
    properties[apiNameOf(name, def)] = attributeSchema(def, isNullable(name, def));
  }
  Object.assign(properties, extra);
  return { type: 'object', description: model.description, properties, required: Object.keys(properties) };
}

/** Always present in answers; everything else optional-without-default, or known later, may be null. */
const NEVER_NULL = new Set(['id', 'path', 'namespace', 'created_at', 'status', 'monthly_cost_estimate']);

function isNullable(name: string, def: AttributeDef): boolean {
  if (NEVER_NULL.has(name) || def.required || def.default !== undefined || def.type.kind === 'map') return false;
  return Boolean(def.optional || def.computed); // e.g. parentId of the root, endpoint until known
}

function bodySchema(model: ResourceModel, mode: 'create' | 'update'): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, def] of Object.entries(model.attributes)) {
    if (def.local) continue;
    if (!(mode === 'create' ? isConfigurable(def) : isUpdatable(def))) continue;
    const key = apiNameOf(name, def);
    properties[key] = attributeSchema(def, !def.required && def.default === undefined);
    if (def.required && mode === 'create') required.push(key);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  properties: {
    type: { type: 'string', format: 'uri-reference' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string', description: 'The X-Request-Id of the response, also on every log line the request wrote.' },
    errors: {
      type: 'array',
      description: 'Every failing field of the request.',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', description: 'Dotted API path, e.g. `labels.team`.' },
          path: { type: 'array', items: { type: ['string', 'integer'] }, description: 'API (camelCase) names and map keys.' },
          reason: { type: 'string' },
        },
        required: ['field', 'path', 'reason'],
      },
    },
  },
  required: ['type', 'title', 'status'],
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const ok = (description: string, schema: JsonSchema) => ({ description, content: json(schema) });
/** A page of a list (service/http/pagination.ts): pass `nextCursor` as `cursor` for the next; null on the last page. */
const pageOf = (schema: string) => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(schema) }, nextCursor: { type: ['string', 'null'], description: 'The `cursor` of the next page; null on the last page.' } },
  required: ['items', 'nextCursor'],
});
/** `?limit=&cursor=` of every paginated list. */
const pageParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, description: 'Items per page.' },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'The `nextCursor` of the previous page, unchanged.' },
];
const tenantList = pageOf('Tenant');
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: tenantModel.attributes.id.validation?.pattern?.source ?? '^tnt-[a-z2-7]{16}$' } };
const common = { '401': problem('Missing, unknown, revoked or expired token.'), '403': problem("The token's role does not allow this.") };

/** Resources realized by operations, with their schema names. */
const OPERATION_BACKED: readonly [ResourceModel, string][] = [
  [clusterModel, 'Cluster'],
  [vmModel, 'Vm'],
  [monitoringStackModel, 'MonitoringStack'],
];

const tagOf = (model: ResourceModel) => model.collection.replace('/v1/', '');
const listOf = (schema: string) => ({ type: 'object', properties: { items: { type: 'array', items: ref(schema) } }, required: ['items'] });

/** Members, API tokens and the audit log (mirrors members/, tokens/ and audit/router.ts). */
function accessPaths(): Record<string, JsonSchema> {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const ids = { name: 'id', in: 'query', schema: { type: 'array', items: { type: 'string' }, maxItems: 100 }, style: 'form', explode: true, description: 'Only these ids (at most 100).' };
  const tenantId = { name: 'tenantId', in: 'query', schema: { type: 'string' } };
  const notFound = problem('Not found, or outside the token\'s subtree.');
  const refused = problem("The token's role does not allow this, or the role asked for is above the token's own.");
  return {
    '/v1/members': {
      get: { tags: ['members'], operationId: 'listMembers', parameters: [ids, tenantId, { name: 'user', in: 'query', schema: { type: 'string' } }, ...pageParams], responses: { '200': ok('Memberships in the subtree, filtered, by id.', pageOf('Member')), '400': problem('Bad filter.'), ...common } },
      post: {
        tags: ['members'],
        operationId: 'createMember',
        requestBody: { required: true, content: json(ref('MemberCreate')) },
        responses: { '201': ok('Created.', ref('Member')), '400': problem('Invalid body, or a tenant the token cannot see.'), ...common, '403': refused, '409': problem('The user is already a member of this tenant.') },
      },
    },
    '/v1/members/{id}': {
      parameters: [id],
      get: { tags: ['members'], operationId: 'getMember', responses: { '200': ok('The membership.', ref('Member')), ...common, '404': notFound } },
      patch: { tags: ['members'], operationId: 'updateMember', summary: 'Change the role.', requestBody: { required: true, content: json(ref('MemberUpdate')) }, responses: { '200': ok('Changed.', ref('Member')), '400': problem('Invalid body.'), ...common, '403': refused, '404': notFound } },
      delete: { tags: ['members'], operationId: 'deleteMember', responses: { '204': { description: 'Removed.' }, ...common, '403': refused, '404': notFound } },
    },
    '/v1/tokens': {
      get: { tags: ['tokens'], operationId: 'listTokens', parameters: [ids, tenantId, ...pageParams], responses: { '200': ok('Tokens of the subtree (revoked ones too), never their secrets, by id.', pageOf('ApiToken')), '400': problem('Bad filter.'), ...common } },
      post: {
        tags: ['tokens'],
        operationId: 'createToken',
        summary: 'Create a token for the subtree, with a role no higher than the caller\'s. The answer carries `secret`: the only time it is shown.',
        requestBody: { required: true, content: json(ref('ApiTokenCreate')) },
        responses: { '201': ok('Created, with the secret.', ref('ApiToken')), '400': problem('Invalid body, an expiry in the past, or a tenant the token cannot see.'), ...common, '403': refused },
      },
    },
    '/v1/tokens/{id}': {
      parameters: [id],
      get: { tags: ['tokens'], operationId: 'getToken', responses: { '200': ok('The token, without its secret.', ref('ApiToken')), ...common, '404': notFound } },
      delete: { tags: ['tokens'], operationId: 'revokeToken', summary: 'Revoke: the token stops working at once; it stays readable with revokedAt.', responses: { '204': { description: 'Revoked.' }, ...common, '403': refused, '404': notFound } },
    },
    '/v1/tenants/{id}/audit': {
      parameters: [idParam],
      get: {
        tags: ['audit'],
        operationId: 'listAudit',
        summary: "Changes in the tenant's subtree, newest first. Admins of the tenant only; never editable.",
        parameters: [
          ...pageParams,
          { name: 'before', in: 'query', schema: { type: 'string' }, description: 'The last entry id of the previous page (older form of `cursor`).' },
        ],
        responses: { '200': ok('Entries.', pageOf('AuditEntry')), '400': problem('Bad limit or cursor.'), ...common, '404': notFound },
      },
    },
  };
}

const VALIDATION_REQUEST: JsonSchema = {
  type: 'object',
  required: ['kind', 'tenantId', 'spec'],
  properties: {
    kind: { enum: ['tenant', 'cluster', 'vm', 'monitoring'] },
    tenantId: { type: 'string', description: 'The owning tenant (for a new tenant: its parent).' },
    spec: { type: 'object', description: 'The desired spec in API JSON, as the create or update would send it.' },
    resourceId: { type: 'string', description: 'Set for an update: current use is not counted twice.' },
  },
};

/** Paths of an operation-backed collection (mirrors resources/router.ts). */
function resourcePaths(model: ResourceModel, schema: string): Record<string, JsonSchema> {
  const tag = tagOf(model);
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const accepted = (what: string) => ok(`${what}; poll GET until status is ready or failed.`, ref(schema));
  return {
    [model.collection]: {
      get: {
        tags: [tag],
        operationId: `list${schema}s`,
        parameters: [
          { name: 'id', in: 'query', schema: { type: 'array', items: { type: 'string' }, maxItems: 100 }, style: 'form', explode: true, description: 'Only these ids (at most 100); unknown ones are left out.' },
          { name: 'tenantId', in: 'query', schema: { type: 'string' } },
          { name: 'name', in: 'query', schema: { type: 'string' } },
          ...pageParams,
        ],
        responses: { '200': ok(`Every visible ${model.noun}, filtered, by id.`, pageOf(schema)), '400': problem('Bad filter.'), ...common },
      },
      post: {
        tags: [tag],
        operationId: `create${schema}`,
        parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 }, description: "Scoped to the caller's token. The same key with the same body answers with the same resource, never a duplicate, until the caller settles it (DELETE .../{id}/idempotency-key); with another body, 422." }],
        requestBody: { required: true, content: json(ref(`${schema}Create`)) },
        responses: {
          '200': ok('Idempotent replay: the resource this key created.', ref(schema)),
          '202': accepted('Accepted, status pending'),
          '400': problem('Invalid body (every failing field listed), or a tenant the token cannot see.'),
          ...common,
          '409': problem(`The name is taken in the tenant${model === monitoringStackModel ? ' (at most one stack per tenant)' : ''}.`),
          '422': problem('The Idempotency-Key was used for a different request.'),
        },
      },
    },
    [`${model.collection}/{id}/idempotency-key`]: {
      parameters: [id],
      delete: {
        tags: [tag],
        operationId: `settle${schema}Create`,
        summary: "The caller recorded the object its create made: the caller's Idempotency-Key no longer replays it.",
        responses: { '204': { description: 'Settled.' }, ...common, '404': problem('Not found.') },
      },
    },
    [`${model.collection}/{id}`]: {
      parameters: [id],
      get: { tags: [tag], operationId: `get${schema}`, responses: { '200': ok(`The ${model.noun}.`, ref(schema)), ...common, '404': problem(`No such ${model.noun} visible to this token.`) } },
      patch: {
        tags: [tag],
        operationId: `update${schema}`,
        summary: 'New desired spec; an operation in progress takes it over.',
        requestBody: { required: true, content: json(ref(`${schema}Update`)) },
        responses: { '202': accepted('Accepted, status updating'), '400': problem('Invalid body, a field that cannot change in place, or a disk that would shrink.'), ...common, '404': problem('Not found.'), '409': problem('Being deleted.') },
      },
      delete: {
        tags: [tag],
        operationId: `delete${schema}`,
        responses: { '202': ok('Accepted, status deleting; GET answers 404 once it is gone.', ref(schema)), ...common, '404': problem('Not found.') },
      },
    },
  };
}

export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hikube provisioning service',
      version: '1.0.0',
      description: 'The Hikube control plane API. Errors are RFC 9457 problem+json with the failing field paths.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'tenants', description: tenantModel.description },
      ...OPERATION_BACKED.map(([model]) => ({ name: tagOf(model), description: model.description })),
      { name: 'members', description: tenantMemberModel.description },
      { name: 'tokens', description: apiTokenModel.description },
      { name: 'audit', description: 'Every change made through the API; append-only.' },
      { name: 'catalog', description: 'What Hikube offers.' },
      { name: 'admin', description: 'Operator views.' },
    ],
    paths: {
      '/v1/tenants': {
        get: { tags: ['tenants'], operationId: 'listTenants', summary: "Every tenant the token can see (its tenant's subtree), ordered by path.", parameters: pageParams, responses: { '200': ok('Tenants.', tenantList), ...common } },
        post: {
          tags: ['tenants'],
          operationId: 'createTenant',
          summary: 'Create a tenant; without parentId it is created under the organisation root.',
          requestBody: { required: true, content: json(ref('TenantCreate')) },
          responses: {
            '201': ok('Created.', ref('Tenant')),
            '400': problem('Invalid body: every failing field is listed.'),
            ...common,
            '409': problem('A sibling has this name, or another tenant has the same namespace.'),
            '413': problem(`Body larger than ${BODY_LIMIT_BYTES} bytes.`),
            '415': problem('Body is not JSON.'),
          },
        },
      },
      '/v1/tenants/by-path': {
        get: {
          tags: ['tenants'],
          operationId: 'getTenantByPath',
          parameters: [{ name: 'path', in: 'query', required: true, schema: { type: 'string' }, example: 'acme/production' }],
          responses: { '200': ok('The tenant.', ref('Tenant')), '400': problem('Missing path.'), ...common, '404': problem('No such tenant visible to this token.') },
        },
      },
      '/v1/tenants/{id}': {
        parameters: [idParam],
        get: { tags: ['tenants'], operationId: 'getTenant', responses: { '200': ok('The tenant.', ref('Tenant')), ...common, '404': problem('No such tenant visible to this token.') } },
        patch: {
          tags: ['tenants'],
          operationId: 'updateTenant',
          summary: 'Change description, labels or deletion protection; null clears description and labels.',
          requestBody: { required: true, content: json(ref('TenantUpdate')) },
          responses: { '200': ok('The updated tenant.', ref('Tenant')), '400': problem('Invalid body, or a field that cannot change in place.'), ...common, '404': problem('No such tenant.') },
        },
        delete: {
          tags: ['tenants'],
          operationId: 'deleteTenant',
          responses: {
            '204': { description: 'Deleted.' },
            ...common,
            '404': problem('No such tenant.'),
            '409': problem('The tenant has sub-tenants (listed in `children`), has deletion protection, or is the organisation root.'),
          },
        },
      },
      '/v1/tenants/{id}/children': {
        parameters: [idParam],
        get: { tags: ['tenants'], operationId: 'listTenantChildren', parameters: pageParams, responses: { '200': ok('Direct sub-tenants, ordered by path.', tenantList), ...common, '404': problem('No such tenant.') } },
      },
      ...Object.assign({}, ...OPERATION_BACKED.map(([model, schema]) => resourcePaths(model, schema))),
      ...accessPaths(),
      '/v1/tenants/{id}/usage': {
        parameters: [idParam],
        get: {
          tags: ['billing'],
          operationId: 'tenantUsage',
          summary: tenantUsageDataSourceModel.description,
          parameters: [
            { name: 'from', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'Start of the period; the start of the current UTC month by default.' },
            { name: 'to', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'End of the period; now by default.' },
          ],
          responses: { '200': ok('Resource-hours and cost per resource and per tenant of the subtree, summing to the total.', { type: 'object' }), ...common, '400': problem('A bad or reversed range.'), '404': problem('No such tenant.') },
        },
      },
      '/v1/validate': {
        post: {
          tags: ['guardrails'],
          operationId: 'validateChange',
          summary: 'Checks a create or update of a tenant, cluster or VM against security policies and quotas without making it (the provider calls this while planning).',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    VALIDATION_REQUEST,
                    {
                      type: 'object',
                      required: ['requests'],
                      description: "A plan's batch: each request is judged with the context and the accepted requests before it counted against quotas.",
                      properties: {
                        requests: { type: 'array', items: VALIDATION_REQUEST, maxItems: 1000 },
                        context: { type: 'array', items: VALIDATION_REQUEST, maxItems: 1000, description: 'Changes accepted earlier in the same plan: counted, not judged again.' },
                      },
                    },
                  ],
                },
              },
            },
          },
          responses: {
            '200': ok('The problems found (empty when the change is allowed; policy `role` when the token may not make it), or for a batch one such result per request.', {
              type: 'object',
              properties: { problems: { type: 'array', items: { type: 'object' } }, results: { type: 'array', items: { type: 'object' } } },
            }),
            ...common,
          },
        },
      },
      '/v1/catalog/instance-types': {
        get: { tags: ['catalog'], operationId: 'listInstanceTypes', summary: instanceTypesDataSourceModel.description, responses: { '200': ok('Instance types, by series then size.', listOf('InstanceTypeInfo')), ...common } },
      },
      '/v1/catalog/kubernetes-versions': {
        get: { tags: ['catalog'], operationId: 'kubernetesVersions', summary: kubernetesVersionsDataSourceModel.description, responses: { '200': ok('Supported versions.', ref('KubernetesVersions')), ...common } },
      },
      '/v1/admin/driver-objects': {
        get: {
          tags: ['admin'],
          operationId: 'listDriverObjects',
          summary: "What exists in the driver's back-end (to find orphans). Super-admin tokens of the organisation root only.",
          responses: { '200': ok('Driver objects.', listOf('DriverObject')), ...common },
        },
      },
      '/v1/openapi.json': { get: { operationId: 'openApi', security: [], responses: { '200': { description: 'This document.' } } } },
      '/healthz': { get: { operationId: 'health', security: [], summary: 'Liveness: the process answers (whatever its database does).', responses: { '200': ok('The service is up.', { type: 'object' }) } } },
      '/readyz': {
        get: {
          operationId: 'ready',
          security: [],
          summary: 'Readiness: the database answers and its disk is not full.',
          responses: {
            '200': ok('Ready.', { type: 'object', properties: { status: { const: 'ready' }, checks: { type: 'object' } } }),
            '503': ok('Not ready; `checks` says why (Retry-After given).', { type: 'object', properties: { status: { const: 'not ready' }, checks: { type: 'object' } } }),
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Prometheus text format (0.0.4). Needs a token of the organisation root (a view token is enough).',
          responses: { '200': { description: 'Metrics.', content: { 'text/plain': { schema: { type: 'string' } } } }, ...common },
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token; the first start writes an admin token to the credentials file.' } },
      schemas: {
        Tenant: resourceSchema(tenantModel, { updatedAt: { type: 'string', format: 'date-time', readOnly: true, description: 'Last change time, RFC 3339.' } }),
        TenantCreate: bodySchema(tenantModel, 'create'),
        TenantUpdate: bodySchema(tenantModel, 'update'),
        Problem: problemSchema,
        ...Object.assign(
          {},
          ...OPERATION_BACKED.map(([model, schema]) => ({
            [schema]: resourceSchema(model, { updatedAt: { type: 'string', format: 'date-time', readOnly: true, description: 'Last change time, RFC 3339.' } }),
            [`${schema}Create`]: bodySchema(model, 'create'),
            [`${schema}Update`]: bodySchema(model, 'update'),
          })),
        ),
        Member: resourceSchema(tenantMemberModel, { updatedAt: { type: 'string', format: 'date-time', readOnly: true, description: 'Last change time, RFC 3339.' } }),
        MemberCreate: bodySchema(tenantMemberModel, 'create'),
        MemberUpdate: bodySchema(tenantMemberModel, 'update'),
        ApiToken: resourceSchema(apiTokenModel, { revokedAt: { type: ['string', 'null'], format: 'date-time', readOnly: true, description: 'When the token was revoked; null while it works.' } }),
        ApiTokenCreate: bodySchema(apiTokenModel, 'create'),
        AuditEntry: {
          type: 'object',
          description: 'One change: who (token and its tenant), what (action, kind, id, tenant), when, and the object before and after, secrets redacted.',
          properties: {
            id: { type: 'string' },
            at: { type: 'string', format: 'date-time' },
            tokenId: { type: 'string' },
            actorTenantId: { type: 'string' },
            action: { type: 'string', enum: ['create', 'update', 'delete'] },
            kind: { type: 'string', enum: ['tenant', 'member', 'api-token', 'cluster', 'vm', 'monitoring-stack'] },
            resourceId: { type: 'string' },
            tenantId: { type: 'string' },
            before: { type: ['object', 'null'] },
            after: { type: ['object', 'null'] },
          },
          required: ['id', 'at', 'tokenId', 'actorTenantId', 'action', 'kind', 'resourceId', 'tenantId', 'before', 'after'],
        },
        InstanceTypeInfo: {
          type: 'object',
          properties: { name: { type: 'string' }, series: { type: 'string' }, size: { type: 'string' }, cpu: { type: 'integer' }, memoryGib: { type: 'number' }, monthlyPrice: { type: 'number', description: 'EUR per month.' } },
          required: ['name', 'series', 'size', 'cpu', 'memoryGib', 'monthlyPrice'],
        },
        KubernetesVersions: {
          type: 'object',
          properties: { versions: { type: 'array', items: { type: 'string' } }, defaultVersion: { type: 'string' }, latestVersion: { type: 'string' } },
          required: ['versions', 'defaultVersion', 'latestVersion'],
        },
        DriverObject: {
          type: 'object',
          properties: { kind: { type: 'string', enum: ['cluster', 'vm', 'monitoring'] }, id: { type: 'string' }, phase: { type: 'string' } },
          required: ['kind', 'id', 'phase'],
        },
      },
    },
  };
}
