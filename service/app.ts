import express, { Express } from 'express';
import { requireToken } from './auth/middleware';
import { TokenStore } from './auth/tokens';
import { jsonBody } from './http/body';
import { errorHandler, NotFoundError } from './http/problem';
import { requestLog } from './http/requests';
import { Logger } from './log';
import { openApiDocument } from './openapi';
import { Store } from './store/store';
import { createTenantsFeature } from './tenants';

export interface AppOptions {
  readonly store: Store;
  readonly log: Logger;
}

/** The Express app: public endpoints, then the token wall, then the features, then one error handler. */
export function createApp({ store, log }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple'); // no nested objects from ?a[b]=c

  app.use(requestLog(log));

  const openApi = JSON.stringify(openApiDocument());
  app.get('/v1/openapi.json', (_req, res) => {
    res.type('application/json').send(openApi);
  });
  app.get('/healthz', async (_req, res) => {
    await store.query('SELECT 1');
    res.json({ status: 'ok' });
  });

  app.use(requireToken(new TokenStore(store)));
  app.use(jsonBody());
  app.use('/v1/tenants', createTenantsFeature(store).router);

  app.use((req) => {
    throw new NotFoundError(`no such endpoint: ${req.method} ${req.path}`);
  });
  app.use(errorHandler(log));
  return app;
}
