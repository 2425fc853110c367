export * from './types';
export * from './value';
export * from './path';
export { encodeValue, decodeValue } from './msgpack';
export { encodeJsonValue, decodeJsonValue, decodeJsonData } from './json';
export type { JsonDecodeOptions } from './json';
