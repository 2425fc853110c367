import type { FieldError } from '../../model/api/types';
import { costOf, GeneratedSecret, idPatternOf, KindDescriptor, KindProblem, qualifiedName, renderNames, splitQualifiedName } from '../../model/kind';
import { KindName } from '../../model/kinds';
import { ResourceModel } from '../../model/schema';
import { fieldError } from '../http/problem';
import { Queryable } from '../store/store';
import { ResourceRow, Spec } from './store';

export type { Spec };

/** What a kind does in the service beyond its descriptor: hooks into the shared lifecycle. */
export interface ServiceHooks {
  /** Extra members of the API JSON (e.g. a stack's accounts). */
  extraFields?(db: Queryable, row: ResourceRow): Promise<Record<string, unknown>>;
  /** Runs inside the transaction creating the resource. */
  onCreated?(tx: Queryable, row: ResourceRow): Promise<void>;
  /** Runs inside the transaction that starts the deletion (status already `deleting`). */
  onDeleting?(tx: Queryable, row: ResourceRow): Promise<void>;
  /** The value holding a secret just generated (`GeneratedSecret.embeddedIn`: a VPN user's access URL), or null when it cannot be made. */
  embed?(db: Queryable, row: ResourceRow, secret: GeneratedSecret, plain: string): Promise<string | null>;
}

/**
 * A kind as the service uses it: its descriptor (model/kind.ts) in the service's terms, plus
 * its hooks. Everything else (lifecycle, idempotency, operations, JSON shape) is shared in
 * this folder.
 */
export interface ResourceKind extends ServiceHooks {
  readonly descriptor: KindDescriptor<KindName>;
  readonly kind: KindName;
  readonly model: ResourceModel;
  /** Word used in messages and in a tenant's `resources` conflict list: `cluster`, `vm`, `monitoring-stack`. */
  readonly label: string;
  readonly idPrefix: string;
  readonly idPattern: RegExp;
  /**
   * Unique per tenant and kind (a monitoring stack has a fixed one: one stack per tenant; a
   * sub-resource's is `<parent name>/<name>`).
   */
  nameOf(spec: Spec, parentName?: string): string;
  monthlyCost(spec: Spec): number;
  /** The kind's cross-field rules; `previous` is the stored spec on PATCH. Paths are API paths. */
  check(spec: Spec, previous?: Spec): FieldError[];
  /** What a duplicate name means, for the 409. */
  conflictDetail(name: string, tenantPath: string): string;
}

/** A rule's finding as the API reports it: `must be >= minReplicas (3), got 1`. */
export function toFieldError(p: KindProblem): FieldError {
  return fieldError([...p.path], `${renderNames(p.reason)}${p.value === undefined ? '' : `, got ${JSON.stringify(p.value)}`}`);
}

export function serviceKind(d: KindDescriptor<KindName>, hooks: ServiceHooks = {}): ResourceKind {
  const noun = d.model.noun;
  return {
    ...hooks,
    descriptor: d,
    kind: d.name,
    model: d.model,
    label: d.label,
    idPrefix: d.idPrefix,
    idPattern: idPatternOf(d.idPrefix),
    nameOf: (spec, parentName) => qualifiedName(d, spec, parentName),
    monthlyCost: (spec) => costOf(d)?.monthly(spec) ?? 0,
    check: (spec, previous) => d.rules(spec, previous).map(toFieldError),
    conflictDetail: (name, tenantPath) =>
      d.fixedName
        ? `tenant ${tenantPath} already has a ${noun} (at most one per tenant): import it, or change that one`
        : d.parent
          ? `${tenantPath}/${splitQualifiedName(name).parent} already has a ${noun} named ${splitQualifiedName(name).own}: choose another name, or import the existing one`
          : `tenant ${tenantPath} already has a ${noun} named ${name}: choose another name, or import the existing one`,
  };
}
