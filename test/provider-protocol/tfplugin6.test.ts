/** Spot checks of tfplugin6 wire bytes, derived by hand from the field numbers. */
import { decode, encode } from '../../provider/protocol/protobuf';
import { Diagnostic, DiagnosticSeverity, ObjectNestingMode, providerMethods, Schema, SchemaAttribute } from '../../provider/protocol/tfplugin6';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('tfplugin6 wire format', () => {
  test('a Diagnostic with an attribute path', () => {
    const diagnostic = {
      severity: DiagnosticSeverity.ERROR,
      summary: 'Bad',
      attribute: { steps: [{ attributeName: 'a' }, { elementKeyInt: 0 }] },
    };
    // 1: severity=1 | 2: "Bad" | 4: AttributePath{ 1: Step{1:"a"}, 1: Step{3: 0} }
    const expected = hex('0801 1203426164 2209 0a03 0a0161 0a02 1800');
    expect(encode(Diagnostic, diagnostic)).toEqual(expected);
    expect(decode(Diagnostic, expected)).toEqual({
      severity: 1,
      summary: 'Bad',
      detail: '',
      attribute: {
        steps: [
          { attributeName: 'a', elementKeyString: undefined, elementKeyInt: undefined },
          { attributeName: undefined, elementKeyString: undefined, elementKeyInt: 0 },
        ],
      },
    });
  });

  test('a map key step and a negative index keep their oneof member', () => {
    const path = { steps: [{ elementKeyString: '' }, { elementKeyInt: -1 }] };
    expect(encode(Diagnostic, { severity: 2, summary: '', attribute: path })).toEqual(hex('0802 2211 0a02 1200 0a0b 18ffffffffffffffffff01'));
  });

  test('GetProviderSchema: empty provider block, a resource, capabilities', () => {
    const m = providerMethods.GetProviderSchema;
    const bytes = encode(m.response, {
      provider: { block: {} },
      resourceSchemas: { x: { version: 1, block: {} } },
      serverCapabilities: { planDestroy: true, getProviderSchemaOptional: false },
    });
    // 1: Schema{2: Block{}} | 2: entry{1:"x", 2: Schema{1: 1, 2: {}}} | 6: {1: true}
    expect(bytes).toEqual(hex('0a02 1200 1209 0a0178 1204 0801 1200 3202 0801'));
  });

  test('a nested attribute (protocol 6 nested_type) with write_only', () => {
    const attribute = {
      name: 'quota',
      nestedType: { attributes: [{ name: 'cpu', type: Buffer.from('"number"'), optional: true }], nesting: ObjectNestingMode.SINGLE },
      optional: true,
      writeOnly: true,
    };
    const bytes = encode(SchemaAttribute, attribute);
    // inner Attribute: 1:"cpu" 2:'"number"' 5:true (17 bytes)
    const inner = '0a03637075 1208226e756d62657222 2801';
    // Object: 1: inner, 3: SINGLE (21 bytes)
    const object = `0a11 ${inner} 1801`;
    // Attribute: 1:"quota" 5:true 10: object 11:true
    expect(bytes).toEqual(hex(`0a0571756f7461 2801 5215 ${object} 5801`));
    expect(decode<{ nestedType: { attributes: { name: string }[] } }>(SchemaAttribute, bytes).nestedType.attributes[0].name).toBe('cpu');
  });

  test('PlanResourceChange request decodes prior state as not set on create', () => {
    const m = providerMethods.PlanResourceChange;
    const proposed = Buffer.from([0x81, 0xa2, 0x69, 0x64, 0xd4, 0x00, 0x00]); // {id: unknown}
    const bytes = encode(m.request, { typeName: 'hikube_tenant', proposedNewState: { msgpack: proposed }, config: { msgpack: proposed } });
    const request = decode<Record<string, unknown>>(m.request, bytes);
    expect(request).toMatchObject({ typeName: 'hikube_tenant', priorState: undefined, priorPrivate: undefined });
    expect((request.proposedNewState as { msgpack: Buffer }).msgpack).toEqual(proposed);
  });

  test('UpgradeResourceState carries the old state as JSON', () => {
    const m = providerMethods.UpgradeResourceState;
    const json = Buffer.from('{"id":"t1"}');
    const request = decode<Record<string, unknown>>(m.request, encode(m.request, { typeName: 't', version: 2, rawState: { json } }));
    expect(request).toEqual({ typeName: 't', version: 2, rawState: { json, flatmap: {} } });
  });

  test('StopProvider.Response keeps upstream field 1 (`Error`) as `error`', () => {
    expect(encode(providerMethods.StopProvider.response, { error: 'x' })).toEqual(hex('0a0178'));
  });

  test('Schema version is int64 field 1', () => {
    expect(encode(Schema, { version: 3, block: { attributes: [] } })).toEqual(hex('0803 1200'));
  });
});
