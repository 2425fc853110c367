import { Request, RequestHandler } from 'express';
import { UnauthorizedError } from '../http/problem';
import { Principal, PrincipalCache, TokenStore } from './tokens';

const principals = new WeakMap<Request, Principal>();

/** Every request must carry `Authorization: Bearer <token>` of a usable token, or gets 401. */
export function requireToken(tokens: TokenStore, cache?: PrincipalCache): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header) {
      throw new UnauthorizedError('this endpoint requires a token: send "Authorization: Bearer <token>" (see the credentials file written at first start)', false);
    }
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"', true);
    const principal = await tokens.authenticate(match[1], cache);
    if (!principal) throw new UnauthorizedError('the token is not valid: it is unknown, revoked or expired', true);
    principals.set(req, principal);
    next();
  };
}

/** The authenticated principal; only called behind requireToken. */
export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw new Error('principalOf called on a request that did not pass requireToken');
  return principal;
}
