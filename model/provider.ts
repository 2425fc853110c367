import { ProviderModel, t } from './schema';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';

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
  },
};
