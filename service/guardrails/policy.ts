/**
 * Security policies: each tenant may set one; the effective policy of a tenant is the
 * intersection along its path from the root, so a sub-tenant can only ever tighten. Every rule
 * remembers which tenant set it, for messages that say whom to ask.
 */
import type { FieldError, SecurityPolicy } from '../../model/api/types';
import { INSTANCE_TYPE_NAMES, KUBERNETES_VERSIONS } from '../../model/catalog';
import { ENGINE_NAMES, engineNamed } from '../../model/guardrails';
import type { PolicyRelevant } from '../../model/kind';
import { intersectCidrs, parseCidr, within } from './network';

/** A tenant as the guardrails see it: its path and what it set itself. */
export interface GuardedTenant {
  readonly id: string;
  readonly path: string;
  readonly securityPolicy: SecurityPolicy | null;
}

/** A value of the effective policy and the tenant that narrowed it last (null: nobody did). */
export interface Rule<T> {
  readonly value: T;
  readonly setBy: string | null;
}

export interface EffectivePolicy {
  /** null: any. */
  readonly allowedInstanceTypes: Rule<readonly string[] | null>;
  readonly allowedKubernetesVersions: Rule<readonly string[] | null>;
  /** Engines data services may run (by kind name). */
  readonly allowedEngines: Rule<readonly string[] | null>;
  /** Versions per engine; an engine absent here may run any version. */
  readonly allowedEngineVersions: Readonly<Record<string, Rule<readonly string[] | null>>>;
  readonly externalIpsAllowed: Rule<boolean>;
  readonly egressCidrs: Rule<readonly string[]>;
}

/** A guardrail problem: a field error that also names the policy or quota and who set it. */
export type GuardProblem = FieldError & { policy: string; setBy: string };

const OPEN: EffectivePolicy = {
  allowedInstanceTypes: { value: null, setBy: null },
  allowedKubernetesVersions: { value: null, setBy: null },
  allowedEngines: { value: null, setBy: null },
  allowedEngineVersions: {},
  externalIpsAllowed: { value: true, setBy: null },
  egressCidrs: { value: ['0.0.0.0/0'], setBy: null },
};

function narrowList(rule: Rule<readonly string[] | null>, mine: readonly string[] | null | undefined, path: string): Rule<readonly string[] | null> {
  if (!Array.isArray(mine)) return rule;
  const value = rule.value === null ? [...mine] : rule.value.filter((x) => mine.includes(x));
  return { value, setBy: path };
}

const ANY: Rule<readonly string[] | null> = { value: null, setBy: null };

/** The version rule of `engine` in force: what the ancestors narrowed, any when none did. */
const versionsOf = (p: EffectivePolicy, engine: string): Rule<readonly string[] | null> => (Object.hasOwn(p.allowedEngineVersions, engine) ? p.allowedEngineVersions[engine] : ANY);

/** Per-engine version lists narrow engine by engine: a tenant that names an engine narrows it, the others stay as inherited. */
function narrowVersions(p: EffectivePolicy, mine: Readonly<Record<string, readonly string[]>> | null | undefined, path: string): EffectivePolicy['allowedEngineVersions'] {
  if (!mine || typeof mine !== 'object') return p.allowedEngineVersions;
  const out: Record<string, Rule<readonly string[] | null>> = { ...p.allowedEngineVersions };
  for (const [engine, versions] of Object.entries(mine)) out[engine] = narrowList(versionsOf(p, engine), versions, path);
  return out;
}

/** The policy in force for the last tenant of `chain` (root first). */
export function effectivePolicy(chain: readonly GuardedTenant[]): EffectivePolicy {
  let p = OPEN;
  for (const t of chain) {
    const mine = t.securityPolicy;
    if (!mine) continue;
    p = {
      allowedInstanceTypes: narrowList(p.allowedInstanceTypes, mine.allowedInstanceTypes, t.path),
      allowedKubernetesVersions: narrowList(p.allowedKubernetesVersions, mine.allowedKubernetesVersions, t.path),
      allowedEngines: narrowList(p.allowedEngines, mine.allowedEngines, t.path),
      allowedEngineVersions: narrowVersions(p, mine.allowedEngineVersions, t.path),
      // Once an ancestor forbids external IPs, nobody below can allow them: keep who forbade.
      externalIpsAllowed: typeof mine.externalIpsAllowed === 'boolean' && p.externalIpsAllowed.value && !mine.externalIpsAllowed ? { value: false, setBy: t.path } : p.externalIpsAllowed,
      egressCidrs: Array.isArray(mine.egressCidrs) ? { value: intersectCidrs(p.egressCidrs.value, mine.egressCidrs), setBy: t.path } : p.egressCidrs,
    };
  }
  return p;
}

const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
const list = (xs: readonly string[] | null) => (xs === null ? 'any' : xs.length === 0 ? 'none' : xs.join(', '));
const problem = (path: (string | number)[], reason: string, policy: string, setBy: string): GuardProblem => ({
  field: path.map(String).join('.'),
  path,
  reason,
  policy,
  setBy,
});

