/**
 * Every route of the REST API, declared once: method, path, parameters, bodies and the answers
 * it gives. The service wires its Express routes through these declarations (a route without
 * one does not start: service/http/routes.ts), service/openapi.ts turns them into the OpenAPI
 * document, and the contract test (test/service/contract.test.ts) sends requests to every one
 * and checks each declared answer against the document.
 */
import { apiTokenModel, tenantMemberModel } from '../access';
import { KIND_LIST, KIND_NAMES, KindName, KINDS, usesOf } from '../kinds';
import { KindDescriptor, ROTATE, triggeredActions } from '../kind';
import { camelCase, ResourceModel } from '../schema';
import { tenantModel } from '../tenant';
import { tenantUsageDataSourceModel } from '../usage';
import {
  instanceTypesDataSourceModel,
  gpusDataSourceModel,
  imagesDataSourceModel,
  kubernetesVersionsDataSourceModel,
  postgresExtensionsDataSourceModel,
  PRESET_ENGINE_NAMES,
  presetsDataSourceModel,
  pricesDataSourceModel,
} from '../catalog-data-sources';
import { PRICE_CATEGORY_NAMES } from '../prices';
import { CURRENCIES, CURRENCY, EUR_TO_CHF } from '../pricing';
import { JsonSchema } from './json-schema';
import { BODY_LIMIT_BYTES, IDEMPOTENCY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH, MAX_IDS_PER_LIST, MAX_WAIT_MS, PAGE_LIMITS } from './limits';

export { BODY_LIMIT_BYTES, IDEMPOTENCY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH, MAX_IDS_PER_LIST, MAX_WAIT_MS, PAGE_LIMITS };
import { problemSchema } from './problem';
import { hasUpdate, resourceSchemas } from './resources';
import { AUDIT_ACTIONS, AUDIT_KINDS, VALIDATION_KINDS } from './types';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

export interface ParameterDecl {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly schema: JsonSchema;
  readonly description?: string;
  /** `?id=a&id=b` lists. */
  readonly explode?: boolean;
}

export interface ResponseDecl {
  readonly description: string;
  /** JSON body (`application/json` unless `mediaType` says otherwise); none for 204. */
  readonly body?: JsonSchema;
  readonly mediaType?: string;
  /** An RFC 9457 problem+json body. */
  readonly problem?: boolean;
}

/** Tags group operations in the document; a route's tag must be one of these (service/openapi.ts refuses others). */
export const TAGS = {
  tenants: tenantModel.description,
  members: tenantMemberModel.description,
  tokens: apiTokenModel.description,
  ...Object.fromEntries(operationBackedModels().map((m) => [tagOf(m), m.description])),
  audit: 'Every change made through the API; append-only.',
  billing: 'Resource-hours and costs.',
  guardrails: 'Policies and quotas, checked before a change is made.',
  catalog: 'What Hikube offers.',
  admin: 'Operator views.',
  service: 'The service itself: its document, health and metrics.',
} as const satisfies Record<string, string>;

export interface RouteDecl {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI form: `/v1/tenants/{id}`. */
  readonly path: string;
  readonly tag: string;
  readonly summary?: string;
  /** Answered without a token. */
  readonly public?: boolean;
  readonly parameters?: readonly ParameterDecl[];
  /** JSON request body. */
  readonly requestBody?: JsonSchema;
  /** Every status the route answers with, and its body. */
  readonly responses: Readonly<Record<number, ResponseDecl>>;
}

/** Resources realized by long-running operations: every kind of the registry (model/kinds.ts). */
export function operationBackedModels(): ResourceModel[] {
  return KIND_LIST.map((kind) => kind.model);
}

function tagOf(model: ResourceModel): string {
  return model.collection.replace('/v1/', '');
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string): ResponseDecl => ({ description, problem: true });
const ok = (description: string, body: JsonSchema): ResponseDecl => ({ description, body });
const noContent = (description: string): ResponseDecl => ({ description });
const pageOf = (schema: string): JsonSchema => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(schema) }, nextCursor: { type: ['string', 'null'], description: 'The `cursor` of the next page; null on the last page.' } },
  required: ['items', 'nextCursor'],
  additionalProperties: false,
});
const listOf = (schema: string): JsonSchema => ({ type: 'object', properties: { items: { type: 'array', items: ref(schema) } }, required: ['items'], additionalProperties: false });

