import {
  DEFAULT_STORAGE_CLASS,
  DEPRECATED_INSTANCE_TYPES,
  EXTERNAL_ACCESS_METHODS,
  CURRENT_GPU_MODELS,
  DEPRECATED_GPU_MODELS,
  GPU_MODELS,
  INSTANCE_PROFILES,
  INSTANCE_TYPE_NAMES,
  INSTANCE_TYPES_SUMMARY,
  RUN_STRATEGIES,
} from './catalog';
import { createdAtAttribute, idAttribute, monthlyCostAttribute, nameAttribute, statusAttribute, statusReasonAttribute, storageClassAttribute, tenantIdAttribute, timeoutsAttribute } from './common';
import { instanceType } from './catalog';
import { DISK_ID_PATTERN, IMAGE_VALIDATION, imageFits } from './disk';
import { actionTriggerAttributes, ApiSpec, idPatternOf, KindDescriptor, KindProblem, specList, specNumber, specObject, TriggeredAction } from './kind';
import { eur, PRICES, vmMonthlyCost, VmCostInput } from './pricing';
import { AttributeDef, ResourceModel, sameValue, t } from './schema';
import { SUBNET_ID_PATTERN } from './vpc';

const ID_PREFIX = 'vm';
export const VM_ID_PATTERN = idPatternOf(ID_PREFIX);
const TIMEOUTS = { create: '20m', update: '20m', delete: '10m' };
/**
 * Hikube's name. VMs made when the default was our old name `ubuntu-24.04` keep it in state: the
 * two are the same image (`IMAGE_VALIDATION.sameAs`), so the new default plans no change for them.
 */
export const DEFAULT_IMAGE = 'ubuntu-2404';

const storageClass = storageClassAttribute('Storage class');

/**
 * What Hikube does to a VM besides start and stop (its run strategy): a restart, and cloud-init
 * run again (KubeVirt's cloud-init NoCloud disk regenerated, the guest rebooted so it reads it).
 * Allowed to whoever may start and stop it.
 */
export const VM_ACTIONS: readonly TriggeredAction[] = [
  { name: 'restart', trigger: 'restart_triggers', does: 'restarts the VM (its guest reboots; disks and addresses are kept)', as: 'resource.run' },
  { name: 'reload-cloud-init', trigger: 'cloud_init_reload_triggers', does: "runs the VM's cloud-init again with its current user data (the guest reboots to read it)", as: 'resource.run' },
];

const diskSize = (what: string, min: number): AttributeDef => ({
  type: t.number,
  required: true,
  description: `Size of the ${what} in GiB (at least ${min}). Disks grow in place and never shrink.`,
  validation: { integer: true, min, max: 16384 },
});

