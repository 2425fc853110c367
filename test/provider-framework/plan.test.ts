import { tenantModel } from '../../model/tenant';
import { isUnknown, UNKNOWN } from '../../provider/cty';
import { planChange, State, withNestedDefaults } from '../../provider/framework/plan';
import { clusterModel } from '../../model/cluster';
import { ctyTypeOf } from '../../provider/framework/schema';

const attrs = tenantModel.attributes;
const types = Object.fromEntries(Object.entries(attrs).map(([n, d]) => [n, ctyTypeOf(d.type)]));
const nulls: State = Object.fromEntries(Object.keys(attrs).map((n) => [n, null]));

const prior: State = {
  ...nulls,
  id: 'tnt-aaaaaaaaaaaaaaaa',
  name: 'prod',
  parent_id: 'tnt-rootrootrootroot',
  description: 'old',
  deletion_protection: false,
  path: 'acme/prod',
  namespace: 'tenant-acme-prod',
  created_at: '2026-01-01T00:00:00Z',
};

/** Terraform's proposed new state: config merged over prior for optional+computed/computed attributes. */
function proposed(config: State, from: State | null): State {
  const out: State = { ...nulls };
  for (const [name, def] of Object.entries(attrs)) {
    out[name] = config[name] !== null ? config[name] : def.computed && from ? from[name] : null;
  }
  return out;
}

describe('planChange', () => {
  test('create: computed attributes unknown, defaults planned, config kept', () => {
    const config = { ...nulls, name: 'prod' };
    const { planned, requiresReplace } = planChange(attrs, types, null, proposed(config, null), config);
    expect(planned.name).toBe('prod');
    expect(isUnknown(planned.id)).toBe(true);
    expect(isUnknown(planned.path)).toBe(true);
    expect(isUnknown(planned.parent_id)).toBe(true);
    expect(planned.deletion_protection).toBe(false);
    expect(planned.description).toBeNull();
    expect(requiresReplace).toEqual([]);
  });

  test('no change: planned equals prior', () => {
    const config = { ...nulls, name: 'prod', description: 'old' };
    const { planned, requiresReplace } = planChange(attrs, types, prior, proposed(config, prior), config);
    expect(planned).toEqual(prior);
    expect(requiresReplace).toEqual([]);
  });

  test('update in place: stable computed values kept, no replacement', () => {
    const config = { ...nulls, name: 'prod', description: 'new' };
    const { planned, requiresReplace } = planChange(attrs, types, prior, proposed(config, prior), config);
    expect(planned.description).toBe('new');
    expect(planned.id).toBe(prior.id);
    expect(planned.path).toBe(prior.path);
    expect(planned.parent_id).toBe(prior.parent_id);
    expect(requiresReplace).toEqual([]);
  });

  test('rename: replacement on name', () => {
    const config = { ...nulls, name: 'production', description: 'old' };
    const { requiresReplace } = planChange(attrs, types, prior, proposed(config, prior), config);
    expect(requiresReplace).toEqual([['name']]);
  });

  test('new parent, still unknown: replacement on parent_id', () => {
    const config = { ...nulls, name: 'prod', description: 'old', parent_id: UNKNOWN };
    const { planned, requiresReplace } = planChange(attrs, types, prior, proposed(config, prior), config);
    expect(isUnknown(planned.parent_id)).toBe(true);
    expect(requiresReplace).toEqual([['parent_id']]);
  });

  test('unset optional+computed keeps the value chosen at creation', () => {
    const config = { ...nulls, name: 'prod', description: 'x' };
    const { planned } = planChange(attrs, types, prior, proposed(config, prior), config);
    expect(planned.parent_id).toBe(prior.parent_id);
  });

  test('removing deletion_protection from config plans the default', () => {
    const withProtection = { ...prior, deletion_protection: true };
    const config = { ...nulls, name: 'prod', description: 'old' };
    const { planned } = planChange(attrs, types, withProtection, proposed(config, withProtection), config);
    expect(planned.deletion_protection).toBe(false);
  });
});

describe('nested defaults', () => {
  const nodeGroups = clusterModel.attributes.node_groups.type;

  test('a configured node group gets the default disk size', () => {
    const config = { workers: { min_replicas: 1, max_replicas: 3, instance_type: 'u1.large', disk_size_gb: null, roles: null, gpus: null } };
    const planned = withNestedDefaults(nodeGroups, config, config) as Record<string, Record<string, unknown>>;
    expect(planned.workers.disk_size_gb).toBe(20);
    expect(planned.workers.roles).toBeNull();
  });

  test('a configured disk size is kept', () => {
    const config = { workers: { min_replicas: 1, max_replicas: 3, instance_type: 'u1.large', disk_size_gb: 50, roles: null, gpus: null } };
    const planned = withNestedDefaults(nodeGroups, config, config) as Record<string, Record<string, unknown>>;
    expect(planned.workers.disk_size_gb).toBe(50);
  });

  test('unknown config is left alone', () => {
    expect(isUnknown(withNestedDefaults(nodeGroups, UNKNOWN, UNKNOWN))).toBe(true);
  });
});
