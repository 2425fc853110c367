/** Applications behind ingress-nginx: throughput, latency, 5xx, from the controller's metrics. */
import { DashboardSpec, TENANT, rate } from './model';

const H = 'exported_namespace=~"$namespace", ingress=~"$ingress"';

export const applicationsDashboard: DashboardSpec = {
  uid: 'hikube-applications',
  title: 'Applications',
  tags: ['applications', 'ingress-nginx'],
  variables: [
    { name: 'namespace', query: `label_values(nginx_ingress_controller_requests{${TENANT}}, exported_namespace)` },
    { name: 'ingress', query: `label_values(nginx_ingress_controller_requests{${TENANT}, exported_namespace=~"$namespace"}, ingress)` },
  ],
  rows: [
    {
      title: 'Traffic',
      panels: [
        { title: 'Requests per second', unit: 'reqps', metrics: [{ expr: `sum by (ingress) (${rate('nginx_ingress_controller_requests', H)})`, legend: '{{ingress}}' }] },
        {
          title: '5xx ratio',
          unit: 'percentunit',
          metrics: [
            {
              expr: `sum by (ingress) (${rate('nginx_ingress_controller_requests', `${H}, status=~"5.."`)}) / sum by (ingress) (${rate('nginx_ingress_controller_requests', H)})`,
              legend: '{{ingress}}',
            },
          ],
        },
        {
          title: 'Latency p50 / p95 / p99',
          unit: 's',
          width: 24,
          metrics: [0.5, 0.95, 0.99].map((q) => ({
            expr: `histogram_quantile(${q}, sum by (le, ingress) (${rate('nginx_ingress_controller_request_duration_seconds_bucket', H)}))`,
            legend: `{{ingress}} p${Math.round(q * 100)}`,
          })),
        },
        {
          title: 'Bandwidth',
          unit: 'Bps',
          metrics: [
            { expr: `sum by (ingress) (${rate('nginx_ingress_controller_request_size_sum', H)})`, legend: '{{ingress}} in' },
            { expr: `-sum by (ingress) (${rate('nginx_ingress_controller_response_size_sum', H)})`, legend: '{{ingress}} out' },
          ],
        },
        {
          title: '5xx responses in access logs',
          logs: [
            {
              expr: 'kubernetes.container_name:controller AND status:~"5[0-9][0-9]" | stats by (kubernetes.pod_namespace) count() as errors',
              queryType: 'statsRange',
              legend: '{{kubernetes.pod_namespace}}',
            },
          ],
        },
      ],
    },
  ],
};