const pageParams: ParameterDecl[] = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: PAGE_LIMITS.max, default: PAGE_LIMITS.default }, description: 'Items per page.' },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'The `nextCursor` of the previous page, unchanged.' },
];
const idsParam = (what: string): ParameterDecl => ({
  name: 'id',
  in: 'query',
  schema: { type: 'array', items: { type: 'string' }, maxItems: MAX_IDS_PER_LIST },
  explode: true,
  description: `Only these ${what} (\`?id=a&id=b\`, at most ${MAX_IDS_PER_LIST}); unknown ones are left out. Clients batch lookups this way.`,
});
const tenantIdFilter: ParameterDecl = { name: 'tenantId', in: 'query', schema: { type: 'string' }, description: 'Only those of this tenant.' };
const idPath = (example: string): ParameterDecl => ({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: `e.g. \`${example}\`; an id of another form is 404.` });
const TENANT_ID_EXAMPLE = 'tnt-abcdefghijklmnop';
const tenantIdPath = idPath(TENANT_ID_EXAMPLE);
const forbidden = problem("The token's role does not allow this (the problem names the role needed).");

function tenantRoutes(): RouteDecl[] {
  const tag = 'tenants';
  const notFound = problem('No such tenant visible to this token.');
  return [
    {
      operationId: 'listTenants',
      method: 'get',
      path: '/v1/tenants',
      tag,
      summary: "Every tenant the token can see (its tenant's subtree), ordered by path.",
      parameters: [idsParam('tenant ids'), ...pageParams],
      responses: { 200: ok('Tenants.', pageOf('Tenant')), 400: problem('Bad limit, cursor or id.') },
    },
    {
      operationId: 'createTenant',
      method: 'post',
      path: '/v1/tenants',
      tag,
      summary: 'Create a tenant; without parentId it is created under the organisation root.',
      requestBody: ref('TenantCreate'),
      responses: {
        201: ok('Created.', ref('Tenant')),
        400: problem('Invalid body (every failing field is listed), a parent the token cannot see, or a policy or quota it breaks.'),
        403: forbidden,
        409: problem('A sibling has this name, or another tenant has the same namespace.'),
      },
    },
    {
      operationId: 'getTenantByPath',
      method: 'get',
      path: '/v1/tenants/by-path',
      tag,
      parameters: [{ name: 'path', in: 'query', required: true, schema: { type: 'string' }, description: 'A tenant path such as `acme/production`.' }],
      responses: { 200: ok('The tenant.', ref('Tenant')), 400: problem('Missing path.'), 404: notFound },
    },
    { operationId: 'getTenant', method: 'get', path: '/v1/tenants/{id}', tag, parameters: [tenantIdPath], responses: { 200: ok('The tenant.', ref('Tenant')), 404: notFound } },
    {
      operationId: 'updateTenant',
      method: 'patch',
      path: '/v1/tenants/{id}',
      tag,
      summary: 'Change description, labels, deletion protection, quotas or security policy; null clears description and labels.',
      parameters: [tenantIdPath],
      requestBody: ref('TenantUpdate'),
      responses: { 200: ok('The updated tenant.', ref('Tenant')), 400: problem('Invalid body, or a field that cannot change in place.'), 403: forbidden, 404: notFound },
    },
    {
      operationId: 'deleteTenant',
      method: 'delete',
      path: '/v1/tenants/{id}',
      tag,
      parameters: [tenantIdPath],
      responses: {
        204: noContent('Deleted.'),
        403: forbidden,
        404: notFound,
        409: problem('The tenant has sub-tenants (listed in `children`) or resources (listed in `resources`), has deletion protection, or is the organisation root.'),
      },
    },
    {
      operationId: 'listTenantChildren',
      method: 'get',
      path: '/v1/tenants/{id}/children',
      tag,
      parameters: [tenantIdPath, ...pageParams],
      responses: { 200: ok('Direct sub-tenants, ordered by path.', pageOf('Tenant')), 400: problem('Bad limit or cursor.'), 404: notFound },
    },
    {
      operationId: 'listAudit',
      method: 'get',
      path: '/v1/tenants/{id}/audit',
      tag: 'audit',
      summary: "Changes in the tenant's subtree, newest first. Admins of the tenant only; never editable.",
      parameters: [tenantIdPath, ...pageParams, { name: 'before', in: 'query', schema: { type: 'string' }, description: 'The last entry id of the previous page (older form of `cursor`).' }],
      responses: { 200: ok('Entries.', pageOf('AuditEntry')), 400: problem('Bad limit or cursor.'), 403: forbidden, 404: notFound },
    },
    {
      operationId: 'tenantUsage',
      method: 'get',
      path: '/v1/tenants/{id}/usage',
      tag: 'billing',
      summary: tenantUsageDataSourceModel.description,
      parameters: [
        tenantIdPath,
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'Start of the period; the start of the current UTC month by default.' },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'End of the period; now by default.' },
      ],
      responses: { 200: ok('Resource-hours and cost per resource and per tenant of the subtree, summing to the total.', ref('TenantUsage')), 400: problem('A bad or reversed range.'), 404: notFound },
    },
  ];
}

