/**
 * Platform-generated secrets (a kind's `secrets`, model/kind.ts): generated here from
 * node:crypto's secure random source, kept only as verifiers (in the row's `secret_input`, the
 * part of the desired spec the driver gets and the API never returns), and shown once: in the
 * answer to the create, or to a rotation.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { GeneratedSecret, KindSecrets, SecretVerifier } from '../../model/kind';
import { camelCase } from '../../model/schema';
import { Spec } from './kind';

/** PostgreSQL's default SCRAM iteration count (`scram_iterations`). */
const SCRAM_ITERATIONS = 4096;

/** A verifier with a fresh salt: the same secret sent twice is stored differently. */
export function verifierOf(kind: SecretVerifier, secret: string): string {
  const salt = randomBytes(16);
  if (kind === 'sha256') return `sha256$${salt.toString('base64')}$${createHash('sha256').update(salt).update(secret).digest('hex')}`;
  // RFC 5802 / 7677, as PostgreSQL stores it in pg_authid.rolpassword.
  const salted = pbkdf2Sync(secret.normalize('NFKC'), salt, SCRAM_ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

const fieldOf = (s: GeneratedSecret) => camelCase(s.attribute);

function generate(s: GeneratedSecret): string {
  return randomBytes(s.bytes).toString('base64url');
}

export interface Sealed {
  /** The secret part of the spec to store: verifiers in place of secrets. */
  readonly secret: Spec;
  /** Plaintexts generated now, by API field: for this one answer, never stored. */
  readonly shown: Record<string, string>;
}

/**
 * Before a write. A secret the caller supplied (its write-only attribute) is replaced by its
 * verifier; on create, one not supplied is generated; on update, one the patch does not carry
 * keeps the stored verifier (`stored`); `rotate` generates every one anew.
 */
export function sealSecrets(secrets: KindSecrets | undefined, secret: Spec, mode: { create: true } | { stored: Spec; patch: Spec } | { rotate: true }): Sealed {
  if (!secrets) return { secret, shown: {} };
  const out: Spec = { ...secret };
  const shown: Record<string, string> = {};
  for (const s of secrets.generated) {
    const key = fieldOf(s);
    // On update only what the patch carries is new: the rest of `secret` is the stored verifier.
    const supplied = 'rotate' in mode ? undefined : 'patch' in mode ? mode.patch[key] : out[key];
    if (typeof supplied === 'string') out[key] = verifierOf(s.verifier, supplied);
    else if ('stored' in mode) out[key] = mode.stored[key] ?? null;
    else {
      shown[key] = generate(s);
      out[key] = verifierOf(s.verifier, shown[key]);
    }
  }
  return { secret: out, shown };
}

/** API fields of every generated secret of these kinds (the audit log redacts them). */
export function secretFields(all: readonly (KindSecrets | undefined)[]): string[] {
  return all.flatMap((k) => k?.generated.map(fieldOf) ?? []);
}
