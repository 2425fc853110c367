/**
 * The cluster's control-plane preset and its add-ons in the model: the price per replica, the
 * rules between the add-ons and the rest (which must say nothing about what a partial spec
 * lacks), the API names, and the state upgrader from schema version 1.
 */
import { RESOURCE_PRESET_NAMES } from '../../model/catalog';
import { addonApiName, clusterKind, clusterModel } from '../../model/cluster';
import { usedEntries } from '../../model/kind';
import { skusOf } from '../../model/prices';
import { clusterMonthlyCost, controlPlaneReplicaPrice, DEFAULT_CONTROL_PLANE_PRESET, PRICES, presetMonthlyPrice } from '../../model/pricing';

describe('control-plane preset pricing', () => {
  test('a replica at the default preset costs what every replica cost before presets (21.90 EUR)', () => {
    expect(DEFAULT_CONTROL_PLANE_PRESET).toBe('medium');
    expect(controlPlaneReplicaPrice(DEFAULT_CONTROL_PLANE_PRESET)).toBe(21.9);
  });

  test.each(RESOURCE_PRESET_NAMES)('%s: the base plus the API server at the preset price', (preset) => {
    expect(controlPlaneReplicaPrice(preset)).toBeCloseTo(PRICES.controlPlaneBase + presetMonthlyPrice(preset)!, 2);
    expect(skusOf('kubernetes').find((s) => s.sku === `kubernetes.control-plane.${preset}`)?.monthly).toBe(controlPlaneReplicaPrice(preset));
  });

  test('each larger preset costs more; an unknown preset has no price', () => {
    const prices = RESOURCE_PRESET_NAMES.map((p) => controlPlaneReplicaPrice(p)!);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
    expect(new Set(prices).size).toBe(prices.length);
    expect(controlPlaneReplicaPrice('huge')).toBeUndefined();
  });

  test('the cluster estimate counts every replica at its preset; absent, the default', () => {
    const nodeGroups = { w: { minReplicas: 1, instanceType: 'u1.large', diskSizeGb: 20 } };
    const at = (controlPlanePreset?: string) => clusterMonthlyCost({ controlPlaneReplicas: 3, controlPlanePreset, nodeGroups });
    expect(at('2xlarge') - at('nano')).toBeCloseTo(3 * (controlPlaneReplicaPrice('2xlarge')! - controlPlaneReplicaPrice('nano')!), 2);
    expect(at(undefined)).toBe(at('medium'));
  });
});

describe('add-on rules', () => {
  const gpuGroup = { minReplicas: 0, maxReplicas: 1, instanceType: 'u1.2xlarge', gpus: ['nvidia.com/AD102GL_L40S'] };
  const plain = { minReplicas: 1, maxReplicas: 1, instanceType: 'u1.large', gpus: null };
  const findings = (spec: Record<string, unknown>) => clusterKind.rules(spec).map((p) => [p.path.join('.'), p.title]);

  test.each<[string, Record<string, unknown>, string[][]]>([
    ['GPU Operator with a GPU group', { addons: { gpuOperator: true }, nodeGroups: { a: plain, g: gpuGroup } }, []],
    ['GPU Operator without one', { addons: { gpuOperator: true }, nodeGroups: { a: plain } }, [['addons.gpuOperator', 'GPU Operator Without GPUs']]],
    ['GPU Operator, node groups unknown yet (a plan)', { addons: { gpuOperator: true } }, []],
    ['Velero with a bucket', { addons: { velero: true }, backupBucketId: 'bkt-abcdefghijklmnop' }, []],
    ['Velero without one', { addons: { velero: true }, backupBucketId: null }, [['addons.velero', 'Velero Without a Bucket']]],
    ['Velero, the bucket unknown yet (made in the same apply)', { addons: { velero: true } }, []],
    ['a bucket named while Velero is off', { addons: { velero: false }, backupBucketId: 'bkt-abcdefghijklmnop' }, []],
    ['add-ons unknown', { nodeGroups: { a: plain }, backupBucketId: null }, []],
  ])('%s', (_name, spec, expected) => {
    expect(findings(spec)).toEqual(expected);
  });

  test("API names are Hikube's: gpuOperator, velero, gatewayAPI", () => {
    expect([addonApiName('gpu_operator'), addonApiName('velero'), addonApiName('gateway_api'), addonApiName('cert_manager')]).toEqual(['gpuOperator', 'velero', 'gatewayAPI', 'certManager']);
  });
});

describe('state upgrade from schema version 1', () => {
  test('the preset every v1 cluster had, no bucket, the new add-ons off and the old ones kept', () => {
    expect(clusterModel.version).toBe(2);
    const v1 = { id: 'kc-abcdefghijklmnop', control_plane_replicas: 2, addons: { cert_manager: true, ingress_nginx: false, monitoring_agents: false, fluxcd: true, vertical_pod_autoscaler: false } };
    expect(clusterKind.stateUpgraders![1](v1)).toEqual({
      ...v1,
      control_plane_preset: 'medium',
      backup_bucket_id: null,
      addons: { ...v1.addons, gpu_operator: false, velero: false, gateway_api: false },
    });
  });

  test('a v1 state without add-ons keeps none', () => {
    expect(clusterKind.stateUpgraders![1]({ id: 'kc-abcdefghijklmnop', addons: null })).toMatchObject({ addons: null, control_plane_preset: 'medium' });
  });
});

describe('usedEntries: the ids of a uses field', () => {
  test.each<[string, unknown, { id: unknown; path: (string | number)[] }[]]>([
    [
      'a list: each element, blamed on its index',
      ['sub-a', 'sub-b'],
      [
        { id: 'sub-a', path: ['subnetIds', 0] },
        { id: 'sub-b', path: ['subnetIds', 1] },
      ],
    ],
    ['one id: blamed on the field', 'bkt-abcdefghijklmnop', [{ id: 'bkt-abcdefghijklmnop', path: ['subnetIds'] }]],
    ['null: none', null, []],
    ['absent (unknown at plan): none', undefined, []],
  ])('%s', (_name, value, expected) => {
    expect(usedEntries('subnetIds', value)).toEqual(expected);
  });
});