/** Members and API tokens: the same list, create, read and delete shape. */
function accessRoutes(): RouteDecl[] {
  const notFound = problem("Not found, or outside the token's subtree.");
  const refused = problem("The token's role does not allow this, or the role asked for is above the token's own.");
  const memberId = idPath('mem-abcdefghijklmnop');
  const tokenId = idPath('tok-abcdefghijklmnop');
  return [
    {
      operationId: 'listMembers',
      method: 'get',
      path: '/v1/members',
      tag: 'members',
      parameters: [idsParam('member ids'), tenantIdFilter, { name: 'user', in: 'query', schema: { type: 'string' }, description: 'Only this user (an e-mail address).' }, ...pageParams],
      responses: { 200: ok('Memberships in the subtree, filtered, by id.', pageOf('Member')), 400: problem('Bad filter.') },
    },
    {
      operationId: 'createMember',
      method: 'post',
      path: '/v1/members',
      tag: 'members',
      requestBody: ref('MemberCreate'),
      responses: { 201: ok('Created.', ref('Member')), 400: problem('Invalid body, or a tenant the token cannot see.'), 403: refused, 409: problem('The user is already a member of this tenant.') },
    },
    { operationId: 'getMember', method: 'get', path: '/v1/members/{id}', tag: 'members', parameters: [memberId], responses: { 200: ok('The membership.', ref('Member')), 404: notFound } },
    {
      operationId: 'updateMember',
      method: 'patch',
      path: '/v1/members/{id}',
      tag: 'members',
      summary: 'Change the role.',
      parameters: [memberId],
      requestBody: ref('MemberUpdate'),
      responses: { 200: ok('Changed.', ref('Member')), 400: problem('Invalid body.'), 403: refused, 404: notFound },
    },
    { operationId: 'deleteMember', method: 'delete', path: '/v1/members/{id}', tag: 'members', parameters: [memberId], responses: { 204: noContent('Removed.'), 403: refused, 404: notFound } },
    {
      operationId: 'listTokens',
      method: 'get',
      path: '/v1/tokens',
      tag: 'tokens',
      parameters: [idsParam('token ids'), tenantIdFilter, ...pageParams],
      responses: { 200: ok('Tokens of the subtree (revoked ones too), never their secrets, by id.', pageOf('ApiToken')), 400: problem('Bad filter.') },
    },
    {
      operationId: 'createToken',
      method: 'post',
      path: '/v1/tokens',
      tag: 'tokens',
      summary: "Create a token for the subtree, with a role no higher than the caller's. The answer carries `secret`: the only time it is shown.",
      requestBody: ref('ApiTokenCreate'),
      responses: { 201: ok('Created, with the secret.', ref('ApiToken')), 400: problem('Invalid body, an expiry in the past, or a tenant the token cannot see.'), 403: refused },
    },
    { operationId: 'getToken', method: 'get', path: '/v1/tokens/{id}', tag: 'tokens', parameters: [tokenId], responses: { 200: ok('The token, without its secret.', ref('ApiToken')), 404: notFound } },
    {
      operationId: 'revokeToken',
      method: 'delete',
      path: '/v1/tokens/{id}',
      tag: 'tokens',
      summary: 'Revoke: the token stops working at once; it stays readable with revokedAt.',
      parameters: [tokenId],
      responses: { 204: noContent('Revoked.'), 403: refused, 404: notFound },
    },
  ];
}

