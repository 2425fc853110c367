/**
 * Just enough gRPC server for go-plugin clients, on node:http2: unary and server-streaming
 * calls, 5-byte length-prefixed frames, status in trailers. No compression (go-plugin
 * never asks for it), no client streaming.
 */
import type { Http2SecureServer, Http2Session, IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import { createServer, Server as NetServer } from 'node:net';
import { decode, encode, MessageDesc } from '../protocol/protobuf';
import { createLogger, Logger } from './log';

/** gRPC status codes we use (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export enum GrpcStatus {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  NOT_FOUND = 5,
  RESOURCE_EXHAUSTED = 8,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
}

/** Throw from a handler to answer with a specific status instead of INTERNAL. */
export class GrpcError extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

export interface ServerStreamCall<Res> {
  /** Queues one message to the client. */
  send(message: Res): void;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

export type UnaryHandler<Req, Res> = (request: Req) => Promise<Res>;
/** Resolves when the stream is complete; it then ends with status OK. */
export type ServerStreamHandler<Req, Res> = (request: Req, call: ServerStreamCall<Res>) => Promise<void>;

interface Method {
  request: MessageDesc;
  response: MessageDesc;
  unary?: UnaryHandler<any, object>;
  stream?: ServerStreamHandler<any, object>;
}

export interface GrpcServerOptions {
  /** PEM certificate and key of this server */
  cert: string;
  key: string;
  /** PEM certificate(s) a client must present (mutual TLS) */
  clientCa: string;
  /** @default 256 MiB */
  maxMessageBytes?: number;
  /** @default the `provider.grpc` logger */
  logger?: Logger;
}

const GRPC_CONTENT_TYPE = 'application/grpc';
/** HTTP/2 header names (node:http2's constants, spelled out so that module loads late). */
const h2 = {
  HTTP2_HEADER_STATUS: ':status',
  HTTP2_HEADER_PATH: ':path',
  HTTP2_HEADER_METHOD: ':method',
  HTTP2_HEADER_CONTENT_TYPE: 'content-type',
} as const;
const MiB = 1024 * 1024;

/** grpc-message is percent-encoded UTF-8 (printable ASCII except '%' stays as is). */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Prefixes a message with gRPC's frame header: compressed flag (0) and big-endian length. */
export function frame(body: Buffer): Buffer {
  const header = Buffer.allocUnsafe(5);
  header[0] = 0;
  header.writeUInt32BE(body.length, 1);
  return Buffer.concat([header, body]);
}

/** Splits a request body into its frames' payloads. */
export function unframe(data: Buffer, maxMessageBytes: number): Buffer[] {
  const messages: Buffer[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (pos + 5 > data.length) throw new GrpcError(GrpcStatus.INTERNAL, 'truncated gRPC frame header');
    if (data[pos] !== 0) throw new GrpcError(GrpcStatus.UNIMPLEMENTED, 'compressed gRPC messages are not supported');
    const len = data.readUInt32BE(pos + 1);
    if (len > maxMessageBytes) throw new GrpcError(GrpcStatus.RESOURCE_EXHAUSTED, `message of ${len} bytes exceeds ${maxMessageBytes}`);
    if (pos + 5 + len > data.length) throw new GrpcError(GrpcStatus.INTERNAL, 'truncated gRPC message');
    messages.push(data.subarray(pos + 5, pos + 5 + len));
    pos += 5 + len;
  }
  return messages;
}

/**
 * Accepts connections on a plain listener and hands each to the TLS + HTTP/2 server, which is
 * built on first use: node:tls and node:http2 take milliseconds to load, and Terraform starts
 * the provider several times per command, so they load after the handshake line is out.
 */
export class GrpcServer {
  private secureServer?: Http2SecureServer;
  private readonly listener: NetServer;
  private readonly methods = new Map<string, Method>();
  private readonly sessions = new Set<Http2Session>();
  /** Failure status of streams whose headers already went out: sent in their trailers. */
  private readonly failed = new WeakMap<ServerHttp2Stream, [GrpcStatus, string]>();
  private readonly maxMessageBytes: number;
  private readonly log: Logger;

  constructor(private readonly options: GrpcServerOptions) {
    this.maxMessageBytes = options.maxMessageBytes ?? 256 * MiB;
    this.log = options.logger ?? createLogger('provider.grpc');
    this.listener = createServer((socket) => this.http2.emit('connection', socket));
  }

  /** The TLS + HTTP/2 server; `warm()` builds it ahead of the first connection. */
  get http2(): Http2SecureServer {
    if (this.secureServer) return this.secureServer;
    const { createSecureServer } = require('node:http2') as typeof import('node:http2');
    const server = createSecureServer({
      cert: this.options.cert,
      key: this.options.key,
      ca: this.options.clientCa,
      requestCert: true,
      rejectUnauthorized: true,
      // grpc-go refuses servers that do not negotiate h2 by ALPN.
      ALPNProtocols: ['h2'],
      allowHTTP1: false,
      // Large states and schemas: let big messages through without stalling on flow control.
      maxSessionMemory: 1024, // MB
      settings: { initialWindowSize: 16 * MiB, maxHeaderListSize: 1 * MiB },
    });
    server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
      session.on('error', (err) => this.log.debug('http2 session error', { error: err }));
      session.setLocalWindowSize(64 * MiB);
    });
    server.on('tlsClientError', (err) => this.log.warn('rejected TLS client', { error: err }));
    server.on('stream', (stream, headers) => this.dispatch(stream, headers));
    return (this.secureServer = server);
  }

  warm(): void {
    void this.http2;
  }

  unary<Req, Res extends object>(path: string, request: MessageDesc, response: MessageDesc, handler: UnaryHandler<Req, Res>): this {
    this.methods.set(path, { request, response, unary: handler as UnaryHandler<any, object> });
    return this;
  }

  serverStream<Req, Res extends object>(path: string, request: MessageDesc, response: MessageDesc, handler: ServerStreamHandler<Req, Res>): this {
    this.methods.set(path, { request, response, stream: handler as ServerStreamHandler<any, object> });
    return this;
  }

  listen(path: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.listener.once('error', reject);
      this.listener.listen(path, () => {
        this.listener.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops accepting connections and closes sessions gracefully (in-flight calls finish). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      let open = this.sessions.size + 1;
      const done = () => --open === 0 && resolve();
      this.listener.close(() => done());
      for (const session of this.sessions) session.close(() => done());
    });
  }

  private dispatch(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on('error', (err) => this.log.debug('http2 stream error', { error: err }));
    const path = String(headers[h2.HTTP2_HEADER_PATH] ?? '');
    const contentType = String(headers[h2.HTTP2_HEADER_CONTENT_TYPE] ?? '');
    if (headers[h2.HTTP2_HEADER_METHOD] !== 'POST' || !contentType.startsWith(GRPC_CONTENT_TYPE)) {
      stream.respond({ [h2.HTTP2_HEADER_STATUS]: 415 }, { endStream: true });
      return;
    }
    const method = this.methods.get(path);
    if (!method) {
      this.log.debug('unimplemented method', { method: path });
      this.finish(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`);
      stream.resume();
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    stream.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > this.maxMessageBytes + 5) {
        rejected = true;
        this.finish(stream, GrpcStatus.RESOURCE_EXHAUSTED, `request to ${path} exceeds ${this.maxMessageBytes} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (!rejected) void this.call(stream, path, method, Buffer.concat(chunks, size));
    });
  }

  private async call(stream: ServerHttp2Stream, path: string, method: Method, body: Buffer): Promise<void> {
    const started = Date.now();
    try {
      const messages = unframe(body, this.maxMessageBytes);
      if (messages.length > 1) throw new GrpcError(GrpcStatus.UNIMPLEMENTED, `${path} takes one request message`);
      const request = decode(method.request, messages[0] ?? Buffer.alloc(0));
      if (method.unary) {
        const response = encode(method.response, await method.unary(request));
        this.sendHeaders(stream);
        stream.end(frame(response));
      } else {
        await this.stream(stream, method, request);
      }
      if (this.log.enabled('trace')) this.log.trace('served gRPC call', { method: path, ms: Date.now() - started });
    } catch (err) {
      const code = err instanceof GrpcError ? err.code : GrpcStatus.INTERNAL;
      const message = err instanceof Error ? err.message : String(err);
      if (code === GrpcStatus.INTERNAL) {
        this.log.error('gRPC handler failed', { method: path, error: message, stack: err instanceof Error ? err.stack : undefined });
      }
      this.finish(stream, code, message);
    }
  }

  private async stream(stream: ServerHttp2Stream, method: Method, request: unknown): Promise<void> {
    const aborted = new AbortController();
    stream.once('close', () => aborted.abort());
    this.sendHeaders(stream);
    await method.stream!(request, {
      send: (message) => {
        if (!stream.closed && !stream.destroyed) stream.write(frame(encode(method.response, message)));
      },
      signal: aborted.signal,
    });
    if (!stream.closed && !stream.destroyed) stream.end();
  }

  /** Response headers; trailers carrying grpc-status OK follow once the body ends. */
  private sendHeaders(stream: ServerHttp2Stream): void {
    if (stream.closed || stream.destroyed || stream.headersSent) return;
    stream.once('wantTrailers', () => {
      const status = this.failed.get(stream) ?? [GrpcStatus.OK, ''];
      stream.sendTrailers(statusHeaders(status[0], status[1]));
    });
    stream.respond({ [h2.HTTP2_HEADER_STATUS]: 200, [h2.HTTP2_HEADER_CONTENT_TYPE]: GRPC_CONTENT_TYPE }, { waitForTrailers: true });
  }

  /** Ends a call with a status: trailers-only if nothing was sent yet. */
  private finish(stream: ServerHttp2Stream, code: GrpcStatus, message: string): void {
    if (stream.closed || stream.destroyed) return;
    if (!stream.headersSent) {
      stream.respond(
        {
          [h2.HTTP2_HEADER_STATUS]: 200,
          [h2.HTTP2_HEADER_CONTENT_TYPE]: GRPC_CONTENT_TYPE,
          ...statusHeaders(code, message),
        },
        { endStream: true },
      );
    } else {
      this.failed.set(stream, [code, message]);
      stream.end();
    }
  }
}

function statusHeaders(code: GrpcStatus, message: string): Record<string, string> {
  const headers: Record<string, string> = { 'grpc-status': String(code) };
  if (message) headers['grpc-message'] = encodeGrpcMessage(message);
  return headers;
}
