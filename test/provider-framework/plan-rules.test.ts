import { isUnknown, UNKNOWN } from '../../provider/cty';
import { requiresReplace, useStateForUnknown } from '../../provider/framework/plan-rules';

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const req = (prior: unknown, planned: unknown) => ({ prior, planned, config: planned, equal, isUnknown });

describe('requiresReplace', () => {
  const rule = requiresReplace();
  test.each([
    ['create', undefined, 'a', false],
    ['plan equals state', 'a', 'a', false],
    ['plan differs from state', 'a', 'b', true],
    ['plan unknown (e.g. parent being replaced)', 'a', UNKNOWN, true],
    ['value removed', 'a', null, true],
  ])('%s', (_name, prior, planned, expected) => {
    expect(Boolean(rule.apply(req(prior, planned)).requiresReplace)).toBe(expected);
  });

  test('has a lowercase description for the docs', () => {
    expect(rule.description).toMatch(/^[a-z]/);
  });
});

describe('useStateForUnknown', () => {
  const rule = useStateForUnknown();
  test.each([
    ['create: stays unknown', undefined, UNKNOWN, undefined],
    ['update: unknown becomes the prior value', 'tnt-1', UNKNOWN, 'tnt-1'],
    ['update: a known plan is left alone', 'a', 'b', undefined],
    ['prior null: stays unknown', null, UNKNOWN, undefined],
  ])('%s', (_name, prior, planned, expected) => {
    expect(rule.apply(req(prior, planned)).planned).toBe(expected);
  });
});
