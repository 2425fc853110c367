/**
 * cty values <-> msgpack, the DynamicValue encoding of Terraform plugin protocol 6.
 * Hand-written (no msgpack dependency) and only as wide as cty needs.
 *
 * Encoding follows go-cty: object attributes and map keys in sorted order, the
 * smallest int width for integers, float64 otherwise, unknown as `d4 00 00`,
 * and a dynamic value as [type JSON (bin), value].
 */
import { CtyPath, CtyPathError, PathStep } from './path';
import { CtyType, attributeTypes, defineOwn, elementType, sortedAttributeNames, tupleElementTypes, typeFromJson, typeKind, typeToJson } from './types';
import { CtyObject, CtyValue, DynamicValue, UNKNOWN, Unknown, attr, inferType, isCtyObject, isDynamicValue, isUnknown, parseNumberText } from './value';

const EXT_UNKNOWN = 0;
const EXT_REFINED_UNKNOWN = 12;
// go-cty refuses bigger refinement bodies as abusive; so do we.
const MAX_REFINEMENT_BYTES = 1024;
const TWO_POW_63 = 2 ** 63;

export function encodeValue(value: CtyValue, type: CtyType): Buffer {
  const w = new Writer();
  encode(w, value, type, []);
  return w.finish();
}

export function decodeValue(buf: Uint8Array, type: CtyType): CtyValue {
  const r = new Reader(buf);
  const value = decode(r, type, []);
  if (r.pos !== r.buf.length) throw new CtyPathError([], `${r.buf.length - r.pos} trailing bytes after the value`);
  return value;
}

// ---------- encoding ----------
// `path` is one stack per call of encodeValue/decodeValue, pushed and popped on the way down
// (no copy per value: Terraform sends every resource's state several times per plan).

function encode(w: Writer, v: CtyValue, type: CtyType, path: PathStep[]): void {
  if (type === 'dynamic' && v !== null && !isUnknown(v)) return encodeDynamic(w, v, path);
  if (v === null || v === undefined) return w.byte(0xc0);
  if (isUnknown(v)) return encodeUnknown(w, type === 'dynamic' ? UNKNOWN : v); // cty forbids refinements on dynamic
  if (isDynamicValue(v)) throw new CtyPathError(path, `dynamic value given where ${typeToJson(type)} is expected`);
  const fail = (): never => {
    throw new CtyPathError(path, `cannot encode ${describe(v)} as ${typeToJson(type)}`);
  };
  switch (typeKind(type)) {
    case 'string':
      return typeof v === 'string' ? w.str(v) : fail();
    case 'number':
      return typeof v === 'number' && !Number.isNaN(v) ? w.number(v) : fail();
    case 'bool':
      return typeof v === 'boolean' ? w.byte(v ? 0xc3 : 0xc2) : fail();
    case 'list':
    case 'set':
    case 'tuple': {
      if (!Array.isArray(v)) return fail();
      const tuple = tupleElementTypes(type);
      if (tuple && tuple.length !== v.length) throw new CtyPathError(path, `tuple needs ${tuple.length} elements, got ${v.length}`);
      const element = elementType(type);
      w.arrayHeader(v.length);
      v.forEach((ev, i) => {
        path.push({ index: i });
        encode(w, ev, tuple ? tuple[i] : element!, path);
        path.pop();
      });
      return;
    }
    case 'map': {
      if (!isCtyObject(v)) return fail();
      const element = elementType(type)!;
      const keys = Object.keys(v).sort();
      w.mapHeader(keys.length);
      for (const k of keys) {
        w.str(k);
        path.push({ key: k });
        encode(w, v[k], element, path);
        path.pop();
      }
      return;
    }
    case 'object': {
      if (!isCtyObject(v)) return fail();
      const attrs = attributeTypes(type);
      const extra = Object.keys(v).find((k) => !Object.prototype.hasOwnProperty.call(attrs, k));
      if (extra !== undefined) throw new CtyPathError([...path, extra], 'attribute is not in the type');
      // Every attribute of the type, sorted like cty.
      const names = sortedAttributeNames(type);
      w.mapHeader(names.length);
      for (const name of names) {
        w.str(name);
        path.push(name);
        encode(w, attr(v, name), attrs[name], path);
        path.pop();
      }
      return;
    }
    case 'dynamic': // handled by encodeDynamic above, so never reached
      return fail();
  }
}

function encodeDynamic(w: Writer, v: CtyValue, path: PathStep[]): void {
  const concrete = isDynamicValue(v) ? v.type : inferType(v);
  if (concrete === 'dynamic' && isDynamicValue(v)) return encode(w, v.value, 'dynamic', path);
  w.arrayHeader(2);
  w.bin(Buffer.from(typeToJson(concrete)));
  encode(w, isDynamicValue(v) ? v.value : v, concrete, path);
}

