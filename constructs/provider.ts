import { Annotations, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from './errors';
import { HikubeProvider as HikubeProviderL1 } from './generated/provider';

export interface HikubeProviderProps {
  /**
   * Base URL of the Hikube service, e.g. `https://api.hikube.example`.
   *
   * @default - the provider reads `HIKUBE_ENDPOINT` when Terraform runs, then falls back to
   * `http://127.0.0.1:8080`
   */
  readonly endpoint?: string;

  /**
   * API token. Pass a reference (a sensitive `TerraformVariable`), never a literal: whatever
   * is given here is written in clear into `cdk.tf.json`.
   *
   * @default - the provider reads `HIKUBE_TOKEN` when Terraform runs
   */
  readonly token?: string;

  /**
   * PEM of the CA that signed the service's HTTPS certificate (or the path of a PEM file where
   * Terraform runs), for a service whose certificate a private CA issued.
   *
   * @default - the provider reads `HIKUBE_CA_CERT` when Terraform runs, else trusts the system CAs only
   */
  readonly caCertificate?: string;
}

/**
 * Configures the `hikube/hikube` Terraform provider for the stack it is in. With no props,
 * the provider takes its endpoint and token from the environment where Terraform runs,
 * which keeps credentials out of the synthesized configuration.
 */
export class HikubeProvider extends Construct {
  /** The L1 provider, for settings the construct does not expose (`alias`). */
  public readonly resource: HikubeProviderL1;

  public constructor(scope: Construct, id: string, props: HikubeProviderProps = {}) {
    super(scope, id);
    if (props.endpoint !== undefined && !Token.isUnresolved(props.endpoint) && !isHttpUrl(props.endpoint)) {
      throw new ValidationError(this, 'endpoint must be an http or https URL', {
        value: props.endpoint,
        fix: "Pass the service's base URL such as 'https://api.hikube.example', or leave it unset to use HIKUBE_ENDPOINT.",
      });
    }
    if (props.token !== undefined && !Token.isUnresolved(props.token)) {
      Annotations.of(this).addWarning('token is a literal: it will be written in clear into cdk.tf.json. Prefer HIKUBE_TOKEN in the environment or a sensitive TerraformVariable.');
    }
    this.resource = new HikubeProviderL1(this, 'Resource', { endpoint: props.endpoint, token: props.token, caCertificate: props.caCertificate });
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
