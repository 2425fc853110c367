import type { FieldError } from '../../client/types';
import { VmCostInput, vmMonthlyCost } from '../../model/pricing';
import { VM_ID_PATTERN, vmModel } from '../../model/vm';
import { fieldError } from '../http/problem';
import { ResourceKind, Spec } from '../resources/kind';

interface DiskSpec {
  name?: string;
  sizeGb: number;
  storageClass: string | null;
  image: string | null;
}

/** Virtual machines: /v1/vms (Cozystack kind `VirtualMachine`). */
export const vmKind: ResourceKind = {
  kind: 'vm',
  model: vmModel,
  label: 'vm',
  idPrefix: 'vm',
  idPattern: VM_ID_PATTERN,
  nameOf: (spec) => String(spec.name),
  monthlyCost: (spec) => vmMonthlyCost(spec as unknown as VmCostInput),
  check: (spec, previous) => [...checkDataDisks(spec), ...checkExternalAccess(spec), ...(previous ? checkDiskChanges(spec, previous) : [])],
  conflictDetail: (name, tenantPath) => `tenant ${tenantPath} already has a virtual machine named ${name}: choose another name, or import the existing one`,
};

function checkDataDisks(spec: Spec): FieldError[] {
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  ((spec.dataDisks ?? []) as DiskSpec[]).forEach((disk, i) => {
    const first = seen.get(disk.name ?? '');
    if (first !== undefined) errors.push(fieldError(['dataDisks', i, 'name'], `${JSON.stringify(disk.name)} is already the name of data disk ${first}: disk names must be unique`));
    else seen.set(disk.name ?? '', i);
  });
  return errors;
}

function checkExternalAccess(spec: Spec): FieldError[] {
  const access = spec.externalAccess as { method: string; ports: number[] | null } | null;
  if (access && access.method !== 'PortList' && access.ports && access.ports.length > 0) {
    return [fieldError(['externalAccess', 'ports'], `ports apply only with method PortList; ${access.method} exposes every port: remove ports or use PortList`)];
  }
  return [];
}

/** Disks grow in place and never shrink; the system disk's class and image force a new VM. */
function checkDiskChanges(spec: Spec, previous: Spec): FieldError[] {
  const errors: FieldError[] = [];
  const now = spec.systemDisk as DiskSpec;
  const before = previous.systemDisk as DiskSpec;
  if (now.sizeGb < before.sizeGb) errors.push(fieldError(['systemDisk', 'sizeGb'], `disks never shrink: ${before.sizeGb} GiB now, got ${now.sizeGb}`));
  for (const key of ['storageClass', 'image'] as const) {
    if (now[key] !== before[key]) errors.push(fieldError(['systemDisk', key], 'cannot be changed in place: changing it replaces the virtual machine'));
  }
  const old = new Map(((previous.dataDisks ?? []) as DiskSpec[]).map((d) => [d.name, d]));
  ((spec.dataDisks ?? []) as DiskSpec[]).forEach((disk, i) => {
    const was = old.get(disk.name);
    if (was && disk.sizeGb < was.sizeGb) errors.push(fieldError(['dataDisks', i, 'sizeGb'], `disks never shrink: data disk ${disk.name} is ${was.sizeGb} GiB, got ${disk.sizeGb}`));
  });
  return errors;
}
