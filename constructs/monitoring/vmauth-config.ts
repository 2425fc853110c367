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
export const METRICS_READ_PATHS = [
  '/api/v1/query',
  '/api/v1/query_range',
  '/api/v1/series',
  '/api/v1/labels',
  '/api/v1/label/[^/]+/values',
  '/api/v1/metadata',
  '/api/v1/status/buildinfo',
];

/** Log ingestion, under `/logs`: vlagent's native protocol and JSON lines. */
export const LOGS_WRITE_PATHS = ['/logs/internal/insert', '/logs/insert/jsonline'];

/** LogsQL query endpoints, under `/logs`. */
export const LOGS_READ_PATHS = [
  '/logs/select/logsql/query',
  '/logs/select/logsql/hits',
  '/logs/select/logsql/stats_query',
  '/logs/select/logsql/stats_query_range',
  '/logs/select/logsql/field_names',
  '/logs/select/logsql/field_values',
  '/logs/select/logsql/streams',
  '/logs/select/logsql/stream_field_names',
  '/logs/select/logsql/stream_field_values',
  '/logs/select/logsql/facets',
];

/** Path prefix of the owner's per-tenant log reads: `/logs/tenant/<accountID>/select/...`. */
export const OWNER_LOGS_PREFIX = '/logs/tenant';

export interface UrlMapEntry {
  src_paths: string[];
  url_prefix: string;
  drop_src_path_prefix_parts?: number;
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
  const writes = (a: TenantAccount): UrlMapEntry[] => [
    { src_paths: METRICS_WRITE_PATHS, url_prefix: `${backends.vminsert}/insert/${a.accountId}/prometheus` },
    { src_paths: LOGS_WRITE_PATHS, url_prefix: backends.victoriaLogs, drop_src_path_prefix_parts: 1, headers: logsTenantHeaders(a.accountId) },
  ];
  const ownReads = (a: TenantAccount): UrlMapEntry[] => [
    { src_paths: METRICS_READ_PATHS, url_prefix: `${backends.vmselect}/select/${a.accountId}/prometheus` },
    { src_paths: LOGS_READ_PATHS, url_prefix: backends.victoriaLogs, drop_src_path_prefix_parts: 1, headers: logsTenantHeaders(a.accountId) },
  ];
  const ownerUser: VmauthUser = {
    username: owner.username,
    password: owner.password,
    url_map: [
      ...writes(owner),
      // The global view: every account of this stack's store belongs to the owner's subtree.
      { src_paths: METRICS_READ_PATHS, url_prefix: `${backends.vmselect}/select/multitenant/prometheus` },
      ...ownReads(owner).slice(1),
      // VictoriaLogs has no multitenant read: one route per account, the account forced as a header.
      ...members.map((m) => ({
        src_paths: LOGS_READ_PATHS.map((p) => `${OWNER_LOGS_PREFIX}/${m.accountId}${p.slice('/logs'.length)}`),
        url_prefix: backends.victoriaLogs,
        drop_src_path_prefix_parts: 3,
        headers: logsTenantHeaders(m.accountId),
      })),
    ],
  };
  return {
    users: [ownerUser, ...members.map((m) => ({ username: m.username, password: m.password, url_map: [...writes(m), ...ownReads(m)] }))],
  };
}
