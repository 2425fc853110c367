import * as fs from 'node:fs';

/**
 * A CA certificate given as PEM text or as the path of a PEM file (`ca_certificate`,
 * HIKUBE_CA_CERT): both forms are common in CI secrets. Errors name where the value came from.
 */
export function readCaCertificate(value: string, source: string): string {
  const pem = value.includes('-----BEGIN CERTIFICATE-----')
    ? value
    : (() => {
        try {
          return fs.readFileSync(value, 'utf8');
        } catch (err) {
          throw new Error(`${source}: cannot read the CA certificate file ${value}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; give a PEM file path or the PEM text itself`, {
            cause: err,
          });
        }
      })();
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`${source}: ${value} is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)`);
  return pem;
}

/** HIKUBE_CA_CERT of the environment, read, or undefined when unset (the CLI's source of a CA). */
export function caFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.HIKUBE_CA_CERT ? readCaCertificate(env.HIKUBE_CA_CERT, 'HIKUBE_CA_CERT') : undefined;
}