function encodeUnknown(w: Writer, u: Unknown): void {
  if (!u.refinements || u.refinements.length === 0) return w.raw([0xd4, EXT_UNKNOWN, 0]);
  w.extHeader(EXT_REFINED_UNKNOWN, u.refinements.length);
  w.raw(u.refinements);
}

function describe(v: CtyValue): string {
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

class Writer {
  private buf = Buffer.allocUnsafe(256);
  private len = 0;

  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }

  /**
   * Makes room for `n` more bytes and returns the buffer and offset to write them at.
   * Callers must use the returned buffer: `this.buf` may be replaced by the growth.
   */
  private room(n: number): [Buffer, number] {
    if (this.len + n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    const at = this.len;
    this.len += n;
    return [this.buf, at];
  }

  byte(b: number): void {
    const [buf, at] = this.room(1);
    buf[at] = b;
  }

  raw(bytes: ArrayLike<number>): void {
    const [buf, at] = this.room(bytes.length);
    for (let i = 0; i < bytes.length; i++) buf[at + i] = bytes[i];
  }

  /** Integers in the smallest msgpack int form (like go-cty's compact encoder); anything else, or beyond int64, as float64. */
  number(n: number): void {
    if (!Number.isInteger(n) || n < -TWO_POW_63 || n >= TWO_POW_63) return this.fixed(0xcb, 8, (b, at) => b.writeDoubleBE(n, at));
    if (n >= 0) {
      if (n < 0x80) return this.byte(n);
      if (n <= 0xff) return this.raw([0xcc, n]);
      if (n <= 0xffff) return this.fixed(0xcd, 2, (b, at) => b.writeUInt16BE(n, at));
      if (n <= 0xffffffff) return this.fixed(0xce, 4, (b, at) => b.writeUInt32BE(n, at));
      return this.fixed(0xcf, 8, (b, at) => b.writeBigUInt64BE(BigInt(n), at));
    }
    if (n >= -32) return this.byte(n & 0xff);
    if (n >= -0x80) return this.raw([0xd0, n & 0xff]);
    if (n >= -0x8000) return this.fixed(0xd1, 2, (b, at) => b.writeInt16BE(n, at));
    if (n >= -0x80000000) return this.fixed(0xd2, 4, (b, at) => b.writeInt32BE(n, at));
    return this.fixed(0xd3, 8, (b, at) => b.writeBigInt64BE(BigInt(n), at));
  }

  str(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    if (n < 32) this.byte(0xa0 | n);
    else if (n <= 0xff) this.raw([0xd9, n]);
    else this.length(0xda, n);
    const [buf, at] = this.room(n);
    buf.write(s, at, 'utf8');
  }

  bin(b: Uint8Array): void {
    if (b.length <= 0xff) this.raw([0xc4, b.length]);
    else this.length(0xc5, b.length);
    this.raw(b);
  }

  arrayHeader(n: number): void {
    if (n < 16) this.byte(0x90 | n);
    else this.length(0xdc, n);
  }

  mapHeader(n: number): void {
    if (n < 16) this.byte(0x80 | n);
    else this.length(0xde, n);
  }

  extHeader(extType: number, n: number): void {
    const fixext = [1, 2, 4, 8, 16].indexOf(n);
    if (fixext >= 0) this.raw([0xd4 + fixext, extType]);
    else if (n <= 0xff) this.raw([0xc7, n, extType]);
    else {
      this.length(0xc8, n);
      this.byte(extType);
    }
  }

  /** A 16-bit length after `marker16`, or a 32-bit one after the next marker (msgpack always pairs them so). */
  private length(marker16: number, n: number): void {
    if (n <= 0xffff) this.fixed(marker16, 2, (b, at) => b.writeUInt16BE(n, at));
    else this.fixed(marker16 + 1, 4, (b, at) => b.writeUInt32BE(n, at));
  }

  /** A marker byte followed by `size` bytes that `write` fills in. */
  private fixed(marker: number, size: number, write: (buf: Buffer, at: number) => void): void {
    const [buf, at] = this.room(1 + size);
    buf[at] = marker;
    write(buf, at + 1);
  }
}

// ---------- decoding ----------

function decode(r: Reader, type: CtyType, path: PathStep[]): CtyValue {
  const b = r.peek(path);
  if (isExt(b)) {
    const u = decodeUnknown(r, path);
    return type === 'dynamic' ? UNKNOWN : u; // like cty, ignore refinements on a dynamic unknown
  }
  if (b === 0xc0) {
    r.pos++;
    return null;
  }
  switch (typeKind(type)) {
    case 'string':
      return r.string(path, 'string');
    case 'number':
      return r.number(path);
    case 'bool':
      if (b !== 0xc2 && b !== 0xc3) throw r.mismatch(path, 'bool');
      r.pos++;
      return b === 0xc3;
    case 'dynamic': {
      if (r.arrayLength(path, 'dynamic value [type, value]') !== 2) {
        throw new CtyPathError(path, 'a dynamic value must be a 2-element array [type, value]');
      }
      const concrete = r.bytesOrString(path);
      let t: CtyType;
      try {
        t = typeFromJson(concrete);
      } catch (e) {
        throw new CtyPathError(path, (e as Error).message);
      }
      return new DynamicValue(t, decode(r, t, path));
    }
    case 'list':
    case 'set': {
      const element = elementType(type)!;
      const n = r.arrayLength(path, typeKind(type));
      const out: CtyValue[] = [];
      for (let i = 0; i < n; i++) {
        path.push({ index: i });
        out.push(decode(r, element, path));
        path.pop();
      }
      return out;
    }
    case 'tuple': {
      const elements = tupleElementTypes(type)!;
      const n = r.arrayLength(path, 'tuple');
      if (n !== elements.length) throw new CtyPathError(path, `a tuple of ${elements.length} elements is required, got ${n}`);
      return elements.map((et, i) => {
        path.push({ index: i });
        const value = decode(r, et, path);
        path.pop();
        return value;
      });
    }
    case 'map': {
      const element = elementType(type)!;
      const n = r.mapLength(path, 'map');
      const out: CtyObject = {};
      for (let i = 0; i < n; i++) {
        const key = r.string(path, 'string map key');
        path.push({ key });
        defineOwn(out, key, decode(r, element, path));
        path.pop();
      }
      return out;
    }
    case 'object': {
      const attrs = attributeTypes(type);
      const n = r.mapLength(path, 'object');
      const out: CtyObject = {};
      for (const name of Object.keys(attrs)) defineOwn(out, name, null); // attributes Terraform left out are null
      for (let i = 0; i < n; i++) {
        const name = r.string(path, 'attribute name');
        path.push(name);
        if (!Object.prototype.hasOwnProperty.call(attrs, name)) throw new CtyPathError(path, 'unsupported attribute');
        defineOwn(out, name, decode(r, attrs[name], path));
        path.pop();
      }
      return out;
    }
  }
}

function isExt(b: number): boolean {
  return (b >= 0xd4 && b <= 0xd8) || (b >= 0xc7 && b <= 0xc9);
}

/** Ext 0 (or any ext of length <= 1, as go-cty accepts) is a plain unknown; ext 12 with a body is a refined one. */
function decodeUnknown(r: Reader, path: CtyPath): Unknown {
  const { extType, body } = r.ext(path);
  if (body.length <= 1) return UNKNOWN;
  if (extType !== EXT_REFINED_UNKNOWN) throw new CtyPathError(path, `unsupported msgpack extension type ${extType} (${body.length} bytes)`);
  if (body.length > MAX_REFINEMENT_BYTES) throw new CtyPathError(path, 'oversize unknown value refinement');
  const first = body[0];
  if (!((first >= 0x80 && first <= 0x8f) || first === 0xde || first === 0xdf)) {
    throw new CtyPathError(path, 'unknown value refinements must be a msgpack map');
  }
  return Unknown.refined(body);
}

class Reader {
  pos = 0;
  readonly buf: Buffer;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  peek(path: CtyPath): number {
    if (this.pos >= this.buf.length) throw new CtyPathError(path, 'unexpected end of msgpack data');
    return this.buf[this.pos];
  }

  /** Consumes `n` bytes and returns where they start. */
  private take(n: number, path: CtyPath): number {
    if (this.pos + n > this.buf.length) throw new CtyPathError(path, 'unexpected end of msgpack data');
    const at = this.pos;
    this.pos += n;
    return at;
  }

  mismatch(path: CtyPath, wanted: string): CtyPathError {
    return new CtyPathError(path, `${wanted} is required, got msgpack ${describeByte(this.buf[this.pos])}`);
  }

  number(path: CtyPath): number {
    const b = this.peek(path);
    if (b <= 0x7f) return this.buf[this.take(1, path)];
    if (b >= 0xe0) return this.buf.readInt8(this.take(1, path));
    switch (b) {
      case 0xcc:
        return this.buf[this.skip1(path)];
      case 0xcd:
        return this.buf.readUInt16BE(this.skip1(path, 2));
      case 0xce:
        return this.buf.readUInt32BE(this.skip1(path, 4));
      case 0xcf:
        return Number(this.buf.readBigUInt64BE(this.skip1(path, 8)));
      case 0xd0:
        return this.buf.readInt8(this.skip1(path));
      case 0xd1:
        return this.buf.readInt16BE(this.skip1(path, 2));
      case 0xd2:
        return this.buf.readInt32BE(this.skip1(path, 4));
      case 0xd3:
        return Number(this.buf.readBigInt64BE(this.skip1(path, 8)));
      case 0xca:
        return this.buf.readFloatBE(this.skip1(path, 4));
      case 0xcb:
        return this.buf.readDoubleBE(this.skip1(path, 8));
    }
    if (!isStrMarker(b)) throw this.mismatch(path, 'number');
    // cty sends numbers it cannot hold exactly in int64/float64 as decimal text.
    const text = this.string(path, 'number');
    const n = parseNumberText(text);
    if (n === undefined) throw new CtyPathError(path, `number is required, got string ${JSON.stringify(text)}`);
    return n;
  }

  /** Skips the marker byte, reserves `n` payload bytes, returns the payload offset. */
  private skip1(path: CtyPath, n = 1): number {
    this.take(1, path);
    return this.take(n, path);
  }

  string(path: CtyPath, wanted: string): string {
    const b = this.peek(path);
    if (!isStrMarker(b) && !isBinMarker(b)) throw this.mismatch(path, wanted);
    return this.rawBytes(path).toString('utf8');
  }

  /** The type JSON of a dynamic value: cty writes bin, but accept str too. */
  bytesOrString(path: CtyPath): Buffer {
    const b = this.peek(path);
    if (!isStrMarker(b) && !isBinMarker(b)) throw this.mismatch(path, 'type JSON (bin or str)');
    return this.rawBytes(path);
  }

  private rawBytes(path: CtyPath): Buffer {
    const b = this.buf[this.take(1, path)];
    let n: number;
    if ((b & 0xe0) === 0xa0) n = b & 0x1f;
    else if (b === 0xd9 || b === 0xc4) n = this.buf[this.take(1, path)];
    else if (b === 0xda || b === 0xc5) n = this.buf.readUInt16BE(this.take(2, path));
    else n = this.buf.readUInt32BE(this.take(4, path));
    const at = this.take(n, path);
    return this.buf.subarray(at, at + n);
  }

  arrayLength(path: CtyPath, wanted: string): number {
    const b = this.peek(path);
    if ((b & 0xf0) === 0x90) return this.buf[this.take(1, path)] & 0x0f;
    if (b === 0xdc) return this.buf.readUInt16BE(this.skip1(path, 2));
    if (b === 0xdd) return this.buf.readUInt32BE(this.skip1(path, 4));
    throw this.mismatch(path, wanted);
  }

  mapLength(path: CtyPath, wanted: string): number {
    const b = this.peek(path);
    if ((b & 0xf0) === 0x80) return this.buf[this.take(1, path)] & 0x0f;
    if (b === 0xde) return this.buf.readUInt16BE(this.skip1(path, 2));
    if (b === 0xdf) return this.buf.readUInt32BE(this.skip1(path, 4));
    throw this.mismatch(path, wanted);
  }

  ext(path: CtyPath): { extType: number; body: Buffer } {
    const b = this.buf[this.take(1, path)];
    let n: number;
    if (b >= 0xd4 && b <= 0xd8) n = 1 << (b - 0xd4);
    else if (b === 0xc7) n = this.buf[this.take(1, path)];
    else if (b === 0xc8) n = this.buf.readUInt16BE(this.take(2, path));
    else n = this.buf.readUInt32BE(this.take(4, path));
    const extType = this.buf.readInt8(this.take(1, path));
    const at = this.take(n, path);
    return { extType, body: this.buf.subarray(at, at + n) };
  }
}

function isStrMarker(b: number): boolean {
  return (b & 0xe0) === 0xa0 || b === 0xd9 || b === 0xda || b === 0xdb;
}

function isBinMarker(b: number): boolean {
  return b === 0xc4 || b === 0xc5 || b === 0xc6;
}

function describeByte(b: number): string {
  const hex = `0x${b.toString(16).padStart(2, '0')}`;
  if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) return `integer (${hex})`;
  if (b === 0xca || b === 0xcb) return `float (${hex})`;
  if (isStrMarker(b)) return `string (${hex})`;
  if (isBinMarker(b)) return `binary (${hex})`;
  if ((b & 0xf0) === 0x90 || b === 0xdc || b === 0xdd) return `array (${hex})`;
  if ((b & 0xf0) === 0x80 || b === 0xde || b === 0xdf) return `map (${hex})`;
  if (b === 0xc2 || b === 0xc3) return `bool (${hex})`;
  return hex;
}
