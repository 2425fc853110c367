/**
 * Platform-generated secrets (a kind's `secrets`, model/kind.ts): generated here from
 * node:crypto's secure random source, kept only as verifiers or sealed to the back-end (in the
 * row's `secret_input`, the part of the desired spec the driver gets and the API never
 * returns), and shown once: in the answer to the create, or to a rotation.
 */
import { constants, createHash, createHmac, pbkdf2Sync, publicEncrypt, randomBytes } from 'node:crypto';
import { GeneratedSecret, KindSecrets, SecretVerifier } from '../../model/kind';
import { camelCase } from '../../model/schema';
import { SEALED_PREFIX } from '../drivers/driver';
import { Spec } from './kind';

/** PostgreSQL's default SCRAM iteration count (`scram_iterations`). */
const SCRAM_ITERATIONS = 4096;
/** MongoDB's default (`scramSHA256IterationCount`), and the salt length it makes. */
const MONGODB_SCRAM_ITERATIONS = 15000;
const MONGODB_SCRAM_SALT_BYTES = 28;

/** RFC 5802 / 7677's stored and server keys of a password. */
function scramKeys(secret: string, salt: Buffer, iterations: number): { storedKey: Buffer; serverKey: Buffer } {
  const salted = pbkdf2Sync(secret.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return { storedKey: createHash('sha256').update(clientKey).digest(), serverKey: createHmac('sha256', salted).update('Server Key').digest() };
}

/**
 * A verifier with a fresh salt (or a sealing with fresh padding): the same secret sent twice is
 * stored differently. `sealingKey`: the back-end's public key, for `sealed-to-backend`.
 */
export function verifierOf(kind: SecretVerifier, secret: string, sealingKey?: string): string {
  if (kind === 'sealed-to-backend') {
    if (!sealingKey) throw new Error('a secret the back-end holds needs its sealing key: the driver offers none (Driver.sealingKey)');
    return SEALED_PREFIX + publicEncrypt({ key: sealingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(secret)).toString('base64');
  }
  // Unsalted by MariaDB's design: fit only for generated passwords (192 random bits), never guessed.
  if (kind === 'mysql-native-password') return `*${createHash('sha1').update(createHash('sha1').update(secret).digest()).digest('hex').toUpperCase()}`;
  // One fast round by RabbitMQ's design (rabbit_password_hashing_sha256): fit only for generated passwords.
  if (kind === 'rabbitmq-sha256') {
    const salt = randomBytes(4);
    return Buffer.concat([salt, createHash('sha256').update(salt).update(secret).digest()]).toString('base64');
  }
  if (kind === 'mongodb-scram-sha-256') {
    const salt = randomBytes(MONGODB_SCRAM_SALT_BYTES);
    const { storedKey, serverKey } = scramKeys(secret, salt, MONGODB_SCRAM_ITERATIONS);
    // The `credentials["SCRAM-SHA-256"]` entry of MongoDB's user document.
    return JSON.stringify({ iterationCount: MONGODB_SCRAM_ITERATIONS, salt: salt.toString('base64'), storedKey: storedKey.toString('base64'), serverKey: serverKey.toString('base64') });
  }
  const salt = randomBytes(16);
  if (kind === 'sha256') return `sha256$${salt.toString('base64')}$${createHash('sha256').update(salt).update(secret).digest('hex')}`;
  // As PostgreSQL stores it in pg_authid.rolpassword.
  const { storedKey, serverKey } = scramKeys(secret, salt, SCRAM_ITERATIONS);
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

const fieldOf = (s: GeneratedSecret) => camelCase(s.attribute);

function generate(s: GeneratedSecret): string {
  return randomBytes(s.bytes).toString('base64url');
}

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** `prefix`, then base32 letters up to 20 characters, as S3 access key ids (90 random bits after `HK`). */
function keyIdOf(prefix: string): string {
  return prefix + [...randomBytes(20 - prefix.length)].map((b) => KEY_ID_ALPHABET[b % 32]).join('');
}

/** Whether any secret of the kind is sealed to the back-end (its key must be fetched first). */
export function needsSealingKey(secrets: KindSecrets | undefined): boolean {
  return secrets?.generated.some((s) => s.verifier === 'sealed-to-backend') ?? false;
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
 * keeps the stored verifier (`stored`); `rotate` generates every one anew. A new secret gets a
 * new key id (`keyId`), stored beside it; a kept one keeps its own. A secret whose `enabledBy`
 * is false in `spec` is null; one turned on by an update is generated then.
 */
export function sealSecrets(secrets: KindSecrets | undefined, secret: Spec, spec: Spec, mode: { create: true } | { stored: Spec; patch: Spec } | { rotate: true }, sealingKey?: string): Sealed {
  if (!secrets) return { secret, shown: {} };
  const out: Spec = { ...secret };
  const shown: Record<string, string> = {};
  for (const s of secrets.generated) {
    const key = fieldOf(s);
    const idKey = s.keyId ? camelCase(s.keyId.attribute) : undefined;
    if (s.enabledBy && spec[camelCase(s.enabledBy)] === false) {
      out[key] = null;
      if (idKey) out[idKey] = null;
      continue;
    }
    // On update only what the patch carries is new: the rest of `secret` is the stored verifier.
    const supplied = 'rotate' in mode ? undefined : 'patch' in mode ? mode.patch[key] : out[key];
    if ('stored' in mode && typeof supplied !== 'string' && mode.stored[key] != null) {
      out[key] = mode.stored[key];
      if (idKey) out[idKey] = mode.stored[idKey] ?? null;
      continue;
    }
    const plain = typeof supplied === 'string' ? supplied : (shown[key] = generate(s));
    out[key] = verifierOf(s.verifier, plain, sealingKey);
    if (idKey) shown[idKey] = out[idKey] = keyIdOf(s.keyId!.prefix);
  }
  return { secret: out, shown };
}

/** The key ids of a row's secrets (not secret: every answer shows them), by API field. */
export function keyIdsOf(secrets: KindSecrets | undefined, stored: Spec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of secrets?.generated ?? []) if (s.keyId) out[camelCase(s.keyId.attribute)] = stored[camelCase(s.keyId.attribute)] ?? null;
  return out;
}

/** API fields of every generated secret of these kinds, and of the values holding one (the audit log redacts them). */
export function secretFields(all: readonly (KindSecrets | undefined)[]): string[] {
  return all.flatMap((k) => k?.generated.flatMap((s) => [fieldOf(s), ...(s.embeddedIn ? [camelCase(s.embeddedIn.attribute)] : [])]) ?? []);
}
