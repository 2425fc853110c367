/**
 * A kept-alive connection the service closes as the client sends on it (the service's idle
 * timeout and the next request crossing) loses that request before it is read. The client sends
 * it again once, on a new connection, when sending twice is harmless. The stand-in server here
 * plays only that network race; everything about the service itself is tested against the real one.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HikubeClient } from '../../client/client';
import { ConnectionError } from '../../client/errors';
import { IDEMPOTENCY_HEADER } from '../../model/api/limits';

/** Answers `{}` to each request, except that it drops the connection instead of answering the requests `drop` selects (by their place on their connection and URL). */
async function server(drop: (nthOnSocket: number, url: string) => boolean) {
  const seen: string[] = [];
  const perSocket = new WeakMap<object, number>();
  const srv = http.createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    seen.push(`${req.method} #${n}`);
    req.resume();
    req.on('end', () => (drop(n, req.url ?? '') ? req.socket.destroy() : res.end('{}')));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const client = new HikubeClient({ endpoint: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, retryUnavailableMs: 0 });
  return {
    seen,
    client,
    close: async () => {
      client.close();
      srv.closeAllConnections();
      await new Promise((resolve) => srv.close(resolve));
    },
  };
}

test('a read, a PUT, a DELETE and a POST with an idempotency key are sent again on a new connection', async () => {
  const s = await server((n, url) => n > 1 && url === '/v1/x'); // lost when /v1/x comes on a kept-alive connection
  try {
    const calls: [string, Record<string, string>][] = [
      ['GET', {}],
      ['PUT', {}],
      ['DELETE', {}],
      ['POST', { [IDEMPOTENCY_HEADER]: 'k-1' }],
    ];
    for (const [method, headers] of calls) {
      await s.client.request('GET', '/v1/first'); // keeps a connection alive for the next call
      await expect(s.client.request(method, '/v1/x', method === 'GET' ? undefined : {}, headers)).resolves.toEqual({});
    }
    // Each call: the first request, its lost second on the same connection, then the same again on a new one.
    expect(s.seen).toEqual(calls.flatMap(([method], i) => [`GET #${i === 0 ? 1 : 2}`, `${method} #${i === 0 ? 2 : 3}`, `${method} #1`]));
  } finally {
    await s.close();
  }
});

test('a POST without an idempotency key is not sent twice: the error says the service could not be reached', async () => {
  const s = await server((n) => n === 2);
  try {
    await s.client.request('GET', '/v1/first');
    const err = await s.client.request('POST', '/v1/vms', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/^cannot reach the Hikube service at http:\/\/127\.0\.0\.1:\d+: connection reset by the server$/);
    expect(s.seen).toEqual(['GET #1', 'POST #2']);
  } finally {
    await s.close();
  }
});

test('a reset on a new connection is not the idle race: it is not sent again', async () => {
  const s = await server((n) => n === 1);
  try {
    await expect(s.client.request('GET', '/v1/x')).rejects.toThrow(ConnectionError);
    expect(s.seen).toEqual(['GET #1']);
  } finally {
    await s.close();
  }
});
