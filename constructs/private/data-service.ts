/** What the data-service constructs share: their common props checked against the kind's model. */
import { IConstruct } from 'constructs';
import { KindDescriptor, RESOURCE_PRESET_NAMES } from '../../model';
import { ClusterChildOptions, DataServiceOptions } from '../data-service';
import { ITenant } from '../interfaces';
import { Timeouts, checkTimeouts } from '../timeouts';
import { checkAttribute, resourceName } from './checks';

/** `v10.11` -> `V10_11`: a version's member name in a version enum. */
export type VersionMember<V extends string> = Uppercase<V extends `${infer Major}.${infer Minor}` ? `${Major}_${Minor}` : V>;

/** An engine's versions as an enum-like object: `MariaDbVersion.V11_4` is `'v11.4'`. */
export function versionEnum<const V extends readonly string[]>(versions: V): { readonly [K in V[number] as VersionMember<K>]: K } {
  return Object.freeze(Object.fromEntries(versions.map((v) => [v.toUpperCase().replace('.', '_'), v]))) as never;
}

/** The L1 fields every data service has, checked against its kind's model. */
export interface DataServiceConfig {
  readonly tenantId: string;
  readonly name: string;
  readonly version?: string;
  readonly replicas?: number;
  readonly sizeGb?: number;
  readonly storageClass?: string;
  readonly preset?: string;
  readonly external?: boolean;
  readonly timeouts?: Timeouts;
}

/**
 * Checks what every data service's props have (name, version, replicas, size, storage class,
 * preset, timeouts) with its kind's model, and returns them as L1 fields.
 */
export function dataServiceConfig(
  scope: IConstruct,
  kind: KindDescriptor,
  props: DataServiceOptions & { readonly tenant: ITenant; readonly version?: string; readonly replicas?: number },
  example: string,
): DataServiceConfig {
  const attrs = kind.model.attributes;
  const name = resourceName(scope, props.name, attrs.name, example);
  checkAttribute(scope, 'version', attrs.version, props.version, `Use one of ${(attrs.version.validation?.oneOf ?? []).join(', ')}.`);
  checkAttribute(scope, 'replicas', attrs.replicas, props.replicas, 'Use a whole number from 1 (standalone) to 8.');
  checkAttribute(scope, 'sizeGb', attrs.size_gb, props.sizeGb, 'Use a whole number of GiB from 1 to 4096.');
  checkAttribute(scope, 'storageClass', attrs.storage_class, props.storageClass, "Use 'replicated' or 'local'.");
  checkAttribute(scope, 'preset', attrs.preset, props.preset, `Use one of ${RESOURCE_PRESET_NAMES.join(', ')}.`);
  checkTimeouts(scope, attrs.timeouts, props.timeouts);
  return {
    tenantId: props.tenant.tenantId,
    name,
    version: props.version,
    replicas: props.replicas,
    sizeGb: props.sizeGb,
    storageClass: props.storageClass,
    preset: props.preset,
    external: props.external,
    timeouts: props.timeouts,
  };
}

/** The child's name (given or from the construct id), checked, and its timeouts checked. */
export function clusterChildName(scope: IConstruct, kind: KindDescriptor, options: ClusterChildOptions, example: string, separator: '-' | '_' = '_'): string {
  const attrs = kind.model.attributes;
  const name = resourceName(scope, options.name, attrs.name, example, separator);
  checkTimeouts(scope, attrs.timeouts, options.timeouts);
  return name;
}
