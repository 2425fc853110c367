import { Router } from 'express';
import { Store } from '../store/store';
import { membersRouter } from './router';
import { MemberService } from './service';

/** Wires the members feature: store (SQL) -> service (rules) -> router (HTTP). */
export function createMembersFeature(db: Store): { service: MemberService; router: Router } {
  const service = new MemberService(db);
  return { service, router: membersRouter(service) };
}
