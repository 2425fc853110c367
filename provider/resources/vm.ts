/** hikube_virtual_machine */
import { vmMonthlyCost } from '../../model/pricing';
import { VM_ID_PATTERN, vmModel } from '../../model/vm';
import { isUnknown } from '../cty';
import { provisionedResource } from './provisioned';

type DiskState = { name?: string; size_gb: number; storage_class: string | null };

export const vmResource = provisionedResource({
  model: vmModel,
  idPattern: VM_ID_PATTERN,
  timeouts: { create: '20m', update: '20m', delete: '10m' },
  importBy: 'tenant-path/name',
  costInputs: ['instance_type', 'run_strategy', 'system_disk', 'data_disks', 'external_access', 'gpus'],
  cost: (p) =>
    vmMonthlyCost({
      instanceType: p.instance_type as string,
      runStrategy: p.run_strategy as string,
      systemDisk: { sizeGb: (p.system_disk as DiskState).size_gb, storageClass: (p.system_disk as DiskState).storage_class },
      dataDisks: ((p.data_disks as DiskState[] | null) ?? []).map((d) => ({ sizeGb: d.size_gb, storageClass: d.storage_class })),
      externalAccess: p.external_access as { method: string | null } | null,
      gpus: p.gpus as string[] | null,
    }),
  upgraders: {
    // v0 -> v1: cloud_init_wo (write-only, never stored) and cloud_init_wo_version arrived.
    0: (state) => ({ ...state, cloud_init_wo: null, cloud_init_wo_version: null }),
  },
  validate(config, diags) {
    if (config.cloud_init !== null && config.cloud_init_wo !== null) {
      diags.error('Conflicting Cloud-Init', 'Set cloud_init_wo (write-only, never stored) or the deprecated cloud_init, not both.', ['cloud_init_wo']);
    }
    const disks = config.data_disks;
    if (Array.isArray(disks)) {
      const seen = new Set<string>();
      disks.forEach((d: DiskState | null, i) => {
        if (!d || isUnknown(d) || typeof d.name !== 'string') return;
        if (seen.has(d.name)) diags.error('Duplicate Data Disk', `Data disk names must be unique; ${JSON.stringify(d.name)} is used twice.`, ['data_disks', { index: i }, 'name']);
        seen.add(d.name);
      });
    }
    const access = config.external_access as { method: unknown; ports: unknown } | null;
    if (access && !isUnknown(access) && access.method === 'WholeIP' && Array.isArray(access.ports) && access.ports.length > 0) {
      diags.error('Invalid External Access', 'ports only apply to method "PortList"; WholeIP exposes every port of the VM.', ['external_access', 'ports']);
    }
  },
});
