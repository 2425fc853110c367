/**
 * The executable in every archive: a POSIX shell script that starts the bundled provider with
 * Node.js. It holds no absolute path (it finds the bundle next to itself), so the same release
 * has the same hashes wherever it is installed.
 */
import { BUNDLE_FILE } from './layout';

/** The environment variable naming the Node.js binary, when `node` on PATH is not the one. */
export const NODE_ENV_VAR = 'HIKUBE_PROVIDER_NODE';

export const MIN_NODE_MAJOR = 20;

export const LAUNCHER = `#!/bin/sh
# terraform-provider-hikube: Terraform executes this file; it runs the bundled provider
# (${BUNDLE_FILE}, next to it) with Node.js ${MIN_NODE_MAJOR} or later.
node="\${${NODE_ENV_VAR}:-node}"
if ! command -v "$node" >/dev/null 2>&1; then
  msg="terraform-provider-hikube needs Node.js ${MIN_NODE_MAJOR} or later, and '$node' is not on PATH. Install Node.js, or set ${NODE_ENV_VAR} to the node binary, then run terraform again."
  # Terraform shows a plugin's first stdout line when it is not a handshake.
  if [ -n "$TF_PLUGIN_MAGIC_COOKIE" ]; then echo "$msg"; else echo "$msg" >&2; fi
  exit 1
fi
# \${0%/*} rather than $(dirname): no extra process on every start (Terraform starts us often).
case "$0" in */*) here="\${0%/*}" ;; *) here=. ;; esac
exec "$node" "$here/${BUNDLE_FILE}" "$@"
`;
