import { encodeGrpcMessage, frame, GrpcError, GrpcStatus, unframe } from '../../provider/plugin/grpc';

describe('gRPC framing', () => {
  test('frames carry a zero compression flag and a big-endian length', () => {
    expect(frame(Buffer.from('abc'))).toEqual(Buffer.from([0, 0, 0, 0, 3, 0x61, 0x62, 0x63]));
    expect(frame(Buffer.alloc(0))).toEqual(Buffer.alloc(5));
  });

  test('unframe splits consecutive messages', () => {
    const data = Buffer.concat([frame(Buffer.from('a')), frame(Buffer.alloc(0)), frame(Buffer.from('bc'))]);
    expect(unframe(data, 10).map(String)).toEqual(['a', '', 'bc']);
  });

  test.each([
    ['truncated header', Buffer.from([0, 0, 0]), GrpcStatus.INTERNAL],
    ['truncated body', Buffer.from([0, 0, 0, 0, 4, 1]), GrpcStatus.INTERNAL],
    ['compressed message', Buffer.from([1, 0, 0, 0, 0]), GrpcStatus.UNIMPLEMENTED],
    ['message over the limit', Buffer.from([0, 0, 0, 0, 11]), GrpcStatus.RESOURCE_EXHAUSTED],
  ])('unframe fails on a %s', (_name, data, code) => {
    let error: unknown;
    try {
      unframe(data, 10);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GrpcError);
    expect((error as GrpcError).code).toBe(code);
  });

  test('grpc-message is percent-encoded UTF-8', () => {
    expect(encodeGrpcMessage('plain text: ok')).toBe('plain text: ok');
    expect(encodeGrpcMessage('100% sûr\nnext')).toBe('100%25 s%C3%BBr%0Anext');
    expect(decodeURIComponent(encodeGrpcMessage('100% sûr\nnext'))).toBe('100% sûr\nnext');
  });
});
