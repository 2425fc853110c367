/**
 * The Hikube control plane itself (the provisioning service's GET /metrics): traffic and errors
 * by route, latency, the operation queue and its workers, the database, and what each tenant
 * runs and costs. Metric names are the service's own (service/metrics/control-plane.ts).
 */
import { DashboardSpec, rate, sel } from './model';

const q = (p: number, metric: string, by: string) => `histogram_quantile(${p}, sum by (le, ${by}) (${rate(`${metric}_bucket`)}))`;

export const controlPlaneDashboard: DashboardSpec = {
  uid: 'hikube-control-plane',
  title: 'Hikube control plane',
  tags: ['hikube', 'control-plane'],
  rows: [
    {
      title: 'API',
      panels: [
        { title: 'Requests by route', unit: 'reqps', metrics: [{ expr: `sum by (method, route) (${rate('hikube_http_requests_total')})`, legend: '{{method}} {{route}}' }] },
        {
          title: 'Errors by status',
          unit: 'reqps',
          description: '5xx are the service failing; 503 means its database was unreachable, 507 that its disk is full.',
          metrics: [{ expr: `sum by (status, route) (${rate('hikube_http_requests_total', 'status=~"4..|5.."')})`, legend: '{{status}} {{route}}' }],
        },
        {
          title: 'Latency p50 / p99',
          unit: 's',
          description: 'Long polls (GET ...?wait=) hold a request up to 20 s by design.',
          metrics: [
            { expr: q(0.5, 'hikube_http_request_duration_seconds', 'route'), legend: 'p50 {{route}}' },
            { expr: q(0.99, 'hikube_http_request_duration_seconds', 'route'), legend: 'p99 {{route}}' },
          ],
        },
      ],
    },
    {
      title: 'Operations and workers',
      panels: [
        { title: 'Queued and running', metrics: [{ expr: `sum by (kind, state) (${sel('hikube_operations', 'state=~"pending|running"')})`, legend: '{{kind}} {{state}}' }] },
        { title: 'Failed (kept in history)', metrics: [{ expr: `sum by (kind, action) (${sel('hikube_operations', 'state="failed"')})`, legend: '{{kind}} {{action}}' }] },
        {
          title: 'Worker lag',
          unit: 's',
          description: 'Age of the oldest due operation no worker has claimed yet.',
          metrics: [{ expr: `max by (kind) (${sel('hikube_worker_lag_seconds')})`, legend: '{{kind}}' }],
        },
      ],
    },
    {
      title: 'Database',
      panels: [
        { title: 'Reachable', type: 'stat', metrics: [{ expr: `min(${sel('hikube_store_up')})`, legend: 'up' }] },
        { title: 'Disk full', type: 'stat', metrics: [{ expr: `max(${sel('hikube_store_disk_full')})`, legend: 'full' }] },
        {
          title: 'Statement latency p99',
          unit: 's',
          metrics: [{ expr: q(0.99, 'hikube_store_duration_seconds', 'backend, op'), legend: '{{backend}} {{op}}' }],
        },
      ],
    },
    {
      title: 'Tenants',
      panels: [
        { title: 'Resources by tenant', metrics: [{ expr: `sum by (tenant, kind) (${sel('hikube_resources')})`, legend: '{{tenant}} {{kind}}' }] },
        { title: 'Monthly cost by tenant (price list currency)', unit: 'short', metrics: [{ expr: `sum by (tenant) (${sel('hikube_monthly_cost')})`, legend: '{{tenant}}' }] },
      ],
    },
  ],
};
