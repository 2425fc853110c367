import { Router } from 'express';
import { Queryable } from '../store/store';
import { tenantsRouter } from './router';
import { TenantHooks, TenantService } from './service';
import { TenantStore } from './store';

/** Wires the tenants feature: store (SQL) -> service (rules) -> router (HTTP). */
export function createTenantsFeature(db: Queryable, hooks: TenantHooks = {}): { service: TenantService; router: Router } {
  const service = new TenantService(new TenantStore(db), hooks);
  return { service, router: tenantsRouter(service) };
}
