/**
 * Cross-checks our tfplugin6 tables against the proto descriptor compiled into the
 * `terraform` binary on PATH (Go embeds each .proto file's FileDescriptorProto).
 * This is the authoritative source for the version we run against.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { decode, message, MessageDesc } from '../../provider/protocol/protobuf';
import * as tf from '../../provider/protocol/tfplugin6';
import { createProviderHandlers } from '../../provider/framework/server';
import { hikubeProvider } from '../../provider/provider';

// google/protobuf/descriptor.proto, only the parts we compare.
const FieldDescriptorProto = message('google.protobuf.FieldDescriptorProto', {
  name: [1, 'string'],
  number: [3, 'int32'],
  label: [4, 'enum'],
  type: [5, 'enum'],
  typeName: [6, 'string'],
  oneofIndex: [9, 'int32', 'optional'],
  proto3Optional: [17, 'bool'],
});
const EnumDescriptorProto = message('google.protobuf.EnumDescriptorProto', {
  name: [1, 'string'],
  value: [2, message('google.protobuf.EnumValueDescriptorProto', { name: [1, 'string'], number: [2, 'int32'] }), 'repeated'],
});
const DescriptorProto: MessageDesc = message('google.protobuf.DescriptorProto', {
  name: [1, 'string'],
  field: [2, FieldDescriptorProto, 'repeated'],
  nestedType: [3, () => DescriptorProto, 'repeated'],
  enumType: [4, EnumDescriptorProto, 'repeated'],
  options: [7, message('google.protobuf.MessageOptions', { mapEntry: [7, 'bool'] })],
});
const FileDescriptorProto = message('google.protobuf.FileDescriptorProto', {
  name: [1, 'string'],
  package: [2, 'string'],
  messageType: [4, DescriptorProto, 'repeated'],
  enumType: [5, EnumDescriptorProto, 'repeated'],
  service: [
    6,
    message('google.protobuf.ServiceDescriptorProto', {
      name: [1, 'string'],
      method: [
        2,
        message('google.protobuf.MethodDescriptorProto', {
          name: [1, 'string'],
          inputType: [2, 'string'],
          outputType: [3, 'string'],
        }),
        'repeated',
      ],
    }),
    'repeated',
  ],
});

interface Field {
  name: string;
  number: number;
  label: number;
  type: number;
  typeName: string;
  oneofIndex?: number;
}
interface Msg {
  name: string;
  field: Field[];
  nestedType: Msg[];
  enumType: Enum[];
  options?: { mapEntry: boolean };
}
interface Enum {
  name: string;
  value: { name: string; number: number }[];
}
interface File {
  messageType: Msg[];
  enumType: Enum[];
  service: { name: string; method: { name: string; inputType: string; outputType: string }[] }[];
}

function terraformBinary(): string {
  return realpathSync(execFileSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).trim());
}

/** Finds the embedded descriptor and reads top-level fields for as long as they parse. */
function embeddedDescriptor(binary: string): File {
  const data = readFileSync(binary);
  const start = data.indexOf(Buffer.from('\n\x0ftfplugin6.proto\x12\x09tfplugin6', 'latin1'));
  if (start < 0) throw new Error('no tfplugin6 descriptor in ' + binary);
  const known = new Set([1, 2, 3, 4, 5, 6, 8, 12]);
  let pos = start;
  const varint = () => {
    let value = 0;
    let mul = 1;
    for (;;) {
      const b = data[pos++];
      value += (b & 0x7f) * mul;
      mul *= 128;
      if (!(b & 0x80)) return value;
    }
  };
  for (;;) {
    const save = pos;
    const tag = varint();
    if (tag % 8 !== 2 || !known.has(Math.floor(tag / 8))) {
      pos = save;
      break;
    }
    const len = varint(); // (not `pos += varint()`: that reads pos before the call)
    pos += len;
    if (tag >>> 3 === 12) break; // `syntax` is written last
  }
  return decode<File>(FileDescriptorProto, data.subarray(start, pos));
}

const TYPE: Record<number, string> = { 1: 'double', 3: 'int64', 4: 'uint64', 5: 'int32', 8: 'bool', 9: 'string', 11: 'message', 12: 'bytes', 14: 'enum' };
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase());

// Terraform is required (CI installs it): without it this suite fails rather than skips.
const binary = terraformBinary();