/** Why a delete may be refused (409), from the registry: sub-resources still there, others naming it, or using it (service/resources/service.ts). */
function deleteConflicts(kind: KindDescriptor): Record<number, ResponseDecl> {
  const children = KIND_LIST.filter((k) => k.parent?.kind === kind.name).map((k) => `${k.model.noun}s`);
  const holders = KIND_LIST.flatMap((h) => (h.refersTo ?? []).filter((r) => r.kind === kind.name).map((r) => `the \`${r.field}\` of ${h.model.noun}s`));
  // Objects another kind uses by id (a VM's subnets), and their parent (the subnets' VPC); one held alone (a VM's disk) is attached.
  const uses = usesOf(kind.name);
  const users = uses.filter((u) => !u.use.exclusive).map((u) => `the \`${u.use.field}\` of ${u.user.model.noun}s`);
  const attachers = uses.filter((u) => u.use.exclusive).map((u) => `the \`${u.use.field}\` of a ${u.user.model.noun}`);
  const reasons = [
    ...(children.length ? [`It still has ${children.join(' or ')} (listed): delete them first.`] : []),
    ...(holders.length ? [`It is still named in ${holders.join(' or ')} (listed).`] : []),
    ...(users.length ? [`It, or an object in it, is still used by ${users.join(' or ')} (listed).`] : []),
    ...(attachers.length ? [`It${uses.some((u) => u.use.exclusive && u.viaParent) ? ', or an object in it,' : ''} is attached: in ${attachers.join(' or ')} (named).`] : []),
  ];
  return reasons.length ? { 409: problem(reasons.join(' ')) } : {};
}

/** ", or a disk in `disks` is attached to another virtual machine": the 409 of a create or update naming an object held by another (`KindUse.exclusive`). */
function heldElsewhere(kind: KindDescriptor): string {
  return (kind.uses ?? [])
    .filter((u) => u.exclusive)
    .map((u) => `, or a ${KINDS[u.kind as KindName].model.noun} in \`${u.field}\` is attached to another ${kind.model.noun}`)
    .join('');
}

