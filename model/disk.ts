import {
  createdAtAttribute,
  creationFlag,
  idAttribute,
  monthlyCostAttribute,
  nameAttribute,
  statusAttribute,
  statusReasonAttribute,
  storageClassAttribute,
  tenantIdAttribute,
  timeoutsAttribute,
} from './common';
import { ApiSpec, idPatternOf, KindDescriptor, KindProblem, specNumber } from './kind';
import { diskPrice, eur, PRICES, cents } from './pricing';
import { ResourceModel, t, Validation } from './schema';
import { ACCEPTED_IMAGE_NAMES, cloudImage, DEPRECATED_IMAGE_NAMES, RENAMED_IMAGES } from './catalog';

const ID_PREFIX = 'dsk';
export const DISK_ID_PATTERN = idPatternOf(ID_PREFIX);
const TIMEOUTS = { create: '30m', update: '10m', delete: '10m' };

/** Hikube's bounds of a standalone disk, in GB. */
export const DISK_SIZE = { min: 20, max: 4096 } as const;
/** The guest OS family of an installer ISO: how KubeVirt presents the CD-ROM and the disk to it. */
export const OS_FAMILIES = ['linux', 'windows'] as const;
/**
 * A platform image's name, of Hikube's catalog (`ubuntu-2404`), as a disk's and a VM's disks'
 * `image` take it; an old name of ours warns and is the same image as Hikube's name for it.
 */
export const IMAGE_VALIDATION: Validation = { oneOf: ACCEPTED_IMAGE_NAMES, deprecatedValues: DEPRECATED_IMAGE_NAMES, sameAs: RENAMED_IMAGES };
const IMAGE_URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]{0,2000}$/;

export const diskModel: ResourceModel = {
  typeName: 'hikube_disk',
  collection: '/v1/disks',
  noun: 'disk',
  schemaName: 'Disk',
  version: 0,
  description:
    "A standalone disk in a tenant (Cozystack's `VMDisk`): empty, or filled from a platform image or an image URL, optionally an installer ISO mounted as a CD-ROM. " +
    "A VM uses it by listing it in its `disks` (the first is the VM's system disk); a disk is attached to at most one VM, and outlives the VMs that used it.",
  attributes: {
    id: idAttribute(ID_PREFIX),
    tenant_id: tenantIdAttribute('disk'),
    name: nameAttribute('disk'),
    size_gb: {
      type: t.number,
      required: true,
      description: `Size in GB, ${DISK_SIZE.min} to ${DISK_SIZE.max}. Grows in place (a VM using it sees the new size after a restart); never shrinks.`,
      validation: { integer: true, min: DISK_SIZE.min, max: DISK_SIZE.max },
    },
    storage_class: storageClassAttribute('Storage class', 'disk'),
    encrypted: creationFlag('Encrypted at rest. Defaults to `false`. Fixed at creation: changing it forces a new, empty disk.'),
    async_replication: creationFlag(
      'Replicas written asynchronously (lower write latency; the last writes may be lost with a node). Defaults to `false`: synchronous. Fixed at creation: changing it forces a new disk.',
    ),
    image: {
      type: t.string,
      optional: true,
      replaceOnChange: true,
      description:
        'A platform image to fill the disk from, by name (`<name>-<version>`, e.g. `ubuntu-2404`: `hikube_images` lists them); `size_gb` must be at least its minimum size. Conflicts with `image_url`. Changing it forces a new disk.',
      validation: IMAGE_VALIDATION,
    },
    image_url: {
      type: t.string,
      optional: true,
      replaceOnChange: true,
      description: 'An HTTP(S) URL of a disk image (qcow2, raw, or an ISO with `cdrom`) to download into the disk. Conflicts with `image`. Changing it forces a new disk.',
      validation: { pattern: IMAGE_URL_PATTERN, patternHint: 'an http:// or https:// URL' },
    },
    cdrom: creationFlag('The `image_url` is an installer ISO, mounted as a CD-ROM (read-only) in the VM that uses the disk. Defaults to `false`. Needs `image_url` and `os_family`.'),
    os_family: {
      type: t.string,
      optional: true,
      replaceOnChange: true,
      description: `The OS family of the ISO (${OS_FAMILIES.map((f) => `\`${f}\``).join(' or ')}): Windows installers get the devices they have drivers for. Only with \`cdrom\`.`,
      validation: { oneOf: OS_FAMILIES },
    },
    attached_to: {
      type: t.string,
      computed: true,
      changesWith: [],
      description: 'Id of the VM that lists this disk in its `disks`; null while no VM uses it. Changed by the VM, read back at refresh.',
    },
    download_progress: {
      type: t.number,
      computed: true,
      changesWith: [],
      description: 'Percent of the image downloaded (0 to 100) while the disk is filled from `image` or `image_url`; `100` once done; null for an empty disk.',
    },
    status: statusAttribute,
    status_reason: statusReasonAttribute,
    monthly_cost_estimate: monthlyCostAttribute,
    created_at: createdAtAttribute,
    timeouts: timeoutsAttribute(TIMEOUTS),
  },
};

