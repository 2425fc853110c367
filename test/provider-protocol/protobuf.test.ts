import { decode, encode, mapOf, message, MessageDesc } from '../../provider/protocol/protobuf';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

const Inner = message('test.Inner', { label: [1, 'string'], count: [2, 'int64'] });
const Everything = message('test.Everything', {
  text: [1, 'string'],
  blob: [2, 'bytes'],
  flag: [3, 'bool'],
  small: [4, 'int32'],
  big: [5, 'int64'],
  unsigned: [6, 'uint64'],
  kind: [7, 'enum'],
  ratio: [8, 'double'],
  inner: [9, Inner],
  names: [10, 'string', 'repeated'],
  numbers: [11, 'int64', 'repeated'],
  inners: [12, Inner, 'repeated'],
  tags: [13, mapOf('string')],
  children: [14, mapOf(Inner)],
  maybe: [15, 'int64', 'optional'],
  ratios: [16, 'double', 'repeated'],
});

const defaults = {
  text: '',
  blob: undefined,
  flag: false,
  small: 0,
  big: 0,
  unsigned: 0,
  kind: 0,
  ratio: 0,
  inner: undefined,
  names: [],
  numbers: [],
  inners: [],
  tags: {},
  children: {},
  maybe: undefined,
  ratios: [],
};

describe('protobuf encode/decode', () => {
  test('an empty message encodes to nothing and decodes to proto3 defaults', () => {
    expect(encode(Everything, {})).toEqual(Buffer.alloc(0));
    expect(decode(Everything, Buffer.alloc(0))).toEqual(defaults);
  });

  test('default scalars are not written; bytes and messages absent stay undefined', () => {
    expect(encode(Everything, { text: '', flag: false, small: 0, names: [], tags: {} })).toEqual(Buffer.alloc(0));
    const decoded = decode(Everything, encode(Everything, { inner: {} }));
    expect(decoded.inner).toEqual({ label: '', count: 0 });
    expect(decoded.blob).toBeUndefined();
  });

  test('round trips every field kind', () => {
    const value = {
      text: 'héllo ✓',
      blob: Buffer.from([0, 1, 2, 255]),
      flag: true,
      small: -42,
      big: -1234567890123,
      unsigned: 2 ** 53 - 1,
      kind: 3,
      ratio: -1.5e-7,
      inner: { label: 'in', count: 7 },
      names: ['a', '', 'c'],
      numbers: [1, -1, 300, 2 ** 40],
      inners: [
        { label: 'x', count: 0 },
        { label: '', count: 1 },
      ],
      tags: { a: 'b', empty: '' },
      children: { one: { label: 'l', count: 1 }, none: { label: '', count: 0 } },
      maybe: 0,
      ratios: [0.5, -2],
    };
    expect(decode(Everything, encode(Everything, value))).toEqual(value);
  });

  test('int64 covers negatives and the safe integer range', () => {
    for (const big of [0, 1, -1, 127, 128, -128, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1)]) {
      expect(decode(Everything, encode(Everything, { big })).big).toBe(big);
    }
    // -1 is ten bytes on the wire: sign-extended to 64 bits
    expect(encode(Everything, { big: -1 })).toEqual(hex('28 ffffffffffffffffff01'));
    expect(encode(Everything, { small: -1 })).toEqual(hex('20 ffffffffffffffffff01'));
    expect(decode(Everything, hex('30 ffffffffffffffffff01')).unsigned).toBe(2 ** 64);
  });

  test('optional fields write their default and decode as present', () => {
    expect(encode(Everything, { maybe: 0 })).toEqual(hex('78 00'));
    expect(decode(Everything, hex('78 00')).maybe).toBe(0);
  });

  test('repeated numbers are written packed and read packed or unpacked', () => {
    expect(encode(Everything, { numbers: [1, 2, 300] })).toEqual(hex('5a 04 01 02 ac02'));
    expect(decode(Everything, hex('58 01 58 02 58 ac02')).numbers).toEqual([1, 2, 300]);
    expect(decode(Everything, hex('58 01 5a 02 02 03 58 04')).numbers).toEqual([1, 2, 3, 4]);
    expect(decode(Everything, encode(Everything, { ratios: [1, 2] })).ratios).toEqual([1, 2]);
  });

  test('maps are repeated key/value entries; a missing value is the default', () => {
    expect(encode(Everything, { tags: { k: 'v' } })).toEqual(hex('6a 06 0a016b 120176'));
    expect(decode(Everything, hex('6a 03 0a016b')).tags).toEqual({ k: '' });
    expect(decode(Everything, hex('72 03 0a016b')).children).toEqual({ k: { label: '', count: 0 } });
  });

  test('skips unknown fields of every wire type', () => {
    const unknown = hex(
      [
        'a806 96 01', // 101 varint
        'b106 0102030405060708', // 102 fixed64
        'ba06 03 616263', // 103 length-delimited
        'c506 01020304', // 104 fixed32
        'cb06 08 01 d206 00 cc06', // 105 group holding a varint and an empty string, then its end
      ].join(''),
    );
    const known = encode(Everything, { text: 'ok', inner: { label: 'i', count: 2 } });
    expect(decode(Everything, Buffer.concat([unknown, known, unknown]))).toEqual({
      ...defaults,
      text: 'ok',
      inner: { label: 'i', count: 2 },
    });
  });

  test('the last value of a repeated singular field wins', () => {
    expect(decode(Everything, hex('0a0161 0a0162')).text).toBe('b');
  });

  test('fails on truncated input', () => {
    expect(() => decode(Everything, hex('0a05 6162'))).toThrow(/truncated/);
    expect(() => decode(Everything, hex('28 ff'))).toThrow(/truncated/);
  });

  test('fails on a known field with the wrong wire type', () => {
    expect(() => decode(Everything, hex('0d 00000000'))).toThrow(/wire type/);
  });

  test('recursive types resolve through thunks', () => {
    const Node: MessageDesc = message('test.Node', { name: [1, 'string'], children: [2, () => Node, 'repeated'] });
    const tree = { name: 'root', children: [{ name: 'a', children: [{ name: 'b', children: [] }] }] };
    expect(decode(Node, encode(Node, tree))).toEqual(tree);
  });

  test('large messages encode and decode', () => {
    const blob = Buffer.alloc(5 * 1024 * 1024, 7);
    const names = Array.from({ length: 10_000 }, (_, i) => `name-${i}`);
    const decoded = decode(Everything, encode(Everything, { blob, names }));
    expect(blob.equals(decoded.blob as Buffer)).toBe(true); // (toEqual on 5 MiB is slow)
    expect(decoded.names).toEqual(names);
  });
});