/** A policy a tenant wants to set: known names, and nothing wider than its parent's effective policy. */
export function checkPolicyWithin(policy: SecurityPolicy | null | undefined, parent: EffectivePolicy): GuardProblem[] {
  if (!policy || typeof policy !== 'object') return [];
  const out: GuardProblem[] = [];
  const base = ['securityPolicy'];
  const lists = [
    ['allowedInstanceTypes', INSTANCE_TYPE_NAMES, 'instance type'],
    ['allowedKubernetesVersions', KUBERNETES_VERSIONS, 'Kubernetes version'],
    ['allowedEngines', ENGINE_NAMES, 'engine'],
  ] as const;
  for (const [key, known, noun] of lists) {
    const wanted = policy[key];
    if (!Array.isArray(wanted)) continue;
    const rule = parent[key];
    wanted.forEach((x, i) => {
      if (!(known as readonly string[]).includes(x)) {
        out.push(problem([...base, key, i], `${JSON.stringify(x)} is not a known ${noun} (known: ${known.join(', ')})`, key, 'catalog'));
      } else if (rule.value !== null && !rule.value.includes(x)) {
        out.push(
          problem([...base, key, i], `${noun} ${x} is wider than the security policy of ${rule.setBy} allows (allowed: ${list(rule.value)}): a sub-tenant can only narrow it`, key, rule.setBy!),
        );
      }
    });
  }
  const perEngine = policy.allowedEngineVersions;
  if (perEngine && typeof perEngine === 'object') {
    for (const [engine, versions] of Object.entries(perEngine)) {
      const at = [...base, 'allowedEngineVersions', engine];
      const known = engineNamed(engine)?.versions;
      if (!known) {
        out.push(problem(at, `${JSON.stringify(engine)} is not a known engine (known: ${ENGINE_NAMES.join(', ')})`, 'allowedEngineVersions', 'catalog'));
        continue;
      }
      if (!Array.isArray(versions)) continue;
      const rule = versionsOf(parent, engine);
      versions.forEach((v, i) => {
        if (!known.includes(v)) {
          out.push(problem([...at, i], `${JSON.stringify(v)} is not a known ${engine} version (known: ${known.join(', ')})`, 'allowedEngineVersions', 'catalog'));
        } else if (rule.value !== null && !rule.value.includes(v)) {
          out.push(
            problem(
              [...at, i],
              `${engine} version ${v} is wider than the security policy of ${rule.setBy} allows (allowed: ${list(rule.value)}): a sub-tenant can only narrow it`,
              'allowedEngineVersions',
              rule.setBy!,
            ),
          );
        }
      });
    }
  }
  if (policy.externalIpsAllowed === true && !parent.externalIpsAllowed.value) {
    const by = parent.externalIpsAllowed.setBy!;
    out.push(problem([...base, 'externalIpsAllowed'], `external IPs are not allowed by the security policy of ${by}: a sub-tenant cannot allow them`, 'externalIpsAllowed', by));
  }
  if (Array.isArray(policy.egressCidrs)) {
    const allowed = parent.egressCidrs.value.map(parseCidr);
    policy.egressCidrs.forEach((cidr, i) => {
      const block = typeof cidr === 'string' && CIDR.test(cidr) ? parseCidr(cidr) : undefined;
      if (!block) {
        out.push(problem([...base, 'egressCidrs', i], 'must be an IPv4 CIDR such as 10.0.0.0/8', 'egressCidrs', 'catalog'));
        return;
      }
      if (!allowed.some((a) => within(block, a))) {
        const by = parent.egressCidrs.setBy ?? 'the organisation';
        out.push(problem([...base, 'egressCidrs', i], `egress to ${cidr} is not within the security policy of ${by} (allowed: ${list(parent.egressCidrs.value)})`, 'egressCidrs', by));
      }
    });
  }
  return out;
}

/** What a spec asks that the policy rules on: each kind's descriptor says (model/kind.ts). */
export type { PolicyRelevant };

/** Violations of the effective policy by a resource spec; messages name the policy and the tenant that set it. */
export function checkResourceAgainst(p: EffectivePolicy, asks: PolicyRelevant): GuardProblem[] {
  const out: GuardProblem[] = [];
  const types = p.allowedInstanceTypes;
  for (const { path, name } of asks.instanceTypes) {
    if (types.value !== null && !types.value.includes(name)) {
      out.push(problem(path, `instance type ${name} is not allowed by the security policy of ${types.setBy} (allowed: ${list(types.value)})`, 'allowedInstanceTypes', types.setBy!));
    }
  }
  const versions = p.allowedKubernetesVersions;
  if (asks.kubernetesVersion && versions.value !== null && !versions.value.includes(asks.kubernetesVersion.version)) {
    out.push(
      problem(
        asks.kubernetesVersion.path,
        `Kubernetes version ${asks.kubernetesVersion.version} is not allowed by the security policy of ${versions.setBy} (allowed: ${list(versions.value)})`,
        'allowedKubernetesVersions',
        versions.setBy!,
      ),
    );
  }
  if (asks.engine) {
    const { name, version, path } = asks.engine;
    const engines = p.allowedEngines;
    const versions = versionsOf(p, name);
    if (engines.value !== null && !engines.value.includes(name)) {
      // The kind itself is refused: no one field to blame.
      out.push(problem([], `engine ${name} is not allowed by the security policy of ${engines.setBy} (allowed: ${list(engines.value)})`, 'allowedEngines', engines.setBy!));
    } else if (version !== undefined && versions.value !== null && !versions.value.includes(version)) {
      out.push(problem(path, `${name} version ${version} is not allowed by the security policy of ${versions.setBy} (allowed: ${list(versions.value)})`, 'allowedEngineVersions', versions.setBy!));
    }
  }
  if (asks.externalAccess && !p.externalIpsAllowed.value) {
    const by = p.externalIpsAllowed.setBy!;
    out.push(
      problem(asks.externalAccess.path, `external access (${asks.externalAccess.method}) is not allowed by the security policy of ${by} (external IPs are not allowed)`, 'externalIpsAllowed', by),
    );
  }
  return out;
}
