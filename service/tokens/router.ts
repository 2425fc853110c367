import { Router } from 'express';
import { apiTokenModel, TOKEN_ID_PATTERN } from '../../model/access';
import { principalOf } from '../auth/middleware';
import { listQuery } from '../http/list-query';
import { declaredRoute } from '../http/routes';
import { pageOf } from '../http/pagination';
import { NotFoundError } from '../http/problem';
import { createBodyValidator } from '../http/validation';
import { TokenCreate, TokenService } from './service';

const createBody = createBodyValidator<TokenCreate>(apiTokenModel);

/** /v1/tokens: create (the secret, once), read, list, revoke. Tokens never change: no PATCH. */
export function tokensRouter(tokens: TokenService): Router {
  const router = Router();
  const route = (path: string, handlers: Parameters<typeof declaredRoute>[3]) => declaredRoute(router, apiTokenModel.collection, path, handlers);
  router.param('id', (_req, _res, next, id: string) => {
    if (!TOKEN_ID_PATTERN.test(id)) throw new NotFoundError(`API token ${id} does not exist (ids look like tok-abcdefghijklmnop)`);
    next();
  });
  route('/', {
    get: async (req, res) => {
      const { ids, tenantId } = listQuery(req.query, TOKEN_ID_PATTERN, 'tok-abcdefghijklmnop');
      res.json(await tokens.list(principalOf(req), { ids, tenantId }, pageOf(req.query)));
    },
    post: async (req, res) => {
      const token = await tokens.create(principalOf(req), createBody.parse(req.body));
      res.status(201).location(`/v1/tokens/${token.id}`).setHeader('cache-control', 'no-store').json(token);
    },
  });
  route('/:id', {
    get: async (req, res) => {
      res.json(await tokens.get(principalOf(req), req.params.id));
    },
    delete: async (req, res) => {
      await tokens.revoke(principalOf(req), req.params.id);
      res.status(204).end();
    },
  });
  return router;
}
