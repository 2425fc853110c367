/**
 * What every command that talks to the service shares: the resolved connection, the client,
 * the output format and style, and the lookups from names and paths to ids.
 */
import { caFromEnv } from '../client/ca';
import type { HikubeClient } from '../client/client';
import type { Tenant } from '../client/types';
import { ConnectionFlags, resolveConnection, Resolved } from './config';
import { notFound, usageError } from './errors';
import { CliKind, ID_PATTERN, Item, RenderContext } from './kinds';
import { colourEnabled, style, Style } from './style';

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml', 'name'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CommonOptions extends ConnectionFlags {
  readonly output?: string;
  readonly wait?: boolean;
}

export class Session {
  private resolved?: Resolved;
  readonly out: Style;
  private errStyle?: Style;
  private clientInstance?: HikubeClient;
  private tenantsPromise?: Promise<Tenant[]>;

  constructor(readonly options: CommonOptions) {
    this.out = style(colourEnabled(process.stdout));
  }

  /** Style for messages; process.stderr is only opened when something is said. */
  get err(): Style {
    this.errStyle ??= style(colourEnabled(process.stderr));
    return this.errStyle;
  }

  /** Resolved on first use: login and context commands never need one. */
  get connection(): Resolved {
    this.resolved ??= resolveConnection(this.options);
    return this.resolved;
  }

  get format(): OutputFormat {
    const f = this.options.output ?? 'table';
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw usageError(`-o ${f}: unknown output format (fix: one of ${OUTPUT_FORMATS.join(', ')})`);
    return f as OutputFormat;
  }

  /** --wait / --no-wait, defaulting to waiting when a person watches (stderr is a terminal). */
  get wait(): boolean {
    return this.options.wait ?? Boolean(process.stderr.isTTY);
  }

  get client(): HikubeClient {
    if (!this.clientInstance) {
      // Loaded here, not at start-up: --help, --version and completion never touch the network code.
      const { HikubeClient } = require('../client/client') as typeof import('../client/client');
      this.clientInstance = new HikubeClient({ endpoint: this.connection.endpoint, token: this.connection.token, userAgent: 'hikube-cli', caCertificate: caFromEnv(), pageSize: pageSizeFromEnv() });
    }
    return this.clientInstance;
  }

  close(): void {
    this.clientInstance?.close();
  }

  /**
   * Every item of a list, following the service's `next` cursor when it gives one: the one
   * place the CLI pages, so lists stay complete whatever the page size.
   */
  async listAll<T = Item>(path: string, query: Record<string, string | readonly string[] | undefined> = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client.request<{ items: T[]; next?: string | null }>('GET', withQuery(path, { ...query, cursor }));
      items.push(...page.items);
      cursor = page.next ?? undefined;
    } while (cursor);
    return items;
  }

  /** Every tenant the token can see (one request, shared by the command). */
  tenants(): Promise<Tenant[]> {
    this.tenantsPromise ??= this.listAll<Tenant>('/v1/tenants');
    return this.tenantsPromise;
  }

  async renderContext(): Promise<RenderContext> {
    return { tenantPaths: new Map((await this.tenants()).map((t) => [t.id, t.path])) };
  }

  /** A tenant by path (`acme/production`) or id (`tnt-...`). */
  async tenant(ref: string): Promise<Tenant> {
    if (!ref) throw usageError('--tenant is required (fix: --tenant PATH, e.g. --tenant acme/production)');
    const { isStatus } = require('../client/errors') as typeof import('../client/errors');
    try {
      return ID_PATTERN.test(ref) ? await this.client.getTenant(ref) : await this.client.getTenantByPath(ref.replace(/^\/+|\/+$/g, ''));
    } catch (err) {
      if (isStatus(err, 404)) throw notFound(`tenant ${ref} does not exist or is outside this token's tenant (fix: hikube tenants list)`);
      throw err;
    }
  }

  /**
   * One object of a kind, named by id, by `tenant/path/name`, by NAME with --tenant, or (for
   * kinds with one per tenant, such as monitoring stacks) by the tenant's path.
   */
  async find(kind: CliKind, ref: string, tenantRef?: string): Promise<Item> {
    const { isStatus } = require('../client/errors') as typeof import('../client/errors');
    const missing = () => notFound(`${kind.noun} ${ref}${tenantRef ? ` in ${tenantRef}` : ''} does not exist or is outside this token's tenant (fix: hikube ${kind.command} list)`);
    if (ID_PATTERN.test(ref)) {
      try {
        return await this.client.request<Item>('GET', `${kind.model.collection}/${ref}`);
      } catch (err) {
        if (isStatus(err, 404)) throw missing();
        throw err;
      }
    }
    if (kind.command === 'tenants') return (await this.tenant(ref)) as unknown as Item;
    let tenantPath = tenantRef;
    let name: string | undefined = ref;
    if (kind.onePerTenant) {
      tenantPath = ref;
      name = undefined;
    } else if (!kind.nameField) {
      throw usageError(`${kind.noun} ${ref}: name it by its id (fix: hikube ${kind.command} list shows the ids)`);
    } else if (tenantPath === undefined) {
      const slash = ref.lastIndexOf('/');
      if (slash < 0) throw usageError(`${kind.noun} ${ref}: say which tenant (fix: --tenant PATH, or TENANT/PATH/${ref}, or its id)`);
      tenantPath = ref.slice(0, slash);
      name = ref.slice(slash + 1);
    }
    const tenant = await this.tenant(tenantPath!);
    const found = await this.listAll(kind.model.collection, { tenantId: tenant.id, ...(name !== undefined ? { [kind.nameField!]: name } : {}) });
    if (found.length === 0) throw missing();
    return found[0];
  }
}

/** `?id=a&id=b&tenantId=...`: repeated values, undefined ones left out. */
export function withQuery(path: string, query: Record<string, string | readonly string[] | undefined>): string {
  const parts = Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : (typeof v === 'string' ? [v] : v).map((x) => `${k}=${encodeURIComponent(x)}`)));
  return parts.length > 0 ? `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}` : path;
}

/** HIKUBE_PAGE_SIZE: items per list request (1 to 1000; lists are read page by page). @default 500 */
function pageSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.HIKUBE_PAGE_SIZE;
  if (!text) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000) throw new Error(`HIKUBE_PAGE_SIZE must be a whole number from 1 to 1000, got ${JSON.stringify(text)}`);
  return Number(text);
}
