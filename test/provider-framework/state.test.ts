import { tenantModel } from '../../model/tenant';
import { UNKNOWN } from '../../provider/cty';
import { apiBody, stateFromApi, tfPathOf } from '../../provider/resources/state';

const attrs = tenantModel.attributes;
const api = {
  id: 'tnt-aaaaaaaaaaaaaaaa',
  name: 'prod',
  parentId: 'tnt-bbbbbbbbbbbbbbbb',
  path: 'acme/prod',
  namespace: 'tenant-acme-prod',
  description: null,
  labels: {},
  deletionProtection: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('stateFromApi', () => {
  test('maps camelCase API fields to snake_case attributes', () => {
    const s = stateFromApi(attrs, api, null);
    expect(s).toMatchObject({ parent_id: 'tnt-bbbbbbbbbbbbbbbb', deletion_protection: false, created_at: '2026-01-01T00:00:00Z' });
    expect(s).not.toHaveProperty('updated_at');
  });

  test.each([
    ['user wrote nothing: empty labels stay null', null, null],
    ['user wrote {}: empty labels stay {}', {}, {}],
  ])('%s', (_name, mine, expected) => {
    const s = stateFromApi(attrs, api, { labels: mine });
    expect(s.labels).toEqual(expected);
  });

  test('labels set out of band show up (drift)', () => {
    const s = stateFromApi(attrs, { ...api, labels: { team: 'x' } }, { labels: null });
    expect(s.labels).toEqual({ team: 'x' });
  });
});

describe('apiBody', () => {
  test('picks attributes, leaves unknowns out, keeps null (clear)', () => {
    const body = apiBody(attrs, { name: 'a', parent_id: UNKNOWN, description: null, labels: { a: 'b' } }, (d) => Boolean(d.optional || d.required));
    expect(body).toEqual({ name: 'a', description: null, labels: { a: 'b' } });
  });
});

describe('tfPathOf', () => {
  test.each([
    ['top-level', ['parentId'], ['parent_id']],
    ['map key', ['labels', 'team.x/y'], ['labels', { key: 'team.x/y' }]],
    ['unknown field', ['nope'], []],
  ])('%s', (_name, apiPath, expected) => {
    expect(tfPathOf(attrs, apiPath as string[])).toEqual(expected);
  });
});
