/**
 * The vmauth configuration: one user per tenant of the subtree, each pinned to its own account.
 *
 * Isolation rules (see docs/monitoring.md, "Isolation"):
 * - A sub-tenant's account ID is written into the backend URL (`/insert/<id>/...`,
 *   `/select/<id>/...`) or forced as the `AccountID` header; nothing the client sends picks it.
 * - Only the owner (the stack's own tenant) ever reaches `/select/multitenant`. vmselect narrows
 *   multitenant reads with client-supplied `extra_label` / `extra_filters[]` on `vm_account_id`,
 *   and those arguments merge with (and could override or be OR-ed with) the ones in
 *   `url_prefix` (VictoriaMetrics issue 10908, PR 10983 and the vmauth security notes of PR
 *   11043). Pinning the tenant in the path instead makes such arguments harmless: on a
 *   single-tenant path they can only narrow within that tenant.
 * - Routes are exact allow-lists (`url_map`), no `default_url` and no `unauthorized_user`:
 *   any other path is refused.
 * - `headers` are set on every `url_map` entry, never only on the user: user-level options are
 *   not inherited by `url_map` entries (VictoriaMetrics issue 7519, VictoriaLogs issue 1788,
 *   where a tenant read every tenant's logs). vmauth sets these headers, replacing what the
 *   client sent.
 */

/** A tenant's account, as the service issued it (values may be Terraform tokens). */
export interface TenantAccount {
  /** vmauth username. */
  readonly username: string;
  /** vmauth password. */
  readonly password: string;
  /** VictoriaMetrics / VictoriaLogs account ID. */
  readonly accountId: string | number;
}

/** In-cluster addresses of the stores, as vmauth reaches them. */
export interface Backends {
  readonly vminsert: string;
  readonly vmselect: string;
  readonly victoriaLogs: string;
}

/** Where vmagent writes (Prometheus remote write). */
export const METRICS_WRITE_PATHS = ['/api/v1/write'];

/** The Prometheus query API Grafana needs, and nothing else (no admin, no deletes, no exports). */
export const METRICS_READ_PATHS = ['/api/v1/query', '/api/v1/query_range', '/api/v1/series', '/api/v1/labels', '/api/v1/label/[^/]+/values', '/api/v1/metadata', '/api/v1/status/buildinfo'];

/**
 * Log ingestion: VictoriaLogs' native protocol, the one the log collector (vlagent, chart
 * `victoria-logs-collector` 0.3.7) speaks; the chart posts to exactly the path of its URL.
 */
export const LOGS_WRITE_PATHS = ['/insert/native'];

/**
 * LogsQL endpoints the Grafana plugin (`victoriametrics-logs-datasource`) calls: queries, its
 * health check (`/select/logsql/query`), live tail and the field and stream browsers. They are
 * VictoriaLogs' own paths: none of them exists in VictoriaMetrics, so both share one vmauth
 * without a path prefix (a prefix needs `drop_src_path_prefix_parts`).
 */
export const LOGS_READ_PATHS = [
  '/select/logsql/query',
  '/select/logsql/tail',
  '/select/logsql/hits',
  '/select/logsql/stats_query',
  '/select/logsql/stats_query_range',
  '/select/logsql/field_names',
  '/select/logsql/field_values',
  '/select/logsql/streams',
  '/select/logsql/stream_ids',
  '/select/logsql/stream_field_names',
  '/select/logsql/stream_field_values',
  '/select/logsql/facets',
];

/**
 * The owner's read-only view of one tenant's logs, as a vmauth username. VictoriaLogs has no
 * multitenant read, so the owner gets one extra user per tenant (its own password), each with
 * that tenant's account forced. Namespaces never contain a dot, so these never collide with a
 * tenant's own username.
 */
export function ownerLogsUsername(owner: TenantAccount, tenant: TenantAccount): string {
  return `${owner.username}.logs-${tenant.accountId}`;
}

export interface UrlMapEntry {
  src_paths: string[];
  url_prefix: string;
  headers?: string[];
}

export interface VmauthUser {
  username: string;
  password: string;
  url_map: UrlMapEntry[];
}

export interface VmauthConfig {
  users: VmauthUser[];
}

/** The `AccountID`/`ProjectID` headers VictoriaLogs reads, forced to one account. */
export function logsTenantHeaders(accountId: string | number): string[] {
  return [`AccountID: ${accountId}`, 'ProjectID: 0'];
}

/**
 * The config: the owner's user reads every account of the subtree, each other user only its own.
 * Every tenant (the owner included) writes only into its own account.
 */
export function vmauthConfig(backends: Backends, owner: TenantAccount, members: TenantAccount[]): VmauthConfig {
  const logs = (paths: string[], a: TenantAccount): UrlMapEntry => ({ src_paths: paths, url_prefix: backends.victoriaLogs, headers: logsTenantHeaders(a.accountId) });
  const writes = (a: TenantAccount): UrlMapEntry[] => [{ src_paths: METRICS_WRITE_PATHS, url_prefix: `${backends.vminsert}/insert/${a.accountId}/prometheus` }, logs(LOGS_WRITE_PATHS, a)];
  const ownReads = (a: TenantAccount): UrlMapEntry[] => [{ src_paths: METRICS_READ_PATHS, url_prefix: `${backends.vmselect}/select/${a.accountId}/prometheus` }, logs(LOGS_READ_PATHS, a)];
  const ownerUser: VmauthUser = {
    username: owner.username,
    password: owner.password,
    url_map: [
      ...writes(owner),
      // The global view: every account of this stack's store belongs to the owner's subtree.
      { src_paths: METRICS_READ_PATHS, url_prefix: `${backends.vmselect}/select/multitenant/prometheus` },
      logs(LOGS_READ_PATHS, owner),
    ],
  };
  // VictoriaLogs has no multitenant read: the owner reads each tenant's logs as a user of its own.
  const ownerLogViews: VmauthUser[] = members.map((m) => ({ username: ownerLogsUsername(owner, m), password: owner.password, url_map: [logs(LOGS_READ_PATHS, m)] }));
  return {
    users: [ownerUser, ...ownerLogViews, ...members.map((m) => ({ username: m.username, password: m.password, url_map: [...writes(m), ...ownReads(m)] }))],
  };
}