/** The collection of an operation-backed resource (served by service/resources/router.ts). */
function resourceRoutes(kind: KindDescriptor): RouteDecl[] {
  const model = kind.model;
  const name = model.schemaName;
  const tag = tagOf(model);
  const id: ParameterDecl = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: `${model.attributes.id.description} An id of another form is 404.` };
  const notFound = problem(`No such ${model.noun} visible to this token.`);
  const accepted = (what: string) => ok(`${what}; poll GET until status is ready or failed.`, ref(name));
  return [
    {
      operationId: `list${name}s`,
      method: 'get',
      path: model.collection,
      tag,
      parameters: [idsParam(`${model.noun} ids`), tenantIdFilter, { name: 'name', in: 'query', schema: { type: 'string' }, description: 'Only the one of this name (with tenantId).' }, ...pageParams],
      responses: { 200: ok(`Every visible ${model.noun}, filtered, by id.`, pageOf(name)), 400: problem('Bad filter, limit or cursor.') },
    },
    {
      operationId: `create${name}`,
      method: 'post',
      path: model.collection,
      tag,
      parameters: [
        {
          name: IDEMPOTENCY_HEADER,
          in: 'header',
          schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
          description:
            "Scoped to the caller's token. The same key with the same body answers with the same resource, never a duplicate, until the caller settles it (DELETE .../{id}/idempotency-key); with another body, 422.",
        },
      ],
      requestBody: ref(`${name}Create`),
      responses: {
        200: ok('Idempotent replay: the resource this key created.', ref(name)),
        202: accepted('Accepted, status pending'),
        400: problem('Invalid body (every failing field listed), a tenant the token cannot see, or a policy or quota it breaks.'),
        403: forbidden,
        409: problem(`The name is taken in the tenant${heldElsewhere(kind)}.`),
        422: problem('The Idempotency-Key was used for a different request.'),
      },
    },
    {
      operationId: `settle${name}Create`,
      method: 'delete',
      path: `${model.collection}/{id}/idempotency-key`,
      tag,
      summary: "The caller recorded the object its create made: the caller's Idempotency-Key no longer replays it.",
      parameters: [id],
      responses: { 204: noContent('Settled.'), 403: forbidden, 404: notFound },
    },
    {
      operationId: `get${name}`,
      method: 'get',
      path: `${model.collection}/{id}`,
      tag,
      parameters: [
        id,
        { name: 'wait', in: 'query', schema: { type: 'string', enum: ['ready', 'gone'] }, description: 'Long poll: answer once the resource is ready (or failed), or gone (404).' },
        {
          name: 'waitMs',
          in: 'query',
          schema: { type: 'integer', minimum: 0, maximum: MAX_WAIT_MS, default: MAX_WAIT_MS },
          description: 'Longest the long poll holds, in milliseconds; then the current state.',
        },
      ],
      responses: { 200: ok(`The ${model.noun}.`, ref(name)), 400: problem('Bad wait or waitMs.'), 404: notFound },
    },
    ...(hasUpdate(model)
      ? [
          {
            operationId: `update${name}`,
            method: 'patch',
            path: `${model.collection}/{id}`,
            tag,
            summary: 'New desired spec; an operation in progress takes it over.',
            parameters: [id],
            requestBody: ref(`${name}Update`),
            responses: {
              202: accepted('Accepted, status updating'),
              400: problem('Invalid body, a field that cannot change in place, a disk that would shrink, or a policy or quota it breaks.'),
              403: forbidden,
              404: notFound,
              409: problem(`Being deleted${heldElsewhere(kind)}.`),
            },
          } satisfies RouteDecl,
        ]
      : []),
    {
      operationId: `delete${name}`,
      method: 'delete',
      path: `${model.collection}/{id}`,
      tag,
      parameters: [id],
      responses: { 202: ok('Accepted, status deleting; GET answers 404 once it is gone.', ref(name)), 403: forbidden, 404: notFound, ...deleteConflicts(kind) },
    },
    // Actions a change of a trigger map asks for (model/kind.ts TriggeredAction): `rotate`, a VM's `restart`...
    ...triggeredActions(kind).map((action): RouteDecl =>
      action === ROTATE
        ? {
            operationId: `rotate${name}Secrets`,
            method: 'post',
            path: `${model.collection}/{id}/rotate`,
            tag,
            summary:
              `Rotate ${kind.secrets!.generated.map((s) => s.what).join(' and ')}: new ones are generated and returned in this answer, the only time they are shown ` +
              '(GET answers null); the old ones stop working once the status is ready again. Changes nothing else.',
            parameters: [id],
            responses: { 202: accepted('Accepted, status updating, with the new secrets'), 403: forbidden, 404: notFound, 409: problem('Being deleted.') },
          }
        : {
            operationId: `${camelCase(action.name.replace(/-/g, '_'))}${name}`,
            method: 'post',
            path: `${model.collection}/{id}/${action.name}`,
            tag,
            summary: `${action.does[0].toUpperCase()}${action.does.slice(1)}: an update operation (status updating, then ready), audited as \`${action.name}\`. Changes nothing in the spec. \`${action.trigger}\` asks for it from Terraform.`,
            parameters: [id],
            responses: { 202: accepted('Accepted, status updating'), 403: forbidden, 404: notFound, 409: problem('Being deleted.') },
          },
    ),
  ];
}

const validationRequestSchema: JsonSchema = {
  type: 'object',
  required: ['kind', 'tenantId', 'spec'],
  properties: {
    kind: { type: 'string', enum: [...VALIDATION_KINDS] },
    tenantId: { type: 'string', description: 'The owning tenant (for a new tenant: its parent).' },
    spec: { type: 'object', description: 'The desired spec in API JSON, as the create or update would send it.' },
    resourceId: { type: 'string', description: 'Set for an update: current use is not counted twice.' },
  },
  additionalProperties: false,
};

