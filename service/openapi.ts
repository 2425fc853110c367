/**
 * The OpenAPI 3.1 document, made from the REST contract: operations from the route declarations
 * the app is checked against at start-up (model/api/routes.ts), component schemas from the
 * resource models (model/api/json-schema.ts, the same source as request validation).
 */
import { PROBLEM_MEDIA_TYPE } from '../model/api/problem';
import { componentSchemas, ParameterDecl, ref, ResponseDecl, RouteDecl, ROUTES, TAGS } from '../model/api/routes';
import { JsonSchema } from '../model/api/json-schema';

function response(decl: ResponseDecl): JsonSchema {
  if (decl.problem) return { description: decl.description, content: { [PROBLEM_MEDIA_TYPE]: { schema: ref('Problem') } } };
  if (!decl.body) return { description: decl.description };
  return { description: decl.description, content: { [decl.mediaType ?? 'application/json']: { schema: decl.body } } };
}

function parameter(p: ParameterDecl): JsonSchema {
  return {
    name: p.name,
    in: p.in,
    ...(p.required ? { required: true } : {}),
    ...(p.description ? { description: p.description } : {}),
    schema: p.schema,
    ...(p.explode ? { style: 'form', explode: true } : {}),
  };
}

/** Path parameters belong to the path (every operation on it has them); the rest to the operation. */
const pathParameters = (route: RouteDecl) => (route.parameters ?? []).filter((p) => p.in === 'path');
const ownParameters = (route: RouteDecl) => (route.parameters ?? []).filter((p) => p.in !== 'path');

function operation(route: RouteDecl): JsonSchema {
  return {
    tags: [route.tag],
    operationId: route.operationId,
    ...(route.summary ? { summary: route.summary } : {}),
    ...(route.public ? { security: [] } : {}),
    ...(ownParameters(route).length ? { parameters: ownParameters(route).map(parameter) } : {}),
    ...(route.requestBody ? { requestBody: { required: true, content: { 'application/json': { schema: route.requestBody } } } } : {}),
    responses: Object.fromEntries(Object.entries(route.responses).map(([status, decl]) => [status, response(decl)])),
  };
}

export function openApiDocument(routes: readonly RouteDecl[] = ROUTES): JsonSchema {
  const undeclared = routes.filter((r) => !(r.tag in TAGS)).map((r) => `${r.operationId} (${r.tag})`);
  if (undeclared.length > 0) throw new Error(`routes with a tag missing from TAGS in model/api/routes.ts: ${undeclared.join(', ')}`);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = (paths[route.path] ??= pathParameters(route).length ? { parameters: pathParameters(route).map(parameter) } : {});
    path[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hikube provisioning service',
      version: '1.0.0',
      description: 'The Hikube control plane API. Errors are RFC 9457 problem+json with the failing field paths.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token; the first start writes an admin token to the credentials file.' } },
      schemas: componentSchemas(),
    },
  };
}
