import express, { Express } from 'express';
import { adminRouter } from './admin/router';
import { auditRouter } from './audit/router';
import { requireToken } from './auth/middleware';
import { PrincipalCache, TokenStore } from './auth/tokens';
import { catalogRouter, pricesRouter } from './catalog/router';
import { Driver } from './drivers/driver';
import { jsonBody } from './http/body';
import { errorHandler, NotFoundError } from './http/problem';
import { requestLog } from './http/requests';
import { checkRoutes } from './http/routes';
import { ROUTES } from '../model/api/routes';
import { Logger } from './log';
import { MetricsAccounts } from './monitoring/accounts';
import { monitoringHooks } from './monitoring';
import { vpnUserHooks } from './vpns';
import { createMembersFeature } from './members';
import { openApiDocument } from './openapi';
import { ResourceKind, serviceKind, ServiceHooks } from './resources/kind';
import { KIND_LIST, KindName } from '../model/kinds';
import { resourceRouter } from './resources/router';
import { ResourceChanges } from './resources/changes';
import { ResourceService } from './resources/service';
import { Store } from './store/store';
import { guardrailsRouter } from './guardrails/router';
import { rejectHostileInput, rejectOversizedQuery } from './http/hostile-input';
import { healthRouter } from './health';
import { ControlPlaneMetrics, createControlPlaneMetrics } from './metrics/control-plane';
import { metricsRouter } from './metrics/router';
import { StoreHealth } from './store/observed';
import { Guardrails } from './guardrails/service';
import { createTenantsFeature } from './tenants';
import { createTokensFeature } from './tokens';

/** What kinds do in the service beyond their descriptors. */
const HOOKS: Partial<Record<KindName, ServiceHooks>> = { monitoring: monitoringHooks, 'vpn-user': vpnUserHooks };

/** Every operation-backed resource kind (model/kinds.ts), by kind. */
export const RESOURCE_KINDS: ReadonlyMap<string, ResourceKind> = new Map(KIND_LIST.map((d) => [d.name, serviceKind(d, HOOKS[d.name])]));

export interface AppOptions {
  readonly store: Store;
  readonly log: Logger;
  readonly driver: Driver;
  /** Called after a change wrote an operation: wakes the workers. @default - nothing */
  readonly notifyWorkers?: () => void;
  /** Signals resource changes to long polls; a private one when absent (tests without workers). */
  readonly changes?: ResourceChanges;
  /** Where /metrics reads from; a private registry when absent. */
  readonly metrics?: ControlPlaneMetrics;
  /** What the store went through (disk full...), for /readyz. */
  readonly storeHealth?: StoreHealth;
  /** PGlite data directory, whose free space /readyz checks. */
  readonly dataDir?: string;
}

/**
 * The Express app: public endpoints, then the token wall, then the features, then one error
 * handler. It serves exactly the routes model/api/routes.ts declares, or does not start.
 */
export function createApp({
  store,
  log,
  driver,
  notifyWorkers = () => undefined,
  changes = new ResourceChanges(),
  metrics = createControlPlaneMetrics(),
  storeHealth = {},
  dataDir,
}: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple'); // no nested objects from ?a[b]=c

  app.use(requestLog(log, metrics));
  app.use(rejectOversizedQuery());

  const openApi = JSON.stringify(openApiDocument());
  app.get('/v1/openapi.json', (_req, res) => {
    res.type('application/json').send(openApi);
  });
  app.use(healthRouter({ store, health: storeHealth, dataDir }));

  // Only this process writes the embedded store: usable tokens can be remembered (PrincipalCache).
  const principals = store.kind === 'pglite' ? new PrincipalCache() : undefined;
  const forgetPrincipals = () => principals?.forget();
  const tokenWall = requireToken(new TokenStore(store), principals);
  app.use(tokenWall);
  app.use('/metrics', metricsRouter(metrics.registry));
  app.use(jsonBody());
  app.use(rejectHostileInput());
  const guardrails = new Guardrails(store);
  const tenants = createTenantsFeature(store, {
    created: (row) => store.transaction((tx) => new MetricsAccounts(tx).reassign(row.path)),
    beforeInsert: (tx, parent, input) => guardrails.beforeTenantInsert(tx, parent, input),
    beforeUpdate: (tx, current, patch) => guardrails.beforeTenantUpdate(tx, current, patch),
    deleting: forgetPrincipals,
  });
  app.use(guardrailsRouter(guardrails));
  app.use('/v1/tenants/:id/audit', auditRouter(store));
  app.use('/v1/tenants', tenants.router);
  app.use('/v1/members', createMembersFeature(store).router);
  app.use('/v1/tokens', createTokensFeature(store, forgetPrincipals).router);
  const sealingKey = driver.sealingKey ? () => driver.sealingKey!() : undefined;
  for (const kind of RESOURCE_KINDS.values()) {
    app.use(kind.model.collection, resourceRouter(new ResourceService(store, kind, notifyWorkers, changes, guardrails, sealingKey)));
  }
  app.use('/v1/catalog', catalogRouter());
  app.use('/v1/prices', pricesRouter());
  app.use('/v1/admin', adminRouter(driver));

  app.use((req) => {
    throw new NotFoundError(`no such endpoint: ${req.method} ${req.path}`);
  });
  app.use(errorHandler(log));
  checkRoutes(app, tokenWall, ROUTES);
  return app;
}
