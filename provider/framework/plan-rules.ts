/**
 * Plan rules: small, named adjustments to one attribute's planned value, applied after the
 * framework has merged config and prior state. Each has a lowercase description that the docs
 * generator prints next to the attribute.
 */

export interface PlanRuleRequest {
  /** The attribute's value in the prior state; undefined when the resource is being created. */
  readonly prior: unknown;
  /** The value planned so far (may be the unknown sentinel). */
  readonly planned: unknown;
  /** The value in configuration (null when the user did not set it). */
  readonly config: unknown;
  /** Deep equality under the attribute's type. */
  readonly equal: (a: unknown, b: unknown) => boolean;
  /** True when `v` is the unknown sentinel. */
  readonly isUnknown: (v: unknown) => boolean;
}

export interface PlanRuleResult {
  /** Replaces the planned value when present. */
  readonly planned?: unknown;
  /** Asks Terraform to destroy and re-create the resource. */
  readonly requiresReplace?: boolean;
}

export interface PlanRule {
  readonly description: string;
  apply(req: PlanRuleRequest): PlanRuleResult;
}

/** A change of this attribute after creation destroys and re-creates the resource. */
export function requiresReplace(): PlanRule {
  return {
    description: 'changing this value forces a new resource',
    apply: ({ prior, planned, equal }) => {
      if (prior === undefined) return {};
      return { requiresReplace: !equal(prior, planned) };
    },
  };
}

/**
 * A computed value that does not change once set: plan the prior value instead of
 * "(known after apply)", so updates elsewhere in the resource do not blur it.
 */
export function useStateForUnknown(): PlanRule {
  return {
    description: 'the value is kept from the prior state once known',
    apply: ({ prior, planned, isUnknown }) => {
      if (prior === undefined || prior === null || isUnknown(prior) || !isUnknown(planned)) return {};
      return { planned: prior };
    },
  };
}
