import { Router } from 'express';
import type { TenantCreate, TenantUpdate } from '../../model/api/types';
import { MAX_IDS_PER_LIST } from '../../model/api/limits';
import { tenantModel } from '../../model/tenant';
import { TENANT_ID_PATTERN } from '../../model/tenant';
import { principalOf } from '../auth/middleware';
import { pageOf } from '../http/pagination';
import { fieldError, NotFoundError, ValidationError } from '../http/problem';
import { declaredRoute } from '../http/routes';
import { createBodyValidator, updateBodyValidator } from '../http/validation';
import { TenantService } from './service';

const createBody = createBodyValidator<TenantCreate>(tenantModel);
const updateBody = updateBodyValidator<TenantUpdate>(tenantModel, { extraReadOnly: ['updatedAt'] });

/** /v1/tenants. No try/catch: Express 5 hands rejected promises to the one error handler. */
export function tenantsRouter(tenants: TenantService): Router {
  const router = Router();

  // Ids that cannot exist are answered without a query.
  router.param('id', (_req, _res, next, id: string) => {
    if (!TENANT_ID_PATTERN.test(id)) throw new NotFoundError(`tenant ${id} does not exist (tenant ids look like tnt-abcdefghijklmnop)`);
    next();
  });

  const route = (path: string, handlers: Parameters<typeof declaredRoute>[3]) => declaredRoute(router, tenantModel.collection, path, handlers);

  route('/', {
    get: async (req, res) => {
      res.json(await tenants.list(principalOf(req), pageOf(req.query), idsOf(req.query.id)));
    },
    post: async (req, res) => {
      const tenant = await tenants.create(principalOf(req), createBody.parse(req.body));
      res.status(201).location(`/v1/tenants/${tenant.id}`).json(tenant);
    },
  });

  route('/by-path', {
    get: async (req, res) => {
      const path = req.query.path;
      if (typeof path !== 'string' || path === '') {
        throw new ValidationError([fieldError(['path'], 'query parameter is required: a tenant path such as acme/production')]);
      }
      res.json(await tenants.getByPath(principalOf(req), path));
    },
  });

  route('/:id', {
    get: async (req, res) => {
      res.json(await tenants.get(principalOf(req), req.params.id));
    },
    patch: async (req, res) => {
      res.json(await tenants.update(principalOf(req), req.params.id, updateBody.parse(req.body)));
    },
    delete: async (req, res) => {
      await tenants.delete(principalOf(req), req.params.id);
      res.status(204).end();
    },
  });

  route('/:id/children', {
    get: async (req, res) => {
      res.json(await tenants.children(principalOf(req), req.params.id, pageOf(req.query)));
    },
  });

  return router;
}

/** `?id=a&id=b` filters the list; absent means every visible tenant. */
function idsOf(query: unknown): string[] | undefined {
  if (query === undefined) return undefined;
  const ids = Array.isArray(query) ? query : [query];
  const problems = ids.flatMap((id, i) => (typeof id === 'string' && TENANT_ID_PATTERN.test(id) ? [] : [fieldError(['id', i], 'must be a tenant id such as tnt-abcdefghijklmnop')]));
  if (ids.length > MAX_IDS_PER_LIST) problems.push(fieldError(['id'], `at most ${MAX_IDS_PER_LIST} ids per request, got ${ids.length}`));
  if (problems.length > 0) throw new ValidationError(problems);
  return ids as string[];
}
