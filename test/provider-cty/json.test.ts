import { CtyPathError, DynamicValue, UNKNOWN, decodeJsonData, decodeJsonValue, encodeJsonValue, listOf, mapOf, objectOf, setOf, tupleOf } from '../../provider/cty';

const type = objectOf({
  id: 'string',
  size: 'number',
  enabled: 'bool',
  tags: mapOf('string'),
  zones: setOf('string'),
  disks: listOf(objectOf({ name: 'string', size_gb: 'number' })),
  pair: tupleOf(['string', 'number']),
  extra: 'dynamic',
});

describe('cty JSON (RawState)', () => {
  it('decodes plain state JSON, absent attributes as null', () => {
    const raw = '{"id":"srv-1","size":2,"tags":{"env":"prod"},"disks":[{"name":"root"}],"zones":["a"]}';
    expect(decodeJsonValue(Buffer.from(raw), type)).toEqual({
      id: 'srv-1',
      size: 2,
      enabled: null,
      tags: { env: 'prod' },
      zones: ['a'],
      disks: [{ name: 'root', size_gb: null }],
      pair: null,
      extra: null,
    });
  });

  it('reports an extra attribute with its path, or drops it on request', () => {
    const raw = '{"id":"x","disks":[{"name":"a","legacy":true}]}';
    let error: unknown;
    try {
      decodeJsonValue(raw, type);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CtyPathError);
    expect((error as CtyPathError).path).toEqual(['disks', { index: 0 }, 'legacy']);
    expect((error as CtyPathError).message).toBe('.disks[0].legacy: unsupported attribute');

    expect(decodeJsonValue(raw, type, { dropUnknownAttributes: true })).toMatchObject({ disks: [{ name: 'a', size_gb: null }] });
  });

  it('accepts numbers as strings and primitives where a string is expected, like ctyjson', () => {
    expect(decodeJsonValue('{"id":42,"size":"3.14","enabled":"true"}', type)).toMatchObject({ id: '42', size: 3.14, enabled: true });
  });

  it('names the path of a type mismatch', () => {
    expect(() => decodeJsonValue('{"tags":{"env":["x"]}}', type)).toThrow('.tags["env"]: "string" is required, got JSON array');
    expect(() => decodeJsonValue('{"size":"big"}', type)).toThrow('.size: "number" is required, got JSON string "big"');
    expect(() => decodeJsonValue('{"pair":["a"]}', type)).toThrow('.pair: a tuple of 2 elements is required, got 1');
    expect(() => decodeJsonValue('{', type)).toThrow(/invalid JSON/);
  });

  it('round-trips through encodeJsonValue, with every attribute in sorted order', () => {
    const value = {
      id: 'srv-1',
      size: 1.5,
      enabled: true,
      tags: { b: '2', a: '1' },
      zones: ['z'],
      disks: [{ name: 'root', size_gb: 20 }],
      pair: ['p', -3],
      extra: new DynamicValue(listOf('number'), [1]),
    };
    const json = encodeJsonValue(value, type);
    expect(json).toBe(
      '{"disks":[{"name":"root","size_gb":20}],"enabled":true,"extra":{"value":[1],"type":["list","number"]},' + '"id":"srv-1","pair":["p",-3],"size":1.5,"tags":{"a":"1","b":"2"},"zones":["z"]}',
    );
    expect(decodeJsonValue(json, type)).toEqual(value);
    expect(encodeJsonValue({ id: 'x' }, objectOf({ id: 'string', name: 'string' }))).toBe('{"id":"x","name":null}');
  });

  it('refuses to write unknown values', () => {
    expect(() => encodeJsonValue({ id: UNKNOWN }, type)).toThrow('.id: unknown values cannot be written as JSON');
  });

  it('decodes data already parsed as it decodes its JSON text, undefined as absent', () => {
    const data = { id: 'srv-1', size: 2, tags: { a: '1' }, disks: [{ name: 'root', size_gb: 20 }], zones: undefined, gone: 1 };
    expect(decodeJsonData(data, type, { dropUnknownAttributes: true })).toEqual(decodeJsonValue(JSON.stringify(data), type, { dropUnknownAttributes: true }));
    expect(() => decodeJsonData({ id: 3, size: 'big' }, type)).toThrow(CtyPathError);
    expect(() => decodeJsonData({ disks: [{ name: 'root', size_gb: 'x' }] }, type)).toThrow('.disks[0].size_gb: "number" is required, got JSON string "x"');
  });
});
