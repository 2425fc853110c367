/**
 * The kind registry (model/kinds.ts) holds what every layer derives from; these are the facts a
 * descriptor must keep consistent with its own model, checked for every kind there is.
 */
import { ENGINE_NAMES, footprintOf, KIND_COUNT_QUOTAS, QUOTA_DOCS, QUOTA_KEYS, quotaName } from '../../model/guardrails';
import { costOf, idPatternOf, isRunOnlyChange, policyAsks, renderNames, ROTATION_TRIGGERS } from '../../model/kind';
import { secretAttributes } from '../../model/secrets';
import { isKindName, KIND_LIST, KIND_NAMES, KINDS, kindOfType } from '../../model/kinds';
import { apiNameOf, AttributeDef, AttrType, snakeCase } from '../../model/schema';
import { tenantModel } from '../../model/tenant';
import { resourceModels } from '../../model/index';
import { hasUpdate } from '../../model/api/resources';

/** Does an API path name an attribute of the model (map keys and list indexes pass)? */
function resolves(attributes: Readonly<Record<string, AttributeDef>>, path: readonly (string | number)[]): boolean {
  let attrs: Readonly<Record<string, AttributeDef>> | undefined = attributes;
  let type: AttrType | undefined;
  for (const seg of path) {
    if (type && (type.kind === 'map' || type.kind === 'list' || type.kind === 'set')) {
      type = type.element;
      attrs = type.kind === 'object' ? type.attributes : undefined;
      continue;
    }
    const found: [string, AttributeDef] | undefined = attrs && Object.entries(attrs).find(([n, d]) => apiNameOf(n, d) === seg);
    if (!found) return false;
    type = found[1].type;
    attrs = type.kind === 'object' ? type.attributes : undefined;
  }
  return true;
}

