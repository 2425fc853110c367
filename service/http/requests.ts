import { randomUUID } from 'node:crypto';
import { RequestHandler } from 'express';
import { Logger, logContext } from '../log';
import { Counter, Histogram } from '../metrics/registry';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Our ids (`tnt-...`, `vm-...`, `aud-...`): one route label for every object. */
const ID_SEGMENT = /^[a-z]{2,4}-[a-z2-7]{16}$/;

export interface RequestMetrics {
  readonly requests: Counter;
  readonly latency: Histogram;
}

/** `/v1/vms/vm-abc...` -> `/v1/vms/:id`; paths no route handled (unknown endpoints, malformed ids) -> `unmatched` (bounded label values). */
export function routeLabel(path: string, matched: boolean): string {
  if (!matched) return 'unmatched';
  return path
    .split('/')
    .map((seg) => (ID_SEGMENT.test(seg) ? ':id' : seg))
    .join('/');
}

/**
 * Gives each request an id (the caller's `X-Request-Id` when sane) echoed in the response and
 * carried by every log line written while the request runs; logs one line when the response is
 * finished and counts it. Headers are never logged: they carry the token.
 */
export function requestLog(log: Logger, metrics?: RequestMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const path = req.originalUrl.split('?')[0];
      log.info('request', { method: req.method, path, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10, requestId });
      if (metrics) {
        const route = routeLabel(path, (req as { route?: unknown }).route !== undefined);
        metrics.requests.inc({ method: req.method, route, status: String(res.statusCode) });
        metrics.latency.observe({ method: req.method, route }, seconds);
      }
    });
    logContext.run({ requestId }, next);
  };
}
