import * as http from 'node:http';
import type * as Https from 'node:https';
import { IDEMPOTENCY_HEADER, MAX_WAIT_MS } from '../model/api/limits';
import { Batcher } from './batcher';
import { ApiError, ConnectionError } from './errors';

// The error classes live in ./errors so that code which only inspects errors (the provider's
// schema and validation launches) does not load node:http and node:https.
export { ApiError, ConnectionError, isStatus } from './errors';
import {
  ApiToken,
  AuditEntry,
  InstanceTypeInfo,
  Member,
  Role,
  GpuInfo,
  ImageInfo,
  KubernetesVersions,
  PostgresExtensions,
  PresetInfo,
  PriceSheet,
  List,
  Page,
  Problem,
  Tenant,
  TenantCreate,
  TenantUpdate,
  TenantUsage,
  ValidationAnswer,
  ValidationBatch,
  ValidationBatchAnswer,
  ValidationRequest,
} from './types';

export interface ClientOptions {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  readonly endpoint: string;
  readonly token?: string;
  /** Per-request timeout in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** PEM of the CA that signed the service's certificate, trusted besides the system's CAs. @default - system CAs only */
  readonly caCertificate?: string;
  /**
   * How long to wait out a service that answers 503 (its database restarting or failing over),
   * retrying as its Retry-After says; 0 fails at once. A service that cannot be reached at all is
   * reported at once: the caller knows whether that is worth waiting for (the provider's
   * long-running operations wait it out within their timeouts). @default 60000
   */
  readonly retryUnavailableMs?: number;
  /** Items per request when reading a whole list (listTenants(), listResources()...). @default 500 */
  readonly pageSize?: number;
}

const https = () => require('node:https') as typeof Https;
/** The system CAs plus one: node:tls loads only for https endpoints. */
const withCa = (ca: string) => [...(require('node:tls') as typeof import('node:tls')).rootCertificates, ca];

/** A small typed client for the Hikube REST API (node:http, keep-alive, no dependencies). */
export class HikubeClient {
  readonly endpoint: string;
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly token?: string;
  /** Per-request limit: a service that accepts the connection but does not answer fails after this. */
  readonly timeoutMs: number;
  private readonly userAgent: string;
  private readonly retryUnavailableMs: number;
  private readonly pageSize: number;
  private readonly resourceBatchers = new Map<string, Batcher<string, { id: string }>>();
  private readonly tenantBatcher = new Batcher<string, Tenant>(
    async (ids) => (await this.getTenantsById(ids)).items,
    (t) => t.id,
  );

