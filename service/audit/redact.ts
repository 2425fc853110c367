import { KIND_LIST } from '../../model/kinds';
import { secretFields } from '../resources/secrets';

/**
 * Keys whose values never enter the audit log: token secrets and hashes, VM cloud-init (it
 * carries passwords and keys), cluster admin credentials, monitoring passwords, and every
 * kind's platform-generated secrets (from the descriptors). Matched at any depth, so a secret
 * nested in a spec is caught too.
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'secret',
  'tokenHash',
  'token_hash',
  'cloudInit',
  'cloud_init',
  'adminToken',
  'admin_token',
  'kubeconfig',
  'password',
  ...secretFields(KIND_LIST.map((k) => k.secrets)),
]);

export const REDACTED = '(redacted)';

/** A deep copy with every secret value replaced by `(redacted)` (null stays null: nothing to hide). */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = REDACTED_KEYS.has(k) && v !== null && v !== undefined ? REDACTED : redact(v);
  return out;
}
