import { IConstruct } from 'constructs';
import { AttributeDef } from '../model';
import { checkAttribute } from './private/checks';

/**
 * How long Terraform waits for a long-running operation before reporting an error; the
 * operation itself goes on in the service. Durations in Go syntax: `90s`, `20m`, `1h30m`.
 * Terraform-only: never sent to the service.
 */
export interface Timeouts {
  /**
   * @default - the resource's default (clusters 30m, VMs and monitoring stacks 20m)
   */
  readonly create?: string;

  /**
   * @default - the resource's default (clusters 30m, VMs and monitoring stacks 20m)
   */
  readonly update?: string;

  /**
   * @default - the resource's default (clusters 20m, VMs and monitoring stacks 10m)
   */
  readonly delete?: string;
}

/** Checks durations with the model's pattern. */
export function checkTimeouts(scope: IConstruct, def: AttributeDef, timeouts: Timeouts | undefined): void {
  checkAttribute(scope, 'timeouts', def, timeouts, "Use Go duration syntax, e.g. `timeouts: { create: '45m' }`.");
}
