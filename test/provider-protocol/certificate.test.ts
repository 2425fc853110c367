import { createPrivateKey, X509Certificate } from 'node:crypto';
import { generateCertificate } from '../../provider/plugin/certificate';

describe('generateCertificate', () => {
  const generated = generateCertificate();
  const x509 = new X509Certificate(generated.cert);

  test('PEM and DER are the same certificate', () => {
    expect(new X509Certificate(generated.der).fingerprint256).toBe(x509.fingerprint256);
    expect(generated.cert).toMatch(/^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
  });

  test('is a self-signed CA for localhost', () => {
    expect(x509.subject).toBe('O=Hikube\nCN=localhost');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.subjectAltName).toBe('DNS:localhost');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
  });

  test('its key pair matches and is ECDSA P-256', () => {
    const key = createPrivateKey(generated.key);
    expect(x509.checkPrivateKey(key)).toBe(true);
    expect(key.asymmetricKeyType).toBe('ec');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  test('allows server and client authentication', () => {
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(x509.toLegacyObject().ext_key_usage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  });

  test('is valid from a few minutes ago for about a year', () => {
    const from = Date.parse(x509.validFrom);
    const to = Date.parse(x509.validTo);
    expect(Date.now() - from).toBeGreaterThan(60_000);
    expect(Date.now() - from).toBeLessThan(10 * 60_000);
    expect((to - from) / 86_400_000).toBeCloseTo(365, 0);
  });

  test('each call makes a new key and serial', () => {
    const other = new X509Certificate(generateCertificate().cert);
    expect(other.serialNumber).not.toBe(x509.serialNumber);
    expect(other.publicKey.export({ format: 'der', type: 'spki' })).not.toEqual(x509.publicKey.export({ format: 'der', type: 'spki' }));
    expect(x509.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
  });

  test('can name another host and organisation', () => {
    const custom = new X509Certificate(generateCertificate({ commonName: 'plugin.test', organization: 'Acme', validDays: 1 }).cert);
    expect(custom.subject).toBe('O=Acme\nCN=plugin.test');
    expect(custom.subjectAltName).toBe('DNS:plugin.test');
  });
});
