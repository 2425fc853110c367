/**
 * Diagnostics a CI user reads (issue 9, item 8): errors name Terraform attributes and point at
 * them; a token without the role fails at plan, not at apply; a frozen service says how long the
 * provider waited and which setting changes that. Real terraform, provider and service.
 */
import { HikubeClient } from '../../client/client';
import { Vm } from '../../client/types';
import { apiClient, PROVIDER_BLOCK, RunningService, startService, tempDir, Workspace, workspace } from './harness';

jest.setTimeout(240_000);

const TENANT = `
resource "hikube_tenant" "restricted" {
  name = "restricted"
  security_policy = {
    allowed_instance_types = ["s1.small"]
  }
}
`;

describe('diagnostics', () => {
  let service: RunningService;
  let ws: Workspace;
  let api: HikubeClient;
  const plain = (s: string) => s.replace(/\s+/g, ' ');

  beforeAll(async () => {
    service = await startService(tempDir('e2e-diagnostics'), ['--sim-delays', '0']);
    api = apiClient(service);
    ws = workspace(service, 'e2e-diagnostics');
    ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await ws.ok('init', '-no-color');
    await ws.ok('apply', '-auto-approve', '-no-color');
  });

  afterAll(async () => {
    service?.process.kill('SIGCONT');
    api?.close();
    await service?.stop();
  });

  afterEach(() => {
    expect(ws.logProblems()).toEqual([]);
  });

  test('a policy violation names the Terraform attribute of the policy, not the API field', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}
resource "hikube_virtual_machine" "big" {
  tenant_id     = hikube_tenant.restricted.id
  name          = "big"
  instance_type = "u1.large"
}
`);
    const plan = await ws.tf('plan', '-no-color');
    expect(plan.code).toBe(1);
    const text = plain(plan.stderr);
    expect(text).toContain('security_policy.allowed_instance_types');
    expect(text).not.toContain('allowedInstanceTypes');
    expect(text).toContain('instance_type = "u1.large"');
  });

  test('node group min/max points at node_groups["workers"].max_replicas', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}
resource "hikube_kubernetes_cluster" "web" {
  tenant_id = hikube_tenant.restricted.id
  name      = "web"
  node_groups = {
    workers = {
      min_replicas  = 3
      max_replicas  = 1
      instance_type = "s1.small"
    }
  }
}
`);
    const run = await ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('Invalid Node Group Size');
    expect(text).toContain('node_groups["workers"].max_replicas: max_replicas must be >= min_replicas (3), got 1');
    // Terraform underlines the workers entry: the deepest part of a nested attribute it can locate.
    expect(text).toMatch(/in resource "hikube_kubernetes_cluster" "web": \d+: workers = \{/);
  });

  test('a bad timeout names timeouts.create', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}
resource "hikube_virtual_machine" "slow" {
  tenant_id     = hikube_tenant.restricted.id
  name          = "slow"
  instance_type = "s1.small"
  timeouts      = { create = "ten minutes" }
}
`);
    const run = await ws.tf('validate', '-no-color');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('timeouts.create: "ten minutes" is invalid');
    expect(text).not.toContain('timeouts["create"]');
    expect(text).toContain('create = "ten minutes"');
  });

  test('a disk that would shrink fails the plan on system_disk.size_gb; a new image is a replacement, not an error', async () => {
    const vm = (disk: string) => `${PROVIDER_BLOCK}${TENANT}
resource "hikube_virtual_machine" "disk" {
  tenant_id     = hikube_tenant.restricted.id
  name          = "disk"
  instance_type = "s1.small"
  system_disk   = { ${disk} }
}
`;
    ws.write(vm('size_gb = 30'));
    await ws.ok('apply', '-auto-approve', '-no-color');
    ws.write(vm('size_gb = 20'));
    const shrink = await ws.tf('plan', '-no-color');
    expect(shrink.code).toBe(1);
    const text = plain(shrink.stderr);
    expect(text).toContain('Disk Cannot Shrink');
    expect(text).toContain('system_disk.size_gb: size_gb disks never shrink: 30 GiB now, got 20');
    ws.write(vm('size_gb = 30, image = "debian-12"'));
    const replace = await ws.tf('plan', '-no-color');
    expect(replace.code).toBe(0);
    expect(plain(replace.stdout)).toContain('must be replaced');
    ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await ws.ok('apply', '-auto-approve', '-no-color');
  });

  test('a view-only token fails at plan, saying which role it needs', async () => {
    const tenant = await api.getTenantByPath('acme/restricted');
    const view = await api.createToken({ tenantId: tenant.id, role: 'view' });
    ws.write(`${PROVIDER_BLOCK}
data "hikube_tenant" "restricted" {
  path = "acme/restricted"
}

resource "hikube_virtual_machine" "viewer" {
  tenant_id     = data.hikube_tenant.restricted.id
  name          = "viewer"
  instance_type = "s1.small"
}
`);
    const run = await ws.tfEnv({ HIKUBE_TOKEN: view.secret }, 'plan', '-no-color', '-refresh=false', '-state=view.tfstate');
    expect(run.code).toBe(1);
    const text = plain(run.stderr);
    expect(text).toContain('Permission Denied');
    expect(text).toContain('needs admin');
    expect(text).toContain('with hikube_virtual_machine.viewer');
    expect((await api.listResources<Vm>('/v1/vms')).items).toEqual([]);
  });

  test('a frozen service: the error says how long the provider waited and which setting changes it', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    service.process.kill('SIGSTOP');
    try {
      const started = Date.now();
      const run = await ws.tfEnv({ HIKUBE_REQUEST_TIMEOUT: '2s' }, 'plan', '-no-color');
      const took = Date.now() - started;
      expect(run.code).toBe(1);
      const text = plain(run.stderr);
      expect(text).toContain('Hikube Service Not Answering');
      expect(text).toContain('waited 2 s');
      expect(text).toContain('request_timeout');
      expect(text).toContain('HIKUBE_REQUEST_TIMEOUT');
      expect(took).toBeLessThan(25_000);
    } finally {
      service.process.kill('SIGCONT');
    }
  });

  test('destroy', async () => {
    ws.write(`${PROVIDER_BLOCK}${TENANT}`);
    await ws.ok('destroy', '-auto-approve', '-no-color');
  });
});
