import { Router } from 'express';
import { Store } from '../store/store';
import { tokensRouter } from './router';
import { TokenService } from './service';

/** Wires the API tokens feature: store (SQL) -> service (rules) -> router (HTTP). */
export function createTokensFeature(db: Store, revoked?: () => void): { service: TokenService; router: Router } {
  const service = new TokenService(db, revoked);
  return { service, router: tokensRouter(service) };
}