export const vmModel: ResourceModel = {
  typeName: 'hikube_virtual_machine',
  collection: '/v1/vms',
  noun: 'virtual machine',
  schemaName: 'Vm',
  // 1: cloud_init_wo and cloud_init_wo_version (provider/resources/vm.ts upgrades v0 states); 2: subnet_ids; 3: subnet_ips.
  version: 3,
  description: 'A virtual machine (KubeVirt) in a tenant, with a system disk, optional data disks and optional external access.',
  attributes: {
    id: idAttribute('vm'),
    tenant_id: tenantIdAttribute('virtual machine'),
    name: nameAttribute('virtual machine'),
    instance_type: {
      type: t.string,
      required: true,
      description: `Instance type of Hikube's catalog, a series and a size: ${INSTANCE_TYPES_SUMMARY}, e.g. \`u1.large\` (\`hikube_instance_types\` lists them). Deprecated names still work, with a warning. Changed in place: the VM restarts with the new size.`,
      validation: { oneOf: INSTANCE_TYPE_NAMES, deprecatedValues: DEPRECATED_INSTANCE_TYPES },
    },
    instance_profile: {
      type: t.string,
      optional: true,
      computed: true,
      default: 'ubuntu',
      replaceOnChange: true,
      description: `Guest OS profile, one of ${INSTANCE_PROFILES.map((p) => `\`${p}\``).join(', ')}. Defaults to \`ubuntu\`. Changing it forces a new VM.`,
      validation: { oneOf: INSTANCE_PROFILES },
    },
    system_disk: {
      type: t.object({
        size_gb: {
          ...diskSize('system disk', 5),
          required: false,
          optional: true,
          computed: true,
          default: 20,
          description: 'Size of the system disk in GiB. Defaults to `20`. Grows in place, never shrinks.',
        },
        storage_class: { ...storageClass, replaceOnChange: true },
        image: {
          type: t.string,
          optional: true,
          computed: true,
          default: DEFAULT_IMAGE,
          replaceOnChange: true,
          description: `Image the system disk is created from, of Hikube's catalog (\`hikube_images\` lists them; \`size_gb\` must be at least its minimum size). Defaults to \`${DEFAULT_IMAGE}\`. Changing it forces a new VM.`,
          validation: IMAGE_VALIDATION,
        },
      }),
      optional: true,
      computed: true,
      default: { size_gb: 20, storage_class: DEFAULT_STORAGE_CLASS, image: DEFAULT_IMAGE },
      defaultUnless: 'disks',
      description: `The VM's own boot disk, which goes with the VM. Defaults to 20 GiB of \`${DEFAULT_STORAGE_CLASS}\` storage from \`${DEFAULT_IMAGE}\`; null (none) when the VM boots from the first of its \`disks\`. Conflicts with \`disks\`.`,
    },
    data_disks: {
      type: t.list(
        t.object({
          name: {
            type: t.string,
            required: true,
            description: 'Disk name, unique within the VM.',
            validation: { pattern: /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, patternHint: "lowercase letters, digits and '-'" },
          },
          size_gb: diskSize('data disk', 1),
          storage_class: storageClass,
          image: {
            type: t.string,
            optional: true,
            description: "Image of Hikube's catalog to fill the disk from (`hikube_images` lists them; `size_gb` must be at least its minimum size); empty disk when unset.",
            validation: IMAGE_VALIDATION,
          },
        }),
      ),
      optional: true,
      description: 'Additional disks, attached in order. Added and grown in place.',
      validation: { maxItems: 8 },
    },
    disks: {
      type: t.list(t.string),
      optional: true,
      description:
        'Standalone disks (`hikube_disk` ids) the VM uses, in order: the first is its system disk (the VM then has no `system_disk` of its own), the others are data disks. ' +
        'A disk is attached to at most one VM. Attached and detached in place (the VM restarts); deleting the VM detaches them and keeps them. Changing from `system_disk` to `disks` forces a new VM.',
      validation: { pattern: DISK_ID_PATTERN, patternHint: 'a disk id such as dsk-abcdefghijklmnop', maxItems: 8 },
    },
    run_strategy: {
      type: t.string,
      optional: true,
      computed: true,
      default: 'Always',
      description: `When the VM runs: ${RUN_STRATEGIES.map((s) => `\`${s}\``).join(', ')}. Defaults to \`Always\`; \`Halted\` stops it (disks and address are still billed).`,
      validation: { oneOf: RUN_STRATEGIES },
    },
    external_access: {
      type: t.object({
        method: {
          type: t.string,
          optional: true,
          computed: true,
          default: 'PortList',
          description: '`PortList` forwards the listed ports from a shared address; `WholeIP` gives the VM its own public address. Defaults to `PortList`.',
          validation: { oneOf: EXTERNAL_ACCESS_METHODS },
        },
        ports: {
          type: t.list(t.number),
          optional: true,
          description: 'TCP ports to expose with `PortList`, e.g. `[22, 443]`.',
          validation: { integer: true, min: 1, max: 65535, maxItems: 32 },
        },
      }),
      optional: true,
      description: 'Expose the VM outside its tenant network; no external access when unset.',
    },
    subnet_ids: {
      type: t.list(t.string),
      optional: true,
      description:
        'Subnets of VPCs (`hikube_vpc_subnet`) of the same tenant the VM joins, one network interface each, besides its tenant network. ' +
        'Changed in place (the VM restarts with its new interfaces). A subnet cannot be deleted while a VM uses it.',
      validation: { pattern: SUBNET_ID_PATTERN, patternHint: 'a subnet id such as snet-abcdefghijklmnop', maxItems: 8 },
    },
    ssh_keys: {
      type: t.list(t.string),
      optional: true,
      description: 'Public SSH keys installed for the default user.',
      validation: {
        pattern: /^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/,
        patternHint: 'an OpenSSH public key line such as "ssh-ed25519 AAAA... me@host"',
        maxItems: 32,
      },
    },
    cloud_init: {
      type: t.string,
      optional: true,
      sensitive: true,
      inputOnly: true,
      deprecated: 'cloud_init is kept in Terraform state in plain text: use cloud_init_wo (write-only, Terraform 1.11) with cloud_init_wo_version instead.',
      description:
        'Deprecated: use `cloud_init_wo`. cloud-init user data (`#cloud-config` YAML). Sensitive: never shown in plans nor returned by the service, but stored in Terraform state. Changing it updates the VM in place (applied at next boot).',
      validation: { maxLength: 65536 },
    },
    cloud_init_wo: {
      type: t.string,
      optional: true,
      writeOnly: true,
      local: true,
      apiName: 'cloudInit',
      description:
        'cloud-init user data (`#cloud-config` YAML), write-only: sent to the service at apply, never stored in plan or state, and it accepts ephemeral values. Needs Terraform 1.11. Terraform cannot see a change of it: change `cloud_init_wo_version` to send it again (applied at next boot). Conflicts with `cloud_init`.',
      validation: { maxLength: 65536 },
    },
    cloud_init_wo_version: {
      type: t.number,
      optional: true,
      local: true,
      description: 'Any number; changing it sends `cloud_init_wo` to the VM again (an in-place update). Terraform-only.',
      validation: { integer: true },
    },
    ...actionTriggerAttributes(VM_ACTIONS),
    gpus: {
      type: t.list(t.string),
      optional: true,
      description: `GPUs passed through to the VM, by model (${CURRENT_GPU_MODELS.map((g) => `\`${g}\``).join(', ')}; \`hikube_gpus\` lists them with their memory). Deprecated names still work, with a warning.`,
      validation: { oneOf: GPU_MODELS, deprecatedValues: DEPRECATED_GPU_MODELS, maxItems: 8 },
    },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    private_ip: { type: t.string, computed: true, stable: true, description: "Address in the tenant's private network." },
    subnet_ips: {
      type: t.map(t.string),
      computed: true,
      changesWith: ['subnet_ids'],
      description:
        "The VM's address in each subnet it joins, by subnet id (`subnet_ips[hikube_vpc_subnet.app.id]`): from the subnet's range, after its gateway, one VM per address, " +
        'kept while the VM stays in the subnet and freed when it leaves or is deleted. Empty when it joins none.',
    },
    external_ip: { type: t.string, computed: true, changesWith: ['external_access'], description: 'Public address when external access is enabled; null otherwise.' },
    monthly_cost_estimate: monthlyCostAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** Virtual machines: /v1/vms (Cozystack kind `VirtualMachine`). */
