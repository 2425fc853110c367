import { CtyPathError, CtyType, CtyValue, DynamicValue, UNKNOWN, ctyEqual, decodeValue, encodeValue, isUnknown, listOf, mapOf, objectOf, setOf, tupleOf } from '../../provider/cty';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const toHex = (b: Buffer): string => b.toString('hex');

function roundTrip(value: CtyValue, type: CtyType): CtyValue {
  const decoded = decodeValue(encodeValue(value, type), type);
  expect(ctyEqual(decoded, value, type)).toBe(true);
  return decoded;
}

describe('msgpack codec', () => {
  describe('byte-exact encoding (hand-derived)', () => {
    it('writes object attributes in sorted order, unknown as d4 00 00', () => {
      const t = objectOf({ name: 'string', id: 'string' });
      // map(2) "id" unknown "name" "a"
      expect(toHex(encodeValue({ name: 'a', id: UNKNOWN }, t))).toBe('82' + 'a26964' + 'd40000' + 'a46e616d65' + 'a161');
    });

    it('writes every attribute of the type, missing ones as nil', () => {
      const t = objectOf({ b: 'bool', a: 'number' });
      expect(toHex(encodeValue({ b: true }, t))).toBe('82' + 'a161c0' + 'a162c3');
    });

    it.each<[number, string]>([
      [0, '00'],
      [127, '7f'],
      [128, 'cc80'],
      [255, 'ccff'],
      [256, 'cd0100'],
      [65535, 'cdffff'],
      [65536, 'ce00010000'],
      [2 ** 32 - 1, 'ceffffffff'],
      [2 ** 32, 'cf0000000100000000'],
      [Number.MAX_SAFE_INTEGER, 'cf001fffffffffffff'],
      [-1, 'ff'],
      [-32, 'e0'],
      [-33, 'd0df'],
      [-128, 'd080'],
      [-129, 'd1ff7f'],
      [-32768, 'd18000'],
      [-32769, 'd2ffff7fff'],
      [-(2 ** 31), 'd280000000'],
      [-(2 ** 31) - 1, 'd3ffffffff7fffffff'],
      [-(2 ** 40), 'd3ffffff0000000000'],
      [1.5, 'cb3ff8000000000000'],
      [-0.1, 'cbbfb999999999999a'],
      [2 ** 64, 'cb43f0000000000000'], // beyond int64: float64 is exact
      [Infinity, 'cb7ff0000000000000'],
    ])('number %p -> %s', (n, bytes) => {
      expect(toHex(encodeValue(n, 'number'))).toBe(bytes);
      expect(decodeValue(hex(bytes), 'number')).toBe(n);
    });

    it('uses str8/str16 lengths for longer strings', () => {
      expect(toHex(encodeValue('', 'string'))).toBe('a0');
      expect(toHex(encodeValue('é', 'string'))).toBe('a2c3a9');
      expect(toHex(encodeValue('x'.repeat(32), 'string')).slice(0, 4)).toBe('d920');
      expect(toHex(encodeValue('x'.repeat(256), 'string')).slice(0, 6)).toBe('da0100');
    });

    it('wraps a dynamic value as [type JSON bin, value]', () => {
      // array(2) bin8(8) "\"string\"" "hi"
      expect(toHex(encodeValue('hi', 'dynamic'))).toBe('92' + 'c408' + Buffer.from('"string"').toString('hex') + 'a26869');
      expect(toHex(encodeValue(null, 'dynamic'))).toBe('c0');
      expect(toHex(encodeValue(UNKNOWN, 'dynamic'))).toBe('d40000');
    });

    it('writes bool, nil and array headers', () => {
      expect(toHex(encodeValue([true, false, null], listOf('bool')))).toBe('93c3c2c0');
      expect(toHex(encodeValue(new Array(16).fill(1), listOf('number'))).slice(0, 6)).toBe('dc0010');
      expect(toHex(encodeValue({ b: 2, a: 1 }, mapOf('number')))).toBe('82a16101a16202');
    });
  });

  describe('decoding every number form', () => {
    it.each<[string, number]>([
      ['05', 5],
      ['f0', -16],
      ['cc ff', 255],
      ['cd 12 34', 0x1234],
      ['ce 80 00 00 00', 2 ** 31],
      ['cf 00 00 00 02 00 00 00 01', 2 ** 33 + 1],
      ['d0 80', -128],
      ['d0 05', 5],
      ['d1 80 00', -32768],
      ['d2 80 00 00 00', -(2 ** 31)],
      ['d3 ff ff ff fd ff ff ff ff', -(2 ** 33) - 1],
      ['d3 00 00 00 00 00 00 00 07', 7],
      ['ca 3f c0 00 00', 1.5],
      ['cb 40 09 1e b8 51 eb 85 1f', 3.14],
      ['a2 34 32', 42], // "42"
      ['a4 33 2e 31 34', 3.14], // "3.14"
      ['a2 2d 37', -7], // "-7"
      ['d9 02 31 30', 10], // "10" as str8
    ])('%s -> %p', (bytes, n) => {
      expect(decodeValue(hex(bytes), 'number')).toBe(n);
    });

    it('decodes a big decimal string to the nearest double', () => {
      const text = '123456789012345678901234567890';
      expect(decodeValue(encodeValue(text, 'string'), 'number')).toBe(1.2345678901234568e29);
    });

    it('rejects a string that is not a number', () => {
      expect(() => decodeValue(encodeValue('12abc', 'string'), 'number')).toThrow(/number is required/);
      expect(() => decodeValue(encodeValue('', 'string'), 'number')).toThrow(/number is required/);
    });
  });

  describe('unknown values', () => {
    it('decodes ext 0 (fixext1 and zero-length ext8) as UNKNOWN', () => {
      expect(decodeValue(hex('d4 00 00'), 'string')).toBe(UNKNOWN);
      expect(decodeValue(hex('c7 00 00'), 'number')).toBe(UNKNOWN);
    });

    it('decodes a refined unknown (ext 12 with a refinement map) and sends it back unchanged', () => {
      // ext8 len 6, type 12: map(2) {1: false (not null), 2: "a"} -> not null, string prefix "a"
      const bytes = hex('c7 06 0c 82 01 c2 02 a1 61');
      const v = decodeValue(bytes, 'string');
      expect(isUnknown(v)).toBe(true);
      expect(toHex(encodeValue(v, 'string'))).toBe(toHex(bytes));
      // fixext4 body: map(1) {5: 1} (length lower bound) inside a list attribute
      const inObject = decodeValue(hex('81 a1 6c d6 0c 81 05 01 00'), objectOf({ l: listOf('string') }));
      expect(isUnknown((inObject as { l: CtyValue }).l)).toBe(true);
    });

    it('drops refinements where the type is dynamic, as cty does', () => {
      const refined = decodeValue(hex('c7 06 0c 82 01 c2 02 a1 61'), 'string');
      expect(decodeValue(hex('c7 06 0c 82 01 c2 02 a1 61'), 'dynamic')).toBe(UNKNOWN);
      expect(toHex(encodeValue(refined, 'dynamic'))).toBe('d40000');
    });

    it('rejects other extension types with a body', () => {
      expect(() => decodeValue(hex('d5 07 00 00'), 'string')).toThrow(/extension type 7/);
    });
  });

  describe('round trips', () => {
    const server = objectOf({
      id: 'string',
      size: 'number',
      enabled: 'bool',
      tags: mapOf('string'),
      ports: listOf('number'),
      zones: setOf('string'),
      pair: tupleOf(['string', 'number']),
      disks: listOf(objectOf({ name: 'string', size_gb: 'number', labels: mapOf(listOf('string')) })),
      rules: setOf(objectOf({ from: 'number', to: 'number' })),
      extra: 'dynamic',
    });

    it('a fully known nested object', () => {
      roundTrip(
        {
          id: 'srv-1',
          size: 2 ** 40 + 3,
          enabled: false,
          tags: { env: 'prod', 'a b': '' },
          ports: [0, -1, 65536, -(2 ** 33), 0.25],
          zones: ['b', 'a'],
          pair: ['x', 1],
          disks: [{ name: 'root', size_gb: 20, labels: { k: ['v1', 'v2'], empty: [] } }],
          rules: [{ from: 1, to: 2 }],
          extra: new DynamicValue(objectOf({ a: listOf('number') }), { a: [1, 2] }),
        },
        server,
      );
    });

    it('null and unknown at every level', () => {
      expect(roundTrip(null, server)).toBeNull();
      expect(roundTrip(UNKNOWN, server)).toBe(UNKNOWN);
      const decoded = roundTrip(
        {
          id: UNKNOWN,
          size: null,
          enabled: UNKNOWN,
          tags: { a: null, b: UNKNOWN },
          ports: UNKNOWN,
          zones: [UNKNOWN, 'a', null],
          pair: [null, UNKNOWN],
          disks: [{ name: null, size_gb: UNKNOWN, labels: { k: [UNKNOWN, null] } }, null, UNKNOWN],
          rules: null,
          extra: UNKNOWN,
        },
        server,
      );
      expect(decoded).toMatchObject({ id: UNKNOWN, size: null, zones: [UNKNOWN, 'a', null], extra: UNKNOWN });
    });

    it('empty collections and an object missing attributes', () => {
      expect(roundTrip({ tags: {}, ports: [], zones: [], disks: [] }, server)).toMatchObject({
        id: null,
        tags: {},
        ports: [],
        disks: [],
        extra: null,
      });
    });

    it('dynamic values keep their concrete type', () => {
      const t = listOf('dynamic');
      const decoded = roundTrip([new DynamicValue(setOf('string'), ['a']), new DynamicValue('number', null), 'bare string', { inferred: [1, true] }, null, UNKNOWN], t) as CtyValue[];
      expect(decoded[0]).toEqual(new DynamicValue(setOf('string'), ['a']));
      expect(decoded[2]).toEqual(new DynamicValue('string', 'bare string'));
      expect(decoded[3]).toEqual(new DynamicValue(objectOf({ inferred: tupleOf(['number', 'bool']) }), { inferred: [1, true] }));
    });

    it('long strings, arrays and maps (16/32-bit headers)', () => {
      roundTrip('é'.repeat(40000), 'string');
      roundTrip(
        Array.from({ length: 70000 }, (_, i) => i),
        listOf('number'),
      );
      const big: Record<string, CtyValue> = {};
      for (let i = 0; i < 300; i++) big[`k${i}`] = `v${i}`;
      roundTrip(big, mapOf('string'));
    });

    it('a map key named __proto__ stays data', () => {
      const m = JSON.parse('{"__proto__":"x","a":"y"}') as Record<string, CtyValue>;
      const decoded = roundTrip(m, mapOf('string')) as Record<string, CtyValue>;
      expect(Object.keys(decoded)).toEqual(['__proto__', 'a']);
      expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    });
  });

  describe('decoding accepts what Terraform may send', () => {
    it('object attributes in any order, and absent attributes as null', () => {
      const t = objectOf({ id: 'string', name: 'string' });
      // map(1) "name" "a"
      expect(decodeValue(hex('81 a4 6e616d65 a1 61'), t)).toEqual({ id: null, name: 'a' });
    });

    it('a dynamic value whose type JSON is a str rather than bin', () => {
      expect(decodeValue(hex('92 a8 22 6e 75 6d 62 65 72 22 07'), 'dynamic')).toEqual(new DynamicValue('number', 7));
    });
  });

  describe('errors name the path', () => {
    const t = objectOf({ tags: mapOf(listOf('number')), nested: objectOf({ flag: 'bool' }) });

    function decodeError(bytes: Buffer, type: CtyType): CtyPathError {
      try {
        decodeValue(bytes, type);
      } catch (e) {
        expect(e).toBeInstanceOf(CtyPathError);
        return e as CtyPathError;
      }
      throw new Error('expected a decoding error');
    }

    it('a string where a number is expected, deep inside', () => {
      const wrong = encodeValue({ tags: { env: ['x', '2'] } }, objectOf({ tags: mapOf(listOf('string')), nested: 'dynamic' }));
      const e = decodeError(wrong, t);
      expect(e.path).toEqual(['tags', { key: 'env' }, { index: 0 }]);
      expect(e.message).toContain('.tags["env"][0]');
    });

    it('a number where a bool is expected', () => {
      const wrong = encodeValue({ nested: { flag: 1 } }, objectOf({ tags: 'string', nested: objectOf({ flag: 'number' }) }));
      const e = decodeError(wrong, t);
      expect(e.message).toBe('.nested.flag: bool is required, got msgpack integer (0x01)');
    });

    it('an attribute the type does not have', () => {
      const e = decodeError(encodeValue({ other: 'x' }, objectOf({ other: 'string' })), t);
      expect(e.path).toEqual(['other']);
      expect(e.message).toMatch(/unsupported attribute/);
    });

    it('truncated input, trailing bytes and wrong tuple length', () => {
      expect(decodeError(hex('92 01'), listOf('number')).message).toMatch(/\[1\]: unexpected end/);
      expect(decodeError(hex('01 02'), 'number').message).toMatch(/trailing bytes/);
      expect(decodeError(hex('91 01'), tupleOf(['number', 'number'])).message).toMatch(/tuple of 2 elements/);
    });

    it('encoding a value that does not fit the type', () => {
      expect(() => encodeValue({ tags: { a: ['x'] } }, t)).toThrow('.tags["a"][0]: cannot encode string "x" as "number"');
      expect(() => encodeValue({ nope: 1 }, t)).toThrow('.nope: attribute is not in the type');
      expect(() => encodeValue(NaN, 'number')).toThrow(/cannot encode/);
    });
  });
});
