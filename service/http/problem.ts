import * as http from 'node:http';
import { ErrorRequestHandler, Request, Response } from 'express';
import type { FieldError, Problem } from '../../model/api/types';
import { Logger } from '../log';
import { RETRY_AFTER_SECONDS, StoreFullError, StoreUnavailableError } from '../store/faults';

/**
 * RFC 9457 problem details. Every error the service answers with is an `HttpError` (or is
 * turned into one here): routers throw, Express 5 forwards, `errorHandler` writes.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://hikube.cloud/problems/';

export interface HttpErrorOptions {
  readonly detail?: string;
  readonly errors?: FieldError[];
  /** Extension members added to the problem body (e.g. `children`). */
  readonly extensions?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** Short slug, becomes the problem `type` URI. */
    readonly slug: string,
    readonly title: string,
    readonly options: HttpErrorOptions = {},
  ) {
    super(options.detail ?? title);
    this.name = new.target.name;
  }

  toProblem(instance?: string): Problem & Record<string, unknown> {
    return {
      ...this.options.extensions,
      type: PROBLEM_BASE + this.slug,
      title: this.title,
      status: this.status,
      ...(this.options.detail ? { detail: this.options.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.options.errors ? { errors: this.options.errors } : {}),
    };
  }
}

export class ValidationError extends HttpError {
  constructor(errors: FieldError[], detail?: string) {
    super(400, 'validation-error', 'Invalid Request', {
      errors,
      detail: detail ?? errors.map((e) => `${e.field || 'body'}: ${e.reason}`).join('; '),
    });
  }
}

export class BadRequestError extends HttpError {
  constructor(slug: string, detail: string) {
    super(400, slug, 'Bad Request', { detail });
  }
}

export class UnauthorizedError extends HttpError {
  constructor(detail: string, invalidToken: boolean) {
    super(401, 'unauthorized', 'Unauthorized', {
      detail,
      headers: { 'www-authenticate': invalidToken ? 'Bearer realm="hikube", error="invalid_token"' : 'Bearer realm="hikube"' },
    });
  }
}

export class ForbiddenError extends HttpError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', { detail });
  }
}

export class NotFoundError extends HttpError {
  constructor(detail: string) {
    super(404, 'not-found', 'Not Found', { detail });
  }
}

export class MethodNotAllowedError extends HttpError {
  constructor(method: string, allowed: readonly string[]) {
    super(405, 'method-not-allowed', 'Method Not Allowed', {
      detail: `${method} is not supported here; allowed: ${allowed.join(', ')}`,
      headers: { allow: allowed.join(', ') },
    });
  }
}

export class ConflictError extends HttpError {
  constructor(slug: string, detail: string, extensions?: Record<string, unknown>) {
    super(409, slug, 'Conflict', { detail, extensions });
  }
}

/** `['labels', 'team']` -> `labels.team`; keys that are not identifiers get brackets. */
export function fieldName(path: readonly (string | number)[]): string {
  return path
    .map((seg, i) => {
      if (typeof seg === 'number') return `[${seg}]`;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) return i === 0 ? seg : `.${seg}`;
      return `[${JSON.stringify(seg)}]`;
    })
    .join('');
}

export function fieldError(path: (string | number)[], reason: string): FieldError {
  return { field: fieldName(path), path, reason };
}

/** body-parser's errors carry a `type`; turn the ones a client causes into problems. */
function fromBodyParser(err: unknown): HttpError | undefined {
  const e = err as { type?: unknown; status?: unknown; message?: string; limit?: number };
  switch (e.type) {
    case 'entity.parse.failed':
      return new BadRequestError('malformed-json', `the request body is not valid JSON: ${e.message}`);
    case 'entity.too.large':
      return new HttpError(413, 'payload-too-large', 'Payload Too Large', {
        detail: e.limit ? `the request body is larger than the ${e.limit} bytes allowed` : 'the request body is too large',
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported-media-type', 'Unsupported Media Type', { detail: e.message });
    case 'entity.verify.failed':
      // checkRawJson's refusal; body-parser re-labels it 403, the reason stays ours.
      return err instanceof HttpError ? new HttpError(400, err.slug, err.title, err.options) : undefined;
    case 'request.aborted':
      return new BadRequestError('request-aborted', 'the client aborted the request');
    default:
      return undefined;
  }
}

/** 503 while the database cannot be reached: clients wait and retry, nothing was changed. */
export function storeUnavailable(): HttpError {
  return new HttpError(503, 'store-unavailable', 'Service Unavailable', {
    detail: `the service cannot reach its database right now (restarting or failing over); nothing was changed: retry in ${RETRY_AFTER_SECONDS} s`,
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
  });
}

/** 507 when the database has no disk space left: reads still work, writes wait for an operator. */
export function storeFull(): HttpError {
  return new HttpError(507, 'insufficient-storage', 'Insufficient Storage', {
    detail: "the service's database is out of disk space, so nothing was changed; reads still work. An operator must free or add disk space",
  });
}

/** Every problem carries the request id, as the response header and the log lines do. */
export function sendProblem(res: Response, err: HttpError, instance?: string): void {
  for (const [name, value] of Object.entries(err.options.headers ?? {})) res.setHeader(name, value);
  const requestId = res.getHeader('x-request-id');
  const body = { ...err.toProblem(instance), ...(typeof requestId === 'string' ? { requestId } : {}) };
  res.status(err.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** The one error handler: problem+json for everything, a logged stack for the unexpected. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, _next) => {
    let problem =
      err instanceof HttpError && (err as { type?: unknown }).type === undefined
        ? err
        : err instanceof StoreUnavailableError
          ? storeUnavailable()
          : err instanceof StoreFullError
            ? storeFull()
            : fromBodyParser(err);
    if (err instanceof StoreUnavailableError || err instanceof StoreFullError) log.warn('store fault', { method: req.method, path: req.path, error: err.message });
    if (!problem) {
      log.error('unexpected error', { method: req.method, path: req.path, err });
      problem = new HttpError(500, 'internal-error', http.STATUS_CODES[500] ?? 'Internal Server Error', {
        detail: 'the service failed unexpectedly; the error is in its log under this request id',
      });
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendProblem(res, problem, req.originalUrl.split('?')[0]);
  };
}
