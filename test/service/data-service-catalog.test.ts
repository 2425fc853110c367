/**
 * GET /v1/catalog/presets and /v1/catalog/postgres-extensions: the data services' presets per
 * engine (each engine's `preset` attribute, priced as the price list's SKUs) and the PostgreSQL
 * extensions, served from the model.
 */
import { RESOURCE_PRESET_NAMES, RESOURCE_PRESETS } from '../../model/catalog';
import { PRESET_ENGINE_NAMES } from '../../model/catalog-data-sources';
import { KINDS } from '../../model/kinds';
import { POSTGRES_EXTENSIONS } from '../../model/postgres';
import { expectProblem, raw, startTestService, TestService } from './helpers';

let t: TestService;

beforeAll(async () => {
  t = await startTestService();
});

afterAll(async () => {
  await t.stop();
});

test('the engines are the kinds with a preset; PostgreSQL is one', () => {
  expect(PRESET_ENGINE_NAMES).toContain('postgres');
  for (const engine of PRESET_ENGINE_NAMES) expect(KINDS[engine as keyof typeof KINDS].model.attributes.preset).toBeDefined();
});

test("every engine's presets, smallest first, with what a replica gets and the SKU's price", async () => {
  const { items } = await t.client.presets();
  const prices = new Map((await t.client.prices('data-services')).items.map((p) => [p.sku, p.monthly]));
  expect(items.map((p) => `${p.engine}/${p.name}`)).toEqual(PRESET_ENGINE_NAMES.flatMap((e) => RESOURCE_PRESET_NAMES.map((p) => `${e}/${p}`)));
  for (const p of items) {
    expect(p).toEqual({ engine: p.engine, name: p.name, ...RESOURCE_PRESETS[p.name as keyof typeof RESOURCE_PRESETS], monthlyPrice: prices.get(`preset.${p.name}`) });
  }
});

test('one engine only; an unknown engine is a 400 naming the engines there are', async () => {
  const { items } = await t.client.presets('postgres');
  expect(new Set(items.map((p) => p.engine))).toEqual(new Set(['postgres']));
  const problem = expectProblem(await raw(t.url, 'GET', '/v1/catalog/presets?engine=oracle', { token: t.token }), 400);
  expect(problem.errors).toEqual([{ field: 'engine', path: ['engine'], reason: `must be one of ${PRESET_ENGINE_NAMES.join(', ')} (got "oracle")` }]);
});

test('the PostgreSQL extensions a database may enable, sorted; a token is required', async () => {
  expect(await t.client.postgresExtensions()).toEqual({ extensions: [...POSTGRES_EXTENSIONS].sort() });
  expectProblem(await raw(t.url, 'GET', '/v1/catalog/postgres-extensions'), 401);
});