  constructor(options: ClientOptions) {
    let base: URL;
    try {
      base = new URL(options.endpoint);
    } catch {
      throw new Error(`invalid endpoint ${JSON.stringify(options.endpoint)}: expected a URL such as http://127.0.0.1:8080`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new Error(`invalid endpoint ${JSON.stringify(options.endpoint)}: the scheme must be http or https`);
    }
    this.base = base;
    this.endpoint = base.toString().replace(/\/$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.userAgent = options.userAgent ?? 'hikube-client';
    this.retryUnavailableMs = options.retryUnavailableMs ?? 60_000;
    this.pageSize = options.pageSize ?? 500;
    // node:https (and tls) load only for https endpoints: a CLI start-up saves their cost.
    this.agent = base.protocol === 'https:' ? new (https().Agent)({ keepAlive: true, ...(options.caCertificate ? { ca: withCa(options.caCertificate) } : {}) }) : new http.Agent({ keepAlive: true });
  }

  /**
   * Sends a request; resolves with the decoded JSON body (undefined for 204). A 503 (the
   * service's database restarting: nothing was changed) is retried for up to `retryUnavailableMs`
   * (or `retryForMs` of this call), pausing as its Retry-After says.
   */
  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal, retryForMs = this.retryUnavailableMs): Promise<T> {
    const deadline = Date.now() + Math.min(retryForMs, this.retryUnavailableMs);
    let resent = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.requestOnce<T>(method, path, body, headers, signal);
      } catch (err) {
        // A kept-alive connection the service closed (idle too long) as we sent on it: the
        // request never got there. Sent again once, on a new connection, when sending twice is
        // harmless: a read, a PUT or DELETE, or a write with an idempotency key.
        if (err instanceof ConnectionError && err.onReusedConnection && !resent && (!['POST', 'PATCH'].includes(method) || IDEMPOTENCY_HEADER in headers)) {
          resent = true;
          continue;
        }
        if (!(err instanceof ApiError && err.status === 503)) throw err;
        const seconds = Number(err.retryAfter);
        const pause = Number.isFinite(seconds) && seconds >= 0 ? Math.min(Math.max(seconds * 1000, 100), 10_000) : Math.min(250 * 2 ** attempt, 5_000);
        if (signal?.aborted || Date.now() + pause > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async requestOnce<T>(method: string, path: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<T> {
    const url = new URL(path.replace(/^\//, ''), this.base.toString().endsWith('/') ? this.base : new URL(this.base.toString() + '/'));
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const transport = url.protocol === 'https:' ? https() : http;
    const reqHeaders: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      'user-agent': this.userAgent,
      ...headers,
    };
    if (this.token) reqHeaders.authorization = `Bearer ${this.token}`;
    if (payload) {
      reqHeaders['content-type'] = 'application/json';
      reqHeaders['content-length'] = String(payload.length);
    }
    const { status, text, retryAfter } = await new Promise<{ status: number; text: string; retryAfter?: string }>((resolve, reject) => {
      const req = transport.request(url, { method, headers: reqHeaders, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), retryAfter: res.headers['retry-after'] }));
        res.on('error', (err) => reject(new ConnectionError(this.endpoint, err)));
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT', timeoutMs: this.timeoutMs })));
      if (signal) {
        if (signal.aborted) req.destroy(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
        else signal.addEventListener('abort', () => req.destroy(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' })), { once: true });
      }
      req.on('error', (err: Error & { code?: string }) => reject(new ConnectionError(this.endpoint, err, req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE'))));
      req.end(payload);
    });
    if (status >= 200 && status < 300) {
      return (text ? JSON.parse(text) : undefined) as T;
    }
    let problem: Problem;
    try {
      problem = JSON.parse(text) as Problem;
      if (typeof problem.title !== 'string') throw new Error('not a problem');
    } catch {
      problem = { type: 'about:blank', title: http.STATUS_CODES[status] ?? 'Error', status, detail: text.slice(0, 500) || undefined };
    }
    throw new ApiError(status, problem, method, url.toString(), retryAfter);
  }

  /** Every item of a paginated list, following `nextCursor` page by page. */
  async listAll<T>(path: string): Promise<List<T>> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: Page<T> = await this.request('GET', `${path}${sep}limit=${this.pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor ?? null;
    } while (cursor);
    return { items };
  }

  /** One page of a list: `limit` items at most, from `cursor` (the previous page's nextCursor). */
  listPage<T>(path: string, page: { limit?: number; cursor?: string } = {}): Promise<Page<T>> {
    const query = [page.limit !== undefined && `limit=${page.limit}`, page.cursor && `cursor=${encodeURIComponent(page.cursor)}`].filter(Boolean).join('&');
    return this.request('GET', query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path);
  }

  close(): void {
    this.agent.destroy();
  }

  // ---- tenants ----

  createTenant(input: TenantCreate): Promise<Tenant> {
    return this.request('POST', '/v1/tenants', input);
  }

  getTenant(id: string): Promise<Tenant> {
    return this.request('GET', `/v1/tenants/${encodeURIComponent(id)}`);
  }

  /** Tenants by id in one request; ids the token cannot see (or that do not exist) are left out. */
  getTenantsById(ids: readonly string[]): Promise<List<Tenant>> {
    const query = ids.map((id) => `id=${encodeURIComponent(id)}`).join('&');
    return this.listAll(`/v1/tenants?${query}`);
  }

  /** Like getTenant, but concurrent calls share one request; undefined when not found. */
  findTenant(id: string): Promise<Tenant | undefined> {
    return this.tenantBatcher.load(id);
  }

  getTenantByPath(path: string): Promise<Tenant> {
    return this.request('GET', `/v1/tenants/by-path?path=${encodeURIComponent(path)}`);
  }

  /** Every tenant the token can see (all pages). */
  listTenants(): Promise<List<Tenant>> {
    return this.listAll('/v1/tenants');
  }

  listChildren(id: string): Promise<List<Tenant>> {
    return this.listAll(`/v1/tenants/${encodeURIComponent(id)}/children`);
  }

  updateTenant(id: string, patch: TenantUpdate): Promise<Tenant> {
    return this.request('PATCH', `/v1/tenants/${encodeURIComponent(id)}`, patch);
  }

  deleteTenant(id: string): Promise<void> {
    return this.request('DELETE', `/v1/tenants/${encodeURIComponent(id)}`);
  }

  // ---- operation-backed resources: /v1/clusters, /v1/vms, /v1/monitoring-stacks ----
  // Create, update and delete answer 202 with the resource in a pending state; poll get().

  /** POST; the same idempotency key answers with the same resource (never a duplicate) until settled. */
  createResource<T>(collection: string, body: unknown, idempotencyKey?: string): Promise<T> {
    return this.request('POST', collection, body, idempotencyKey ? { [IDEMPOTENCY_HEADER]: idempotencyKey } : {});
  }
  /** The create's result is recorded (in Terraform state): this caller's Idempotency-Key stops replaying it. */
  settleCreate(collection: string, id: string): Promise<void> {
    return this.request('DELETE', `${collection}/${encodeURIComponent(id)}/idempotency-key`);
  }

  getResource<T>(collection: string, id: string): Promise<T> {
    return this.request('GET', `${collection}/${encodeURIComponent(id)}`);
  }

  /** Filtered list: by ids (batch), or by tenantId and/or name. */
  listResources<T>(collection: string, filter: { id?: readonly string[]; tenantId?: string; name?: string } = {}): Promise<List<T>> {
    const query = [
      ...(filter.id ?? []).map((id) => `id=${encodeURIComponent(id)}`),
      ...(filter.tenantId ? [`tenantId=${encodeURIComponent(filter.tenantId)}`] : []),
      ...(filter.name ? [`name=${encodeURIComponent(filter.name)}`] : []),
    ].join('&');
    return this.listAll(query ? `${collection}?${query}` : collection);
  }

  /**
   * Long poll: answers when the resource is ready or failed (`ready`), rejects with 404 once it
   * is gone (`gone`), or answers with its current state after `waitMs` (at most 20 s).
   */
  waitForResource<T>(collection: string, id: string, goal: 'ready' | 'gone', waitMs: number, signal?: AbortSignal): Promise<T> {
    const ms = Math.max(0, Math.min(MAX_WAIT_MS, Math.floor(waitMs)));
    // A 503 is waited out only as long as the wait itself: the caller's deadline holds.
    return this.request('GET', `${collection}/${encodeURIComponent(id)}?wait=${goal}&waitMs=${ms}`, undefined, {}, signal, ms);
  }

  /** Like getResource, but concurrent calls for one collection share a request; undefined when gone. */
  findResource<T extends { id: string }>(collection: string, id: string): Promise<T | undefined> {
    let batcher = this.resourceBatchers.get(collection);
    if (!batcher) {
      batcher = new Batcher<string, { id: string }>(
        async (ids) => (await this.listResources<{ id: string }>(collection, { id: ids })).items,
        (r) => r.id,
      );
      this.resourceBatchers.set(collection, batcher);
    }
    return batcher.load(id) as Promise<T | undefined>;
  }

  updateResource<T>(collection: string, id: string, patch: unknown): Promise<T> {
    return this.request('PATCH', `${collection}/${encodeURIComponent(id)}`, patch);
  }

  /** New generated secrets (a kind with rotatable secrets): the answer (202, status updating) is the only one that shows them. */
  rotateResource<T>(collection: string, id: string): Promise<T> {
    return this.actOn(collection, id, 'rotate');
  }

  /** A triggered action (model/kind.ts `TriggeredAction`: `rotate`, a VM's `restart`...): 202, status updating. */
  actOn<T>(collection: string, id: string, action: string): Promise<T> {
    return this.request('POST', `${collection}/${encodeURIComponent(id)}/${encodeURIComponent(action)}`);
  }

  /** Starts the deletion (202 with status deleting); get() answers 404 once it is gone. */
  deleteResource<T>(collection: string, id: string): Promise<T | undefined> {
    return this.request('DELETE', `${collection}/${encodeURIComponent(id)}`);
  }

  /** Checks policies and quotas for a create or update without making it (used at plan time). */
  validate(request: ValidationRequest): Promise<ValidationAnswer> {
    return this.request('POST', '/v1/validate', request);
  }
  /** A plan's batch: one answer per request, each judged with what was accepted before it. */
  validateBatch(batch: ValidationBatch): Promise<ValidationBatchAnswer> {
    return this.request('POST', '/v1/validate', batch);
  }

  tenantUsage(tenantId: string, range: { from?: string; to?: string } = {}): Promise<TenantUsage> {
    const query = [range.from && `from=${encodeURIComponent(range.from)}`, range.to && `to=${encodeURIComponent(range.to)}`].filter(Boolean).join('&');
    return this.request('GET', `/v1/tenants/${encodeURIComponent(tenantId)}/usage${query ? `?${query}` : ''}`);
  }

  /** The subtree's changes, newest first; `before` is the last entry id of the previous page. */
  audit(tenantId: string, limit = 100, before?: string): Promise<List<AuditEntry>> {
    return this.request('GET', `/v1/tenants/${encodeURIComponent(tenantId)}/audit?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`);
  }

  // ---- access: members and API tokens ----

  createMember(input: { tenantId: string; user: string; role: Role }): Promise<Member> {
    return this.request('POST', '/v1/members', input);
  }

  getMember(id: string): Promise<Member> {
    return this.request('GET', `/v1/members/${encodeURIComponent(id)}`);
  }

  listMembers(filter: { id?: readonly string[]; tenantId?: string; user?: string } = {}): Promise<List<Member>> {
    return this.listAll(withQuery('/v1/members', filter));
  }

  updateMember(id: string, patch: { role: Role }): Promise<Member> {
    return this.request('PATCH', `/v1/members/${encodeURIComponent(id)}`, patch);
  }

  deleteMember(id: string): Promise<void> {
    return this.request('DELETE', `/v1/members/${encodeURIComponent(id)}`);
  }

  /** The answer carries `secret`: the only time the service ever shows it. */
  createToken(input: { tenantId: string; role: Role; description?: string | null; expiresAt?: string | null }): Promise<ApiToken & { secret: string }> {
    return this.request('POST', '/v1/tokens', input);
  }

  getToken(id: string): Promise<ApiToken> {
    return this.request('GET', `/v1/tokens/${encodeURIComponent(id)}`);
  }

  listTokens(filter: { id?: readonly string[]; tenantId?: string } = {}): Promise<List<ApiToken>> {
    return this.listAll(withQuery('/v1/tokens', filter));
  }

  /** Revokes: the token stops working at once; GET shows it with revokedAt. */
  revokeToken(id: string): Promise<void> {
    return this.request('DELETE', `/v1/tokens/${encodeURIComponent(id)}`);
  }

  instanceTypes(): Promise<List<InstanceTypeInfo>> {
    return this.request('GET', '/v1/catalog/instance-types');
  }

  kubernetesVersions(): Promise<KubernetesVersions> {
    return this.request('GET', '/v1/catalog/kubernetes-versions');
  }

  /** Data-service presets, of one engine or all. */
  presets(engine?: string): Promise<List<PresetInfo>> {
    return this.request('GET', `/v1/catalog/presets${engine ? `?engine=${encodeURIComponent(engine)}` : ''}`);
  }

  /** The platform images, per distribution. */
  images(): Promise<List<ImageInfo>> {
    return this.request('GET', '/v1/catalog/images');
  }

  /** The GPU catalog, offered GPUs first, then deprecated names (with `deprecated`). */
  gpus(): Promise<List<GpuInfo>> {
    return this.request('GET', '/v1/catalog/gpus');
  }

  postgresExtensions(): Promise<PostgresExtensions> {
    return this.request('GET', '/v1/catalog/postgres-extensions');
  }

  /** One category of the price list, in EUR unless `currency` says CHF. */
  prices(category: string, currency?: string): Promise<PriceSheet> {
    return this.request('GET', `/v1/prices/${encodeURIComponent(category)}${currency ? `?currency=${encodeURIComponent(currency)}` : ''}`);
  }
}

/** `?id=a&id=b&tenantId=...`: repeated ids, single other filters, undefined ones left out. */
function withQuery(path: string, filter: Record<string, string | readonly string[] | undefined>): string {
  const query = Object.entries(filter).flatMap(([k, v]) => (v === undefined ? [] : (typeof v === 'string' ? [v] : v).map((x) => `${k}=${encodeURIComponent(x)}`)));
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}
