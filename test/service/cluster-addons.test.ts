/**
 * A cluster's add-ons Hikube offers beyond the first five (GPU Operator, Velero, Gateway API)
 * and its control-plane preset, over real HTTP on a real store: the rules between fields
 * (400 on the field, with the reason), Velero's bucket as a reference into the
 * tenant (409 while used), the preset's price, and clusters stored before them.
 */
import * as path from 'node:path';
import type { Cluster } from '../../model/api/types';
import { skusOf } from '../../model/prices';
import { openPgliteStore } from '../../service/store/pglite';
import { failure, startTestService, TestService, waitFor } from './helpers';

let t: TestService;
let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  t = await startTestService();
  tenantId = (await t.client.createTenant({ name: 'ml' })).id;
  otherTenantId = (await t.client.createTenant({ name: 'elsewhere' })).id;
});

afterAll(async () => {
  await t.stop();
});

const workers = { minReplicas: 1, maxReplicas: 3, instanceType: 'u1.large' };
const gpuGroup = { minReplicas: 0, maxReplicas: 2, instanceType: 'u1.2xlarge', gpus: ['nvidia.com/AD102GL_L40S'] };
const create = (name: string, body: Record<string, unknown>) => t.client.createResource<Cluster>('/v1/clusters', { tenantId, name, nodeGroups: { workers }, ...body });
const sku = (name: string) => skusOf('kubernetes').find((s) => s.sku === name)!.monthly;

describe('GPU Operator', () => {
  test('refused without a node group with GPUs: 400 on addons.gpuOperator with the reason', async () => {
    const err = await failure(create('no-gpus', { addons: { gpuOperator: true } }));
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual([expect.objectContaining({ field: 'addons.gpuOperator', reason: 'needs a node group with GPUs: no node group of the cluster has gpus, got true' })]);
  });

  test('accepted with a GPU node group; taking the GPUs away later is refused', async () => {
    const made = await create('trainer', { nodeGroups: { workers, gpu: gpuGroup }, addons: { gpuOperator: true } });
    expect(made.addons).toMatchObject({ gpuOperator: true, velero: false, gatewayAPI: false });
    await waitFor(t.client, '/v1/clusters', made.id);
    const err = await failure(t.client.updateResource('/v1/clusters', made.id, { nodeGroups: { workers } }));
    expect(err.status).toBe(400);
    expect(err.problem.errors?.map((e) => e.field)).toEqual(['addons.gpuOperator']);
  });
});

describe('Velero', () => {
  test('refused without a backup bucket, on addons.velero', async () => {
    const noBucket = await failure(create('no-bucket', { addons: { velero: true } }));
    expect(noBucket.status).toBe(400);
    expect(noBucket.problem.errors).toEqual([expect.objectContaining({ field: 'addons.velero', reason: 'needs backupBucketId, the S3 bucket backups are written to, got true' })]);
  });

  test("a bucket of another tenant is refused on backupBucketId; the tenant's own is kept while the cluster backs up to it", async () => {
    const foreign = await t.client.createResource<{ id: string }>('/v1/buckets', { tenantId: otherTenantId, name: 'theirs' });
    const err = await failure(create('foreign', { addons: { velero: true }, backupBucketId: foreign.id }));
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual([
      expect.objectContaining({ field: 'backupBucketId', reason: expect.stringMatching(/^names no bucket of tenant acme\/ml, got "bkt-[a-z2-7]{16}"\. Use a bucket of the same tenant/) }),
    ]);

    const backups = await t.client.createResource<{ id: string }>('/v1/buckets', { tenantId, name: 'backups' });
    await waitFor(t.client, '/v1/buckets', backups.id);
    const cluster = await create('backed-up', { addons: { velero: true }, backupBucketId: backups.id });
    expect(cluster.backupBucketId).toBe(backups.id);
    await waitFor(t.client, '/v1/clusters', cluster.id);
    const held = await failure(t.client.deleteResource('/v1/buckets', backups.id));
    expect(held.status).toBe(409);
    expect(held.problem.detail).toMatch(/still used by 1 cluster \(backupBucketId\): acme\/ml\/backed-up; detach it/);

    // Velero off, the bucket still named: still kept. Let go: the bucket can go.
    await t.client.updateResource('/v1/clusters', cluster.id, { addons: { velero: false } });
    await waitFor(t.client, '/v1/clusters', cluster.id);
    expect((await failure(t.client.deleteResource('/v1/buckets', backups.id))).status).toBe(409);
    await t.client.updateResource('/v1/clusters', cluster.id, { backupBucketId: null });
    await waitFor(t.client, '/v1/clusters', cluster.id);
    await t.client.deleteResource('/v1/buckets', backups.id);
    await waitFor(t.client, '/v1/buckets', backups.id, ['gone']);
  });
});

