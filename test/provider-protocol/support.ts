/**
 * Helpers for the protocol tests: a build of the transport for child processes, a plugin
 * launcher that reads the handshake, and a small gRPC client on node:http2.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as h2connect, ClientHttp2Session, constants as h2 } from 'node:http2';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import * as ts from 'typescript';
import { decode, encode, MessageDesc } from '../../provider/protocol/protobuf';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../provider/plugin/serve';

const ROOT = join(__dirname, '..', '..');
export const FIXTURE = join(__dirname, 'fixtures', 'plugin.js');
const SOURCES = ['provider/protocol/protobuf.ts', 'provider/protocol/tfplugin6.ts', 'provider/plugin/log.ts', 'provider/plugin/certificate.ts', 'provider/plugin/grpc.ts', 'provider/plugin/serve.ts'];

let built: string | undefined;

/**
 * Transpiles the transport (these files only import each other and node:*) into a temp
 * dir, so child processes run the current sources without a full `npm run build`.
 */
export function buildTransport(): string {
  if (built) return built;
  const out = mkdtempSync(join(tmpdir(), 'hikube-transport-'));
  for (const file of SOURCES) {
    const js = ts.transpileModule(readFileSync(join(ROOT, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
    const target = join(out, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  built = out;
  return out;
}

export function terraformEnv(clientCertPem: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HIKUBE_PLUGIN_BUILD: buildTransport(),
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_CLIENT_CERT: clientCertPem,
    ...extra,
  };
}

export interface RunningPlugin {
  child: ChildProcess;
  handshake: string;
  socketPath: string;
  serverCertPem: string;
  /** ms from spawn to the handshake line */
  startupMs: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
}

export function startPlugin(env: NodeJS.ProcessEnv, script = FIXTURE): Promise<RunningPlugin> {
  const started = performance.now();
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, atMs: performance.now() })));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const before = stdout;
      stdout += d.toString();
      if (before.includes('\n') || !stdout.includes('\n')) return;
      const handshake = stdout.slice(0, stdout.indexOf('\n'));
      const parts = handshake.split('|');
      const der = Buffer.from(parts[5] ?? '', 'base64');
      resolve({
        child,
        handshake,
        socketPath: parts[3],
        serverCertPem: `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`,
        startupMs: performance.now() - started,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
      });
    });
    void exited.then(({ code }) => reject(new Error(`plugin exited (${code}) before its handshake: ${stderr}`)));
  });
}

export interface ClientIdentity {
  cert: string;
  key: string;
}

/** An HTTP/2 session to the plugin's socket, verifying its pinned certificate. */
export function connectPlugin(plugin: RunningPlugin, identity?: ClientIdentity): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = h2connect('https://localhost', {
      createConnection: () =>
        tlsConnect({
          path: plugin.socketPath,
          servername: 'localhost',
          ca: plugin.serverCertPem,
          ALPNProtocols: ['h2'],
          ...(identity ?? {}),
        }),
    });
    session.once('connect', () => resolve(session));
    session.once('error', reject);
  });
}

export interface CallResult<T> {
  status: number;
  message: string;
  response?: T;
  messages: T[];
}

/** A unary (or server-streaming, collecting every message) gRPC call. */
export function grpcCall<T = Record<string, unknown>>(
  session: ClientHttp2Session,
  path: string,
  request: { desc: MessageDesc; value: object } | Buffer,
  response: MessageDesc,
): Promise<CallResult<T>> {
  return new Promise((resolve, reject) => {
    const body = Buffer.isBuffer(request) ? request : encode(request.desc, request.value);
    const header = Buffer.alloc(5);
    header.writeUInt32BE(body.length, 1);
    const stream = session.request({
      [h2.HTTP2_HEADER_METHOD]: 'POST',
      [h2.HTTP2_HEADER_PATH]: path,
      [h2.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      te: 'trailers',
    });
    const chunks: Buffer[] = [];
    let headerStatus: Record<string, unknown> = {};
    let trailers: Record<string, unknown> = {};
    stream.on('response', (headers) => (headerStatus = headers));
    stream.on('trailers', (headers) => (trailers = headers));
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('error', reject);
    stream.on('end', () => {
      const data = Buffer.concat(chunks);
      const messages: T[] = [];
      for (let pos = 0; pos < data.length;) {
        const len = data.readUInt32BE(pos + 1);
        messages.push(decode<T>(response, data.subarray(pos + 5, pos + 5 + len)));
        pos += 5 + len;
      }
      const status = trailers['grpc-status'] ?? headerStatus['grpc-status'];
      const message = trailers['grpc-message'] ?? headerStatus['grpc-message'] ?? '';
      resolve({ status: Number(status), message: decodeURIComponent(String(message)), response: messages[0], messages });
    });
    stream.end(Buffer.concat([header, body]));
  });
}
