/**
 * Network: load balancers (kube-state-metrics, ingress-nginx) and VPN tunnels (the WireGuard
 * exporter): traffic, latency, connections.
 */
import { DashboardSpec, rate, sel } from './model';

export const networkDashboard: DashboardSpec = {
  uid: 'hikube-network',
  title: 'Network',
  tags: ['network', 'load-balancer', 'vpn'],
  rows: [
    {
      title: 'Load balancers',
      panels: [
        { title: 'LoadBalancer services with an address', type: 'stat', width: 6, metrics: [{ expr: `count(${sel('kube_service_status_load_balancer_ingress')})` }] },
        { title: 'Active connections', width: 9, metrics: [{ expr: `sum by (state) (${sel('nginx_ingress_controller_nginx_process_connections')})`, legend: '{{state}}' }] },
        {
          title: 'Upstream latency p95',
          unit: 's',
          width: 9,
          metrics: [{ expr: `histogram_quantile(0.95, sum by (le) (${rate('nginx_ingress_controller_response_duration_seconds_bucket')}))`, legend: 'p95' }],
        },
        {
          title: 'Node traffic',
          unit: 'Bps',
          metrics: [
            { expr: `sum(${rate('node_network_receive_bytes_total', 'device!~"lo|veth.*|wg.*"')})`, legend: 'in' },
            { expr: `-sum(${rate('node_network_transmit_bytes_total', 'device!~"lo|veth.*|wg.*"')})`, legend: 'out' },
          ],
        },
        { title: 'Established TCP connections', metrics: [{ expr: `sum by (instance) (${sel('node_netstat_Tcp_CurrEstab')})`, legend: '{{instance}}' }] },
      ],
    },
    {
      title: 'VPN',
      panels: [
        {
          title: 'Tunnel traffic',
          unit: 'Bps',
          metrics: [
            { expr: `sum by (interface) (${rate('wireguard_received_bytes_total')})`, legend: '{{interface}} in' },
            { expr: `-sum by (interface) (${rate('wireguard_sent_bytes_total')})`, legend: '{{interface}} out' },
          ],
        },
        { title: 'Seconds since last handshake', unit: 's', metrics: [{ expr: `time() - ${sel('wireguard_latest_handshake_seconds')}`, legend: '{{interface}} {{allowed_ips}}' }] },
        { title: 'Connected peers (handshake < 3 min)', type: 'stat', metrics: [{ expr: `count((time() - ${sel('wireguard_latest_handshake_seconds')}) < 180)` }] },
      ],
    },
  ],
};
