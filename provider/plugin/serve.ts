/**
 * Runs a provider as a go-plugin gRPC plugin, the way Terraform launches Go providers:
 * check the magic cookie, listen on a unix socket with mutual TLS, print the handshake
 * line, serve tfplugin6.Provider plus go-plugin's controller, stdio and health services,
 * and exit promptly when Terraform says Shutdown.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { message } from '../protocol/protobuf';
import { MethodName, providerMethods, ProviderHandlers } from '../protocol/tfplugin6';
import { generateCertificate } from './certificate';
import { GrpcError, GrpcServer, GrpcStatus } from './grpc';
import { log } from './log';

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
/** go-plugin's own protocol version, then Terraform's plugin protocol major version. */
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

export interface ServeOptions {
  /** provider name for logs, e.g. 'hikube' */
  name: string;
  /** printed to stderr when the executable is run by hand */
  usage: string;
}

/** Why the environment is not Terraform's, or undefined when it is. */
export function checkLaunchEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) return 'not launched by Terraform (magic cookie missing)';
  const versions = (env.PLUGIN_PROTOCOL_VERSIONS ?? '').split(',').map((v) => v.trim());
  if (!versions.includes(String(APP_PROTOCOL_VERSION))) {
    return `Terraform offers plugin protocol versions [${versions.join(', ')}]; this provider speaks ${APP_PROTOCOL_VERSION}`;
  }
  if (!env.PLUGIN_CLIENT_CERT) return 'PLUGIN_CLIENT_CERT is missing (Terraform sends it for mutual TLS)';
  return undefined;
}

