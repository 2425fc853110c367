/**
 * The routes the Express app really serves, checked at start-up against the declarations in
 * model/api/routes.ts (the contract the OpenAPI document is made from): a route without a
 * declaration, a declaration without a route, or a public route behind the token wall (or the
 * reverse) stops the service from starting, naming the route.
 */
import type { Express, Request, RequestHandler, Response, Router } from 'express';
import { HttpMethod, RouteDecl, ROUTES } from '../../model/api/routes';
import { MethodNotAllowedError } from './problem';

/** One served route: `get /v1/tenants/{id}` (OpenAPI path form), and whether it is before the token wall. */
export interface ServedRoute {
  readonly method: string;
  readonly path: string;
  readonly public: boolean;
}

/** The shape of Express 5's router internals read here (router 2.x: Layer, Route). */
interface Layer {
  readonly handle: RequestHandler & { stack?: Layer[] };
  readonly rawPath?: string | string[];
  readonly route?: { path: string; methods: Record<string, boolean> };
}

/** `/v1/tenants/:id` -> `/v1/tenants/{id}`; `/v1/tenants` + `/` -> `/v1/tenants`. */
function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}${path === '/' ? '' : path}`.replace(/:(\w+)/g, '{$1}');
  return joined === '' ? '/' : joined;
}

/** Every method and path the app answers, walking mounted routers; `wall` is the token check. */
export function servedRoutes(app: Express, wall: RequestHandler): ServedRoute[] {
  const out: ServedRoute[] = [];
  let behindWall = false;
  const walk = (stack: readonly Layer[], prefix: string, top: boolean): void => {
    for (const layer of stack) {
      if (top && layer.handle === wall) behindWall = true;
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all') out.push({ method, path: joinPath(prefix, layer.route.path), public: !behindWall });
        }
      } else if (Array.isArray(layer.handle.stack)) {
        walk(layer.handle.stack, prefix + mount, false);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', true);
  return out;
}

/** Throws, listing every difference, unless the app serves exactly the declared routes. */
export function checkRoutes(app: Express, wall: RequestHandler, declared: readonly RouteDecl[]): void {
  const key = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;
  const served = new Map(servedRoutes(app, wall).map((r) => [key(r), r]));
  const wanted = new Map(declared.map((r) => [key(r), r]));
  const problems: string[] = [];
  for (const [k, route] of served) {
    const decl = wanted.get(k);
    if (!decl) problems.push(`${k} is served but not declared in model/api/routes.ts`);
    else if (Boolean(decl.public) !== route.public) problems.push(`${k} is declared ${decl.public ? 'public' : 'behind the token'} but served ${route.public ? 'before' : 'after'} the token check`);
  }
  for (const k of wanted.keys()) if (!served.has(k)) problems.push(`${k} is declared in model/api/routes.ts but not served`);
  if (problems.length > 0) throw new Error(`the service's routes differ from the REST contract:\n  ${problems.join('\n  ')}`);
}

/** A route handler; path parameters are single strings (no wildcards in declared paths). */
type Handler = (req: Request<Record<string, string>>, res: Response) => unknown;

/**
 * Serves `path` of a router mounted at `base` (both Express or OpenAPI form) with one handler per
 * method declared for it, and 405 (Allow: the declared methods) for any other. A handler for an
 * undeclared method, or a declared method without one, is an error when the router is built.
 */
export function declaredRoute(router: Router, base: string, path: string, handlers: Partial<Record<HttpMethod, Handler>>, declared: readonly RouteDecl[] = ROUTES): void {
  const full = joinPath(base.replace(/\{(\w+)\}/g, ':$1'), path);
  const methods = declared.filter((r) => r.path === full).map((r) => r.method);
  const given = Object.keys(handlers) as HttpMethod[];
  const undeclared = given.filter((m) => !methods.includes(m));
  const unserved = methods.filter((m) => !given.includes(m));
  if (undeclared.length > 0 || unserved.length > 0) {
    throw new Error(
      `${full}: ${[...undeclared.map((m) => `${m.toUpperCase()} has no declaration in model/api/routes.ts`), ...unserved.map((m) => `declared ${m.toUpperCase()} has no handler`)].join('; ')}`,
    );
  }
  const route = router.route(path);
  for (const method of methods) route[method](handlers[method] as RequestHandler);
  const allowed = methods.map((m) => m.toUpperCase());
  route.all((req) => {
    throw new MethodNotAllowedError(req.method, allowed);
  });
}
