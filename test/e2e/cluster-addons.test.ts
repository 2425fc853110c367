/**
 * A cluster's GPU Operator, Velero and Gateway API add-ons and its control-plane preset through
 * the real terraform, provider and service: the plan prices the preset, Velero backs up to a
 * bucket made in the same apply, the preset changes in place with its new cost, bad combinations
 * fail at plan on the attribute (reason and fix), and a state of the previous schema version is
 * upgraded without a change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cluster } from '../../model/api/types';
import { clusterMonthlyCost } from '../../model/pricing';
import { e2eSuite, PROVIDER_BLOCK, stateInstance } from './harness';

jest.setTimeout(300_000);

interface Knobs {
  preset?: string;
  gpuGroup?: boolean;
  addons?: string;
  bucket?: boolean;
}

const config = (k: Knobs) => `${PROVIDER_BLOCK}
resource "hikube_tenant" "ml" {
  name = "ml"
}

resource "hikube_bucket" "backups" {
  tenant_id = hikube_tenant.ml.id
  name      = "cluster-backups"
}

resource "hikube_kubernetes_cluster" "ml" {
  tenant_id              = hikube_tenant.ml.id
  name                   = "ml"
  control_plane_replicas = 3
${k.preset ? `  control_plane_preset   = "${k.preset}"\n` : ''}${k.bucket ? '  backup_bucket_id       = hikube_bucket.backups.id\n' : ''}
  node_groups = {
    workers = {
      min_replicas  = 1
      max_replicas  = 3
      instance_type = "u1.large"
    }
${
  k.gpuGroup
    ? `    gpu = {
      min_replicas  = 1
      max_replicas  = 2
      instance_type = "u1.2xlarge"
      gpus          = ["nvidia.com/AD102GL_L40S"]
    }
`
    : ''
}  }

  addons = {
${k.addons ?? ''}
  }
}
`;

const full: Knobs = { preset: 'large', gpuGroup: true, bucket: true, addons: '    gateway_api  = true\n    gpu_operator = true\n    velero       = true' };

/** What the model prices this configuration at. */
const cost = (preset: string) =>
  clusterMonthlyCost({
    controlPlaneReplicas: 3,
    controlPlanePreset: preset,
    nodeGroups: {
      workers: { minReplicas: 1, instanceType: 'u1.large', diskSizeGb: 20 },
      gpu: { minReplicas: 1, instanceType: 'u1.2xlarge', diskSizeGb: 20, gpus: ['nvidia.com/AD102GL_L40S'] },
    },
  });

