import { HikubeClient } from '../../client';
import { Cluster, InstanceTypeInfo, KubernetesVersions, Tenant, Vm } from '../../client/types';
import { INSTANCE_TYPES, KUBERNETES_VERSIONS } from '../../model/catalog';
import { CLUSTER_ID_PATTERN } from '../../model/cluster';
import { clusterMonthlyCost, instanceMonthlyPrice, vmMonthlyCost } from '../../model/pricing';
import { VM_ID_PATTERN } from '../../model/vm';
import { driverObjects, expectProblem, failure, raw, startTestService, TestService, waitFor } from './helpers';

/** Clusters and VMs over real HTTP, with the simulated driver at short delays. */

let t: TestService;
let api: HikubeClient;
let tenant: Tenant;

beforeAll(async () => {
  t = await startTestService({
    organisation: 'acme',
    simDelays: 'cluster.create=300ms,cluster.update=200ms,vm.create=200ms,*.delete=100ms,vm.update=100ms',
    simFailures: 'vm.create:name=broken-*:no capacity for GPU nvidia.com/GH100_H100_PCIE in zone;cluster.update:name=fragile:upgrade failed: etcd unhealthy',
  });
  api = t.client;
  tenant = await api.createTenant({ name: 'shop' });
});
afterAll(() => t?.stop());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(t.url, 'POST', path, { token: t.token, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

const clusterBody = (name: string) => ({
  tenantId: tenant.id,
  name,
  nodeGroups: { workers: { minReplicas: 2, maxReplicas: 4, instanceType: 'u1.large' }, gpu: { minReplicas: 0, maxReplicas: 1, instanceType: 'u1.2xlarge', gpus: ['nvidia.com/GA102GL_A10'] } },
});

describe('clusters', () => {
  test('create: 202 pending with defaults, then ready with endpoint, CA, token and kubeconfig', async () => {
    const res = await post('/v1/clusters', clusterBody('web'));
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/clusters/${res.body.id}`);
    const created = res.body as Cluster;
    expect(created).toEqual({
      id: expect.stringMatching(CLUSTER_ID_PATTERN),
      tenantId: tenant.id,
      name: 'web',
      version: 'v1.33',
      controlPlaneReplicas: 2,
      controlPlanePreset: 'medium',
      storageClass: 'replicated',
      nodeGroups: {
        workers: { minReplicas: 2, maxReplicas: 4, instanceType: 'u1.large', diskSizeGb: 20, roles: null, gpus: null },
        gpu: { minReplicas: 0, maxReplicas: 1, instanceType: 'u1.2xlarge', diskSizeGb: 20, roles: null, gpus: ['nvidia.com/GA102GL_A10'] },
      },
      addons: { certManager: false, ingressNginx: false, monitoringAgents: false, fluxcd: false, verticalPodAutoscaler: false, gpuOperator: false, velero: false, gatewayAPI: false },
      backupBucketId: null,
      status: 'pending',
      statusReason: null,
      endpoint: null,
      caCertificate: null,
      adminToken: null,
      kubeconfig: null,
      monthlyCostEstimate: clusterMonthlyCost(created),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const ready = (await waitFor<Cluster>(api, '/v1/clusters', created.id)) as Cluster;
    expect(ready).toMatchObject({ status: 'ready', statusReason: null, endpoint: `https://web.tenant-acme-shop.k8s.hikube.local:6443` });
    expect(ready.caCertificate).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect(ready.adminToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(ready.kubeconfig).toContain(`server: ${ready.endpoint}`);
    expect(ready.kubeconfig).toContain(`token: ${ready.adminToken}`);
    expect(await api.getResource('/v1/clusters', created.id)).toEqual(ready); // stable
  });

  test('monthly cost equals model/pricing for the desired spec', async () => {
    const body = { ...clusterBody('costly'), controlPlaneReplicas: 3, storageClass: 'local', nodeGroups: { a: { minReplicas: 3, maxReplicas: 5, instanceType: 'm1.xlarge', diskSizeGb: 50 } } };
    const created = await api.createResource<Cluster>('/v1/clusters', body);
    expect(created.monthlyCostEstimate).toBe(clusterMonthlyCost({ controlPlaneReplicas: 3, storageClass: 'local', nodeGroups: { a: { minReplicas: 3, instanceType: 'm1.xlarge', diskSizeGb: 50 } } }));
    expect(created.monthlyCostEstimate).toBeGreaterThan(0);
  });

  test('PATCH resize: 202 updating with the new spec and cost, then ready; immutable fields refused', async () => {
    const created = await api.createResource<Cluster>('/v1/clusters', clusterBody('resize'));
    await waitFor(api, '/v1/clusters', created.id);
    const res = await raw(t.url, 'PATCH', `/v1/clusters/${created.id}`, {
      token: t.token,
      body: JSON.stringify({ nodeGroups: { workers: { minReplicas: 5, maxReplicas: 8, instanceType: 'u1.xlarge' } } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'updating', nodeGroups: { workers: { minReplicas: 5, diskSizeGb: 20 } } });
    expect(res.body.monthlyCostEstimate).toBe(clusterMonthlyCost(res.body));
    expect(await waitFor(api, '/v1/clusters', created.id)).toMatchObject({ status: 'ready', nodeGroups: { workers: { minReplicas: 5 } } });

    const err = await failure(api.updateResource('/v1/clusters', created.id, { name: 'other', storageClass: 'local', endpoint: 'x', timeouts: { create: '1m' } }));
    expect(err.status).toBe(400);
    expect(err.problem.errors?.map((e) => e.field)).toEqual(['endpoint', 'name', 'storageClass', 'timeouts']);
    expect(err.problem.errors?.find((e) => e.field === 'name')?.reason).toMatch(/replaces the cluster/);
  });

  test('a PATCH while creating replaces the desired spec; the worker converges to the latest', async () => {
    const created = await api.createResource<Cluster>('/v1/clusters', clusterBody('moving'));
    await api.updateResource('/v1/clusters', created.id, { controlPlaneReplicas: 3 });
    await api.updateResource('/v1/clusters', created.id, { controlPlaneReplicas: 4 });
    const ready = (await waitFor<Cluster>(api, '/v1/clusters', created.id)) as Cluster;
    expect(ready).toMatchObject({ status: 'ready', controlPlaneReplicas: 4 });
    const ops = (await t.service.store.query<{ action: string; state: string }>('SELECT action, state FROM operations WHERE resource_id = $1', [created.id])).rows;
    expect(ops).toEqual([{ action: 'create', state: 'succeeded' }]);
  });

  test('update failure: failed with the driver reason; a later PATCH recovers', async () => {
    const created = await api.createResource<Cluster>('/v1/clusters', clusterBody('fragile'));
    await waitFor(api, '/v1/clusters', created.id);
    await api.updateResource('/v1/clusters', created.id, { version: 'v1.34' });
    expect(await waitFor(api, '/v1/clusters', created.id)).toMatchObject({ status: 'failed', statusReason: 'upgrade failed: etcd unhealthy', version: 'v1.34' });
  });

  test('validation: every failing field at once, including cross-field rules', async () => {
    const res = await post('/v1/clusters', {
      tenantId: tenant.id,
      name: 'Bad Name',
      version: 'v1.20',
      nodeGroups: { workers: { minReplicas: 3, maxReplicas: 1, instanceType: 'u1.large' }, 'Bad!': { minReplicas: 1, maxReplicas: 1, instanceType: 'x9.huge', diskSizeGb: 5 } },
    });
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'version', 'nodeGroups["Bad!"]', 'nodeGroups["Bad!"].instanceType', 'nodeGroups["Bad!"].diskSizeGb']));
    const cross = expectProblem(await post('/v1/clusters', { ...clusterBody('cross'), nodeGroups: { workers: { minReplicas: 3, maxReplicas: 1, instanceType: 'u1.large' } } }), 400);
    expect(cross.errors).toEqual([{ field: 'nodeGroups.workers.maxReplicas', path: ['nodeGroups', 'workers', 'maxReplicas'], reason: 'must be >= minReplicas (3), got 1' }]);
    const tenantless = expectProblem(await post('/v1/clusters', { ...clusterBody('x'), tenantId: 'tnt-aaaaaaaaaaaaaaaa' }), 400);
    expect(tenantless.errors?.map((e) => e.field)).toEqual(['tenantId']);
  });

  test('name unique per tenant: 409', async () => {
    await api.createResource('/v1/clusters', clusterBody('twin'));
    const err = await failure(api.createResource('/v1/clusters', clusterBody('twin')));
    expect(err.status).toBe(409);
    expect(err.problem.detail).toMatch(/acme\/shop already has a cluster named twin/);
  });
});

describe('idempotency', () => {
  test('same key and body: one resource; different body: 422 naming the header; released on delete', async () => {
    const key = 'c0ffee00-1111-2222-3333-444455556666';
    const first = await post('/v1/vms', { tenantId: tenant.id, name: 'idem', instanceType: 'u1.small' }, { 'idempotency-key': key });
    expect(first.status).toBe(202);
    const again = await post('/v1/vms', { tenantId: tenant.id, name: 'idem', instanceType: 'u1.small', runStrategy: 'Always' }, { 'idempotency-key': key });
    expect([200, 202]).toContain(again.status);
    expect(again.body.id).toBe(first.body.id);
    const other = expectProblem(await post('/v1/vms', { tenantId: tenant.id, name: 'idem2', instanceType: 'u1.small' }, { 'idempotency-key': key }), 422);
    expect(other.detail).toMatch(/Idempotency-Key/);
    expect((await api.listResources('/v1/vms', { name: 'idem' })).items).toHaveLength(1);

    await api.deleteResource('/v1/vms', first.body.id);
    await waitFor(api, '/v1/vms', first.body.id, ['gone']);
    const fresh = await post('/v1/vms', { tenantId: tenant.id, name: 'idem2', instanceType: 'u1.small' }, { 'idempotency-key': key });
    expect(fresh.status).toBe(202);
    expect(fresh.body.id).not.toBe(first.body.id);
  });

  test("keys are scoped to the caller: another tenant's token with the same key is neither refused nor told", async () => {
    const other = await api.createTenant({ name: 'other-shop' });
    const theirs = await api.createToken({ tenantId: other.id, role: 'admin' });
    const key = 'release-1';
    const mine = await post('/v1/vms', { tenantId: tenant.id, name: 'scoped', instanceType: 'u1.small' }, { 'idempotency-key': key });
    expect(mine.status).toBe(202);
    const res = await raw(t.url, 'POST', '/v1/vms', {
      token: theirs.secret,
      body: JSON.stringify({ tenantId: other.id, name: 'scoped', instanceType: 'u1.small' }),
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
    });
    expect(res.status).toBe(202);
    expect(res.body.id).not.toBe(mine.body.id);
    expect(JSON.stringify(res.body)).not.toContain(mine.body.id);
  });

  test('a settled key no longer replays: the same request is a name conflict, never the old object', async () => {
    const body = { tenantId: tenant.id, name: 'settled', instanceType: 'u1.small' };
    const first = await post('/v1/vms', body, { 'idempotency-key': 'settle-me' });
    const unsettled = await post('/v1/vms', body, { 'idempotency-key': 'settle-me' });
    expect(unsettled.body.id).toBe(first.body.id);
    const settle = await raw(t.url, 'DELETE', `/v1/vms/${first.body.id}/idempotency-key`, { token: t.token });
    expect(settle.status).toBe(204);
    const again = expectProblem(await post('/v1/vms', body, { 'idempotency-key': 'settle-me' }), 409);
    expect(again.detail).toContain('already has a virtual machine named settled');
  });

  test('concurrent creates with one key make one resource', async () => {
    const body = { tenantId: tenant.id, name: 'race', instanceType: 'u1.small' };
    const results = await Promise.all(Array.from({ length: 5 }, () => post('/v1/vms', body, { 'idempotency-key': 'race-key' })));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.every((r) => r.status === 200 || r.status === 202)).toBe(true);
  });
});

describe('virtual machines', () => {
  test('create ready with private IP; external IP only with external access; cloud-init never returned', async () => {
    const vm = await api.createResource<Vm>('/v1/vms', {
      tenantId: tenant.id,
      name: 'db-1',
      instanceType: 'm1.large',
      dataDisks: [{ name: 'data', sizeGb: 100 }],
      externalAccess: { ports: [22, 5432] },
      cloudInit: '#cloud-config\npassword: secret',
    });
    expect(vm).toMatchObject({
      id: expect.stringMatching(VM_ID_PATTERN),
      status: 'pending',
      systemDisk: { sizeGb: 20, storageClass: 'replicated', image: 'ubuntu-2404' },
      externalAccess: { method: 'PortList', ports: [22, 5432] },
    });
    expect(vm).not.toHaveProperty('cloudInit');
    expect(vm.monthlyCostEstimate).toBe(vmMonthlyCost(vm));
    const ready = (await waitFor<Vm>(api, '/v1/vms', vm.id)) as Vm;
    expect(ready.privateIp).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(ready.externalIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(JSON.stringify(ready)).not.toContain('secret');

    const plain = await api.createResource<Vm>('/v1/vms', { tenantId: tenant.id, name: 'plain', instanceType: 's1.small' });
    expect(await waitFor(api, '/v1/vms', plain.id)).toMatchObject({ status: 'ready', externalIp: null });
  });

  test('failure injection: failed with the driver reason', async () => {
    const vm = await api.createResource<Vm>('/v1/vms', { tenantId: tenant.id, name: 'broken-gpu', instanceType: 'u1.2xlarge', gpus: ['nvidia.com/GH100_H100_PCIE'] });
    expect(await waitFor(api, '/v1/vms', vm.id)).toMatchObject({ status: 'failed', statusReason: 'no capacity for GPU nvidia.com/GH100_H100_PCIE in zone' });
  });

  test('cross-field rules: unique disk names, ports only with PortList, disks never shrink', async () => {
    const res = await post('/v1/vms', {
      tenantId: tenant.id,
      name: 'rules',
      instanceType: 'u1.small',
      dataDisks: [
        { name: 'a', sizeGb: 10 },
        { name: 'a', sizeGb: 5 },
      ],
      externalAccess: { method: 'WholeIP', ports: [22] },
    });
    expect(expectProblem(res, 400).errors?.map((e) => e.field)).toEqual(['dataDisks[1].name', 'externalAccess.ports']);

    const vm = await api.createResource<Vm>('/v1/vms', { tenantId: tenant.id, name: 'grow', instanceType: 'u1.small', systemDisk: { sizeGb: 30 }, dataDisks: [{ name: 'a', sizeGb: 10 }] });
    await waitFor(api, '/v1/vms', vm.id);
    const shrink = await failure(api.updateResource('/v1/vms', vm.id, { systemDisk: { sizeGb: 20 }, dataDisks: [{ name: 'a', sizeGb: 5 }] }));
    expect(shrink.status).toBe(400);
    expect(shrink.problem.errors?.map((e) => e.field)).toEqual(['dataDisks[0].sizeGb', 'systemDisk.sizeGb']);
    const grown = await api.updateResource<Vm>('/v1/vms', vm.id, { systemDisk: { sizeGb: 40 }, dataDisks: [{ name: 'a', sizeGb: 20 }], runStrategy: 'Halted' });
    expect(grown).toMatchObject({ status: 'updating', runStrategy: 'Halted' });
    expect(grown.monthlyCostEstimate).toBe(vmMonthlyCost(grown));
    expect(await waitFor(api, '/v1/vms', vm.id)).toMatchObject({ status: 'ready', systemDisk: { sizeGb: 40 } });
  });

  test('delete: 202 deleting, then 404 and no driver object left', async () => {
    const vm = await api.createResource<Vm>('/v1/vms', { tenantId: tenant.id, name: 'short-lived', instanceType: 'u1.small' });
    await waitFor(api, '/v1/vms', vm.id);
    const res = await raw(t.url, 'DELETE', `/v1/vms/${vm.id}`, { token: t.token });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: vm.id, status: 'deleting' });
    expect(await waitFor(api, '/v1/vms', vm.id, ['gone'])).toBe('gone');
    expect((await driverObjects(api)).map((o) => o.id)).not.toContain(vm.id);
  });

  test('list filters: id (batched), tenantId, name; bad ids are 400', async () => {
    const a = await api.createResource<Vm>('/v1/vms', { tenantId: tenant.id, name: 'list-a', instanceType: 'u1.small' });
    const b = await api.createResource<Vm>('/v1/vms', { tenantId: tenant.id, name: 'list-b', instanceType: 'u1.small' });
    expect((await api.listResources<Vm>('/v1/vms', { id: [a.id, b.id, 'vm-aaaaaaaaaaaaaaaa'] })).items.map((v) => v.id).sort()).toEqual([a.id, b.id].sort());
    expect((await api.listResources<Vm>('/v1/vms', { tenantId: tenant.id, name: 'list-b' })).items.map((v) => v.id)).toEqual([b.id]);
    expectProblem(await raw(t.url, 'GET', '/v1/vms?id=nope', { token: t.token }), 400);
    expectProblem(await raw(t.url, 'GET', `/v1/vms?${Array.from({ length: 101 }, () => `id=${a.id}`).join('&')}`, { token: t.token }), 400);
    expectProblem(await raw(t.url, 'GET', '/v1/vms/vm-aaaaaaaaaaaaaaaa', { token: t.token }), 404);
  });
});

