import { vmModel } from '../../model/vm';
import { clusterModel } from '../../model/cluster';
import { AttributeDef, ResourceModel, t } from '../../model/schema';
import { isUnknown, UNKNOWN } from '../../provider/cty';
import { AttributePath } from '../../provider/framework/diagnostics';
import { applyRules, planChange, State } from '../../provider/framework/plan';
import { ctyTypeOf } from '../../provider/framework/schema';

/** Plan rules at every depth, and computed values an update keeps (issue 9, items 5 and 7). */

const typesOf = (m: ResourceModel) => Object.fromEntries(Object.entries(m.attributes).map(([n, d]) => [n, ctyTypeOf(d.type)]));
const nullsOf = (m: ResourceModel): State => Object.fromEntries(Object.keys(m.attributes).map((n) => [n, null]));

const disk = (over: Partial<Record<string, unknown>> = {}) => ({ size_gb: 20, storage_class: 'replicated', image: 'ubuntu-24.04', ...over });

const vmPrior: State = {
  ...nullsOf(vmModel),
  id: 'vm-aaaaaaaaaaaaaaaa',
  tenant_id: 'tnt-aaaaaaaaaaaaaaaa',
  name: 'db',
  instance_type: 'u1.large',
  instance_profile: 'ubuntu',
  run_strategy: 'Always',
  system_disk: disk(),
  status: 'ready',
  status_reason: null,
  private_ip: '10.1.0.5',
  external_ip: '203.0.113.7',
  external_access: { method: 'PortList', ports: [22] },
  monthly_cost_estimate: 50,
  created_at: '2026-01-01T00:00:00Z',
};

/** Terraform's proposed new state for a config over a prior state (computed attributes keep prior). */
function vmPlan(config: State) {
  const proposed: State = {};
  for (const [n, d] of Object.entries(vmModel.attributes)) proposed[n] = config[n] !== null ? config[n] : d.computed ? vmPrior[n] : null;
  return planChange(vmModel.attributes, typesOf(vmModel), vmPrior, proposed, config);
}

const vmConfig = (over: State = {}): State => ({
  ...nullsOf(vmModel),
  tenant_id: vmPrior.tenant_id,
  name: 'db',
  instance_type: 'u1.large',
  external_access: { method: null, ports: [22] },
  ...over,
});

describe('nested replace rules on a VM', () => {
  test.each<[string, State, AttributePath[]]>([
    ['no change', vmConfig(), []],
    ['system_disk.image changed', vmConfig({ system_disk: disk({ image: 'debian-12' }) }), [['system_disk', 'image']]],
    ['system_disk.storage_class changed', vmConfig({ system_disk: disk({ storage_class: 'local' }) }), [['system_disk', 'storage_class']]],
    ['system_disk.size_gb grows in place', vmConfig({ system_disk: disk({ size_gb: 40 }) }), []],
    ['image and name changed', vmConfig({ name: 'db2', system_disk: disk({ image: 'debian-12' }) }), [['name'], ['system_disk', 'image']]],
    ['instance type changes in place', vmConfig({ instance_type: 'u1.xlarge' }), []],
  ])('%s', (_name, config, expected) => {
    expect(vmPlan(config).requiresReplace).toEqual(expected);
  });
});

describe("an old image name and Hikube's are the same image", () => {
  // The state says `ubuntu-24.04` (the old default, or the user's): the new default and Hikube's name plan nothing.
  test.each<[string, State]>([
    ['the default, now ubuntu-2404', vmConfig()],
    ["Hikube's name configured", vmConfig({ system_disk: disk({ image: 'ubuntu-2404' }) })],
    ['only the size configured', vmConfig({ system_disk: { size_gb: 20, storage_class: null, image: null } })],
  ])('%s: the prior spelling is planned, nothing changes', (_name, config) => {
    const { planned, requiresReplace } = vmPlan(config);
    expect(requiresReplace).toEqual([]);
    expect(planned).toEqual(vmPrior);
  });

  test('another image still replaces the VM', () => {
    expect(vmPlan(vmConfig({ system_disk: disk({ image: 'ubuntu-2204' }) })).requiresReplace).toEqual([['system_disk', 'image']]);
  });

  test('a data disk keeps its prior spelling by position; a new disk takes the configured one', () => {
    const prior: State = { ...vmPrior, data_disks: [{ name: 'data', size_gb: 10, storage_class: 'replicated', image: 'ubuntu-22.04' }] };
    const config = vmConfig({
      data_disks: [
        { name: 'data', size_gb: 10, storage_class: 'replicated', image: 'ubuntu-2204' },
        { name: 'more', size_gb: 10, storage_class: 'replicated', image: 'ubuntu-2204' },
      ],
    });
    const proposed: State = {};
    for (const [n, d] of Object.entries(vmModel.attributes)) proposed[n] = config[n] !== null ? config[n] : d.computed ? prior[n] : null;
    const { planned } = planChange(vmModel.attributes, typesOf(vmModel), prior, proposed, config);
    expect((planned.data_disks as State[]).map((d) => d.image)).toEqual(['ubuntu-22.04', 'ubuntu-2204']);
  });
});