describe.each(KIND_LIST.map((k) => [k.name, k] as const))('kind %s', (_name, kind) => {
  const attrs = kind.model.attributes;

  test('its id attribute, collection and type name fit the registry', () => {
    expect(idPatternOf(kind.idPrefix).test(`${kind.idPrefix}-abcdefghijklmnop`)).toBe(true);
    expect(kindOfType(kind.model.typeName)).toBe(kind);
    expect(kind.model.collection).toMatch(/^\/v1\/[a-z-]+$/);
    expect(resourceModels).toContain(kind.model);
  });

  test('the cost reads only attributes users set, and the timeouts attribute documents the defaults', () => {
    // A kind has a cost exactly when its model shows one.
    expect(Boolean(costOf(kind))).toBe('monthly_cost_estimate' in attrs);
    if (!costOf(kind)) expect(kind.cost).toEqual({ none: expect.stringMatching(/\w/) });
    for (const input of costOf(kind)?.inputs ?? []) expect(attrs[input]?.required || attrs[input]?.optional).toBe(true);
    expect(costOf(kind)?.inputs ?? []).not.toContain('name');
    expect(costOf(kind)?.inputs ?? []).not.toContain('tenant_id');
    const timeouts = attrs.timeouts.type.kind === 'object' ? attrs.timeouts.type.attributes : {};
    for (const op of ['create', 'update', 'delete'] as const) expect(timeouts[op].description).toContain(`Defaults to \`${kind.timeouts[op]}\``);
  });

  test('quota and policy paths name real fields', () => {
    for (const path of Object.values(kind.quota.blame)) expect(resolves(attrs, path!)).toBe(true);
    if (kind.quota.count) expect(QUOTA_KEYS).toContain(kind.quota.count.key);
    // An empty spec weighs only its count and asks nothing but its engine: /v1/validate gets partial specs.
    const empty = footprintOf(kind, {});
    expect(Object.entries(empty).filter(([, v]) => v !== 0)).toEqual(kind.quota.count ? [[kind.quota.count.key, 1]] : []);
    expect(kind.policy({})).toEqual(expect.objectContaining({ instanceTypes: [] }));
    expect(policyAsks(kind, {}).engine).toEqual(kind.engine ? { path: [kind.engine.versionField ?? 'version'], name: kind.name, version: undefined } : undefined);
  });

  test('a top-level kind with names of its own has a count quota, blamed on a real field; sub-resources and one-per-tenant kinds none', () => {
    const counted = !kind.parent && !kind.fixedName;
    expect({ kind: kind.name, count: Boolean(kind.quota.count) }).toEqual({ kind: kind.name, count: counted });
    if (!kind.quota.count) return;
    expect(kind.quota.blame.count).toBeDefined();
    // The key is an API name: the tenant's `quotas` attribute shows it in snake_case, and back.
    expect(kind.quota.count.key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  test('an engine names its versions as its version attribute offers them', () => {
    if (!kind.engine) return;
    const field = kind.engine.versionField ?? 'version';
    const def = Object.entries(attrs).find(([n, d]) => apiNameOf(n, d) === field)?.[1];
    expect(def?.validation?.oneOf).toEqual(kind.engine.versions);
    expect(policyAsks(kind, { ...kind.examples.create, [field]: kind.engine.versions[0] }).engine).toEqual({ path: [field], name: kind.name, version: kind.engine.versions[0] });
    expect(kind.rules({})).toEqual([]);
  });

  test('a sub-resource names a parent kind listed before it, through a required attribute; its tenant is computed', () => {
    if (!kind.parent) {
      expect(kind.importBy).not.toBe('tenant-path/parent/name');
      return;
    }
    const parent = KIND_LIST.findIndex((k) => k.name === kind.parent!.kind);
    expect(parent).toBeGreaterThanOrEqual(0);
    expect(parent).toBeLessThan(KIND_LIST.indexOf(kind));
    const field = Object.entries(attrs).find(([n, d]) => apiNameOf(n, d) === kind.parent!.field)?.[1];
    expect(field).toMatchObject({ required: true, replaceOnChange: true });
    expect(attrs.tenant_id).toMatchObject({ computed: true });
    expect(attrs.tenant_id.required || attrs.tenant_id.optional).toBeFalsy();
    expect(kind.importBy).toBe('tenant-path/parent/name');
  });

  test('an example change exactly when something changes in place (else no PATCH)', () => {
    expect(Boolean(kind.examples.update)).toBe(hasUpdate(kind.model));
  });

  test('credentials and run fields name real attributes', () => {
    if (kind.credentials) {
      expect(attrs[kind.credentials.toggle]?.type).toEqual({ kind: 'bool' });
      for (const a of kind.credentials.attributes) expect(attrs[a.split('.')[0]]?.sensitive || attrs[a.split('.')[0]]?.type.kind === 'map').toBeTruthy();
    }
    for (const f of kind.runFields ?? []) expect(resolves(attrs, [f])).toBe(true);
  });

  test('generated secrets are what secretAttributes() makes of the descriptor; references are maps naming a sibling kind', () => {
    if (kind.secrets) expect(Object.fromEntries(Object.entries(attrs).filter(([n]) => n in secretAttributes(kind.secrets!)))).toEqual(secretAttributes(kind.secrets));
    for (const s of kind.secrets?.generated ?? []) expect(attrs[s.attribute]).toMatchObject({ computed: true, sensitive: true, returnedOnce: true });
    expect(ROTATION_TRIGGERS in attrs).toBe(Boolean(kind.secrets?.rotatable));
    for (const ref of kind.refersTo ?? []) {
      expect(resolves(attrs, [ref.field])).toBe(true);
      expect(Object.entries(attrs).find(([n, d]) => apiNameOf(n, d) === ref.field)?.[1].type.kind).toBe('map');
      expect(KINDS[ref.kind as keyof typeof KINDS]?.parent?.kind).toBe(kind.parent?.kind);
    }
  });

  test('state upgraders cover every older schema version', () => {
    const versions = Object.keys(kind.stateUpgraders ?? {})
      .map(Number)
      .sort();
    expect(versions).toEqual(Array.from({ length: kind.model.version }, (_, i) => i));
  });
});

describe('registry', () => {
  test('names are unique and looked up only by their own', () => {
    expect(new Set(KIND_NAMES).size).toBe(KIND_NAMES.length);
    expect(new Set(KIND_LIST.map((k) => k.idPrefix)).size).toBe(KIND_LIST.length);
    expect(isKindName('vm')).toBe(true);
    expect(isKindName('toString')).toBe(false);
    expect(isKindName('tenant')).toBe(false);
  });

  test("the tenant's quotas attribute has one field per quota key", () => {
    const quotas = tenantModel.attributes.quotas.type;
    const names = quotas.kind === 'object' ? Object.keys(quotas.attributes) : [];
    expect(names.sort()).toEqual(QUOTA_KEYS.map(snakeCase).sort());
  });

  test('quota keys are unique and keep the names tenants already use', () => {
    expect(new Set(QUOTA_KEYS).size).toBe(QUOTA_KEYS.length);
    expect(QUOTA_KEYS.map(quotaName)).toEqual(expect.arrayContaining(['cpu', 'memory_gib', 'storage_gib', 'clusters', 'vms', 'sub_tenants', 'postgres']));
    expect(KIND_COUNT_QUOTAS.map((q) => [q.kind, q.key])).toEqual(
      expect.arrayContaining([
        ['cluster', 'clusters'],
        ['vm', 'vms'],
        ['postgres', 'postgres'],
      ]),
    );
    for (const key of QUOTA_KEYS) expect(QUOTA_DOCS[key]?.what).toBeTruthy();
  });

  test("the security policy's engines are the kinds that declare one", () => {
    expect(ENGINE_NAMES).toEqual(KIND_LIST.filter((k) => k.engine).map((k) => k.name));
    expect(ENGINE_NAMES).toContain('postgres');
    const policy = tenantModel.attributes.security_policy.type;
    const engines = policy.kind === 'object' ? policy.attributes.allowed_engines : undefined;
    expect(engines?.validation?.oneOf).toEqual(ENGINE_NAMES);
  });
});

describe('rules, once for every layer', () => {
  test('a node group whose max is below its min: the blamed field, the reason and the fix', () => {
    const [problem, ...rest] = KINDS.cluster.rules({ nodeGroups: { workers: { minReplicas: 3, maxReplicas: 1 }, ok: { minReplicas: 1, maxReplicas: 2 } } });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ path: ['nodeGroups', 'workers', 'maxReplicas'], value: 1 });
    expect(renderNames(problem.reason)).toBe('must be >= minReplicas (3)');
    expect(renderNames(problem.reason, snakeCase)).toBe('must be >= min_replicas (3)');
  });

  test('partial specs (values Terraform does not know yet) raise nothing', () => {
    expect(KINDS.cluster.rules({ nodeGroups: { workers: { minReplicas: 3 } } })).toEqual([]);
    expect(KINDS.vm.rules({ externalAccess: { method: 'WholeIP' } })).toEqual([]);
    expect(KINDS.vm.rules({ dataDisks: [{ sizeGb: 1 }, { sizeGb: 2 }] })).toEqual([]);
  });

  test('VM: ports only with PortList (the default method), unique disk names; changes only with the stored spec', () => {
    expect(KINDS.vm.rules({ externalAccess: { method: null, ports: [22] } })).toEqual([]);
    expect(KINDS.vm.rules({ externalAccess: { method: 'WholeIP', ports: [22] }, dataDisks: [{ name: 'a' }, { name: 'a' }] }).map((p) => p.path)).toEqual([
      ['dataDisks', 1, 'name'],
      ['externalAccess', 'ports'],
    ]);
    const before = { systemDisk: { sizeGb: 30, storageClass: 'replicated', image: 'x' } };
    const shrunk = { systemDisk: { sizeGb: 20, storageClass: 'replicated', image: 'x' } };
    expect(KINDS.vm.rules(shrunk)).toEqual([]);
    expect(KINDS.vm.rules(shrunk, before).map((p) => [p.path, p.value])).toEqual([[['systemDisk', 'sizeGb'], 20]]);
  });

  test('running a VM is a change of its run strategy alone', () => {
    expect(isRunOnlyChange(KINDS.vm, ['runStrategy'])).toBe(true);
    expect(isRunOnlyChange(KINDS.vm, ['runStrategy', 'instanceType'])).toBe(false);
    expect(isRunOnlyChange(KINDS.cluster, ['version'])).toBe(false);
    expect(isRunOnlyChange(KINDS.vm, [])).toBe(false);
  });
});
