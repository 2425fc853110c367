import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';

/** Whether a SCRAM-SHA-256 verifier (what the service keeps of a PostgreSQL user's password, PostgreSQL's own form) was made from this password. */
export function scramAccepts(verifier: string, password: string): boolean {
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (!m) return false;
  const salted = pbkdf2Sync(password, Buffer.from(m[2], 'base64'), Number(m[1]), 32, 'sha256');
  return createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest('base64') === m[3];
}
