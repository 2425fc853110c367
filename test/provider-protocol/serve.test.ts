/**
 * The fixture plugin as Terraform sees it: handshake, mutual TLS, RPCs, Shutdown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ClientHttp2Session } from 'node:http2';
import { message } from '../../provider/protocol/protobuf';
import { providerMethods, GetProviderSchemaResponse } from '../../provider/protocol/tfplugin6';
import { generateCertificate } from '../../provider/plugin/certificate';
import { waitUntil } from '../support/wait';
import { buildTransport, connectPlugin, FIXTURE, grpcCall, RunningPlugin, startPlugin, terraformEnv } from './support';

const client = generateCertificate();
const Empty = message('Empty', {});

describe('servePlugin', () => {
  let plugin: RunningPlugin;
  let session: ClientHttp2Session;

  beforeAll(async () => {
    plugin = await startPlugin(terraformEnv(client.cert, { TF_LOG_PROVIDER: 'trace' }));
    session = await connectPlugin(plugin, client);
  });

  afterAll(() => {
    session?.destroy();
    if (plugin && plugin.child.exitCode === null) plugin.child.kill('SIGKILL');
  });

  test('prints the go-plugin handshake line first', () => {
    const parts = plugin.handshake.split('|');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 3)).toEqual(['1', '6', 'unix']);
    expect(parts[4]).toBe('grpc');
    expect(existsSync(parts[3])).toBe(true);
    // standard base64 alphabet, no padding, of a DER certificate (SEQUENCE, long length)
    expect(parts[5]).toMatch(/^[A-Za-z0-9+/]+$/);
    expect(Buffer.from(parts[5], 'base64')[0]).toBe(0x30);
    console.info(`fixture start-up (spawn to handshake): ${plugin.startupMs.toFixed(0)} ms`);
  });

  test('serves GetProviderSchema with the handler result', async () => {
    const m = providerMethods.GetProviderSchema;
    const result = await grpcCall<GetProviderSchemaResponse>(session, m.path, { desc: m.request, value: {} }, m.response);
    expect(result.status).toBe(0);
    expect(result.response!.provider).toEqual({ version: 0, block: expect.objectContaining({ attributes: [] }) });
    expect(result.response!.serverCapabilities).toEqual({
      planDestroy: true,
      getProviderSchemaOptional: false,
      moveResourceState: false,
    });
  });

  test('reports SERVING for the "plugin" health service', async () => {
    const Req = message('HealthCheckRequest', { service: [1, 'string'] });
    const Res = message('HealthCheckResponse', { status: [1, 'enum'] });
    const result = await grpcCall(session, '/grpc.health.v1.Health/Check', { desc: Req, value: { service: 'plugin' } }, Res);
    expect(result).toMatchObject({ status: 0, response: { status: 1 } });
  });

  test('answers UNIMPLEMENTED for a method without handler and for unknown paths', async () => {
    const m = providerMethods.PlanResourceChange;
    const missing = await grpcCall(session, m.path, { desc: m.request, value: { typeName: 'x' } }, m.response);
    expect(missing.status).toBe(12);
    const unknown = await grpcCall(session, '/plugin.GRPCBroker/StartStream', Buffer.alloc(0), Empty);
    expect(unknown.status).toBe(12);
  });

  test('answers INTERNAL with the message when a handler throws, and logs it', async () => {
    const m = providerMethods.ReadDataSource;
    const result = await grpcCall(session, m.path, { desc: m.request, value: { typeName: 'hikube_nope' } }, m.response);
    expect(result.status).toBe(13);
    expect(result.message).toBe('fixture has no data source hikube_nope: 100% broken');
    // The log line travels on stderr, apart from the answer: it may arrive just after it.
    const errorLine = await waitUntil('the error log line', () =>
      plugin
        .stderr()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l['@level'] === 'error'),
    );
    expect(errorLine).toMatchObject({ '@module': 'provider.grpc', method: m.path });
    expect(String(errorLine!['@timestamp'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  test('defaults StopProvider to success', async () => {
    const m = providerMethods.StopProvider;
    const result = await grpcCall(session, m.path, { desc: m.request, value: {} }, m.response);
    expect(result).toMatchObject({ status: 0, response: { error: '' } });
  });

  /** True only if a health check over a fresh connection with `identity` succeeds. */
  async function healthCheckPasses(identity?: { cert: string; key: string }): Promise<boolean> {
    try {
      const s = await connectPlugin(plugin, identity);
      const Req = message('HealthCheckRequest', { service: [1, 'string'] });
      const result = await grpcCall(s, '/grpc.health.v1.Health/Check', { desc: Req, value: { service: 'plugin' } }, Empty);
      s.destroy();
      return result.status === 0;
    } catch {
      return false; // TLS alert or reset: with TLS 1.3 the client learns after its handshake
    }
  }

  test('accepts the client certificate Terraform sent', async () => {
    expect(await healthCheckPasses(client)).toBe(true);
  });

  test('rejects a client without a certificate', async () => {
    expect(await healthCheckPasses()).toBe(false);
  });

  test('rejects a client with a certificate Terraform did not send', async () => {
    expect(await healthCheckPasses(generateCertificate())).toBe(false);
  });

  test('keeps StreamStdio open, ends it and exits 0 promptly on Shutdown; stdout holds only the handshake', async () => {
    const stdio = grpcCall(session, '/plugin.GRPCStdio/StreamStdio', Buffer.alloc(0), Empty);
    let stdioDone = false;
    void stdio.then(() => (stdioDone = true));
    await new Promise((r) => setTimeout(r, 50)); // a gap on purpose: the stream must stay open through it
    expect(stdioDone).toBe(false);

    const asked = performance.now();
    const result = await grpcCall(session, '/plugin.GRPCController/Shutdown', Buffer.alloc(0), Empty);
    expect(result.status).toBe(0);
    expect((await stdio).status).toBe(0);
    const exit = await plugin.exited;
    expect(exit.code).toBe(0);
    expect(exit.atMs - asked).toBeLessThan(2000);
    expect(plugin.stdout()).toBe(plugin.handshake + '\n');
    expect(existsSync(plugin.socketPath)).toBe(false);
  });
});

describe('servePlugin signals', () => {
  test('ignores SIGINT, exits 0 on SIGTERM and removes its socket', async () => {
    const plugin = await startPlugin(terraformEnv(client.cert));
    plugin.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200)); // a gap on purpose: the plugin must survive it
    expect(plugin.child.exitCode).toBeNull();
    plugin.child.kill('SIGTERM');
    expect((await plugin.exited).code).toBe(0);
    expect(existsSync(plugin.socketPath)).toBe(false);
  });
});

describe('launched by hand', () => {
  test.each<[string, NodeJS.ProcessEnv]>([
    ['without the magic cookie', { TF_PLUGIN_MAGIC_COOKIE: undefined }],
    ['with a wrong magic cookie', { TF_PLUGIN_MAGIC_COOKIE: 'nope' }],
    ['without protocol 6', { PLUGIN_PROTOCOL_VERSIONS: '5' }],
    ['without a client certificate', { PLUGIN_CLIENT_CERT: undefined }],
  ])('%s prints the usage to stderr and exits 1', (_name, override) => {
    const env = { ...terraformEnv(client.cert), ...override };
    const run = spawnSync(process.execPath, [FIXTURE], { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('This is a Terraform provider plugin');
  });

  test('the transport build is reusable', () => {
    expect(buildTransport()).toBe(buildTransport());
  });
});
