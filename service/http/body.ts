import express, { RequestHandler } from 'express';
import { checkRawJson } from './hostile-input';
import { HttpError } from './problem';

/** Largest JSON body accepted; bigger ones get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * JSON bodies only: a body of another content type is refused with 415 (rather than silently
 * ignored, which would turn a create into a create-with-defaults), then parsed with a size limit.
 * body-parser's own errors (malformed, too large) reach the error handler as problems.
 */
export function jsonBody(): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.is(JSON_TYPES)) {
      throw new HttpError(415, 'unsupported-media-type', 'Unsupported Media Type', {
        detail: `request bodies must be JSON (content-type: application/json), got ${req.headers['content-type'] ?? 'no content-type'}`,
      });
    }
    next();
  };
  return [requireJson, express.json({ limit: BODY_LIMIT_BYTES, strict: false, type: JSON_TYPES, verify: (_req, _res, buf) => checkRawJson(buf) })];
}
