/** The catalog (model/catalog.ts) against Hikube's published one. */
import { CURRENT_INSTANCE_TYPE_NAMES, DEPRECATED_INSTANCE_TYPES, INSTANCE_SERIES, INSTANCE_TYPE_NAMES, INSTANCE_TYPES, instanceType, RENAMED_IMAGES } from '../../model/catalog';
import { IMAGE_VALIDATION } from '../../model/disk';
import { instanceMonthlyPrice } from '../../model/pricing';
import { sameValue } from '../../model/schema';
import { checkValue, deprecatedValues } from '../../model/validate';
import { tenantModel } from '../../model/tenant';
import { vmModel } from '../../model/vm';

// Hikube's instance types as its docs list them (compute overview): name, vCPUs, memory.
const HIKUBE: [string, number, number][] = [
  ['s1.small', 1, 2],
  ['s1.medium', 2, 4],
  ['s1.large', 4, 8],
  ['s1.xlarge', 8, 16],
  ['s1.3large', 12, 24],
  ['s1.2xlarge', 16, 32],
  ['s1.3xlarge', 24, 48],
  ['s1.4xlarge', 32, 64],
  ['s1.8xlarge', 64, 128],
  ['u1.medium', 1, 4],
  ['u1.large', 2, 8],
  ['u1.xlarge', 4, 16],
  ['u1.2xlarge', 8, 32],
  ['u1.4xlarge', 16, 64],
  ['u1.8xlarge', 32, 128],
  ['m1.large', 2, 16],
  ['m1.xlarge', 4, 32],
  ['m1.2xlarge', 8, 64],
  ['m1.4xlarge', 16, 128],
  ['m1.8xlarge', 32, 256],
];

describe('instance types', () => {
  test("Hikube's types are ours, in its order, at its sizes", () => {
    expect(CURRENT_INSTANCE_TYPE_NAMES).toEqual(HIKUBE.map(([n]) => n));
    for (const [name, cpu, memoryGib] of HIKUBE) expect(instanceType(name)).toMatchObject({ name, cpu, memoryGib });
    for (const name of CURRENT_INSTANCE_TYPE_NAMES) expect(instanceType(name)?.deprecated).toBeUndefined();
  });

  test('every type keeps its series ratio, and its price follows its size', () => {
    for (const t of INSTANCE_TYPES) if (!t.name.endsWith('.small')) expect(t.memoryGib / t.cpu).toBe(INSTANCE_SERIES[t.series].memoryPerCpu);
    expect(instanceMonthlyPrice('s1.large')).toBeCloseTo(2 * instanceMonthlyPrice('s1.medium')!, 2);
  });

  test('our former names still work at their former size, each naming the nearest Hikube type of its series', () => {
    expect(Object.keys(DEPRECATED_INSTANCE_TYPES).sort()).toEqual(['m1.3xlarge', 'm1.6xlarge', 'm1.medium', 'm1.small', 's1.6xlarge', 'u1.3xlarge', 'u1.6xlarge', 'u1.small']);
    expect(INSTANCE_TYPE_NAMES).toEqual([...CURRENT_INSTANCE_TYPE_NAMES, ...Object.keys(DEPRECATED_INSTANCE_TYPES)]);
    expect(instanceType('u1.small')).toMatchObject({ cpu: 1, memoryGib: 2, deprecated: expect.stringContaining('use u1.medium (1 vCPU, 4 GiB) instead') });
    expect(instanceType('u1.3xlarge')?.deprecated).toContain('use u1.4xlarge');
    expect(instanceType('m1.small')?.deprecated).toContain('use m1.large');
    expect(instanceType('m1.6xlarge')?.deprecated).toContain('use m1.8xlarge');
    // Our old s1.6xlarge was 24 vCPU / 48 GiB: exactly Hikube's s1.3xlarge.
    expect(instanceType('s1.6xlarge')).toMatchObject({ cpu: 24, memoryGib: 48, deprecated: expect.stringContaining('use s1.3xlarge (24 vCPU, 48 GiB)') });
  });

  test('the VM validates against it: a deprecated name warns, a name Hikube lacks in a series fails listing only current ones', () => {
    const def = vmModel.attributes.instance_type;
    expect(checkValue(def, 'm1.medium', [])).toEqual([]);
    expect(deprecatedValues(def, 'm1.medium', ['instance_type'])).toEqual([{ path: ['instance_type'], reason: expect.stringMatching(/^"m1.medium" is deprecated: .*use m1.large/), deprecated: true }]);
    const policy = tenantModel.attributes.security_policy.type;
    const allowed = policy.kind === 'object' ? policy.attributes.allowed_instance_types : undefined;
    expect(deprecatedValues(allowed!, ['u1.medium', 'u1.small'], ['allowed_instance_types'])).toEqual([
      { path: ['allowed_instance_types', 1], reason: expect.stringContaining('use u1.medium'), deprecated: true },
    ]);
    const [problem] = checkValue(def, 'u1.3large', []);
    expect(problem.reason).toContain('s1.3large');
    expect(problem.reason).not.toContain('u1.small');
  });
});

describe('images', () => {
  test('an old name and Hikube name are the same image; other images are not', () => {
    for (const [old, hikube] of Object.entries(RENAMED_IMAGES)) {
      expect(sameValue(IMAGE_VALIDATION, old, hikube)).toBe(true);
      expect(sameValue(IMAGE_VALIDATION, hikube, old)).toBe(true);
    }
    expect(sameValue(IMAGE_VALIDATION, 'ubuntu-24.04', 'ubuntu-2204')).toBe(false);
    expect(sameValue(IMAGE_VALIDATION, 'ubuntu-2404', 'debian-12')).toBe(false);
    expect(sameValue(undefined, 'ubuntu-24.04', 'ubuntu-2404')).toBe(false);
  });

  test("the VM's default is Hikube's name; a data disk's image is checked like the system disk's", () => {
    const disk = vmModel.attributes.system_disk;
    expect((disk.default as { image: string }).image).toBe('ubuntu-2404');
    const data = vmModel.attributes.data_disks;
    const bad = checkValue(data, [{ name: 'a', size_gb: 10, image: 'ubuntu-99' }], ['data_disks']);
    expect(bad).toEqual([{ path: ['data_disks', 0, 'image'], reason: expect.stringContaining('"ubuntu-99" is not one of') }]);
    expect(deprecatedValues(data, [{ name: 'a', size_gb: 10, image: 'ubuntu-22.04' }], ['data_disks'])).toEqual([
      { path: ['data_disks', 0, 'image'], reason: expect.stringContaining('use that instead'), deprecated: true },
    ]);
  });
});
