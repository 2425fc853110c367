import type { FieldError } from '../../client/types';
import { ResourceModel } from '../../model/schema';
import { DriverKind } from '../drivers/driver';
import { Queryable } from '../store/store';
import { ResourceRow } from './store';

/** A resource spec in API (camelCase) form, defaults applied, absent optionals null. */
export type Spec = Record<string, unknown>;

/**
 * What differs between clusters, VMs and monitoring stacks; everything else (lifecycle,
 * idempotency, operations, JSON shape) is shared in this folder. Each feature folder
 * exports one of these.
 */
export interface ResourceKind {
  readonly kind: DriverKind;
  readonly model: ResourceModel;
  /** Word used in messages and in a tenant's `resources` conflict list: `cluster`, `vm`, `monitoring-stack`. */
  readonly label: string;
  readonly idPrefix: string;
  readonly idPattern: RegExp;
  /** Unique per tenant and kind (a monitoring stack has a fixed one: one stack per tenant). */
  nameOf(spec: Spec): string;
  monthlyCost(spec: Spec): number;
  /** Rules across fields; `previous` is the stored spec on PATCH. Paths are API paths. */
  check(spec: Spec, previous?: Spec): FieldError[];
  /** What a duplicate name means, for the 409. */
  conflictDetail(name: string, tenantPath: string): string;
  /** Extra members of the API JSON (e.g. a stack's accounts). */
  extraFields?(db: Queryable, row: ResourceRow): Promise<Record<string, unknown>>;
  /** Runs inside the transaction creating the resource. */
  onCreated?(tx: Queryable, row: ResourceRow): Promise<void>;
  /** Runs inside the transaction that starts the deletion (status already `deleting`). */
  onDeleting?(tx: Queryable, row: ResourceRow): Promise<void>;
}