describe('tenants owning resources', () => {
  test('deleting a tenant with clusters or VMs is refused, naming them', async () => {
    const team = await api.createTenant({ name: 'busy' });
    await api.createResource('/v1/clusters', { ...clusterBody('k1'), tenantId: team.id });
    await api.createResource('/v1/vms', { tenantId: team.id, name: 'v1', instanceType: 'u1.small' });
    const err = await failure(api.deleteTenant(team.id));
    expect(err.status).toBe(409);
    expect(err.problem.detail).toMatch(/acme\/busy still owns cluster k1, vm v1/);
    expect((err.problem as unknown as { resources: unknown[] }).resources).toEqual([
      { kind: 'cluster', id: expect.any(String), name: 'k1' },
      { kind: 'vm', id: expect.any(String), name: 'v1' },
    ]);
  });
});

describe('visibility', () => {
  test('a token of another tenant sees none of these; admin endpoint is 403 below the root', async () => {
    const other = await api.createTenant({ name: 'other' });
    const token = await t.service.issueToken({ tenantId: other.id, role: 'super-admin' });
    const stranger = t.clientWith(token);
    expect((await stranger.listResources('/v1/vms')).items).toEqual([]);
    const err = await failure(stranger.createResource('/v1/vms', { tenantId: tenant.id, name: 'sneaky', instanceType: 'u1.small' }));
    expect(err.status).toBe(400);
    expect((await failure(stranger.request('GET', '/v1/admin/driver-objects'))).status).toBe(403);
    const viewer = t.clientWith(await t.service.issueToken({ tenantId: (await api.getTenantByPath('acme')).id, role: 'view' }));
    expect((await failure(viewer.request('GET', '/v1/admin/driver-objects'))).status).toBe(403);
    expect((await failure(viewer.createResource('/v1/vms', { tenantId: tenant.id, name: 'nope', instanceType: 'u1.small' }))).status).toBe(403);
  });
});

