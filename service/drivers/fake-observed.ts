import { createHash, randomBytes } from 'node:crypto';
import { DriverObject, Observed } from './driver';

/**
 * Deterministic stand-ins for what a real back-end reports: same id -> same addresses and
 * certificate. Only the cluster admin token is random (kept in the simulator's table).
 */

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** 10.0.0.0/8, never the network or broadcast address of a /24. */
export function privateIpOf(id: string): string {
  const d = digest(`private:${id}`);
  return `10.${d[0]}.${d[1]}.${(d[2] % 253) + 1}`;
}

/** TEST-NET-3 (203.0.113.0/24): documentation addresses, never routed. */
export function externalIpOf(id: string): string {
  return `203.0.113.${(digest(`external:${id}`)[0] % 253) + 1}`;
}

/** PEM armour around deterministic bytes: looks and parses like a certificate block. */
export function fakeCaCertificate(id: string): string {
  const body = Buffer.concat([digest(`ca:${id}:1`), digest(`ca:${id}:2`), digest(`ca:${id}:3`)]).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}

export function observedFor(object: DriverObject, previous: Observed = {}): Observed {
  const ns = object.tenantNamespace;
  switch (object.kind) {
    case 'cluster': {
      const endpoint = `https://${object.name}.${ns}.k8s.hikube.local:6443`;
      const caCertificate = fakeCaCertificate(object.id);
      const adminToken = typeof previous.adminToken === 'string' ? previous.adminToken : randomBytes(32).toString('base64url');
      return { endpoint, caCertificate, adminToken, kubeconfig: kubeconfig(object.name, ns, endpoint, caCertificate, adminToken) };
    }
    case 'vm':
      return { privateIp: privateIpOf(object.id), externalIp: object.spec.externalAccess ? externalIpOf(object.id) : null };
    case 'monitoring':
      return { grafanaUrl: `https://grafana.${ns}.hikube.local`, vmauthUrl: `https://vmauth.${ns}.hikube.local` };
  }
}

function kubeconfig(name: string, ns: string, endpoint: string, ca: string, token: string): string {
  const context = `${name}.${ns}`;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${context}`,
    '  cluster:',
    `    server: ${endpoint}`,
    `    certificate-authority-data: ${Buffer.from(ca).toString('base64')}`,
    'users:',
    `- name: ${context}-admin`,
    '  user:',
    `    token: ${token}`,
    'contexts:',
    `- name: ${context}`,
    '  context:',
    `    cluster: ${context}`,
    `    user: ${context}-admin`,
    `current-context: ${context}`,
    '',
  ].join('\n');
}