function serviceRoutes(): RouteDecl[] {
  return [
    {
      operationId: 'validateChange',
      method: 'post',
      path: '/v1/validate',
      tag: 'guardrails',
      summary: 'Checks a create or update of a tenant or resource against security policies and quotas without making it (the provider calls this while planning).',
      requestBody: {
        oneOf: [
          ref('ValidationRequest'),
          {
            type: 'object',
            required: ['requests'],
            description: "A plan's batch: each request is judged with the context and the accepted requests before it counted against quotas.",
            properties: {
              requests: { type: 'array', items: ref('ValidationRequest'), maxItems: 1000 },
              context: { type: 'array', items: ref('ValidationRequest'), maxItems: 1000, description: 'Changes accepted earlier in the same plan: counted, not judged again.' },
            },
            additionalProperties: false,
          },
        ],
      },
      responses: {
        200: ok('The problems found (empty when the change is allowed; policy `role` when the token may not make it), or for a batch one such result per request.', {
          oneOf: [ref('ValidationAnswer'), ref('ValidationBatchAnswer')],
        }),
        400: problem('Not a validation request or batch.'),
      },
    },
    {
      operationId: 'listInstanceTypes',
      method: 'get',
      path: '/v1/catalog/instance-types',
      tag: 'catalog',
      summary: instanceTypesDataSourceModel.description,
      responses: { 200: ok("Instance types: Hikube's, by series then size, then the deprecated names, each carrying `deprecated` (what to use instead).", listOf('InstanceTypeInfo')) },
    },
    {
      operationId: 'kubernetesVersions',
      method: 'get',
      path: '/v1/catalog/kubernetes-versions',
      tag: 'catalog',
      summary: kubernetesVersionsDataSourceModel.description,
      responses: { 200: ok('Supported versions.', ref('KubernetesVersions')) },
    },
    {
      operationId: 'listPresets',
      method: 'get',
      path: '/v1/catalog/presets',
      tag: 'catalog',
      summary: presetsDataSourceModel.description,
      parameters: [{ name: 'engine', in: 'query', schema: { type: 'string', enum: [...PRESET_ENGINE_NAMES] }, description: 'Only this engine (a data-service kind); every engine when absent.' }],
      responses: { 200: ok('Presets, by engine then from the smallest.', listOf('PresetInfo')), 400: problem('An unknown engine (the problem lists them).') },
    },
    {
      operationId: 'listImages',
      method: 'get',
      path: '/v1/catalog/images',
      tag: 'catalog',
      summary: imagesDataSourceModel.description,
      responses: { 200: ok("Platform images, per distribution, in the catalog's order.", listOf('ImageInfo')) },
    },
    {
      operationId: 'listGpus',
      method: 'get',
      path: '/v1/catalog/gpus',
      tag: 'catalog',
      summary: gpusDataSourceModel.description,
      responses: { 200: ok('GPUs, those offered first; a deprecated name carries `deprecated` (what to use instead).', listOf('GpuInfo')) },
    },
    {
      operationId: 'postgresExtensions',
      method: 'get',
      path: '/v1/catalog/postgres-extensions',
      tag: 'catalog',
      summary: postgresExtensionsDataSourceModel.description,
      responses: { 200: ok('Extension names.', ref('PostgresExtensions')) },
    },
    {
      operationId: 'listPrices',
      method: 'get',
      path: '/v1/prices/{category}',
      tag: 'catalog',
      summary: pricesDataSourceModel.description,
      parameters: [
        { name: 'category', in: 'path', required: true, schema: { type: 'string', enum: [...PRICE_CATEGORY_NAMES] }, description: 'The price category; another is 404, naming those there are.' },
        {
          name: 'currency',
          in: 'query',
          schema: { type: 'string', enum: [...CURRENCIES], default: CURRENCY },
          description: `${CURRENCY} (estimates and bills are in ${CURRENCY}) or CHF, converted at ${EUR_TO_CHF} CHF per EUR (a fixed rate of ours).`,
        },
      ],
      responses: {
        200: ok('The SKUs of the category, monthly and hourly.', ref('PriceSheet')),
        400: problem('An unknown currency.'),
        404: problem('No such price category (the problem lists them).'),
      },
    },
    {
      operationId: 'listDriverObjects',
      method: 'get',
      path: '/v1/admin/driver-objects',
      tag: 'admin',
      summary: "What exists in the driver's back-end (to find orphans). Super-admin tokens of the organisation root only.",
      responses: { 200: ok('Driver objects.', listOf('DriverObject')), 403: problem('Not a super-admin token of the organisation root.') },
    },
    { operationId: 'openApi', method: 'get', path: '/v1/openapi.json', tag: 'service', public: true, summary: 'This document.', responses: { 200: ok('This document.', { type: 'object' }) } },
    {
      operationId: 'health',
      method: 'get',
      path: '/healthz',
      tag: 'service',
      public: true,
      summary: 'Liveness: the process answers (whatever its database does).',
      responses: { 200: ok('The service is up.', { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'], additionalProperties: false }) },
    },
    {
      operationId: 'ready',
      method: 'get',
      path: '/readyz',
      tag: 'service',
      public: true,
      summary: 'Readiness: the database answers and its disk is not full.',
      responses: { 200: ok('Ready.', readiness('ready')), 503: ok('Not ready; `checks` says why (Retry-After given).', readiness('not ready')) },
    },
    {
      operationId: 'metrics',
      method: 'get',
      path: '/metrics',
      tag: 'service',
      summary: 'Prometheus text format (0.0.4). Needs a token of the organisation root (a view token is enough).',
      responses: { 200: { description: 'Metrics.', mediaType: 'text/plain', body: { type: 'string' } }, 403: problem('Not a token of the organisation root.') },
    },
  ];
}

function readiness(status: string): JsonSchema {
  return {
    type: 'object',
    properties: {
      status: { const: status },
      checks: { type: 'object', properties: { store: { type: 'string' }, disk: { type: 'string' } }, required: ['store', 'disk'], additionalProperties: false },
    },
    required: ['status', 'checks'],
    additionalProperties: false,
  };
}

/**
 * Answers every token-guarded route can give besides its own: no or a bad token (401); and for
 * routes with a body, a body that is not JSON (400), too large (413) or of another media type (415).
 */
function withCommonAnswers(route: RouteDecl): RouteDecl {
  const responses: Record<number, ResponseDecl> = { ...route.responses };
  if (!route.public) responses[401] = problem('Missing, unknown, revoked or expired token.');
  if (route.requestBody) {
    responses[400] ??= problem('Malformed JSON.');
    responses[413] = problem(`Body larger than ${BODY_LIMIT_BYTES} bytes.`);
    responses[415] = problem('Body is not JSON.');
  }
  return { ...route, responses };
}

/** Every route of the API, in document order. */
export const ROUTES: readonly RouteDecl[] = [...tenantRoutes(), ...KIND_LIST.map((kind) => resourceRoutes(kind)).flat(), ...accessRoutes(), ...serviceRoutes()].map(withCommonAnswers);

/** Named schemas the routes refer to: every resource's bodies (from the model), problems, and the rest. */
export function componentSchemas(): Record<string, JsonSchema> {
  const resources = Object.fromEntries(Object.entries(resourceSchemas()).map(([name, { schema }]) => [name, schema]));
  const string = { type: 'string' };
  const validationProblems: JsonSchema = {
    type: 'array',
    description: 'Empty when allowed; each names the field, the policy or quota, and the tenant that set it.',
    items: {
      type: 'object',
      properties: { field: string, path: { type: 'array', items: { type: ['string', 'integer'] } }, reason: string, policy: string, setBy: string },
      required: ['field', 'path', 'reason'],
      additionalProperties: false,
    },
  };
  return {
    ...resources,
    Problem: problemSchema,
    AuditEntry: {
      type: 'object',
      description: 'One change: who (token and its tenant), what (action, kind, id, tenant), when, and the object before and after, secrets redacted.',
      properties: {
        id: string,
        at: { type: 'string', format: 'date-time' },
        tokenId: string,
        actorTenantId: string,
        action: {
          type: 'string',
          enum: [...AUDIT_ACTIONS],
          description: "`rotate`: new generated secrets (redacted here); other actions besides create, update and delete are those of the kinds (a VM's `restart`).",
        },
        kind: { type: 'string', enum: [...AUDIT_KINDS], description: 'What changed.' },
        resourceId: string,
        tenantId: string,
        before: { type: ['object', 'null'] },
        after: { type: ['object', 'null'] },
      },
      required: ['id', 'at', 'tokenId', 'actorTenantId', 'action', 'kind', 'resourceId', 'tenantId', 'before', 'after'],
      additionalProperties: false,
    },
    TenantUsage: {
      type: 'object',
      description: tenantUsageDataSourceModel.description,
      properties: {
        tenantId: string,
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
        currency: string,
        totalCost: { type: 'number' },
        resources: {
          type: 'array',
          items: {
            type: 'object',
            properties: { kind: string, id: string, name: string, tenantId: string, hours: { type: 'number' }, cost: { type: 'number' } },
            required: ['kind', 'id', 'name', 'tenantId', 'hours', 'cost'],
            additionalProperties: false,
          },
        },
        subTenants: {
          type: 'array',
          items: { type: 'object', properties: { tenantId: string, path: string, cost: { type: 'number' } }, required: ['tenantId', 'path', 'cost'], additionalProperties: false },
        },
      },
      required: ['tenantId', 'from', 'to', 'currency', 'totalCost', 'resources', 'subTenants'],
      additionalProperties: false,
    },
    ValidationRequest: validationRequestSchema,
    ValidationAnswer: {
      type: 'object',
      properties: { problems: validationProblems },
      required: ['problems'],
      additionalProperties: false,
    },
    ValidationBatchAnswer: {
      type: 'object',
      properties: {
        results: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              problems: validationProblems,
              error: { type: 'object', properties: { status: { type: 'integer' }, title: string, detail: string }, required: ['status', 'title', 'detail'] },
            },
            required: ['problems'],
          },
        },
      },
      required: ['results'],
      additionalProperties: false,
    },
    InstanceTypeInfo: {
      type: 'object',
      properties: {
        name: string,
        series: string,
        size: string,
        cpu: { type: 'integer' },
        memoryGib: { type: 'number' },
        monthlyPrice: { type: 'number', description: 'EUR per month.' },
        deprecated: { type: 'string', description: 'Present only for a deprecated name (still accepted): why, and what to use instead.' },
      },
      required: ['name', 'series', 'size', 'cpu', 'memoryGib', 'monthlyPrice'],
      additionalProperties: false,
    },
    KubernetesVersions: {
      type: 'object',
      properties: { versions: { type: 'array', items: string }, defaultVersion: string, latestVersion: string },
      required: ['versions', 'defaultVersion', 'latestVersion'],
      additionalProperties: false,
    },
    PresetInfo: {
      type: 'object',
      properties: {
        engine: { type: 'string', enum: [...PRESET_ENGINE_NAMES] },
        name: string,
        cpu: { type: 'number' },
        memoryGib: { type: 'number' },
        monthlyPrice: { type: 'number', description: 'EUR per replica and month, without its volume.' },
      },
      required: ['engine', 'name', 'cpu', 'memoryGib', 'monthlyPrice'],
      additionalProperties: false,
    },
    ImageInfo: {
      type: 'object',
      properties: {
        name: string,
        displayName: string,
        versions: { type: 'array', items: string },
        images: { type: 'array', items: string, description: 'The values an `image` attribute takes: `<name>-<version>`.' },
        minSizeGib: { type: 'integer', description: 'The smallest disk the image fits on, in GB.' },
        iso: { type: 'boolean' },
      },
      required: ['name', 'displayName', 'versions', 'images', 'minSizeGib', 'iso'],
      additionalProperties: false,
    },
    GpuInfo: {
      type: 'object',
      properties: {
        name: string,
        displayName: string,
        memoryGb: { type: 'integer', description: 'GPU memory in GB.' },
        available: { type: 'boolean' },
        monthlyPrice: { type: 'number', description: 'EUR per GPU and month.' },
        deprecated: { type: 'string', description: 'Present only for a deprecated name (still accepted): why, and what to use instead.' },
      },
      required: ['name', 'displayName', 'memoryGb', 'available', 'monthlyPrice'],
      additionalProperties: false,
    },
    PostgresExtensions: {
      type: 'object',
      properties: { extensions: { type: 'array', items: string } },
      required: ['extensions'],
      additionalProperties: false,
    },
    PriceSheet: {
      type: 'object',
      description: 'One category of the price list: a price per SKU, storage per GiB, the rest per resource.',
      properties: {
        category: { type: 'string', enum: [...PRICE_CATEGORY_NAMES] },
        description: string,
        currency: { type: 'string', enum: [...CURRENCIES] },
        exchangeRate: { type: 'number', description: `The rate applied to the ${CURRENCY} list: 1 for ${CURRENCY}.` },
        hoursPerMonth: { type: 'integer', description: 'Hours in a month: hourly = monthly / hoursPerMonth.' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              sku: string,
              description: string,
              unit: { type: 'string', description: '`GiB` for storage, otherwise the resource (`instance`, `replica`, `GPU`...).' },
              monthly: { type: 'number', description: 'Per unit and month, to 4 decimals.' },
              hourly: { type: 'number', description: 'Per unit and hour, to 6 decimals.' },
            },
            required: ['sku', 'description', 'unit', 'monthly', 'hourly'],
            additionalProperties: false,
          },
        },
      },
      required: ['category', 'description', 'currency', 'exchangeRate', 'hoursPerMonth', 'items'],
      additionalProperties: false,
    },
    DriverObject: {
      type: 'object',
      properties: { kind: { type: 'string', enum: [...KIND_NAMES] }, id: string, phase: string },
      required: ['kind', 'id', 'phase'],
      additionalProperties: false,
    },
  };
}