describe('catalog', () => {
  test('instance types with prices, Kubernetes versions; a token is required', async () => {
    const types = (await api.instanceTypes()).items as InstanceTypeInfo[];
    expect(types).toHaveLength(INSTANCE_TYPES.length);
    expect(types.find((x) => x.name === 'u1.large')).toEqual({ name: 'u1.large', series: 'u1', size: 'large', cpu: 2, memoryGib: 8, monthlyPrice: instanceMonthlyPrice('u1.large') });
    // Hikube's sizes: s1.large is 4 vCPU / 8 GiB; our former names follow Hikube's, each naming the nearest.
    expect(types.find((x) => x.name === 's1.large')).toMatchObject({ cpu: 4, memoryGib: 8 });
    expect(types.find((x) => x.name === 's1.3large')).toMatchObject({ cpu: 12, memoryGib: 24 });
    const deprecated = types.filter((x) => x.deprecated);
    expect(types.slice(-deprecated.length)).toEqual(deprecated);
    expect(types.find((x) => x.name === 'u1.small')).toMatchObject({ cpu: 1, memoryGib: 2, deprecated: "not in Hikube's catalog; use u1.medium (1 vCPU, 4 GiB) instead" });
    const versions: KubernetesVersions = await api.kubernetesVersions();
    expect(versions).toEqual({ versions: [...KUBERNETES_VERSIONS], defaultVersion: 'v1.33', latestVersion: 'v1.35' });
    expect((await raw(t.url, 'GET', '/v1/catalog/instance-types')).status).toBe(401);
  });

  test("GPUs: Hikube's five offered first, then the deprecated names, each saying what to use instead, priced as the price list", async () => {
    const { items } = await api.gpus();
    expect(items.filter((g) => g.available).map((g) => g.displayName)).toEqual(['NVIDIA L40S', 'NVIDIA A100 PCIe 80GB', 'NVIDIA A100 SXM4 80GB', 'NVIDIA RTX PRO 6000', 'NVIDIA H100']);
    expect(items.find((g) => g.name === 'nvidia.com/AD102GL_L40S')).toEqual({ name: 'nvidia.com/AD102GL_L40S', displayName: 'NVIDIA L40S', memoryGb: 48, available: true, monthlyPrice: 1168 });
    const deprecated = items.filter((g) => g.deprecated);
    expect(deprecated.map((g) => g.name)).toEqual(['nvidia.com/GH100_H100_PCIE', 'nvidia.com/GA102GL_A10']);
    expect(items.slice(-2)).toEqual(deprecated);
    for (const g of deprecated) expect(g).toMatchObject({ available: false, deprecated: expect.stringMatching(/use nvidia\.com\/\S+ .*instead/) });
    const sheet = await api.prices('compute');
    for (const g of items) expect(sheet.items.find((s) => s.sku === `gpu.${g.name}`)?.monthly).toBe(g.monthlyPrice);
  });

  test("images: Hikube's distributions with their versions, image names and minimum size", async () => {
    const { items } = await api.images();
    expect(items.find((i) => i.name === 'ubuntu')).toEqual({
      name: 'ubuntu',
      displayName: 'Ubuntu LTS',
      versions: ['2204', '2404'],
      images: ['ubuntu-2204', 'ubuntu-2404'],
      minSizeGib: 4,
      iso: false,
    });
    expect(items.find((i) => i.name === 'oracle')?.minSizeGib).toBe(40);
    expect(items.find((i) => i.name === 'proxmox')?.iso).toBe(true);
  });

  test('a disk from an image: an unknown image is refused listing the images, one smaller than the image on size_gb', async () => {
    const tenant = await api.createTenant({ name: 'image-fit' });
    const unknown = await failure(api.createResource('/v1/disks', { tenantId: tenant.id, name: 'nope', sizeGb: 20, image: 'windows-11' }));
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.problem)).toMatch(/image.*ubuntu-2404.*oracle-9/);
    const small = await failure(api.createResource('/v1/disks', { tenantId: tenant.id, name: 'small', sizeGb: 30, image: 'oracle-9' }));
    expect(small.status).toBe(400);
    expect(small.problem.errors?.map((e) => e.field)).toEqual(['sizeGb']);
    expect(JSON.stringify(small.problem)).toContain('at least 40 GB to hold the image oracle-9 (got 30)');
    const fits = await api.createResource<{ image: string }>('/v1/disks', { tenantId: tenant.id, name: 'fits', sizeGb: 40, image: 'oracle-9' });
    expect(fits.image).toBe('oracle-9');
    const vm = await failure(api.createResource('/v1/vms', { tenantId: tenant.id, name: 'small-vm', instanceType: 'u1.large', systemDisk: { sizeGb: 20, image: 'oracle-9' } }));
    expect(vm.problem.errors?.map((e) => e.path)).toEqual([['systemDisk', 'sizeGb']]);
  });

  test('a deprecated GPU name still creates a VM; an unknown one is refused listing only the offered names', async () => {
    const tenant = await api.createTenant({ name: 'gpu-names' });
    const vm = await api.createResource<Vm>('/v1/vms', { tenantId: tenant.id, name: 'old-gpu', instanceType: 'u1.2xlarge', gpus: ['nvidia.com/GA102GL_A10'] });
    expect(vm.gpus).toEqual(['nvidia.com/GA102GL_A10']);
    const err = await failure(api.createResource('/v1/vms', { tenantId: tenant.id, name: 'typo-gpu', instanceType: 'u1.2xlarge', gpus: ['nvidia.com/L40S'] }));
    expect(err.status).toBe(400);
    const reason = JSON.stringify(err.problem);
    expect(reason).toContain('nvidia.com/GA100_A100_SXM4_80GB');
    expect(reason).not.toContain('GA102GL_A10');
  });
});

