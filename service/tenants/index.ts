import { Router } from 'express';
import { Store } from '../store/store';
import { tenantsRouter } from './router';
import { TenantHooks, TenantService } from './service';

/** Wires the tenants feature: store (SQL) -> service (rules) -> router (HTTP). */
export function createTenantsFeature(db: Store, hooks: TenantHooks = {}): { service: TenantService; router: Router } {
  const service = new TenantService(db, hooks);
  return { service, router: tenantsRouter(service) };
}
