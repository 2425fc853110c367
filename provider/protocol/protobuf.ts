/**
 * A minimal proto3 runtime: messages are described by small field tables and
 * encoded/decoded to plain objects. It exists so the provider can speak gRPC
 * without loading a protobuf library at start-up (Terraform spawns providers often).
 *
 * Decoded values (proto3 semantics):
 * - string '' / numbers 0 / bool false / enum 0 when absent; repeated -> [], map -> {}.
 * - bytes and message fields are `undefined` when absent, so callers can tell "not set".
 *   (An empty bytes value is never sent by proto3 encoders, ours included.)
 * - fields marked `optional` (proto3 `optional` and oneof members) are `undefined` when absent.
 * - bytes are Buffer views into the input buffer (no copy).
 * - int64/uint64 are JS numbers: exact up to 2^53, which covers everything Terraform sends.
 */

export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'uint64' | 'enum' | 'double';

/** A message type, or a thunk for types that refer to each other (Block <-> NestedBlock). */
export type MessageRef = MessageDesc | (() => MessageDesc);

export interface MapType {
  readonly map: ScalarType | MessageRef;
}

export type FieldType = ScalarType | MessageRef | MapType;

/** How a field repeats or tracks presence; absent = singular, implicit presence. */
export type FieldRule = 'repeated' | 'optional';

/** One table row: [field number, type, rule?]. */
export type FieldRow = readonly [number, FieldType] | readonly [number, FieldType, FieldRule];

export interface MessageDesc {
  readonly name: string;
  /** camelCase object key -> [field number, type, rule?] */
  readonly fields: Readonly<Record<string, FieldRow>>;
}

/** Declares a message type; the name is for error messages and debugging only. */
export function message(name: string, fields: Record<string, FieldRow>): MessageDesc {
  return { name, fields };
}

export function mapOf(value: ScalarType | MessageRef): MapType {
  return { map: value };
}

// ---------------------------------------------------------------------------
// Compiled form: built lazily once per descriptor, keyed by field number.

type Kind = ScalarType | 'message' | 'map';

interface CompiledField {
  key: string;
  no: number;
  kind: Kind;
  rule: FieldRule | undefined;
  message?: MessageRef;
  /** for maps: the value's kind and message type */
  valueKind?: ScalarType | 'message';
  valueMessage?: MessageRef;
}

interface Compiled {
  list: CompiledField[];
  byNo: Map<number, CompiledField>;
}

const compiledCache = new WeakMap<MessageDesc, Compiled>();

function resolve(ref: MessageRef): MessageDesc {
  return typeof ref === 'function' ? ref() : ref;
}

function isMap(type: FieldType): type is MapType {
  return typeof type === 'object' && 'map' in type;
}

