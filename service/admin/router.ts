import { Router } from 'express';
import { principalOf } from '../auth/middleware';
import { Driver } from '../drivers/driver';
import { ForbiddenError } from '../http/problem';

/** /v1/admin: operator views of the whole installation; super-admin tokens of the organisation root only. */
export function adminRouter(driver: Driver): Router {
  const router = Router();
  router.use((req, _res, next) => {
    const principal = principalOf(req);
    if (principal.role !== 'super-admin' || principal.tenantPath.includes('/')) {
      throw new ForbiddenError(`admin endpoints need a super-admin token of the organisation root; this token is ${principal.role} on ${principal.tenantPath}`);
    }
    next();
  });
  /** What exists in the driver's back-end: with the resources list, shows orphans. */
  router.get('/driver-objects', async (_req, res) => {
    res.json({ items: await driver.list() });
  });
  return router;
}