describe('rules at every depth: lists and maps of objects', () => {
  const leaf: AttributeDef = { type: t.string, optional: true, replaceOnChange: true, description: 'x' };
  const deep: AttributeDef = {
    type: t.map(t.object({ disks: { type: t.list(t.object({ class: leaf, size: { type: t.number, optional: true, description: 'y' } })), optional: true, description: 'z' } })),
    optional: true,
    description: 'w',
  };
  const value = (cls: string, size = 1) => ({ a: { disks: [{ class: cls, size }] } });
  test.each<[string, unknown, unknown, AttributePath[]]>([
    ['create', undefined, value('fast'), []],
    ['unchanged', value('fast'), value('fast'), []],
    ['a leaf two levels down changed', value('fast'), value('slow'), [['groups', { key: 'a' }, 'disks', { index: 0 }, 'class']]],
    ['a sibling of the leaf changed', value('fast', 1), value('fast', 2), []],
    ['a new map key is not judged by the nested rule', value('fast'), { ...value('fast'), b: { disks: [{ class: 'slow', size: 1 }] } }, []],
    [
      'a new list element is not judged by the nested rule',
      value('fast'),
      {
        a: {
          disks: [
            { class: 'fast', size: 1 },
            { class: 'slow', size: 1 },
          ],
        },
      },
      [],
    ],
    ['unknown planned value is left alone', value('fast'), UNKNOWN, []],
  ])('%s', (_name, prior, planned, expected) => {
    const replace: AttributePath[] = [];
    applyRules(deep, ['groups'], prior, planned, planned, replace);
    expect(replace).toEqual(expected);
  });
});

describe('in-place updates keep what they cannot change', () => {
  test('an instance type change keeps status, external IP and private IP', () => {
    const { planned, requiresReplace } = vmPlan(vmConfig({ instance_type: 'u1.xlarge' }));
    expect(requiresReplace).toEqual([]);
    expect(planned.status).toBe('ready');
    expect(planned.status_reason).toBeNull();
    expect(planned.external_ip).toBe('203.0.113.7');
    expect(planned.private_ip).toBe('10.1.0.5');
  });

  test('removing external access makes the external IP unknown', () => {
    const { planned } = vmPlan(vmConfig({ external_access: null }));
    expect(isUnknown(planned.external_ip)).toBe(true);
  });

  test('cluster: a node group resize keeps endpoint and kubeconfig known', () => {
    const prior: State = {
      ...nullsOf(clusterModel),
      id: 'kc-aaaaaaaaaaaaaaaa',
      tenant_id: 'tnt-aaaaaaaaaaaaaaaa',
      name: 'web',
      version: 'v1.33',
      status: 'ready',
      endpoint: 'https://x',
      kubeconfig: 'k',
    };
    const config: State = { ...nullsOf(clusterModel), tenant_id: prior.tenant_id, name: 'web', version: 'v1.34' };
    const proposed: State = Object.fromEntries(Object.entries(clusterModel.attributes).map(([n, d]) => [n, config[n] !== null ? config[n] : d.computed ? prior[n] : null]));
    const { planned } = planChange(clusterModel.attributes, typesOf(clusterModel), prior, proposed, config);
    expect(planned.status).toBe('ready');
    expect(planned.endpoint).toBe('https://x');
    expect(planned.kubeconfig).toBe('k');
  });
});
