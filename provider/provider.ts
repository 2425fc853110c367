/** The Hikube provider: its configuration and the resources it serves. */
import type { HikubeClient } from '../client/client';
import { DEFAULT_ENDPOINT, DEFAULT_REQUEST_TIMEOUT, providerModel } from '../model/provider';
import { parseDuration } from './resources/duration';
import { isUnknown } from './cty';
import { dataSources } from './data-sources';
import { ephemeralResources } from './ephemeral-resources';
import { ProviderDefinition } from './framework/resource';
import { resources } from './resources';

export { VERSION } from './version';
import { VERSION } from './version';

function setting(value: unknown, envName: string): string | undefined {
  if (typeof value === 'string' && value !== '' && !isUnknown(value)) return value;
  const env = process.env[envName];
  return env ? env : undefined;
}

export const hikubeProvider: ProviderDefinition<HikubeClient> = {
  model: providerModel,
  resources,
  dataSources,
  ephemeralResources,

  configure(config, diags, terraformVersion) {
    const endpoint = setting(config.endpoint, 'HIKUBE_ENDPOINT') ?? DEFAULT_ENDPOINT;
    const token = setting(config.token, 'HIKUBE_TOKEN');
    if (!token) {
      diags.error(
        'Missing API Token',
        'The Hikube provider needs an API token: set `token` in the provider block or the HIKUBE_TOKEN environment variable. ' +
          'On first start the service writes an admin token to its credentials file (.hikube/credentials.json).',
        ['token'],
      );
      return undefined;
    }
    const timeoutText = setting(config.request_timeout, 'HIKUBE_REQUEST_TIMEOUT') ?? DEFAULT_REQUEST_TIMEOUT;
    const timeoutMs = parseDuration(timeoutText);
    if (timeoutMs === undefined || timeoutMs < 1000) {
      diags.error('Invalid Request Timeout', `request_timeout (or HIKUBE_REQUEST_TIMEOUT) must be a duration of at least 1s such as 30s or 2m, got ${JSON.stringify(timeoutText)}.`, [
        'request_timeout',
      ]);
      return undefined;
    }
    const ca = setting(config.ca_certificate, 'HIKUBE_CA_CERT');
    let caCertificate: string | undefined;
    try {
      caCertificate = ca ? (require('../client/ca') as typeof import('../client/ca')).readCaCertificate(ca, 'ca_certificate') : undefined;
    } catch (err) {
      diags.error('Invalid CA Certificate', `${(err as Error).message}. Set \`ca_certificate\` or HIKUBE_CA_CERT to the PEM (or a PEM file) of the CA that signed the service's certificate.`, [
        'ca_certificate',
      ]);
      return undefined;
    }
    try {
      // Loaded here, not at start-up: schema and validation launches never talk to the service.
      const { HikubeClient } = require('../client/client') as typeof import('../client/client');
      return new HikubeClient({
        endpoint,
        token,
        timeoutMs,
        caCertificate,
        // A database restart answers 503 for seconds: wait it out rather than fail the run.
        retryUnavailableMs: 5 * 60_000,
        userAgent: `terraform-provider-hikube/${VERSION} terraform/${terraformVersion || 'unknown'}`,
      });
    } catch (err) {
      diags.error('Invalid Endpoint', `${(err as Error).message}. Set \`endpoint\` or HIKUBE_ENDPOINT.`, ['endpoint']);
      return undefined;
    }
  },
};
