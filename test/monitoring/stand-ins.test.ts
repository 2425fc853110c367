/**
 * The checks the other tests rely on can fail: the stand-ins record exactly what Terraform
 * evaluated, an unescaped template fails `terraform validate`, the stand-ins never pretend to
 * apply, and a missing Debian program is named with its package.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../e2e/harness';
import { Installed, installStandIns, stackDir } from '../support/stand-in-providers';
import { program } from './programs';

jest.setTimeout(60_000);

let installed: Installed;
let base: string;

beforeAll(() => {
  base = tempDir('stand-ins');
  installed = installStandIns(path.join(base, 'terraform'));
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const configMap = (data: Record<string, string>) => ({
  terraform: { required_providers: { kubernetes: { source: 'hashicorp/kubernetes', version: '2.38.0' } } },
  provider: { kubernetes: [{ host: 'https://127.0.0.1:6443' }] },
  resource: { kubernetes_config_map: { dashboards: { metadata: { name: 'dashboards', namespace: 'hikube-monitoring' }, data } } },
});

test('an unescaped Grafana variable fails terraform validate', async () => {
  const run = stackDir(installed, path.join(base, 'raw'), configMap({ 'd.json': '{"uid":"${datasource}"}' }));
  await run.ok('init', '-input=false');
  const result = await run.tf('validate', '-no-color');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Invalid reference');
});

test('an escaped one reaches the provider as Grafana needs it, in validate and plan', async () => {
  const run = stackDir(installed, path.join(base, 'escaped'), configMap({ 'd.json': '{"uid":"$${datasource}","t":"%%{x}"}' }));
  await run.ok('init', '-input=false');
  await run.ok('validate');
  await run.ok('plan', '-input=false');
  const received = run.records().filter((r) => r.typeName === 'kubernetes_config_map');
  expect(received.map((r) => r.rpc)).toEqual(expect.arrayContaining(['validate', 'plan']));
  for (const r of received) expect(r.value.data['d.json']).toBe('{"uid":"${datasource}","t":"%{x}"}');
});

test('the stand-ins never apply', async () => {
  const run = stackDir(installed, path.join(base, 'apply'), configMap({ a: 'b' }));
  await run.ok('init', '-input=false');
  const result = await run.tf('apply', '-auto-approve', '-input=false', '-no-color');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('This is a stand-in for hashicorp/kubernetes');
});

test('a missing program is named with the Debian package that provides it', () => {
  expect(() => program('vmauth-not-installed')).toThrow(/vmauth-not-installed is not installed.*apt-get update && apt-get install -y victoria-metrics prometheus-node-exporter/s);
  expect(program('vmauth')).toMatch(/\/vmauth$/);
});
