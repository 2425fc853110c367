/** Virtual machines: KubeVirt's per-VMI metrics (virt-handler), utilisation, I/O and availability. */
import { DashboardSpec, TENANT, rate, sel } from './model';

const VM = 'namespace=~"$namespace", name=~"$vm"';

export const virtualMachinesDashboard: DashboardSpec = {
  uid: 'hikube-virtual-machines',
  title: 'Virtual machines',
  tags: ['vm', 'kubevirt'],
  variables: [
    { name: 'namespace', query: `label_values(kubevirt_vmi_info{${TENANT}}, namespace)` },
    { name: 'vm', label: 'VM', query: `label_values(kubevirt_vmi_info{${TENANT}, namespace=~"$namespace"}, name)` },
  ],
  rows: [
    {
      title: 'Availability',
      panels: [
        { title: 'VMs by phase', type: 'stat', metrics: [{ expr: `sum by (phase) (${sel('kubevirt_vmi_phase_count')})`, legend: '{{phase}}' }] },
        { title: 'Running VMs', metrics: [{ expr: `count(${sel('kubevirt_vmi_info', `${VM}, phase="running"`)})` }] },
      ],
    },
    {
      title: 'Utilisation',
      panels: [
        { title: 'CPU (cores)', metrics: [{ expr: `sum by (name) (${rate('kubevirt_vmi_cpu_usage_seconds_total', VM)})`, legend: '{{name}}' }] },
        {
          title: 'Memory used',
          unit: 'percentunit',
          metrics: [{ expr: `${sel('kubevirt_vmi_memory_used_bytes', VM)} / ${sel('kubevirt_vmi_memory_available_bytes', VM)}`, legend: '{{name}}' }],
        },
      ],
    },
    {
      title: 'I/O',
      panels: [
        {
          title: 'Disk IOPS',
          unit: 'iops',
          metrics: [
            { expr: `sum by (name) (${rate('kubevirt_vmi_storage_iops_read_total', VM)})`, legend: '{{name}} read' },
            { expr: `sum by (name) (${rate('kubevirt_vmi_storage_iops_write_total', VM)})`, legend: '{{name}} write' },
          ],
        },
        {
          title: 'Disk throughput',
          unit: 'Bps',
          metrics: [
            { expr: `sum by (name) (${rate('kubevirt_vmi_storage_read_traffic_bytes_total', VM)})`, legend: '{{name}} read' },
            { expr: `sum by (name) (${rate('kubevirt_vmi_storage_write_traffic_bytes_total', VM)})`, legend: '{{name}} write' },
          ],
        },
        {
          title: 'Network',
          unit: 'Bps',
          metrics: [
            { expr: `sum by (name) (${rate('kubevirt_vmi_network_receive_bytes_total', VM)})`, legend: '{{name}} in' },
            { expr: `-sum by (name) (${rate('kubevirt_vmi_network_transmit_bytes_total', VM)})`, legend: '{{name}} out' },
          ],
        },
      ],
    },
  ],
};
