import express, { RequestHandler } from 'express';
import { BODY_LIMIT_BYTES } from '../../model/api/limits';
import { checkRawJson } from './hostile-input';
import { HttpError } from './problem';

export { BODY_LIMIT_BYTES };

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
