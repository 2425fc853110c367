import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * Requests Node's HTTP parser refuses before Express sees them (a URL or headers over 16 KB,
 * malformed request lines): answered as problem+json with a request id like every other error,
 * instead of Node's bare 400/431 or a reset connection.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || (err as { code?: string }).code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: `https://hikube.cloud/problems/${tooLarge ? 'request-too-large' : 'malformed-request'}`,
    title: http.STATUS_CODES[status],
    status,
    detail: tooLarge ? 'the URL and headers together exceed 16 KB: send long lists in several requests (at most 100 ids per list request)' : 'the request is not valid HTTP/1.1',
    requestId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}
