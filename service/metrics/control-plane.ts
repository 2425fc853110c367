/**
 * The control plane's own metrics, served at GET /metrics: requests by route and status,
 * request and store latency, and (read from the database at scrape time, so every replica
 * reports the shared truth) operations by kind and state, worker lag, resources and their
 * monthly cost per tenant.
 */
import { KIND_NAMES } from '../../model/kinds';
import { Store } from '../store/store';
import { StoreHealth } from '../store/observed';
import { Counter, Histogram, Registry } from './registry';

export interface ControlPlaneMetrics {
  readonly registry: Registry;
  readonly requests: Counter;
  readonly latency: Histogram;
  readonly storeLatency: Histogram;
}

/** Counters and histograms exist before the store does (the store is wrapped with its histogram). */
export function createControlPlaneMetrics(): ControlPlaneMetrics {
  const registry = new Registry();
  registerProcessMetrics(registry);
  return {
    registry,
    requests: registry.counter('hikube_http_requests_total', 'HTTP requests answered, by method, route and status.'),
    latency: registry.histogram('hikube_http_request_duration_seconds', 'Time to answer an HTTP request, by method and route (long polls included).'),
    storeLatency: registry.histogram('hikube_store_duration_seconds', 'Time of a database statement or transaction, by back-end and operation.'),
  };
}

/**
 * The service process's own CPU time and memory, under the names Prometheus clients give them, so
 * usual dashboards and alerts apply. The embedded store (PGlite) runs inside this process: its work
 * is counted here; a PostgreSQL server's is not.
 */
function registerProcessMetrics(registry: Registry): void {
  const startSeconds = Math.round((Date.now() - process.uptime() * 1000) / 1000);
  const cpu = () => process.cpuUsage();
  registry.sampledCounter('process_cpu_seconds_total', 'CPU time of the service process, user and system, in seconds.', () => {
    const { user, system } = cpu();
    return [{ labels: {}, value: (user + system) / 1e6 }];
  });
  registry.sampledCounter('process_cpu_user_seconds_total', 'User CPU time of the service process, in seconds.', () => [{ labels: {}, value: cpu().user / 1e6 }]);
  registry.sampledCounter('process_cpu_system_seconds_total', 'System CPU time of the service process, in seconds.', () => [{ labels: {}, value: cpu().system / 1e6 }]);
  registry.gauge('process_resident_memory_bytes', 'Resident memory of the service process, in bytes.', () => [{ labels: {}, value: process.memoryUsage.rss() }]);
  registry.gauge('process_start_time_seconds', 'When the service process started, in seconds since the Unix epoch.', () => [{ labels: {}, value: startSeconds }]);
}

/** Gauges read from the database at scrape time; a failing one is left out of that scrape. */
export function registerStoreGauges(metrics: ControlPlaneMetrics, store: Store, health: StoreHealth): void {
  const { registry } = metrics;
  registry.gauge('hikube_operations', 'Operations by resource kind, action and state (pending = queued; failed counts every failure kept in history).', async () => {
    const { rows } = await store.query<{ kind: string; action: string; state: string; n: string }>(
      `SELECT kind, action, state, count(*) AS n FROM operations WHERE state IN ('pending', 'running', 'failed') GROUP BY kind, action, state`,
    );
    return rows.map((r) => ({ labels: { kind: r.kind, action: r.action, state: r.state }, value: Number(r.n) }));
  });
  registry.gauge('hikube_worker_lag_seconds', 'Age of the oldest operation that is due and not yet claimed by a worker, by kind (0 when none waits).', async () => {
    const { rows } = await store.query<{ kind: string; lag: number | string }>(
      `SELECT kind, extract(epoch FROM max(now() - next_attempt_at))::float8 AS lag FROM operations
        WHERE state = 'pending' AND next_attempt_at <= now() GROUP BY kind`,
    );
    const lag = new Map(rows.map((r) => [r.kind, Number(r.lag)]));
    return KIND_NAMES.map((kind) => ({ labels: { kind }, value: lag.get(kind) ?? 0 }));
  });
  registry.gauge('hikube_resources', 'Billable resources that exist, by tenant path and kind.', async () =>
    (await openUsage(store)).map((r) => ({ labels: { tenant: r.tenant_path, kind: r.kind }, value: Number(r.n) })),
  );
  registry.gauge('hikube_monthly_cost', 'Monthly cost estimate of the resources that exist, by tenant path and kind (in the price list currency).', async () =>
    (await openUsage(store)).map((r) => ({ labels: { tenant: r.tenant_path, kind: r.kind }, value: Math.round(Number(r.cost) * 100) / 100 })),
  );
  registry.gauge('hikube_store_up', '1 when the last probe of the database succeeded.', async () => {
    try {
      await store.query('SELECT 1');
      return [{ labels: {}, value: 1 }];
    } catch {
      return [{ labels: {}, value: 0 }];
    }
  });
  registry.gauge('hikube_store_disk_full', '1 while the database is refusing writes for lack of disk space.', () => [{ labels: {}, value: health.fullSince ? 1 : 0 }]);
}

function openUsage(store: Store) {
  return store
    .query<{ tenant_path: string; kind: string; n: string; cost: number }>(
      `SELECT tenant_path, kind, count(*) AS n, sum(monthly_cost) AS cost FROM usage_intervals WHERE ended_at IS NULL GROUP BY tenant_path, kind ORDER BY tenant_path, kind`,
    )
    .then((r) => r.rows);
}
