import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '../log';
import { newId } from '../ids';
import { Store } from '../store/store';
import { namespaceOf } from '../tenants/service';
import { TenantStore } from '../tenants/store';
import { TokenStore } from './tokens';

/** What the CLI, the provider and the demo read to reach the service as the organisation's admin. */
export interface CredentialsFile {
  readonly endpoint: string;
  readonly token: string;
  readonly organisation: string;
}

export interface BootstrapOptions {
  readonly store: Store;
  readonly organisation: string;
  readonly endpoint: string;
  readonly credentialsFile: string;
  readonly log: Logger;
}

/** Any constant: two replicas starting on an empty PostgreSQL bootstrap once. */
const BOOTSTRAP_LOCK_KEY = 4_711_002;

/**
 * First start: create the organisation root tenant and a super-admin token at the root, and
 * write the credentials file (mode 0600). The file is written inside the transaction, so a
 * failure to write it leaves nothing behind and the next start tries again. Later starts
 * change nothing.
 */
export async function bootstrap(options: BootstrapOptions): Promise<{ created: boolean; rootPath: string }> {
  const { store, organisation, log } = options;
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
    const tenants = new TenantStore(tx);
    const existing = await tenants.root();
    if (existing) {
      if (existing.name !== organisation) {
        log.warn('organisation differs from the stored root tenant; keeping the stored one', {
          requested: organisation,
          organisation: existing.name,
        });
      }
      if (!fs.existsSync(options.credentialsFile)) {
        log.warn('credentials file not found; existing tokens keep working', { credentialsFile: options.credentialsFile });
      }
      return { created: false, rootPath: existing.path };
    }
    const root = await tenants.insert({
      id: newId('tnt'),
      name: organisation,
      parent_id: null,
      path: organisation,
      namespace: namespaceOf(organisation),
      description: null,
      labels: {},
      deletion_protection: false,
    });
    const token = await new TokenStore(tx).issue({
      tenantId: root.id,
      role: 'super-admin',
      description: 'organisation admin, created at first start',
    });
    writeCredentialsFile(options.credentialsFile, { endpoint: options.endpoint, token: token.secret, organisation });
    log.info('created the organisation root tenant and its admin token', {
      organisation,
      tenantId: root.id,
      credentialsFile: options.credentialsFile,
    });
    return { created: true, rootPath: root.path };
  });
}

/** Atomic write (temp file + rename) with mode 0600 from the first byte. */
export function writeCredentialsFile(file: string, credentials: CredentialsFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(temp, 0o600); // a leftover temp file keeps its old mode otherwise
  fs.renameSync(temp, file);
}

/** The credentials file's content, or undefined when it is missing or unreadable. */
export function readCredentialsFile(file: string): CredentialsFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CredentialsFile>;
    if (typeof parsed.token !== 'string' || typeof parsed.endpoint !== 'string' || typeof parsed.organisation !== 'string') return undefined;
    return parsed as CredentialsFile;
  } catch {
    return undefined;
  }
}