/** Standalone disks: /v1/disks (Cozystack kind `VMDisk`). */
export const diskKind: KindDescriptor<'disk'> = {
  name: 'disk',
  model: diskModel,
  label: 'disk',
  idPrefix: ID_PREFIX,
  backendKind: 'VMDisk',
  timeouts: TIMEOUTS,
  importBy: 'tenant-path/name',
  cost: {
    monthly: (spec) => cents(diskPrice(specNumber(spec.sizeGb), typeof spec.storageClass === 'string' ? spec.storageClass : null)),
    inputs: ['size_gb', 'storage_class'],
    explained: `its size per GiB (${eur(PRICES.diskGib.replicated)} replicated, ${eur(PRICES.diskGib.local)} local), whether a VM uses it or not.`,
  },
  quota: {
    count: { key: 'disks', counts: 'standalone disks' },
    size: (spec) => ({ storageGib: specNumber(spec.sizeGb) }),
    blame: { storageGib: ['sizeGb'], count: ['name'] },
  },
  policy: () => ({ instanceTypes: [] }),
  rules: (spec, previous) => [...sourceRules(spec), ...imageFits(spec.image, spec.sizeGb, ['sizeGb']), ...(previous ? growsOnly(spec, previous) : [])],
  examples: {
    create: { sizeGb: 20 },
    update: (n) => ({ sizeGb: 20 + n }),
  },
  docs: {
    example: `resource "hikube_disk" "boot" {
  tenant_id = hikube_tenant.production.id
  name      = "web-boot"
  size_gb   = 30
  image     = "ubuntu-2404"
}

resource "hikube_disk" "data" {
  tenant_id = hikube_tenant.production.id
  name      = "data"
  size_gb   = 100
  encrypted = true
}

# A VM uses them through its disks (the first is its system disk):
#   disks = [hikube_disk.boot.id, hikube_disk.data.id]

output "data_disk_used_by" {
  value = hikube_disk.data.attached_to
}`,
    imported: { local: 'data', path: 'acme/production/data' },
  },
};

/**
 * A disk filled from a platform image holds at least the image's minimum size (Hikube's
 * `minSizeGib`). Shared with the VM's system disk; `path` is where the size is in the spec.
 */
export function imageFits(image: unknown, sizeGb: unknown, path: (string | number)[]): KindProblem[] {
  const found = typeof image === 'string' ? cloudImage(image) : undefined;
  const size = specNumber(sizeGb);
  if (!found || size === 0 || size >= found.minSizeGib) return [];
  return [
    {
      path,
      title: 'Disk Smaller Than Its Image',
      reason: `must be at least ${found.minSizeGib} GB to hold the image ${String(image)} (got ${size})`,
      fix: `Set {{${String(path[path.length - 1])}}} to ${found.minSizeGib} or more, or pick a smaller image (hikube catalog images lists their minimum sizes).`,
    },
  ];
}

/** One source at most; an ISO is a URL with its OS family. */
function sourceRules(spec: ApiSpec): KindProblem[] {
  const problems: KindProblem[] = [];
  const set = (x: unknown) => x !== null && x !== undefined;
  if (set(spec.image) && set(spec.imageUrl)) {
    problems.push({
      path: ['imageUrl'],
      title: 'Conflicting Disk Source',
      reason: 'conflicts with {{image}}: a disk is filled from one source',
      fix: 'Keep {{image}} (a platform image) or {{imageUrl}} (your own), not both.',
    });
  }
  if (spec.cdrom === true && !set(spec.imageUrl)) {
    problems.push({ path: ['cdrom'], title: 'Missing ISO', reason: 'needs {{imageUrl}}: the ISO to mount', fix: 'Set {{imageUrl}} to the installer ISO, or drop {{cdrom}}.' });
  }
  if (spec.cdrom === true && !set(spec.osFamily)) {
    problems.push({ path: ['osFamily'], title: 'Missing OS Family', reason: `must be set with {{cdrom}}: ${OS_FAMILIES.join(' or ')}`, fix: 'Say which OS the ISO installs.' });
  }
  if (spec.cdrom !== true && set(spec.osFamily)) {
    problems.push({ path: ['osFamily'], title: 'OS Family Without ISO', reason: 'only applies to an ISO ({{cdrom}} = true)', fix: 'Drop {{osFamily}}, or set {{cdrom}} for an installer ISO.' });
  }
  return problems;
}

function growsOnly(spec: ApiSpec, previous: ApiSpec): KindProblem[] {
  const now = specNumber(spec.sizeGb);
  const before = specNumber(previous.sizeGb);
  if (now === 0 || now >= before) return [];
  return [
    {
      path: ['sizeGb'],
      title: 'Disk Cannot Shrink',
      reason: `disks never shrink: it is ${before} GB now`,
      value: now,
      fix: `Keep {{sizeGb}} at ${before} or more, or make a new disk and copy the data.`,
    },
  ];
}
