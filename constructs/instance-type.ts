import { instanceType } from '../model';

/** Instance series (the catalog's `INSTANCE_SERIES`): the vCPU to memory ratio. */
export enum InstanceClass {
  /** Standard: 1 vCPU : 2 GiB, for compute-bound work. */
  S1 = 's1',
  /** Universal: 1 vCPU : 4 GiB, for general workloads. */
  U1 = 'u1',
  /** Memory: 1 vCPU : 8 GiB, for caches and databases. */
  M1 = 'm1',
}

/**
 * Instance sizes (the catalog's `INSTANCE_SIZES`). Hikube does not offer every size in every
 * series, and a size is not the same vCPUs in each (`s1.large` is 4 vCPUs, `u1.large` 2): a
 * combination Hikube lacks fails at construction, naming the nearest; see `hikube catalog
 * instance-types`.
 */
export enum InstanceSize {
  SMALL = 'small',
  MEDIUM = 'medium',
  LARGE = 'large',
  XLARGE = 'xlarge',
  /** `s1` only: 12 vCPUs. */
  LARGE3 = '3large',
  XLARGE2 = '2xlarge',
  XLARGE3 = '3xlarge',
  XLARGE4 = '4xlarge',
  /** @deprecated Hikube offers no `6xlarge`: `s1.6xlarge`, `u1.6xlarge` and `m1.6xlarge` still work, with a warning. */
  XLARGE6 = '6xlarge',
  XLARGE8 = '8xlarge',
}

/**
 * An instance type, typed so a typo fails at compile time: `InstanceType.of(InstanceClass.U1,
 * InstanceSize.LARGE)`; `InstanceType.fromName('u1.large')` is the string escape hatch (checked
 * at construction). Accepted wherever an instance type name is.
 */
export class InstanceType {
  /** A series and a size of the catalog (a deprecated one adds a warning, one Hikube lacks fails, where it is used). */
  public static of(instanceClass: InstanceClass, size: InstanceSize): InstanceType {
    return new InstanceType(`${instanceClass}.${size}`);
  }

  /** A name such as `u1.large`, checked where it is used (an unknown one fails with a suggestion). */
  public static fromName(name: string): InstanceType {
    return new InstanceType(name);
  }

  private constructor(
    /** The name, e.g. `u1.large`. */
    public readonly name: string,
  ) {}

  /** vCPUs, when the catalog knows the type. */
  public get cpu(): number | undefined {
    return instanceType(this.name)?.cpu;
  }

  /** Memory in GiB, when the catalog knows the type. */
  public get memoryGib(): number | undefined {
    return instanceType(this.name)?.memoryGib;
  }

  public toString(): string {
    return this.name;
  }
}

/** The name of an instance type given either way. */
export function instanceTypeName(t: InstanceType | string): string {
  return typeof t === 'string' ? t : t.name;
}
