import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A private CA and a server certificate it signed (for 127.0.0.1 and localhost), made with the openssl CLI. */
export interface TlsMaterial {
  readonly caCert: string;
  readonly cert: string;
  readonly key: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

export function makeCa(dir: string, name = 'ca'): { cert: string; key: string } {
  fs.mkdirSync(dir, { recursive: true });
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=Hikube test ${name}`, '-keyout', `${name}.key`, '-out', `${name}.pem`],
    dir,
  );
  return { cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
}

/** A server certificate signed by `ca`, written as `<name>.pem` / `<name>.key` in dir. */
export function makeServerCert(dir: string, ca: { cert: string; key: string }, name = 'server'): TlsMaterial {
  fs.writeFileSync(path.join(dir, `${name}.ext`), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.csr`], dir);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
  return { caCert: ca.cert, cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
}
