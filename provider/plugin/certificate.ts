/**
 * A fresh self-signed TLS certificate for each plugin process, as go-plugin's AutoMTLS
 * expects: Terraform pins the DER we print in the handshake and dials with ServerName
 * "localhost". Built with a tiny DER writer so nothing beyond node:crypto is loaded.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface SelfSignedCertificate {
  /** PEM certificate */
  cert: string;
  /** PEM private key (PKCS#8) */
  key: string;
  /** the certificate's DER bytes */
  der: Buffer;
}

export interface CertificateOptions {
  /** @default 'localhost' */
  commonName?: string;
  /** @default 'Hikube' */
  organization?: string;
  /** @default 365 days */
  validDays?: number;
}

// ---------------------------------------------------------------------------
// DER writer: just the types an X.509 certificate needs.

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const octetString = (data: Buffer) => tlv(0x04, data);
const utf8String = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const boolean = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
/** A BIT STRING whose last `unusedBits` bits are padding. */
const bitString = (data: Buffer, unusedBits = 0) => tlv(0x03, Buffer.from([unusedBits]), data);
const explicit = (n: number, inner: Buffer) => tlv(0xa0 | n, inner);

/** A non-negative INTEGER from big-endian bytes (minimal form: DER requires it). */
function integer(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0 && bytes[i + 1] < 0x80) i++;
  const body = bytes[i] >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes.subarray(i)]) : bytes.subarray(i);
  return tlv(0x02, body);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime before 2050, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString(); // 2025-01-02T03:04:05.678Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z';
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(digits.slice(2))) : tlv(0x18, Buffer.from(digits));
}

// ---------------------------------------------------------------------------

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * ECDSA P-256 (fast to generate; Go accepts it) self-signed CA certificate for
 * `localhost`, valid from five minutes ago (clock skew) for `validDays`.
 */
export function generateCertificate(options: CertificateOptions = {}): SelfSignedCertificate {
  const { commonName = 'localhost', organization = 'Hikube', validDays = 365 } = options;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  const name = sequence(set(sequence(oid(OID.organization), utf8String(organization))), set(sequence(oid(OID.commonName), utf8String(commonName))));
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40; // positive, and 16 bytes long
  const algorithm = sequence(oid(OID.ecdsaWithSha256));

  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    algorithm,
    name,
    sequence(time(new Date(now - 5 * 60_000)), time(new Date(now + validDays * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        // digitalSignature (bit 0) + keyEncipherment (bit 2) + keyCertSign (bit 5): 1010 0100, 2 padding bits
        extension(OID.keyUsage, true, bitString(Buffer.from([0xa4]), 2)),
        extension(OID.basicConstraints, true, sequence(boolean(true))),
        extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth), oid(OID.clientAuth))),
        extension(OID.subjectAltName, false, sequence(tlv(0x82, Buffer.from(commonName)))), // dNSName
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value
  const der = sequence(tbs, algorithm, bitString(signature));
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return { cert: pem('CERTIFICATE', der), key, der };
}
