import { Router } from 'express';
import type { Role } from '../../model/api/types';
import { EMAIL_PATTERN, MEMBER_ID_PATTERN, tenantMemberModel } from '../../model/access';
import { principalOf } from '../auth/middleware';
import { listQuery } from '../http/list-query';
import { declaredRoute } from '../http/routes';
import { pageOf } from '../http/pagination';
import { NotFoundError } from '../http/problem';
import { createBodyValidator, updateBodyValidator } from '../http/validation';
import { MemberService } from './service';

const createBody = createBodyValidator<{ tenantId: string; user: string; role: Role }>(tenantMemberModel);
const updateBody = updateBodyValidator<{ role?: Role }>(tenantMemberModel, { extraReadOnly: ['updatedAt'] });

/** /v1/members. No try/catch: Express 5 forwards rejections to the one error handler. */
export function membersRouter(members: MemberService): Router {
  const router = Router();
  const route = (path: string, handlers: Parameters<typeof declaredRoute>[3]) => declaredRoute(router, tenantMemberModel.collection, path, handlers);
  router.param('id', (_req, _res, next, id: string) => {
    if (!MEMBER_ID_PATTERN.test(id)) throw new NotFoundError(`member ${id} does not exist (ids look like mem-abcdefghijklmnop)`);
    next();
  });
  route('/', {
    get: async (req, res) => {
      const { ids, tenantId, user } = listQuery(req.query, MEMBER_ID_PATTERN, 'mem-abcdefghijklmnop', { user: EMAIL_PATTERN });
      res.json(await members.list(principalOf(req), { ids, tenantId, user }, pageOf(req.query)));
    },
    post: async (req, res) => {
      const member = await members.create(principalOf(req), createBody.parse(req.body));
      res.status(201).location(`/v1/members/${member.id}`).json(member);
    },
  });
  route('/:id', {
    get: async (req, res) => {
      res.json(await members.get(principalOf(req), req.params.id));
    },
    patch: async (req, res) => {
      res.json(await members.update(principalOf(req), req.params.id, updateBody.parse(req.body)));
    },
    delete: async (req, res) => {
      await members.delete(principalOf(req), req.params.id);
      res.status(204).end();
    },
  });
  return router;
}
