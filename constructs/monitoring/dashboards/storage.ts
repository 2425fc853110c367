/** Storage: S3 buckets (SeaweedFS, Hikube's object storage) and volumes (kubelet, KubeVirt). */
import { DashboardSpec, TENANT, rate, sel } from './model';

const B = 'bucket=~"$bucket"';

export const storageDashboard: DashboardSpec = {
  uid: 'hikube-storage',
  title: 'Storage',
  tags: ['storage', 'buckets', 'volumes'],
  variables: [{ name: 'bucket', query: `label_values(SeaweedFS_s3_bucket_size_bytes{${TENANT}}, bucket)` }],
  rows: [
    {
      title: 'Buckets',
      panels: [
        { title: 'Size', unit: 'bytes', metrics: [{ expr: `sum by (bucket) (${sel('SeaweedFS_s3_bucket_size_bytes', B)})`, legend: '{{bucket}}' }] },
        { title: 'Objects', metrics: [{ expr: `sum by (bucket) (${sel('SeaweedFS_s3_bucket_object_count', B)})`, legend: '{{bucket}}' }] },
        {
          title: 'Transfers',
          unit: 'Bps',
          metrics: [
            { expr: `sum by (bucket) (${rate('SeaweedFS_s3_bucket_traffic_received_bytes_total', B)})`, legend: '{{bucket}} in' },
            { expr: `-sum by (bucket) (${rate('SeaweedFS_s3_bucket_traffic_sent_bytes_total', B)})`, legend: '{{bucket}} out' },
          ],
        },
        { title: 'Requests by type', unit: 'reqps', metrics: [{ expr: `sum by (bucket, type) (${rate('SeaweedFS_s3_request_total', B)})`, legend: '{{bucket}} {{type}}' }] },
      ],
    },
    {
      title: 'Volumes',
      panels: [
        {
          title: 'Capacity used',
          unit: 'percentunit',
          metrics: [{ expr: `${sel('kubelet_volume_stats_used_bytes')} / ${sel('kubelet_volume_stats_capacity_bytes')}`, legend: '{{namespace}}/{{persistentvolumeclaim}}' }],
        },
        {
          title: 'Inodes used',
          unit: 'percentunit',
          metrics: [{ expr: `${sel('kubelet_volume_stats_inodes_used')} / ${sel('kubelet_volume_stats_inodes')}`, legend: '{{namespace}}/{{persistentvolumeclaim}}' }],
        },
        {
          title: 'VM disk IOPS',
          unit: 'iops',
          metrics: [{ expr: `sum by (namespace, name, drive) (${rate('kubevirt_vmi_storage_iops_read_total')} + ${rate('kubevirt_vmi_storage_iops_write_total')})`, legend: '{{name}} {{drive}}' }],
        },
        {
          title: 'Node disk transfers',
          unit: 'Bps',
          metrics: [
            { expr: `sum by (instance) (${rate('node_disk_read_bytes_total')})`, legend: '{{instance}} read' },
            { expr: `-sum by (instance) (${rate('node_disk_written_bytes_total')})`, legend: '{{instance}} write' },
          ],
        },
      ],
    },
  ],
};