function compile(desc: MessageDesc): Compiled {
  let compiled = compiledCache.get(desc);
  if (compiled) return compiled;
  const list: CompiledField[] = [];
  for (const [key, row] of Object.entries(desc.fields)) {
    const [no, type, rule] = row;
    const field: CompiledField = { key, no, rule, kind: 'message' };
    if (typeof type === 'string') {
      field.kind = type;
    } else if (isMap(type)) {
      field.kind = 'map';
      if (typeof type.map === 'string') field.valueKind = type.map;
      else {
        field.valueKind = 'message';
        field.valueMessage = type.map;
      }
    } else {
      field.message = type;
    }
    list.push(field);
  }
  list.sort((a, b) => a.no - b.no);
  compiled = { list, byNo: new Map(list.map((f) => [f.no, f])) };
  compiledCache.set(desc, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------
// Wire types

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const START_GROUP = 3;
const END_GROUP = 4;
const FIXED32 = 5;

function wireTypeOf(kind: Kind): number {
  switch (kind) {
    case 'string':
    case 'bytes':
    case 'message':
    case 'map':
      return LEN;
    case 'double':
      return FIXED64;
    default:
      return VARINT;
  }
}

// ---------------------------------------------------------------------------
// Encoding

class Writer {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  varint(value: number): void {
    this.reserve(10);
    if (value >= 0 && value <= 0x7fffffff) {
      while (value > 0x7f) {
        this.buf[this.pos++] = (value & 0x7f) | 0x80;
        value >>>= 7;
      }
      this.buf[this.pos++] = value;
      return;
    }
    // Negative numbers are sign-extended to 64 bits (10 bytes), as protobuf requires.
    let big = BigInt.asUintN(64, BigInt(Math.trunc(value)));
    while (big > 0x7fn) {
      this.buf[this.pos++] = Number(big & 0x7fn) | 0x80;
      big >>= 7n;
    }
    this.buf[this.pos++] = Number(big);
  }

  tag(no: number, wireType: number): void {
    this.varint(no * 8 + wireType);
  }

  double(value: number): void {
    this.reserve(8);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  bytes(data: Uint8Array): void {
    this.varint(data.length);
    this.reserve(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  string(value: string): void {
    const len = Buffer.byteLength(value);
    this.varint(len);
    this.reserve(len);
    this.buf.write(value, this.pos, len, 'utf8');
    this.pos += len;
  }

  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

function isDefault(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return value === '';
    case 'bytes':
      return (value as Uint8Array).length === 0;
    case 'bool':
      return value === false;
    case 'message':
    case 'map':
      return false;
    default:
      return value === 0;
  }
}

function writeScalar(w: Writer, kind: ScalarType, value: unknown): void {
  switch (kind) {
    case 'string':
      w.string(value as string);
      break;
    case 'bytes':
      w.bytes(value as Uint8Array);
      break;
    case 'bool':
      w.varint(value ? 1 : 0);
      break;
    case 'double':
      w.double(value as number);
      break;
    default:
      w.varint(value as number);
  }
}

function writeField(w: Writer, no: number, kind: ScalarType | 'message', value: unknown, ref?: MessageRef): void {
  if (kind === 'message') {
    w.tag(no, LEN);
    w.bytes(encode(resolve(ref!), value as object));
  } else {
    w.tag(no, wireTypeOf(kind));
    writeScalar(w, kind, value);
  }
}

/** Encodes `obj` as `desc`. Absent (undefined/null) fields and proto3 defaults are omitted. */
export function encode(desc: MessageDesc, obj: object): Buffer {
  const w = new Writer();
  const record = obj as Record<string, unknown>;
  for (const f of compile(desc).list) {
    const value = record[f.key];
    if (value === undefined || value === null) continue;
    if (f.kind === 'map') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined || v === null) continue;
        const entry = new Writer();
        writeField(entry, 1, 'string', k);
        writeField(entry, 2, f.valueKind!, v, f.valueMessage);
        w.tag(f.no, LEN);
        w.bytes(entry.finish());
      }
    } else if (f.rule === 'repeated') {
      const items = value as unknown[];
      if (items.length === 0) continue;
      if (wireTypeOf(f.kind) !== LEN) {
        // proto3 packs repeated numbers into one length-delimited field.
        const packed = new Writer();
        for (const item of items) writeScalar(packed, f.kind as ScalarType, item);
        w.tag(f.no, LEN);
        w.bytes(packed.finish());
      } else {
        for (const item of items) writeField(w, f.no, f.kind, item, f.message);
      }
    } else {
      if (f.rule !== 'optional' && isDefault(f.kind, value)) continue;
      writeField(w, f.no, f.kind, value, f.message);
    }
  }
  return w.finish();
}

// ---------------------------------------------------------------------------
// Decoding

class Reader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  /** Reads a varint as a JS number; values >= 2^63 wrap negative (int64 semantics). */
  varint(): number {
    let value = 0;
    let shift = 0;
    let byte: number;
    // Up to 4 bytes (28 bits) stay in plain int arithmetic: the common case.
    do {
      if (this.pos >= this.end) throw new Error('protobuf: truncated varint');
      byte = this.buf[this.pos++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80 && shift < 28);
    if (!(byte & 0x80)) return value;
    let big = BigInt(value);
    let bigShift = 28n;
    do {
      if (this.pos >= this.end) throw new Error('protobuf: truncated varint');
      if (bigShift > 63n) throw new Error('protobuf: varint too long');
      byte = this.buf[this.pos++];
      big |= BigInt(byte & 0x7f) << bigShift;
      bigShift += 7n;
    } while (byte & 0x80);
    return Number(BigInt.asIntN(64, big));
  }

  lengthDelimited(): Buffer {
    const len = this.varint();
    const start = this.pos;
    if (len < 0 || start + len > this.end) throw new Error('protobuf: truncated field');
    this.pos += len;
    return this.buf.subarray(start, this.pos);
  }

  skip(wireType: number, no: number): void {
    switch (wireType) {
      case VARINT:
        this.varint();
        return;
      case FIXED64:
        this.pos += 8;
        break;
      case LEN:
        this.lengthDelimited();
        return;
      case FIXED32:
        this.pos += 4;
        break;
      case START_GROUP:
        // Deprecated groups: skip nested fields up to the matching END_GROUP.
        for (;;) {
          const tag = this.varint();
          if ((tag & 7) === END_GROUP) {
            if (tag >>> 3 !== no) throw new Error('protobuf: mismatched end group');
            return;
          }
          this.skip(tag & 7, tag >>> 3);
        }
      default:
        throw new Error(`protobuf: unsupported wire type ${wireType}`);
    }
    if (this.pos > this.end) throw new Error('protobuf: truncated field');
  }
}

function defaultOf(f: CompiledField): unknown {
  if (f.rule === 'repeated') return [];
  if (f.rule === 'optional') return undefined;
  switch (f.kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'bytes':
    case 'message':
      return undefined;
    case 'map':
      return {};
    default:
      return 0;
  }
}

function readScalar(r: Reader, kind: ScalarType, wireType: number): unknown {
  switch (kind) {
    case 'string':
      expectWire(wireType, LEN, kind);
      return r.lengthDelimited().toString('utf8');
    case 'bytes':
      expectWire(wireType, LEN, kind);
      return r.lengthDelimited();
    case 'bool':
      expectWire(wireType, VARINT, kind);
      return r.varint() !== 0;
    case 'double': {
      expectWire(wireType, FIXED64, kind);
      const value = r.buf.readDoubleLE(r.pos);
      r.pos += 8;
      return value;
    }
    case 'int32':
    case 'enum':
      expectWire(wireType, VARINT, kind);
      return r.varint() | 0;
    case 'uint64': {
      expectWire(wireType, VARINT, kind);
      const value = r.varint();
      return value < 0 ? Number(BigInt.asUintN(64, BigInt(value))) : value;
    }
    default:
      expectWire(wireType, VARINT, kind);
      return r.varint();
  }
}

function expectWire(actual: number, expected: number, kind: string): void {
  if (actual !== expected) throw new Error(`protobuf: ${kind} field has wire type ${actual}, expected ${expected}`);
}

function readValue(r: Reader, kind: ScalarType | 'message', wireType: number, ref?: MessageRef): unknown {
  if (kind !== 'message') return readScalar(r, kind, wireType);
  expectWire(wireType, LEN, 'message');
  const body = r.lengthDelimited();
  return decode(resolve(ref!), body);
}

function readMapEntry(r: Reader, f: CompiledField): [string, unknown] {
  const body = r.lengthDelimited();
  const entry = new Reader(body);
  let key = '';
  let value: unknown;
  while (entry.pos < entry.end) {
    const tag = entry.varint();
    const no = tag >>> 3;
    if (no === 1) key = readScalar(entry, 'string', tag & 7) as string;
    else if (no === 2) value = readValue(entry, f.valueKind!, tag & 7, f.valueMessage);
    else entry.skip(tag & 7, no);
  }
  if (value === undefined) {
    // An absent map value is the type's default; for messages that is the empty message.
    value = f.valueKind === 'message' ? decode(resolve(f.valueMessage!), Buffer.alloc(0)) : defaultOf({ key: '', no: 2, kind: f.valueKind!, rule: undefined });
  }
  return [key, value];
}

/** Decodes `buf` as `desc`; unknown fields of any wire type are skipped. */
export function decode<T = Record<string, unknown>>(desc: MessageDesc, buf: Buffer): T {
  const { list, byNo } = compile(desc);
  const out: Record<string, unknown> = {};
  for (const f of list) out[f.key] = defaultOf(f);
  const r = new Reader(buf);
  while (r.pos < r.end) {
    const tag = r.varint();
    const no = tag >>> 3;
    const wireType = tag & 7;
    const f = byNo.get(no);
    if (!f) {
      r.skip(wireType, no);
      continue;
    }
    if (f.kind === 'map') {
      expectWire(wireType, LEN, 'map');
      const [key, value] = readMapEntry(r, f);
      (out[f.key] as Record<string, unknown>)[key] = value;
    } else if (f.rule === 'repeated') {
      const items = out[f.key] as unknown[];
      if (wireType === LEN && wireTypeOf(f.kind) !== LEN) {
        // Packed numbers: one length-delimited run of values.
        const body = r.lengthDelimited();
        const packed = new Reader(body);
        while (packed.pos < packed.end) items.push(readScalar(packed, f.kind as ScalarType, wireTypeOf(f.kind)));
      } else {
        items.push(readValue(r, f.kind, wireType, f.message));
      }
    } else {
      // For a repeated occurrence of a singular field the last one wins (proto3 rule);
      // messages should be merged, but no Terraform peer splits them.
      out[f.key] = readValue(r, f.kind, wireType, f.message);
    }
  }
  return out as T;
}
