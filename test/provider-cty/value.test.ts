import { CtyType, DynamicValue, UNKNOWN, ctyEqual, isUnknown, isWhollyKnown, listOf, mapOf, nullObjectOf, objectOf, setOf, tupleOf } from '../../provider/cty';

describe('cty values', () => {
  it('UNKNOWN is a frozen singleton', () => {
    expect(Object.isFrozen(UNKNOWN)).toBe(true);
    expect(isUnknown(UNKNOWN)).toBe(true);
    expect(isUnknown(null)).toBe(false);
    expect(isUnknown({})).toBe(false);
  });

  it('isWhollyKnown looks at every level', () => {
    expect(isWhollyKnown({ a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(isWhollyKnown(UNKNOWN)).toBe(false);
    expect(isWhollyKnown({ a: [1, { b: UNKNOWN }] })).toBe(false);
    expect(isWhollyKnown(new DynamicValue(listOf('string'), ['a', UNKNOWN]))).toBe(false);
  });

  it('nullObjectOf gives every attribute as null', () => {
    expect(nullObjectOf(objectOf({ id: 'string', tags: mapOf('string') }))).toEqual({ id: null, tags: null });
    expect(() => nullObjectOf('string')).toThrow();
  });

  describe('ctyEqual', () => {
    const tags = setOf(objectOf({ key: 'string', value: 'string' }));

    it('compares sets as unordered collections', () => {
      const a = [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ];
      const b = [
        { key: 'b', value: '2' },
        { key: 'a', value: '1' },
      ];
      expect(ctyEqual(a, b, tags)).toBe(true);
      expect(ctyEqual(a, [{ key: 'a', value: '1' }], tags)).toBe(false);
      expect(ctyEqual(['x', 'x', 'y'], ['x', 'y', 'y'], setOf('string'))).toBe(false);
      expect(ctyEqual(['x', 'y'], ['y', 'x'], setOf('string'))).toBe(true);
    });

    it('compares lists in order', () => {
      expect(ctyEqual(['x', 'y'], ['y', 'x'], listOf('string'))).toBe(false);
      expect(ctyEqual([1, 2], [1, 2], listOf('number'))).toBe(true);
    });

    it('treats unknown as equal only to unknown', () => {
      expect(ctyEqual(UNKNOWN, UNKNOWN, 'string')).toBe(true);
      expect(ctyEqual(UNKNOWN, 'a', 'string')).toBe(false);
      expect(ctyEqual(null, UNKNOWN, 'string')).toBe(false);
      expect(ctyEqual(['a', UNKNOWN], ['a', 'b'], setOf('string'))).toBe(false);
    });

    it('treats null as equal only to null, and absent attributes as null', () => {
      const t = objectOf({ id: 'string', name: 'string' });
      expect(ctyEqual({ id: 'x' }, { id: 'x', name: null }, t)).toBe(true);
      expect(ctyEqual({ id: 'x', name: '' }, { id: 'x', name: null }, t)).toBe(false);
      expect(ctyEqual(null, { id: null, name: null }, t)).toBe(false);
    });

    it('compares maps by keys and values', () => {
      const t = mapOf('number');
      expect(ctyEqual({ a: 1, b: 2 }, { b: 2, a: 1 }, t)).toBe(true);
      expect(ctyEqual({ a: 1 }, { a: 1, b: 2 }, t)).toBe(false);
      expect(ctyEqual({ a: 1 }, { b: 1 }, t)).toBe(false);
    });

    it('compares dynamic values by type and value', () => {
      const tuple: CtyType = tupleOf(['string']);
      expect(ctyEqual(new DynamicValue(listOf('string'), ['a']), new DynamicValue(listOf('string'), ['a']), 'dynamic')).toBe(true);
      expect(ctyEqual(new DynamicValue(listOf('string'), ['a']), new DynamicValue(tuple, ['a']), 'dynamic')).toBe(false);
      expect(ctyEqual(['a'], new DynamicValue(tuple, ['a']), 'dynamic')).toBe(true);
    });
  });
});
