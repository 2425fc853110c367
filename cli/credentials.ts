/** Where the CLI finds the service and a token: flags, then env, then the credentials file. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ENDPOINT } from '../model/provider';

export interface Credentials {
  readonly endpoint: string;
  readonly token?: string;
}

export function resolveCredentials(flags: { endpoint?: string; token?: string; credentialsFile?: string }): Credentials {
  const file = flags.credentialsFile ?? path.resolve('.hikube', 'credentials.json');
  let fromFile: Partial<Credentials> = {};
  if (fs.existsSync(file)) {
    try {
      fromFile = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Credentials>;
    } catch {
      throw new Error(`${file} is not valid JSON: delete it and restart the service to write a new one`);
    }
  }
  return {
    endpoint: flags.endpoint ?? process.env.HIKUBE_ENDPOINT ?? fromFile.endpoint ?? DEFAULT_ENDPOINT,
    token: flags.token ?? process.env.HIKUBE_TOKEN ?? fromFile.token,
  };
}
