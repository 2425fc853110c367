#!/usr/bin/env node
/**
 * terraform-provider-hikube: started by the terraform binary, never by hand.
 * Keep this file's imports light: Terraform starts the provider several times per command.
 */
import { MIN_NODE_MAJOR, NODE_ENV_VAR } from './packaging/launcher';
import { createLogger } from './plugin/log';
import { servePlugin } from './plugin/serve';
import { VERSION } from './version';

const USAGE = `terraform-provider-hikube ${VERSION}

This is a Terraform provider plugin: Terraform starts it, you don't.

To use it, install it where Terraform looks for providers and let Terraform run it:

  npx hikube provider install --dir .hikube/terraform
  export TF_CLI_CONFIG_FILE=$PWD/.hikube/terraform/terraform.rc
  terraform init && terraform plan

with, in your configuration:

  terraform {
    required_providers {
      hikube = { source = "hikube/hikube" }
    }
  }

See the README ("Using the provider") for details.
`;

const log = createLogger('provider.hikube');

if (Number(process.versions.node.split('.')[0]) < MIN_NODE_MAJOR) {
  const message = `terraform-provider-hikube needs Node.js ${MIN_NODE_MAJOR} or later, and ${process.execPath} is ${process.version}. Install a newer Node.js, or set ${NODE_ENV_VAR} to one, then run terraform again.`;
  // Terraform shows a plugin's first stdout line when it is not a handshake.
  process[process.env.TF_PLUGIN_MAGIC_COOKIE ? 'stdout' : 'stderr'].write(`${message}\n`);
  process.exit(1);
}

// The provider proper loads after the handshake (see servePlugin).
void servePlugin(
  () => {
    const { createProviderHandlers } = require('./framework/server') as typeof import('./framework/server');
    const { hikubeProvider } = require('./provider') as typeof import('./provider');
    return createProviderHandlers(hikubeProvider, log);
  },
  { name: 'hikube', usage: USAGE },
);
