import { CtyType, listOf, mapOf, objectOf, setOf, tupleOf, typeEqual, typeFromJson, typeToJson } from '../../provider/cty';

describe('cty type JSON', () => {
  const cases: [CtyType, string][] = [
    ['string', '"string"'],
    ['number', '"number"'],
    ['bool', '"bool"'],
    ['dynamic', '"dynamic"'],
    [listOf('string'), '["list","string"]'],
    [setOf('number'), '["set","number"]'],
    [mapOf(listOf('bool')), '["map",["list","bool"]]'],
    [tupleOf(['string', 'number']), '["tuple",["string","number"]]'],
    // attributes sorted, like Go's encoding/json
    [objectOf({ name: 'string', id: 'string', tags: mapOf('string') }), '["object",{"id":"string","name":"string","tags":["map","string"]}]'],
    [objectOf({ b: 'string', a: 'number' }, ['b', 'a']), '["object",{"a":"number","b":"string"},["a","b"]]'],
    [objectOf({}), '["object",{}]'],
  ];

  it.each(cases)('%j <-> %s', (type, json) => {
    expect(typeToJson(type)).toBe(json);
    expect(typeEqual(typeFromJson(json), type)).toBe(true);
    expect(typeFromJson(Buffer.from(json))).toEqual(typeFromJson(json));
  });

  it('keeps an attribute named __proto__ as a real attribute', () => {
    const t = typeFromJson('["object",{"__proto__":"string"}]');
    expect(typeToJson(t)).toBe('["object",{"__proto__":"string"}]');
  });

  it.each(['"str"', '["list"]', '["list","string","x"]', '["object",{"a":"string"},["b"]]', '["tuple","string"]', 'nope', '42'])('rejects %s', (json) => {
    expect(() => typeFromJson(json)).toThrow(/invalid cty type/);
  });
});