describe('hikube_kubernetes_cluster add-ons and control-plane preset', () => {
  const suite = e2eSuite('e2e-cluster-addons', ['--sim-delays', '0']);
  const plain = (s: string) => s.replace(/[\s│╷╵]+/g, ' ');
  const cluster = async () => (await suite.api.listResources<Cluster>('/v1/clusters')).items[0];

  test('the plan prices the preset; the apply installs the add-ons with Velero on a bucket of the same apply; a second plan is empty', async () => {
    suite.ws.write(config(full));
    await suite.ws.ok('init', '-no-color');
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plan.stdout).toMatch(new RegExp(`monthly_cost_estimate\\s+= ${cost('large')}\\b`));
    expect(cost('large')).toBeGreaterThan(cost('medium'));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const made = await cluster();
    const [bucket] = (await suite.api.listResources<{ id: string }>('/v1/buckets')).items;
    expect(made).toMatchObject({ controlPlanePreset: 'large', backupBucketId: bucket.id, monthlyCostEstimate: cost('large') });
    expect(made.addons).toMatchObject({ gatewayAPI: true, gpuOperator: true, velero: true, certManager: false });
    expect(stateInstance(suite.ws, 'hikube_kubernetes_cluster').attributes).toMatchObject({ control_plane_preset: 'large', backup_bucket_id: bucket.id });
    expect((await suite.ws.tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('a larger preset is an in-place update with its new cost', async () => {
    const before = await cluster();
    suite.ws.write(config({ ...full, preset: '2xlarge' }));
    const plan = await suite.ws.ok('plan', '-no-color');
    expect(plan.stdout).toContain('hikube_kubernetes_cluster.ml will be updated in-place');
    expect(plan.stdout).toMatch(/control_plane_preset\s+= "large" -> "2xlarge"/);
    expect(plan.stdout).toMatch(new RegExp(`monthly_cost_estimate\\s+= ${cost('large')} -> ${cost('2xlarge')}`));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const after = await cluster();
    expect(after.id).toBe(before.id);
    expect(after.monthlyCostEstimate).toBe(cost('2xlarge'));
    expect((await suite.ws.tf('plan', '-detailed-exitcode', '-no-color')).code).toBe(0);
  });

  test('the GPU Operator without a GPU node group fails at plan on the attribute, with the fix', async () => {
    suite.ws.write(config({ ...full, gpuGroup: false }));
    const run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('Error: GPU Operator Without GPUs');
    expect(text).toContain('addons.gpu_operator');
    expect(text).toContain('gpu_operator needs a node group with GPUs: no node group of the cluster has gpus, got true. Give a node group GPUs (its gpus');
  });

  test('Velero without a bucket fails at plan on the attribute, with the fix', async () => {
    suite.ws.write(config({ ...full, bucket: false }));
    const noBucket = await suite.ws.tf('plan', '-no-color');
    expect(noBucket.code).toBe(1);
    const text = plain(noBucket.stderr);
    expect(text).toContain('Error: Velero Without a Bucket');
    expect(text).toContain('addons.velero');
    expect(text).toContain('velero needs backup_bucket_id, the S3 bucket backups are written to, got true. Set backup_bucket_id to a bucket of the same tenant');
  });

  test("another tenant's bucket fails at plan on backup_bucket_id, naming the tenant", async () => {
    const other = `
resource "hikube_tenant" "other" {
  name = "other"
}

resource "hikube_bucket" "theirs" {
  tenant_id = hikube_tenant.other.id
  name      = "their-backups"
}
`;
    suite.ws.write(config(full) + other);
    await suite.ws.ok('apply', '-auto-approve', '-no-color', '-target', 'hikube_bucket.theirs');
    suite.ws.write(config(full).replace('hikube_bucket.backups.id', 'hikube_bucket.theirs.id') + other);
    const run = await suite.ws.tf('plan', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('Error: Invalid Reference');
    expect(text).toMatch(/Names no bucket of tenant acme\/ml, got "bkt-[a-z2-7]{16}"\. Use a bucket of the same tenant/);
    expect(text).toContain('backup_bucket_id');
  });

  test('an unknown preset fails validation on the attribute, listing the presets', async () => {
    suite.ws.write(config({ ...full, preset: 'huge' }));
    const run = await suite.ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('control_plane_preset');
    expect(text).toContain('nano, micro, small, medium, large, xlarge, 2xlarge');
  });

  test('a state of schema version 1 (no preset, no bucket, five add-ons) is upgraded on the next plan without a change', async () => {
    // The cluster as a v1 provider would have left it: the default preset and none of the new add-ons.
    suite.ws.write(config({ gpuGroup: true, addons: '    cert_manager = true' }));
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const file = path.join(suite.ws.dir, 'terraform.tfstate');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const instance = doc.resources.find((r: { type: string }) => r.type === 'hikube_kubernetes_cluster').instances[0];
    expect(instance.schema_version).toBe(2);
    instance.schema_version = 1;
    delete instance.attributes.control_plane_preset;
    delete instance.attributes.backup_bucket_id;
    for (const a of ['gpu_operator', 'velero', 'gateway_api']) delete instance.attributes.addons[a];
    doc.serial += 1;
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    const plan = await suite.ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    const upgraded = stateInstance(suite.ws, 'hikube_kubernetes_cluster').attributes;
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).resources.find((r: { type: string }) => r.type === 'hikube_kubernetes_cluster').instances[0].schema_version).toBe(2);
    expect(upgraded).toMatchObject({
      control_plane_preset: 'medium',
      backup_bucket_id: null,
      addons: expect.objectContaining({ cert_manager: true, gpu_operator: false, velero: false, gateway_api: false }),
    });
  });

  test('destroy', async () => {
    suite.ws.write(PROVIDER_BLOCK);
    await suite.ws.ok('apply', '-auto-approve', '-no-color');
    expect((await suite.api.listResources('/v1/clusters')).items).toEqual([]);
    expect((await suite.api.listResources('/v1/buckets')).items).toEqual([]);
  });
});
