import { Router } from 'express';
import { Store } from '../store/store';
import { tokensRouter } from './router';
import { TokenService } from './service';

/** Wires the API tokens feature: store (SQL) -> service (rules) -> router (HTTP). */
export function createTokensFeature(db: Store): { service: TokenService; router: Router } {
  const service = new TokenService(db);
  return { service, router: tokensRouter(service) };
}
