import { ResourceModel, t } from '../../model/schema';
import { decodeValue } from '../../provider/cty';
import { Diagnostics } from '../../provider/framework/diagnostics';
import { ResourceDefinition } from '../../provider/framework/resource';
import { objectTypeOf } from '../../provider/framework/schema';
import { createProviderHandlers, upgradeState } from '../../provider/framework/server';

/**
 * State upgrades (issue 9, item 7): a resource whose v0 called the attribute `image`, v1 renamed
 * it `system_image`, v2 added `labels`. Stored states of every version read as v2.
 */
const model: ResourceModel = {
  typeName: 'test_machine',
  collection: '/v1/machines',
  noun: 'machine',
  schemaName: 'Machine',
  version: 2,
  description: 'A test resource.',
  attributes: {
    id: { type: t.string, computed: true, description: 'Id.' },
    system_image: { type: t.string, required: true, description: 'Image (v0: image).' },
    labels: { type: t.map(t.string), optional: true, description: 'Labels (since v2).' },
  },
};

const definition: ResourceDefinition<unknown> = {
  model,
  upgraders: {
    0: ({ image, ...rest }) => ({ ...rest, system_image: image }),
    1: (state) => ({ ...state, labels: null }),
  },
  create: async () => undefined,
  read: async () => undefined,
  update: async () => undefined,
  delete: async () => undefined,
};

const type = objectTypeOf(model.attributes);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const json = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('upgradeState', () => {
  test.each<[string, number, Record<string, unknown>, unknown]>([
    ['v0 with the old name', 0, { id: 'm-1', image: 'ubuntu' }, { id: 'm-1', system_image: 'ubuntu', labels: null }],
    ['v1', 1, { id: 'm-1', system_image: 'debian' }, { id: 'm-1', system_image: 'debian', labels: null }],
    ['v2', 2, { id: 'm-1', system_image: 'debian', labels: { a: 'b' } }, { id: 'm-1', system_image: 'debian', labels: { a: 'b' } }],
    ['an attribute the schema no longer has is dropped', 2, { id: 'm-1', system_image: 'x', labels: null, console: 'y' }, { id: 'm-1', system_image: 'x', labels: null }],
  ])('%s', (_name, version, stored, expected) => {
    const diags = new Diagnostics();
    expect(upgradeState(definition, type, version, json(stored), diags, silent)).toEqual(expected);
    expect(diags.items).toEqual([]);
  });

  test.each<[string, number, Record<string, unknown>, string, ResourceDefinition<unknown>]>([
    ['a state from a newer provider', 3, { id: 'm-1' }, 'State From a Newer Provider', definition],
    ['a value of the wrong type', 2, { id: 'm-1', system_image: 'x', labels: ['not', 'a', 'map'] }, 'Unreadable Stored State', definition],
    ['a missing upgrader', 0, { id: 'm-1', image: 'x' }, 'Unreadable Stored State', { ...definition, upgraders: { 1: definition.upgraders![1] } }],
  ])('%s is a diagnostic, never a crash', (_name, version, stored, summary, def) => {
    const diags = new Diagnostics();
    upgradeState(def, type, version, json(stored), diags, silent);
    expect(diags.items.map((d) => d.summary)).toEqual([summary]);
  });

  test('through the protocol handler: JSON in, msgpack of the current schema out', async () => {
    const handlers = createProviderHandlers({ model: { description: 'p', attributes: {} }, resources: [definition], dataSources: [], configure: () => undefined }, silent);
    const res = await handlers.UpgradeResourceState!({ typeName: 'test_machine', version: 0, rawState: { json: json({ id: 'm-1', image: 'alpine' }), flatmap: {} } });
    expect(res.diagnostics).toEqual([]);
    expect(decodeValue(res.upgradedState!.msgpack!, type)).toEqual({ id: 'm-1', system_image: 'alpine', labels: null });
  });
});

describe('every resource of the provider', () => {
  const { resources } = require('../../provider/resources') as typeof import('../../provider/resources');
  test.each(resources.map((r) => [r.model.typeName, r] as const))('%s has an upgrader from every older schema version', (_name, r) => {
    for (let v = 0; v < r.model.version; v++) expect(typeof r.upgraders?.[v]).toBe('function');
  });
});
