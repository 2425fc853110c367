import { RequestHandler } from 'express';
import { BadRequestError, fieldError, HttpError, ValidationError } from './problem';

const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deepest JSON nesting accepted: our deepest body (a node group's map inside a cluster) is 4. */
export const MAX_JSON_DEPTH = 32;
/** Most query parameters in one request: a batch read names at most 100 ids. */
export const MAX_QUERY_PARAMETERS = 200;

function pollutingKeyPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (POLLUTING_KEYS.has(k)) return [...path, k];
    const found = pollutingKeyPath(v, [...path, Array.isArray(value) ? Number(k) : k]);
    if (found) return found;
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks a raw JSON body before it is parsed: valid UTF-8 (a decoder would otherwise replace
 * bad bytes with U+FFFD and store altered text) and nesting no deeper than MAX_JSON_DEPTH (deep
 * nesting exhausts the stack of every recursive walk after parsing). One pass over the bytes.
 */
export function checkRawJson(buf: Buffer): void {
  try {
    utf8.decode(buf);
  } catch {
    throw new HttpError(400, 'invalid-utf8', 'Bad Request', { detail: 'the request body is not valid UTF-8: send JSON text encoded as UTF-8' });
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new HttpError(400, 'json-too-deep', 'Bad Request', { detail: `the request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; no field needs that` });
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** More query parameters than any endpoint reads is a 400, not a silent cut at 1000 by the parser. */
export function rejectOversizedQuery(): RequestHandler {
  return (req, _res, next) => {
    const q = req.originalUrl.indexOf('?');
    if (q >= 0) {
      const count = req.originalUrl.slice(q + 1).split('&').length;
      if (count > MAX_QUERY_PARAMETERS) throw new BadRequestError('too-many-parameters', `the URL has ${count} query parameters; at most ${MAX_QUERY_PARAMETERS} are accepted`);
    }
    next();
  };
}

/**
 * Input no field accepts, refused before any handler sees it: PostgreSQL text cannot hold U+0000
 * (a NUL would fail in the database as a 500), and prototype-polluting keys are never data.
 */
export function rejectHostileInput(): RequestHandler {
  return (req, _res, next) => {
    if (req.originalUrl.includes('%00') || req.originalUrl.includes('\u0000')) throw new ValidationError([fieldError([], 'the URL contains a NUL byte (%00)')]);
    if (req.body === undefined) return next();
    if (JSON.stringify(req.body).includes('\\u0000')) throw new ValidationError([fieldError([], 'the body contains a NUL character (\\u0000), which no field accepts')]);
    const polluting = pollutingKeyPath(req.body);
    if (polluting) throw new ValidationError([fieldError(polluting, 'is not an accepted key')]);
    next();
  };
}