export const vmKind: KindDescriptor<'vm'> = {
  name: 'vm',
  model: vmModel,
  label: 'vm',
  idPrefix: ID_PREFIX,
  backendKind: 'VirtualMachine',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/name',
  cost: {
    monthly: (spec) => vmMonthlyCost(spec as unknown as VmCostInput),
    inputs: ['instance_type', 'run_strategy', 'system_disk', 'data_disks', 'external_access', 'gpus'],
    explained:
      'the instance type and GPUs while the VM runs (not when `run_strategy` is `Halted`), its disks ' +
      `(per GiB: ${eur(PRICES.diskGib.replicated)} replicated, ${eur(PRICES.diskGib.local)} local) and external access ` +
      `(${eur(PRICES.externalIp.PortList)} for \`PortList\`, ${eur(PRICES.externalIp.WholeIP)} for \`WholeIP\`).`,
  },
  quota: {
    count: { key: 'vms', counts: 'virtual machines' },
    // The instance type's vCPUs and memory (a halted VM keeps its reservation), system and data disks.
    size(spec) {
      const type = typeof spec.instanceType === 'string' ? instanceType(spec.instanceType) : undefined;
      const storage = specNumber(specObject(spec.systemDisk).sizeGb) + specList(spec.dataDisks).reduce((sum: number, d) => sum + specNumber(specObject(d).sizeGb), 0);
      return { cpu: type?.cpu ?? 0, memoryGib: type?.memoryGib ?? 0, storageGib: storage };
    },
    blame: { cpu: ['instanceType'], memoryGib: ['instanceType'], storageGib: ['systemDisk', 'sizeGb'], count: ['name'] },
  },
  policy(spec) {
    const access = spec.externalAccess;
    return {
      instanceTypes: typeof spec.instanceType === 'string' ? [{ path: ['instanceType'], name: spec.instanceType }] : [],
      externalAccess: access && typeof access === 'object' ? { path: ['externalAccess'], method: String(specObject(access).method ?? 'PortList') } : undefined,
    };
  },
  rules: (spec, previous) => [
    ...uniqueDiskNames(spec),
    ...standaloneDisks(spec),
    ...uniqueSubnets(spec),
    ...portsOnlyWithPortList(spec),
    ...imageFits(specObject(spec.systemDisk).image, specObject(spec.systemDisk).sizeGb, ['systemDisk', 'sizeGb']),
    ...specList(spec.dataDisks).flatMap((d, i) => imageFits(specObject(d).image, specObject(d).sizeGb, ['dataDisks', i, 'sizeGb'])),
    ...(previous ? diskChanges(spec, previous) : []),
  ],
  docs: {
    example: `# Ephemeral: never stored, and it goes to a write-only attribute (Terraform 1.11).
variable "cloud_init" {
  type      = string
  ephemeral = true
  default   = "#cloud-config\\npackages: [htop]"
}

resource "hikube_virtual_machine" "bastion" {
  tenant_id        = hikube_tenant.team_a.id
  name             = "bastion"
  instance_type    = "u1.medium"
  instance_profile = "ubuntu"

  system_disk = {
    size_gb = 30
  }

  data_disks = [
    {
      name    = "data"
      size_gb = 100
    },
  ]

  external_access = {
    method = "PortList"
    ports  = [22]
  }

  ssh_keys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHikubeExampleKeyReplaceWithYours me@laptop"]

  cloud_init_wo         = var.cloud_init
  cloud_init_wo_version = 1 # change it to send a new cloud_init_wo

  # Change a value to restart the VM, or to run cloud-init again, at the next apply.
  restart_triggers           = { at = "2026-12-01" }
  cloud_init_reload_triggers = { cloud_init = "1" }
}

# Or boot from standalone disks (hikube_disk, same tenant), kept when the VM is deleted: the first is the system disk.
resource "hikube_virtual_machine" "web" {
  tenant_id     = hikube_tenant.production.id
  name          = "web"
  instance_type = "u1.large"
  disks         = [hikube_disk.boot.id, hikube_disk.data.id]
}

output "bastion_private_ip" {
  value = hikube_virtual_machine.bastion.private_ip
}`,
    imported: { local: 'bastion', path: 'acme/development/team-a/bastion' },
  },
  examples: {
    create: { instanceType: 'u1.medium' },
    update: (n) => ({ instanceType: n % 2 ? 'u1.large' : 'u1.medium' }),
    run: (n) => ({ runStrategy: n % 2 ? 'Halted' : 'Always' }),
  },
  runFields: ['runStrategy'],
  actions: VM_ACTIONS,
  uses: [
    { field: 'disks', kind: 'disk', exclusive: { shownAs: 'attachedTo' } },
    { field: 'subnetIds', kind: 'vpc-subnet' },
  ],
  stateUpgraders: {
    // v0 -> v1: cloud_init_wo (write-only, never stored) and cloud_init_wo_version arrived.
    0: (state) => ({ ...state, cloud_init_wo: null, cloud_init_wo_version: null }),
    // v1 -> v2: subnet_ids (VPC subnets the VM joins) arrived; none before.
    1: (state) => ({ ...state, subnet_ids: null }),
    // v2 -> v3: subnet_ips (the VM's address in each subnet) arrived; read at the next refresh.
    2: (state) => ({ ...state, subnet_ips: null }),
  },
};

