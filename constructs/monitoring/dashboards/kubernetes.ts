/** Kubernetes: cluster, nodes, pods, services (kube-state-metrics, cAdvisor, node-exporter, kubelet). */
import { DashboardSpec, TENANT, rate, sel } from './model';

const C = 'cluster=~"$cluster"';
const NS = `${C}, namespace=~"$namespace"`;

export const kubernetesDashboard: DashboardSpec = {
  uid: 'hikube-kubernetes',
  title: 'Kubernetes',
  tags: ['kubernetes'],
  variables: [
    { name: 'cluster', query: `label_values(kube_node_info{${TENANT}}, cluster)` },
    { name: 'namespace', query: `label_values(kube_pod_info{${TENANT}, ${C}}, namespace)` },
  ],
  rows: [
    {
      title: 'Cluster',
      panels: [
        {
          title: 'CPU used / allocatable',
          unit: 'percentunit',
          type: 'stat',
          width: 6,
          metrics: [{ expr: `sum(${rate('container_cpu_usage_seconds_total', `${C}, container!=""`)}) / sum(${sel('kube_node_status_allocatable', `${C}, resource="cpu"`)})` }],
        },
        {
          title: 'Memory used / allocatable',
          unit: 'percentunit',
          type: 'stat',
          width: 6,
          metrics: [{ expr: `sum(${sel('container_memory_working_set_bytes', `${C}, container!=""`)}) / sum(${sel('kube_node_status_allocatable', `${C}, resource="memory"`)})` }],
        },
        { title: 'Nodes ready', type: 'stat', width: 6, metrics: [{ expr: `sum(${sel('kube_node_status_condition', `${C}, condition="Ready", status="true"`)})` }] },
        { title: 'Pods not running', type: 'stat', width: 6, metrics: [{ expr: `sum(${sel('kube_pod_status_phase', `${C}, phase=~"Pending|Failed|Unknown"`)})` }] },
      ],
    },
    {
      title: 'Nodes',
      panels: [
        { title: 'CPU busy by node', unit: 'percentunit', metrics: [{ expr: `1 - avg by (instance) (${rate('node_cpu_seconds_total', `${C}, mode="idle"`)})`, legend: '{{instance}}' }] },
        {
          title: 'Memory used by node',
          unit: 'percentunit',
          metrics: [{ expr: `1 - ${sel('node_memory_MemAvailable_bytes', C)} / ${sel('node_memory_MemTotal_bytes', C)}`, legend: '{{instance}}' }],
        },
        {
          title: 'Network by node',
          unit: 'Bps',
          metrics: [
            { expr: `sum by (instance) (${rate('node_network_receive_bytes_total', `${C}, device!~"lo|veth.*"`)})`, legend: '{{instance}} in' },
            { expr: `-sum by (instance) (${rate('node_network_transmit_bytes_total', `${C}, device!~"lo|veth.*"`)})`, legend: '{{instance}} out' },
          ],
        },
        {
          title: 'Disk free by node',
          unit: 'percentunit',
          metrics: [
            {
              expr: `min by (instance) (${sel('node_filesystem_avail_bytes', `${C}, fstype!~"tmpfs|overlay"`)} / ${sel('node_filesystem_size_bytes', `${C}, fstype!~"tmpfs|overlay"`)})`,
              legend: '{{instance}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Pods',
      panels: [
        {
          title: 'CPU by pod',
          unit: 'short',
          metrics: [{ expr: `topk(10, sum by (namespace, pod) (${rate('container_cpu_usage_seconds_total', `${NS}, container!=""`)}))`, legend: '{{namespace}}/{{pod}}' }],
        },
        {
          title: 'Memory by pod',
          unit: 'bytes',
          metrics: [{ expr: `topk(10, sum by (namespace, pod) (${sel('container_memory_working_set_bytes', `${NS}, container!=""`)}))`, legend: '{{namespace}}/{{pod}}' }],
        },
        {
          title: 'Pod network',
          unit: 'Bps',
          metrics: [
            { expr: `sum by (namespace) (${rate('container_network_receive_bytes_total', NS)})`, legend: '{{namespace}} in' },
            { expr: `-sum by (namespace) (${rate('container_network_transmit_bytes_total', NS)})`, legend: '{{namespace}} out' },
          ],
        },
        {
          title: 'Container restarts (1h)',
          metrics: [{ expr: `sum by (namespace, pod) (increase(${sel('kube_pod_container_status_restarts_total', NS)}[1h])) > 0`, legend: '{{namespace}}/{{pod}}' }],
        },
        {
          title: 'CPU requests vs usage',
          metrics: [
            { expr: `sum by (namespace) (${sel('kube_pod_container_resource_requests', `${NS}, resource="cpu"`)})`, legend: '{{namespace}} requested' },
            { expr: `sum by (namespace) (${rate('container_cpu_usage_seconds_total', `${NS}, container!=""`)})`, legend: '{{namespace}} used' },
          ],
        },
        { title: 'Error logs', logs: [{ expr: 'kubernetes.pod_namespace:~"$namespace" AND (error OR panic OR fatal) | sort by (_time) desc | limit 200' }], width: 12 },
      ],
    },
    {
      title: 'Services and storage',
      panels: [
        { title: 'Ready endpoints by service', metrics: [{ expr: `sum by (namespace, endpoint) (${sel('kube_endpoint_address', `${NS}, ready="true"`)})`, legend: '{{namespace}}/{{endpoint}}' }] },
        { title: 'Services by type', type: 'table', metrics: [{ expr: `count by (namespace, type) (${sel('kube_service_spec_type', NS)})` }] },
        {
          title: 'Volume usage',
          unit: 'percentunit',
          metrics: [{ expr: `${sel('kubelet_volume_stats_used_bytes', NS)} / ${sel('kubelet_volume_stats_capacity_bytes', NS)}`, legend: '{{namespace}}/{{persistentvolumeclaim}}' }],
        },
        { title: 'Requested storage', unit: 'bytes', metrics: [{ expr: `sum by (namespace) (${sel('kube_persistentvolumeclaim_resource_requests_storage_bytes', NS)})`, legend: '{{namespace}}' }] },
      ],
    },
  ],
};
