import { DURATION_PATTERN } from './common';
import { ProviderModel, t } from './schema';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';
export const DEFAULT_REQUEST_TIMEOUT = '30s';

export const providerModel: ProviderModel = {
  description: 'The Hikube provider manages tenants and what they run through the Hikube provisioning service.',
  attributes: {
    endpoint: {
      type: t.string,
      optional: true,
      description: `Base URL of the Hikube service. Falls back to the \`HIKUBE_ENDPOINT\` environment variable, then \`${DEFAULT_ENDPOINT}\`.`,
    },
    token: {
      type: t.string,
      optional: true,
      sensitive: true,
      description: 'API token (bearer). Falls back to the `HIKUBE_TOKEN` environment variable.',
    },
    request_timeout: {
      type: t.string,
      optional: true,
      description: `How long to wait for the service to answer one request, e.g. \`60s\`. Falls back to the \`HIKUBE_REQUEST_TIMEOUT\` environment variable, then \`${DEFAULT_REQUEST_TIMEOUT}\`. Long-running operations wait in steps shorter than this, up to their \`timeouts\`.`,
      validation: { pattern: DURATION_PATTERN, patternHint: 'a duration such as 30s or 2m' },
    },
    ca_certificate: {
      type: t.string,
      optional: true,
      description:
        "PEM of the CA certificate that signed the service's HTTPS certificate (the text, or the path of a PEM file), trusted besides the system CAs. " +
        'Falls back to the `HIKUBE_CA_CERT` environment variable. Not needed when a public CA signed it.',
    },
  },
};
