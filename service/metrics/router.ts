import { Router } from 'express';
import { principalOf } from '../auth/middleware';
import { ForbiddenError } from '../http/problem';
import { Registry } from './registry';

/**
 * GET /metrics for Prometheus (or our MonitoringStack's vmagent) with a bearer token. The
 * figures cover every tenant (names, costs), so only a token of the organisation root may read
 * them, whatever its role: a view token is the one to give the scraper.
 */
export function metricsRouter(registry: Registry): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    if (principalOf(req).tenantPath.includes('/')) {
      throw new ForbiddenError('the metrics cover every tenant: they need a token of the organisation root tenant (a view token is enough)');
    }
    res.type('text/plain; version=0.0.4; charset=utf-8').send(await registry.render());
  });
  return router;
}
