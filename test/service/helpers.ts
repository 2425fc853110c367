import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiError, HikubeClient } from '../../client';
import { Problem } from '../../client/types';
import { createLogger } from '../../service/log';
import { RunningService, ServiceOptions, startService } from '../../service/server';
import { waitUntil } from '../support/wait';

/** A service on a free port with its own data dir, and the JSON lines it logged. */
export interface TestService {
  readonly service: RunningService;
  readonly client: HikubeClient;
  readonly dir: string;
  readonly dataDir: string;
  readonly credentialsFile: string;
  readonly logs: string[];
  readonly url: string;
  readonly token: string;
  /** A client using another token (or none). */
  clientWith(token?: string): HikubeClient;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'hikube-service-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestService(options: ServiceOptions & { dir?: string } = {}): Promise<TestService> {
  const dir = options.dir ?? tempDir();
  const logs: string[] = [];
  const dataDir = options.dataDir ?? path.join(dir, 'data');
  const credentialsFile = options.credentialsFile ?? path.join(dir, 'credentials.json');
  const service = await startService({
    port: 0,
    dataDir,
    credentialsFile,
    log: createLogger({ write: (line) => logs.push(line), level: 'debug' }),
    simDelays: '0', // tests that want timings say so
    pollIntervalMs: 50,
    ...options,
  });
  if (!service.token) throw new Error('the test service has no admin token');
  const clients: HikubeClient[] = [];
  const clientWith = (token?: string) => {
    const c = new HikubeClient({ endpoint: service.url, token });
    clients.push(c);
    return c;
  };
  const client = clientWith(service.token);
  return {
    service,
    client,
    dir,
    dataDir,
    credentialsFile,
    logs,
    url: service.url,
    token: service.token,
    clientWith,
    async stop() {
      clients.forEach((c) => c.close());
      await service.close();
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed body (undefined when empty). */
  readonly body: any;
}

/** A request exactly as given: for malformed bodies, odd headers and missing tokens. */
export async function raw(url: string, method: string, path: string, init: { token?: string; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url + path, { method, headers, body: init.body });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** Sends JSON with the token. */
export function rawJson(t: TestService, method: string, path: string, body: unknown): Promise<RawResponse> {
  return raw(t.url, method, path, { token: t.token, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

/** The problem body, after checking it is served as problem+json with the given status. */
export function expectProblem(res: RawResponse, status: number): Problem & Record<string, unknown> {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(res.body).toEqual(expect.objectContaining({ status, type: expect.any(String), title: expect.any(String) }));
  return res.body;
}

/** Field names of a problem's errors, in order. */
export function fields(problem: Problem): string[] {
  return (problem.errors ?? []).map((e) => e.field);
}

/** Polls a resource until its status is one of `statuses` (or it is gone: `'gone'`). */
export async function waitFor<T extends { status: string }>(
  api: HikubeClient,
  collection: string,
  id: string,
  statuses: readonly string[] = ['ready', 'failed'],
  timeoutMs = 20_000,
): Promise<T | 'gone'> {
  let current: T | 'gone' | undefined;
  return waitUntil(
    `${collection}/${id} to be ${statuses.join(' or ')}`,
    async () => {
      try {
        current = await api.getResource<T>(collection, id);
      } catch (err) {
        if ((err as { status?: number }).status !== 404) throw err;
        current = 'gone';
      }
      return (current === 'gone' ? statuses.includes('gone') : statuses.includes(current.status)) && current;
    },
    { timeoutMs, intervalMs: 25, detail: () => `still ${current === 'gone' ? 'gone' : current?.status}` },
  );
}

/** What the driver's back-end holds (admin endpoint). */
export async function driverObjects(api: HikubeClient): Promise<{ kind: string; id: string; phase: string }[]> {
  return (await api.request<{ items: { kind: string; id: string; phase: string }[] }>('GET', '/v1/admin/driver-objects')).items;
}

/** The ApiError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(call: Promise<unknown>): Promise<ApiError> {
  const outcome = await call.then(
    () => ({ resolved: true as const }),
    (err: unknown) => ({ resolved: false as const, err }),
  );
  if (outcome.resolved) throw new Error('expected the call to fail');
  if (outcome.err instanceof ApiError) return outcome.err;
  throw new Error(`expected an ApiError, got ${String(outcome.err)}`);
}