function uniqueDiskNames(spec: ApiSpec): KindProblem[] {
  const seen = new Map<string, number>();
  const problems: KindProblem[] = [];
  specList(spec.dataDisks).forEach((disk, i) => {
    const name = specObject(disk).name;
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else problems.push({ path: ['dataDisks', i, 'name'], title: 'Duplicate Data Disk', reason: `${JSON.stringify(name)} is already the name of data disk ${first}: disk names must be unique` });
  });
  return problems;
}

/** Each standalone disk once; the boot disk is either the VM's own or the first of `disks`. */
function standaloneDisks(spec: ApiSpec): KindProblem[] {
  const problems: KindProblem[] = [];
  const disks = specList(spec.disks);
  disks.forEach((id, i) => {
    const first = disks.indexOf(id);
    if (first !== i) problems.push({ path: ['disks', i], title: 'Duplicate Disk', reason: `is already disks[${first}]: a VM uses a disk once`, value: id });
  });
  if (disks.length > 0 && spec.systemDisk !== null && spec.systemDisk !== undefined) {
    problems.push({
      path: ['systemDisk'],
      title: 'Conflicting System Disk',
      reason: 'conflicts with {{disks}}: the VM boots from the first of its disks',
      fix: 'Drop {{systemDisk}} (make it a `hikube_disk` listed first in {{disks}}), or drop {{disks}}.',
    });
  }
  return problems;
}

