import { KIND_NAMES } from '../../model/kinds';
import { DriverKind } from './driver';
import { SIM_ACTIONS, SimAction, SIMULATED } from './fake-observed';

/**
 * Settings of the simulated driver, from flags or environment:
 *   --sim-delays  / HIKUBE_SIM_DELAYS  `cluster.create=12s,vm.create=4s,...`, or `0` for no delays
 *   --sim-fail    / HIKUBE_SIM_FAIL    `<kind>.<action>:name=<glob>:<reason>`, rules separated by `;`
 */

export type { SimAction };
export type SimDelays = Record<`${DriverKind}.${SimAction}`, number>;

export interface SimFailure {
  readonly kind: DriverKind;
  readonly action: SimAction;
  /** Glob on the resource name (`*` any run of characters). */
  readonly namePattern: string;
  readonly reason: string;
}

/** Each kind's delays (fake-observed.ts), as `<kind>.<action>`. */
export const DEFAULT_SIM_DELAYS: SimDelays = Object.fromEntries(KIND_NAMES.flatMap((kind) => SIM_ACTIONS.map((action) => [`${kind}.${action}`, SIMULATED[kind].delays[action]]))) as SimDelays;

const KINDS: readonly DriverKind[] = KIND_NAMES;
const ACTIONS: readonly SimAction[] = SIM_ACTIONS;
/** `cluster|vm|...`, for the error messages. */
export const SIM_KIND_CHOICES = KINDS.join('|');
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)?$/;

export function zeroDelays(): SimDelays {
  return Object.fromEntries(Object.keys(DEFAULT_SIM_DELAYS).map((k) => [k, 0])) as SimDelays;
}

/** `12s`, `500ms`, `2m`, or a bare number of milliseconds. */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m) throw new Error(`invalid duration ${JSON.stringify(text)}: expected e.g. 500ms, 12s or 2m`);
  const unit = m[2] ?? 'ms';
  return Math.round(Number(m[1]) * (unit === 'm' ? 60_000 : unit === 's' ? 1000 : 1));
}

/** Overrides on top of the defaults; `0` alone zeroes every delay; `*.create=1s` sets every kind. */
export function parseSimDelays(text: string, base: SimDelays = DEFAULT_SIM_DELAYS): SimDelays {
  if (text.trim() === '0') return zeroDelays();
  const delays = { ...base };
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, value] = item.split('=');
    const [kind, action] = (key ?? '').split('.');
    if (value === undefined || !(kind === '*' || KINDS.includes(kind as DriverKind)) || !ACTIONS.includes(action as SimAction)) {
      throw new Error(`invalid simulated delay ${JSON.stringify(item)}: expected <${SIM_KIND_CHOICES}|*>.<create|update|delete>=<duration>, e.g. cluster.create=12s`);
    }
    for (const k of kind === '*' ? KINDS : [kind as DriverKind]) delays[`${k}.${action as SimAction}`] = parseDuration(value);
  }
  return delays;
}

/** `vm.create:name=broken-*:no capacity for GPU ...`; several rules separated by `;`. */
export function parseSimFailures(text: string): SimFailure[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((rule) => {
      const first = rule.indexOf(':');
      const second = first < 0 ? -1 : rule.indexOf(':', first + 1);
      const [kind, action] = rule.slice(0, first).split('.');
      const matcher = rule.slice(first + 1, second);
      const reason = rule.slice(second + 1).trim();
      if (second < 0 || !KINDS.includes(kind as DriverKind) || !ACTIONS.includes(action as SimAction) || !/^(name=.+|\*)$/.test(matcher) || !reason) {
        throw new Error(`invalid simulated failure ${JSON.stringify(rule)}: expected <${SIM_KIND_CHOICES}>.<create|update|delete>:name=<glob>:<reason>, e.g. vm.create:name=broken-*:no capacity`);
      }
      return { kind: kind as DriverKind, action: action as SimAction, namePattern: matcher === '*' ? '*' : matcher.slice(5), reason };
    });
}

export function matchingFailure(failures: readonly SimFailure[], kind: DriverKind, action: SimAction, name: string): SimFailure | undefined {
  return failures.find((f) => f.kind === kind && f.action === action && globMatch(f.namePattern, name));
}

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(name);
}