describe('control-plane preset', () => {
  test('medium by default; each replica priced at its preset; changed in place, and so is the estimate', async () => {
    const made = await create('sized', { controlPlaneReplicas: 3, addons: { gatewayAPI: true } });
    expect(made.controlPlanePreset).toBe('medium');
    expect(made.addons.gatewayAPI).toBe(true);
    const nodes = made.monthlyCostEstimate - 3 * sku('kubernetes.control-plane');
    expect(sku('kubernetes.control-plane.medium')).toBe(sku('kubernetes.control-plane'));
    await waitFor(t.client, '/v1/clusters', made.id);
    const larger = await t.client.updateResource<Cluster>('/v1/clusters', made.id, { controlPlanePreset: '2xlarge' });
    expect(larger.controlPlanePreset).toBe('2xlarge');
    expect(larger.monthlyCostEstimate).toBeCloseTo(3 * sku('kubernetes.control-plane.2xlarge') + nodes, 2);
    expect(larger.monthlyCostEstimate).toBeGreaterThan(made.monthlyCostEstimate);
  });

  test('an unknown preset is refused on the field, listing the presets', async () => {
    const err = await failure(create('huge', { controlPlanePreset: 'huge' }));
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual([expect.objectContaining({ field: 'controlPlanePreset', reason: expect.stringContaining('nano, micro, small, medium, large, xlarge, 2xlarge') })]);
  });
});

describe('clusters stored before the add-ons and the preset', () => {
  test('read back with what they had: the default preset, no bucket, the new add-ons off', async () => {
    const own = await startTestService();
    try {
      const tenant = await own.client.createTenant({ name: 'old' });
      const made = await own.client.createResource<Cluster>('/v1/clusters', { tenantId: tenant.id, name: 'legacy', nodeGroups: { workers } });
      await waitFor(own.client, '/v1/clusters', made.id);
      await own.service.close();
      // The row as the previous version stored it, and its migration not yet applied.
      const store = await openPgliteStore(own.dataDir);
      try {
        await store.query(
          `UPDATE resources SET spec = (spec - 'controlPlanePreset' - 'backupBucketId') || jsonb_build_object('addons', (spec->'addons') - 'gpuOperator' - 'velero' - 'gatewayAPI') WHERE id = $1`,
          [made.id],
        );
        expect((await store.query<{ spec: Record<string, unknown> }>('SELECT spec FROM resources WHERE id = $1', [made.id])).rows[0].spec).not.toHaveProperty('controlPlanePreset');
        await store.query(`DELETE FROM schema_migrations WHERE version = 53`);
      } finally {
        await store.close();
      }
      const again = await startTestService({ dir: own.dir, dataDir: own.dataDir, credentialsFile: path.join(own.dir, 'credentials.json') });
      try {
        const read = await again.client.getResource<Cluster>('/v1/clusters', made.id);
        expect(read.controlPlanePreset).toBe('medium');
        expect(read.backupBucketId).toBeNull();
        expect(read.addons).toEqual({ ...made.addons, gpuOperator: false, velero: false, gatewayAPI: false });
        expect(read.monthlyCostEstimate).toBe(made.monthlyCostEstimate);
      } finally {
        await again.stop();
      }
    } finally {
      await own.stop().catch(() => undefined);
    }
  });
});