/** `1|6|unix|<path>|grpc|<cert DER, base64 without padding>` */
export function handshakeLine(socketPath: string, certDer: Buffer): string {
  const cert = certDer.toString('base64').replace(/=+$/, '');
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|unix|${socketPath}|grpc|${cert}\n`;
}

// go-plugin's own services (plugin.GRPCController, plugin.GRPCStdio, grpc.health.v1.Health).
const Empty = message('plugin.Empty', {});
const StdioData = message('plugin.StdioData', { channel: [1, 'enum'], data: [2, 'bytes'] });
const HealthCheckRequest = message('grpc.health.v1.HealthCheckRequest', { service: [1, 'string'] });
const HealthCheckResponse = message('grpc.health.v1.HealthCheckResponse', { status: [1, 'enum'] });
const SERVING = 1;
/** go-plugin health-checks the service named "plugin"; "" is the whole server. */
const HEALTHY_SERVICES = new Set(['', 'plugin']);
/** Terraform kills a plugin still alive ~2s after Shutdown: leave well before. */
const EXIT_DEADLINE_MS = 500;
/** How often the provider checks that Terraform, its parent, is still there. */
const PARENT_CHECK_MS = 500;

/**
 * Serves `handlers` and resolves once the handshake line is printed; the process then
 * lives until Terraform calls Shutdown (or sends SIGTERM). A missing handler answers
 * UNIMPLEMENTED, except StopProvider, which defaults to "nothing to stop".
 */
export async function servePlugin(handlers: HandlerSource, options: ServeOptions): Promise<void> {
  const problem = checkLaunchEnvironment(process.env);
  if (problem) {
    process.stderr.write(`${options.usage.trimEnd()}\n\n(${problem})\n`);
    process.exit(1);
  }

  const logger = log.named('plugin');
  const certificate = generateCertificate();
  const server = new GrpcServer({
    cert: certificate.cert,
    key: certificate.key,
    clientCa: process.env.PLUGIN_CLIENT_CERT!,
    logger: log.named('grpc'),
  });

  let exiting = false;
  const openStdio = new Set<() => void>();
  const exit = (reason: string) => {
    if (exiting) return;
    exiting = true;
    logger.debug('plugin exiting', { reason, provider: options.name });
    for (const end of openStdio) end();
    setTimeout(() => process.exit(0), EXIT_DEADLINE_MS);
    void server.close().then(() => process.exit(0));
  };

  const provider = lazyHandlers(handlers);
  registerProvider(server, provider);
  server
    .unary('/plugin.GRPCController/Shutdown', Empty, Empty, async () => {
      // Exit once the reply has left: the stream closes after its trailers are written.
      setImmediate(() => exit('Shutdown requested'));
      return {};
    })
    .serverStream('/plugin.GRPCStdio/StreamStdio', Empty, StdioData, (_req, call) => {
      // We never redirect stdout/stderr through gRPC; keep the stream open like go-plugin.
      return new Promise<void>((resolve) => {
        openStdio.add(resolve);
        call.signal.addEventListener('abort', () => resolve());
      });
    })
    .unary('/grpc.health.v1.Health/Check', HealthCheckRequest, HealthCheckResponse, async (req: { service: string }) => {
      if (!HEALTHY_SERVICES.has(req.service)) throw new GrpcError(GrpcStatus.NOT_FOUND, `unknown service ${req.service}`);
      return { status: SERVING };
    });

  const socketPath = join(process.env.PLUGIN_UNIX_SOCKET_DIR || tmpdir(), `plugin${randomBytes(8).toString('hex')}`);
  process.on('exit', () => {
    try {
      unlinkSync(socketPath);
    } catch {
      // already gone
    }
  });
  // Terraform forwards Ctrl-C to the whole process group, then sends StopProvider itself.
  process.on('SIGINT', () => logger.debug('ignoring SIGINT; Terraform stops providers by RPC'));
  process.on('SIGTERM', () => exit('SIGTERM'));

  watchParent(exit);

  await server.listen(socketPath);
  writeHandshake(handshakeLine(socketPath, certificate.der));
  keepStdoutClean();
  // Load TLS and the provider itself while Terraform dials in, not before the handshake.
  setImmediate(() => {
    server.warm();
    provider();
  });
  logger.debug('plugin started', { provider: options.name, address: socketPath, pid: process.pid });
}

/**
 * A SIGKILLed Terraform sends no Shutdown: go-plugin relies on the plugin noticing. Its
 * children are re-parented (to init or a subreaper), so a changed parent pid means Terraform is
 * gone; the provider then exits, and its exit handler removes the socket. Go plugins get the
 * same effect from their stdio pipes closing; ours are not watched because Terraform's
 * stdin is shared with the terminal, not a pipe of its own.
 */
function watchParent(exit: (reason: string) => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      exit(`parent process ${parent} (Terraform) is gone`);
    }
  }, PARENT_CHECK_MS);
  timer.unref();
}

/**
 * The provider's handlers, or a function that loads them: Terraform starts the plugin several
 * times per command, so the heavy part (resources, schema) is loaded after the handshake.
 */
export type HandlerSource = Partial<ProviderHandlers> | (() => Partial<ProviderHandlers>);

function lazyHandlers(source: HandlerSource): () => Partial<ProviderHandlers> {
  let loaded: Partial<ProviderHandlers> | undefined;
  return () => (loaded ??= { StopProvider: async () => ({}), ...(typeof source === 'function' ? source() : source) });
}

function registerProvider(server: GrpcServer, handlers: () => Partial<ProviderHandlers>): void {
  for (const name of Object.keys(providerMethods) as MethodName[]) {
    const { path, request, response } = providerMethods[name];
    server.unary(path, request, response, (req) => {
      const handler = handlers()[name] as ((req: unknown) => Promise<object>) | undefined;
      if (!handler) throw new GrpcError(GrpcStatus.UNIMPLEMENTED, `${name} is not implemented`);
      return handler(req);
    });
  }
}

/**
 * Writes the handshake on fd 1, then points fd 1 at /dev/null. go-plugin keeps scanning
 * stdout after the handshake, and the version in Terraform 1.11 logs an [ERROR] ("error
 * encountered while scanning stdout: file already closed", go-plugin#298) when the process
 * exits before that scan has seen EOF. Giving it EOF right away closes the race; reopening
 * at once makes /dev/null take fd 1 (lowest free descriptor) so nothing else lands there.
 * process.stdout is never touched, so libuv holds no handle on fd 1.
 */
function writeHandshake(line: string): void {
  writeSync(1, line);
  closeSync(1);
  const fd = openSync('/dev/null', 'w');
  if (fd !== 1) log.warn('could not reattach stdout to /dev/null', { fd });
}

/** After the handshake, stdout is Terraform's: route stray console output to stderr. */
function keepStdoutClean(): void {
  const toStderr = (...args: unknown[]) => {
    process.stderr.write(format(...args) + '\n');
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