/** One interface per subnet. */
function uniqueSubnets(spec: ApiSpec): KindProblem[] {
  const list = specList(spec.subnetIds);
  return list.flatMap((id, i) =>
    typeof id === 'string' && list.indexOf(id) < i
      ? [{ path: ['subnetIds', i], title: 'Duplicate Subnet', reason: `is already subnet ${list.indexOf(id)}: a VM joins a subnet once`, value: id, fix: 'List each subnet once.' }]
      : [],
  );
}

function portsOnlyWithPortList(spec: ApiSpec): KindProblem[] {
  const access = specObject(spec.externalAccess);
  const ports = access.ports;
  if ((access.method ?? 'PortList') === 'PortList' || !Array.isArray(ports) || ports.length === 0) return [];
  return [
    {
      path: ['externalAccess', 'ports'],
      title: 'Invalid External Access',
      reason: 'only applies to the PortList method',
      value: ports,
      fix: `Drop \`ports\` (${String(access.method)} exposes every port; filter in the guest), or use \`method: 'PortList'\`.`,
    },
  ];
}

/** Disks grow in place and never shrink; the system disk's class and image force a new VM. */
function diskChanges(spec: ApiSpec, previous: ApiSpec): KindProblem[] {
  const problems: KindProblem[] = [];
  const own = (x: ApiSpec) => x.systemDisk !== null && x.systemDisk !== undefined;
  if (own(previous) !== own(spec) && !(own(spec) && specList(spec.disks).length > 0)) {
    // The boot disk changes nature: an own disk would be lost or appear from nowhere.
    problems.push({
      path: own(previous) ? ['disks'] : ['systemDisk'],
      title: 'Replacement Needed',
      reason: own(previous) ? "cannot replace the VM's own system disk in place: the VM was created with {{systemDisk}}" : 'cannot be added in place: the VM boots from the first of its {{disks}}',
      fix: 'Create a new VM (a new name) with the disks you want, then delete this one.',
    });
    return problems;
  }
  const now = specObject(spec.systemDisk);
  const before = specObject(previous.systemDisk);
  if (specNumber(now.sizeGb) < specNumber(before.sizeGb)) {
    problems.push({ path: ['systemDisk', 'sizeGb'], title: 'Disk Cannot Shrink', reason: `disks never shrink: ${String(before.sizeGb)} GiB now`, value: now.sizeGb });
  }
  // The image by what it is: an old name of ours and Hikube's for the same image are no change.
  for (const [key, same] of [
    ['storageClass', now.storageClass === before.storageClass],
    ['image', sameValue(IMAGE_VALIDATION, now.image, before.image)],
  ] as const) {
    if (!same) problems.push({ path: ['systemDisk', key], title: 'Replacement Needed', reason: 'cannot be changed in place: changing it replaces the virtual machine' });
  }
  const old = new Map(specList(previous.dataDisks).map((d) => [specObject(d).name, specObject(d)]));
  specList(spec.dataDisks).forEach((d, i) => {
    const disk = specObject(d);
    const was = old.get(disk.name);
    if (was && specNumber(disk.sizeGb) < specNumber(was.sizeGb)) {
      problems.push({ path: ['dataDisks', i, 'sizeGb'], title: 'Disk Cannot Shrink', reason: `disks never shrink: data disk ${String(disk.name)} is ${String(was.sizeGb)} GiB`, value: disk.sizeGb });
    }
  });
  return problems;
}
