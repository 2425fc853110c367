/**
 * The cluster's control-plane preset and Velero bucket as `hikube clusters` flags (derived from
 * the model), the new add-ons through `--set addons.<name>`, and the service's refusal of a GPU
 * Operator without GPUs as one line naming the field: the bundled CLI against a real service.
 */
import { HikubeClient } from '../../client/client';
import { apiClient, RunningService, startService, tempDir } from '../e2e/harness';
import { Cli, cli } from './harness';

jest.setTimeout(120_000);

let service: RunningService;
let api: HikubeClient;
let c: Cli;
let env: Record<string, string>;

beforeAll(async () => {
  service = await startService(tempDir('cli-addons-service'), ['--sim-delays', '0']);
  api = apiClient(service);
  c = cli('cli-addons');
  env = { HIKUBE_ENDPOINT: service.url, HIKUBE_TOKEN: service.token };
  await c.expect(0, ['tenants', 'create', 'acme/lab'], { env });
});

afterAll(async () => {
  api?.close();
  await service?.stop();
});

const group = (name: string, gpus?: string) => [
  '--set',
  `nodeGroups.${name}.instanceType=u1.2xlarge`,
  '--set',
  `nodeGroups.${name}.minReplicas=1`,
  '--set',
  `nodeGroups.${name}.maxReplicas=2`,
  ...(gpus ? ['--set', `nodeGroups.${name}.gpus=["${gpus}"]`] : []),
];

describe('hikube clusters: add-ons and control-plane preset', () => {
  test('create --help lists the preset and the backup bucket as flags, with the presets', async () => {
    const r = await c.expect(0, ['clusters', 'create', '--help'], { env });
    expect(r.stdout).toContain('--control-plane-preset');
    expect(r.stdout).toContain('--backup-bucket-id');
  });

  test('create with a preset, a GPU group and the GPU Operator and Gateway API; update the preset in place', async () => {
    const r = await c.expect(
      0,
      [
        'clusters',
        'create',
        'gpu',
        '--tenant',
        'acme/lab',
        '--control-plane-preset',
        'large',
        '--set',
        'addons.gpuOperator=true',
        '--set',
        'addons.gatewayAPI=true',
        ...group('gpu', 'nvidia.com/AD102GL_L40S'),
        '--wait',
        '-o',
        'json',
      ],
      { env },
    );
    const made = JSON.parse(r.stdout);
    expect(made).toMatchObject({ name: 'gpu', controlPlanePreset: 'large', status: 'ready', addons: { gpuOperator: true, gatewayAPI: true, velero: false } });
    const updated = await c.expect(0, ['clusters', 'update', 'acme/lab/gpu', '--control-plane-preset', 'xlarge', '--wait', '-o', 'json'], { env });
    const after = JSON.parse(updated.stdout);
    expect(after).toMatchObject({ id: made.id, controlPlanePreset: 'xlarge' });
    expect(after.monthlyCostEstimate).toBeGreaterThan(made.monthlyCostEstimate);
  });

  test('list -o wide shows the control plane (replicas x preset) and the add-ons that are on', async () => {
    const r = await c.expect(0, ['clusters', 'list', '--tenant', 'acme/lab', '-o', 'wide'], { env });
    const [header, row] = r.stdout.split('\n');
    expect(header).toMatch(/ CONTROL_PLANE +ADDONS /);
    expect(row).toMatch(/^gpu .* 2 x xlarge +gatewayAPI,gpuOperator /);
  });

  test('Velero on a bucket of the tenant, by its id', async () => {
    const bucket = await api.createResource<{ id: string }>('/v1/buckets', { tenantId: (await api.listTenants()).items.find((t) => t.path === 'acme/lab')!.id, name: 'backups' });
    const r = await c.expect(0, ['clusters', 'create', 'backed', '--tenant', 'acme/lab', '--set', 'addons.velero=true', '--backup-bucket-id', bucket.id, ...group('workers'), '-o', 'json'], { env });
    expect(JSON.parse(r.stdout)).toMatchObject({ backupBucketId: bucket.id, addons: { velero: true } });
  });

  test('the GPU Operator without a GPU group is refused (exit 4) in one line naming the field', async () => {
    const r = await c.expect(4, ['clusters', 'create', 'nogpu', '--tenant', 'acme/lab', '--set', 'addons.gpuOperator=true', ...group('workers')], { env });
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hikube clusters create: /);
    expect(r.stderr).toContain('addons.gpuOperator: needs a node group with GPUs: no node group of the cluster has gpus');
  });

  test('an unknown preset is a usage error (exit 2) naming the flag and the presets, before any request', async () => {
    const r = await c.expect(2, ['clusters', 'create', 'huge', '--tenant', 'acme/lab', '--control-plane-preset', 'huge', ...group('workers')], { env });
    expect(r.stderr).toContain("option '--control-plane-preset <value>' argument 'huge' is invalid. Allowed choices are nano, micro, small, medium, large, xlarge, 2xlarge.");
    expect((await api.listResources<{ name: string }>('/v1/clusters')).items.map((x) => x.name)).not.toContain('huge');
  });
});
