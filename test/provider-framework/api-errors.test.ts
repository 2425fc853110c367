/** The service's field errors at apply, as Terraform diagnostics: on the attribute, named in Terraform's words. */
import { ApiError } from '../../client/errors';
import { KINDS } from '../../model/kinds';
import { Diagnostics } from '../../provider/framework/diagnostics';
import { reportApiError } from '../../provider/resources/errors';

const invalid = (errors: { field: string; path: (string | number)[]; reason: string }[]) =>
  new ApiError(400, { type: 'https://hikube.cloud/problems/validation', title: 'Invalid Request', status: 400, errors }, 'PATCH', 'http://127.0.0.1/v1/vms/x');

test('a field error names the Terraform attribute path and lands on it', () => {
  const diags = new Diagnostics();
  reportApiError(
    diags,
    invalid([{ field: 'systemDisk.sizeGb', path: ['systemDisk', 'sizeGb'], reason: 'disks never shrink: 30 GiB now, got 20' }]),
    'update virtual machine "web"',
    KINDS.vm.model.attributes,
  );
  expect(diags.items).toEqual([
    expect.objectContaining({
      summary: 'Invalid System Disk',
      detail: 'Could not update virtual machine "web": system_disk.size_gb: disks never shrink: 30 GiB now, got 20.',
      path: ['system_disk', 'size_gb'],
    }),
  ]);
});

test('map keys and list indexes print as Terraform prints them; a path it cannot map keeps the service words', () => {
  const diags = new Diagnostics();
  reportApiError(
    diags,
    invalid([
      { field: 'nodeGroups.workers.maxReplicas', path: ['nodeGroups', 'workers', 'maxReplicas'], reason: 'must be >= minReplicas (3), got 1' },
      { field: 'mystery.field', path: ['mystery', 'field'], reason: 'unknown' },
    ]),
    'create cluster "web"',
    KINDS.cluster.model.attributes,
  );
  expect(diags.items.map((d) => d.detail)).toEqual([
    'Could not create cluster "web": node_groups["workers"].max_replicas: must be >= minReplicas (3), got 1.',
    'Could not create cluster "web": mystery.field: unknown.',
  ]);
});
