/**
 * What every command that talks to the service shares: the resolved connection, the client,
 * the output format and style, and the lookups from names and paths to ids.
 */
import { caFromEnv } from '../client/ca';
import type { HikubeClient } from '../client/client';
import type { Tenant } from '../client/types';
import { ConnectionFlags, resolveConnection, Resolved } from './config';
import { notFound, usageError } from './errors';
import { namePartsOf, qualifiedName } from '../model/kind';
import { CliKind, ID_PATTERN, Item, parentKindOf, RenderContext } from './kinds';
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
   * Every item of a list, page by page (the client follows each page's `nextCursor`, with
   * HIKUBE_PAGE_SIZE items a page): the one place the CLI lists, so lists stay complete.
   */
  async listAll<T = Item>(path: string, query: Record<string, string | readonly string[] | undefined> = {}): Promise<T[]> {
    return (await this.client.listAll<T>(withQuery(path, query))).items;
  }

  /** Every tenant the token can see (one request, shared by the command). */
  tenants(): Promise<Tenant[]> {
    this.tenantsPromise ??= this.listAll<Tenant>('/v1/tenants');
    return this.tenantsPromise;
  }

  /** Tenant paths by id; for a sub-resource's kind also its parents' names by id (references and tables show them). */
  async renderContext(kind?: CliKind): Promise<RenderContext> {
    const [tenants, parents] = await Promise.all([this.tenants(), kind?.parent ? this.listAll<Item>(parentKindOf(kind).model.collection) : undefined]);
    return { tenantPaths: new Map(tenants.map((t) => [t.id, t.path])), parentNames: parents && new Map(parents.map((p) => [String(p.id), String(p.name)])) };
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
   * One object of a kind, named by id, or by the path `terraform import` takes (model/kind.ts
   * `importBy`): `tenant/path/name`, a sub-resource's `tenant/path/parent/name`, a one-per-tenant
   * kind's tenant path; with --tenant, by the names alone (`name`, `parent/name`).
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
    const { tenantPath, name } = splitRef(kind, ref, tenantRef);
    const tenant = await this.tenant(tenantPath);
    const found = await this.listAll(kind.model.collection, { tenantId: tenant.id, ...(name !== undefined ? { [kind.nameField!]: name } : {}) });
    if (found.length === 0) throw missing();
    return found[0];
  }
}

/**
 * A reference taken apart into the tenant's path and the name the service lists it by (for a
 * sub-resource the qualified `parent/name`). A reference of the wrong shape is a usage error
 * that shows the right one.
 */
export function splitRef(kind: CliKind, ref: string, tenantRef?: string): { tenantPath: string; name?: string } {
  const names = kind.onePerTenant ? 0 : kind.descriptor ? namePartsOf(kind.descriptor) : kind.nameField ? 1 : undefined;
  if (names === undefined) throw usageError(`${kind.noun} ${ref}: name it by its id (fix: hikube ${kind.command} list shows the ids)`);
  if (names === 0) return { tenantPath: ref };
  const parts = ref.split('/');
  if (parts.some((p) => p === '')) throw usageError(`${kind.noun} ${ref}: an empty part in the reference (fix: ${kind.refHelp})`);
  const placeholder = kind.nameField!.toUpperCase();
  const wanted = kind.parent ? `${kind.parent.placeholder}/${placeholder}` : placeholder;
  if (tenantRef !== undefined ? parts.length !== names : parts.length <= names) {
    throw usageError(
      `${kind.noun} ${ref}: ${tenantRef !== undefined ? `with --tenant, name it as ${wanted}` : 'say which tenant'} (fix: TENANT/PATH/${wanted}, or ${wanted} --tenant PATH, or its id)`,
    );
  }
  const tenantPath = tenantRef ?? parts.slice(0, parts.length - names).join('/');
  const [own, parentName] = [parts[parts.length - 1], parts[parts.length - 2]];
  // The name the service lists it by: a sub-resource's is qualified by its parent's (`orders/app`).
  return { tenantPath, name: kind.descriptor ? qualifiedName(kind.descriptor, { name: own }, parentName) : own };
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