describe('OpenAPI', () => {
  test('documents the new paths; schemas come from the models without Terraform-only fields', async () => {
    const doc = (await raw(t.url, 'GET', '/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/clusters',
        '/v1/clusters/{id}',
        '/v1/vms',
        '/v1/vms/{id}',
        '/v1/monitoring-stacks',
        '/v1/monitoring-stacks/{id}',
        '/v1/catalog/instance-types',
        '/v1/catalog/kubernetes-versions',
        '/v1/admin/driver-objects',
      ]),
    );
    const { Cluster, Vm, VmCreate, ClusterUpdate } = doc.components.schemas;
    expect(Cluster.properties).not.toHaveProperty('timeouts');
    expect(Cluster.properties.endpoint.type).toEqual(['string', 'null']);
    expect(Vm.properties).not.toHaveProperty('cloudInit');
    expect(VmCreate.properties).toHaveProperty('cloudInit');
    expect(VmCreate.required).toEqual(['tenantId', 'name', 'instanceType']);
    expect(Object.keys(ClusterUpdate.properties).sort()).toEqual(['addons', 'backupBucketId', 'controlPlanePreset', 'controlPlaneReplicas', 'nodeGroups', 'version']);
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
    for (const r of refs) expect(doc.components.schemas).toHaveProperty(r.slice(22, -1));
  });
});
