import { RequestHandler } from 'express';
import { fieldError, ValidationError } from './problem';

const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function pollutingKeyPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (POLLUTING_KEYS.has(k)) return [...path, k];
    const found = pollutingKeyPath(v, [...path, Array.isArray(value) ? Number(k) : k]);
    if (found) return found;
  }
  return undefined;
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