describe('tfplugin6 tables vs the descriptor inside terraform', () => {
  const file = embeddedDescriptor(binary);
  const messages = new Map<string, Msg>();
  const enums = new Map<string, Enum>();
  const walk = (prefix: string, list: Msg[], enumList: Enum[]) => {
    for (const e of enumList) enums.set(`${prefix}.${e.name}`, e);
    for (const m of list) {
      messages.set(`${prefix}.${m.name}`, m);
      walk(`${prefix}.${m.name}`, m.nestedType, m.enumType);
    }
  };
  walk('tfplugin6', file.messageType, file.enumType);

  // Every descriptor reachable from the method table.
  const ours = new Map<string, MessageDesc>();
  const collect = (desc: MessageDesc) => {
    if (ours.has(desc.name)) return;
    ours.set(desc.name, desc);
    for (const [, type] of Object.values(desc.fields)) {
      const ref = typeof type === 'object' && 'map' in type ? type.map : type;
      if (typeof ref === 'function') collect(ref());
      else if (typeof ref === 'object') collect(ref);
    }
  };
  for (const m of Object.values(tf.providerMethods)) {
    collect(m.request);
    collect(m.response);
  }

  test('the service has exactly our methods, with our message types', () => {
    const service = file.service.find((s) => s.name === 'Provider')!;
    const theirs = Object.fromEntries(service.method.map((m) => [m.name, [m.inputType, m.outputType]]));
    const mine = Object.fromEntries(Object.entries(tf.providerMethods).map(([name, m]) => [name, [`.${m.request.name}`, `.${m.response.name}`]]));
    expect(mine).toEqual(theirs);
    for (const [name, m] of Object.entries(tf.providerMethods)) expect(m.path).toBe(`/tfplugin6.Provider/${name}`);
  });

  test.each([...ours.keys()].filter((n) => n.startsWith('tfplugin6.')))('%s matches field for field', (name) => {
    const desc = ours.get(name)!;
    const proto = messages.get(name);
    expect(proto).toBeDefined();
    const deprecated = name === 'tfplugin6.Schema.Object' ? [4, 5] : [];
    const theirs = proto!.field
      .filter((f) => !deprecated.includes(f.number))
      .map((f) => {
        const entry = f.type === 11 ? messages.get(f.typeName.slice(1)) : undefined;
        const isMap = entry?.options?.mapEntry === true;
        const value = isMap ? entry!.field.find((x) => x.number === 2)! : f;
        return {
          key: camel(f.name),
          no: f.number,
          type: TYPE[value.type],
          typeName: value.type === 11 ? value.typeName : undefined,
          map: isMap,
          rule: isMap ? undefined : f.label === 3 ? 'repeated' : f.oneofIndex !== undefined ? 'optional' : undefined,
        };
      })
      .sort((a, b) => a.no - b.no);
    const mine = Object.entries(desc.fields)
      .map(([key, [no, type, rule]]) => {
        const isMap = typeof type === 'object' && 'map' in type;
        const value = isMap ? type.map : type;
        const resolved = typeof value === 'function' ? value() : value;
        return {
          key,
          no,
          type: typeof resolved === 'string' ? resolved : 'message',
          typeName: typeof resolved === 'string' ? undefined : `.${resolved.name}`,
          map: isMap,
          rule,
        };
      })
      .sort((a, b) => a.no - b.no);
    expect(mine).toEqual(theirs);
  });

  // Write-only attributes (Terraform 1.11) and ephemeral resources (1.10) hang on these fields:
  // checked by name in Terraform's descriptor, and against the tables we encode with.
  test.each([
    ['tfplugin6.Schema.Attribute', 'write_only', tf.SchemaAttribute, 'writeOnly', 11],
    ['tfplugin6.Schema.Attribute', 'deprecated', tf.SchemaAttribute, 'deprecated', 9],
    ['tfplugin6.ClientCapabilities', 'write_only_attributes_allowed', tf.ClientCapabilities, 'writeOnlyAttributesAllowed', 2],
    ['tfplugin6.ValidateResourceConfig.Request', 'client_capabilities', tf.providerMethods.ValidateResourceConfig.request, 'clientCapabilities', 3],
    ['tfplugin6.GetMetadata.Response', 'ephemeral_resources', tf.providerMethods.GetMetadata.response, 'ephemeralResources', 6],
    ['tfplugin6.GetProviderSchema.Response', 'ephemeral_resource_schemas', tf.providerMethods.GetProviderSchema.response, 'ephemeralResourceSchemas', 8],
    ['tfplugin6.OpenEphemeralResource.Request', 'config', tf.providerMethods.OpenEphemeralResource.request, 'config', 2],
    ['tfplugin6.OpenEphemeralResource.Response', 'result', tf.providerMethods.OpenEphemeralResource.response, 'result', 3],
    ['tfplugin6.OpenEphemeralResource.Response', 'renew_at', tf.providerMethods.OpenEphemeralResource.response, 'renewAt', 2],
    ['tfplugin6.CloseEphemeralResource.Request', 'private', tf.providerMethods.CloseEphemeralResource.request, 'private', 2],
  ] as const)('%s.%s', (message, field, desc, key, no) => {
    expect(messages.get(message)!.field.find((f) => f.name === field)?.number).toBe(no);
    expect(desc.fields[key]?.[0]).toBe(no);
  });

  test('every RPC of the service that our provider needs has a handler, ephemeral resources included', () => {
    const handlers = createProviderHandlers(hikubeProvider, { debug() {}, info() {}, warn() {}, error() {} });
    const service = file.service.find((s) => s.name === 'Provider')!;
    const unhandled = service.method.map((m) => m.name).filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function');
    expect(unhandled).toEqual(['CallFunction']); // we define no functions: Terraform never calls it
  });

  test.each([
    ['tfplugin6.Diagnostic.Severity', tf.DiagnosticSeverity],
    ['tfplugin6.StringKind', tf.StringKind],
    ['tfplugin6.Schema.NestedBlock.NestingMode', tf.BlockNestingMode],
    ['tfplugin6.Schema.Object.NestingMode', tf.ObjectNestingMode],
    ['tfplugin6.Deferred.Reason', tf.DeferredReason],
  ])('enum %s has the same values', (name, tsEnum) => {
    const theirs = Object.fromEntries(enums.get(name)!.value.map((v) => [v.name, v.number]));
    const mine = Object.fromEntries(Object.entries(tsEnum).filter(([, v]) => typeof v === 'number'));
    expect(mine).toEqual(theirs);
  });
});
