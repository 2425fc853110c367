import { Request, Response, Router } from 'express';
import { hasUpdate } from '../../model/api/resources';
import type { FieldError } from '../../model/api/types';
import { triggeredActions } from '../../model/kind';
import { TENANT_ID_PATTERN } from '../../model/tenant';
import { principalOf } from '../auth/middleware';
import { pageOf } from '../http/pagination';
import { fieldError, NotFoundError, ValidationError } from '../http/problem';
import { declaredRoute } from '../http/routes';
import { createBodyValidator, updateBodyValidator } from '../http/validation';
import { IDEMPOTENCY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH, MAX_IDS_PER_LIST, MAX_WAIT_MS } from '../../model/api/limits';
import { ResourceService } from './service';
import { withoutSecrets } from './spec';
import { Principal, roleAtLeast } from '../auth/tokens';

/** /v1/clusters, /v1/vms, /v1/monitoring-stacks. No try/catch: Express 5 forwards rejections. */
export function resourceRouter(resources: ResourceService): Router {
  const { model, idPattern, idPrefix } = resources.kind;
  const createBody = createBodyValidator<Record<string, unknown>>(model);
  const updateBody = updateBodyValidator<Record<string, unknown>>(model, { extraReadOnly: ['updatedAt'] });
  const router = Router();
  /** Secrets only for admins: a view or use token must not read credentials beyond its role. */
  const shown = (principal: Principal, resource: Record<string, unknown>) => (roleAtLeast(principal.role, 'admin') ? resource : withoutSecrets(model, resource));

  router.param('id', (_req, _res, next, id: string) => {
    if (!idPattern.test(id)) throw new NotFoundError(`${model.noun} ${id} does not exist (ids look like ${idPrefix}-abcdefghijklmnop)`);
    next();
  });

  const route = (path: string, handlers: Parameters<typeof declaredRoute>[3]) => declaredRoute(router, model.collection, path, handlers);

  route('/', {
    get: async (req, res) => {
      const principal = principalOf(req);
      const page = await resources.list(principal, listFilter(req.query, idPattern, idPrefix), pageOf(req.query));
      res.json({ ...page, items: page.items.map((r) => shown(principal, r)) });
    },
    post: async (req, res) => {
      const key = idempotencyKeyOf(req.get(IDEMPOTENCY_HEADER));
      const { resource, replayed } = await resources.create(principalOf(req), createBody.parse(req.body), key);
      if (replayed) res.setHeader('idempotent-replayed', 'true');
      res
        .status(replayed ? 200 : 202)
        .location(`${model.collection}/${String(resource.id)}`)
        .json(shown(principalOf(req), resource));
    },
  });

  // The caller recorded what its create made: that create's Idempotency-Key no longer replays it.
  route('/:id/idempotency-key', {
    delete: async (req, res) => {
      await resources.settle(principalOf(req), req.params.id);
      res.status(204).end();
    },
  });

  route('/:id', {
    get: async (req, res) => {
      const wait = waitOf(req.query);
      const principal = principalOf(req);
      res.json(shown(principal, wait ? await resources.waitFor(principal, req.params.id, wait.goal, wait.maxMs) : await resources.get(principal, req.params.id)));
    },
    // A kind with nothing to change in place has no PATCH (model/api/routes.ts declares none).
    ...(hasUpdate(model)
      ? {
          patch: async (req: Request<Record<string, string>>, res: Response) => {
            res.status(202).json(shown(principalOf(req), await resources.update(principalOf(req), req.params.id, updateBody.parse(req.body))));
          },
        }
      : {}),
    delete: async (req, res) => {
      res.status(202).json(shown(principalOf(req), await resources.delete(principalOf(req), req.params.id)));
    },
  });

  // Triggered actions (model/kind.ts): `rotate` (new generated secrets, shown in this answer alone), a VM's `restart`...
  for (const action of triggeredActions(resources.kind.descriptor)) {
    route(`/:id/${action.name}`, {
      post: async (req, res) => {
        res.status(202).json(shown(principalOf(req), await resources.act(principalOf(req), req.params.id, action)));
      },
    });
  }

  return router;
}

/** `?wait=ready|gone&waitMs=N`: answer when the resource gets there (or after N ms, at most 20 s). */
function waitOf(query: Record<string, unknown>): { goal: 'ready' | 'gone'; maxMs: number } | undefined {
  if (query.wait === undefined) return undefined;
  const problems: FieldError[] = [];
  if (query.wait !== 'ready' && query.wait !== 'gone') problems.push(fieldError(['wait'], 'must be ready or gone'));
  const ms = query.waitMs === undefined ? MAX_WAIT_MS : Number(query.waitMs);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_WAIT_MS) problems.push(fieldError(['waitMs'], `must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}`));
  if (problems.length > 0) throw new ValidationError(problems);
  return { goal: query.wait as 'ready' | 'gone', maxMs: ms };
}

function idempotencyKeyOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    throw new ValidationError([fieldError([IDEMPOTENCY_HEADER], `header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters, e.g. a UUID`)]);
  }
  return value;
}

/** `?id=a&id=b` (at most 100), `?tenantId=`, `?name=`; all optional, combined with AND. */
function listFilter(query: Record<string, unknown>, idPattern: RegExp, idPrefix: string): { ids?: string[]; tenantId?: string; name?: string } {
  const problems: FieldError[] = [];
  let ids: string[] | undefined;
  if (query.id !== undefined) {
    const list = Array.isArray(query.id) ? query.id : [query.id];
    list.forEach((id, i) => {
      if (typeof id !== 'string' || !idPattern.test(id)) problems.push(fieldError(['id', i], `must be an id such as ${idPrefix}-abcdefghijklmnop`));
    });
    if (list.length > MAX_IDS_PER_LIST) problems.push(fieldError(['id'], `at most ${MAX_IDS_PER_LIST} ids per request, got ${list.length}`));
    ids = list as string[];
  }
  const single = (name: 'tenantId' | 'name', pattern?: RegExp): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
      problems.push(fieldError([name], pattern ? 'must be a tenant id such as tnt-abcdefghijklmnop' : 'must be given once'));
      return undefined;
    }
    return value;
  };
  const tenantId = single('tenantId', TENANT_ID_PATTERN);
  const name = single('name');
  if (problems.length > 0) throw new ValidationError(problems);
  return { ids, tenantId, name };
}
