import 'cdktf/lib/testing/adapters/jest';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Namespace } from '@cdktf/provider-kubernetes/lib/namespace';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Cluster, Gpu, HikubeProvider, NodeGroupOptions, Preset } from '../../constructs/index';
import { HikubeKubernetesCluster } from '../../constructs/generated/kubernetes-cluster';
import { onlyBlock, resolve, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

const workers: NodeGroupOptions = { minReplicas: 2, maxReplicas: 6, instanceType: 'u1.xlarge' };

const cluster = (stack: TerraformStack) => onlyBlock(stack, 'hikube_kubernetes_cluster');

describe('Cluster', () => {
  test('default: version, control plane, storage class, add-ons off, node group disk', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });

    // THEN
    expect(cluster(stack)).toEqual({
      tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`,
      name: 'web',
      version: 'v1.33',
      control_plane_replicas: 2,
      control_plane_preset: 'medium',
      storage_class: 'replicated',
      node_groups: { workers: { min_replicas: 2, max_replicas: 6, instance_type: 'u1.xlarge', disk_size_gb: 20 } },
      addons: { cert_manager: false, ingress_nginx: false, monitoring_agents: false, fluxcd: false, vertical_pod_autoscaler: false, gpu_operator: false, velero: false, gateway_api: false },
    });
  });

  test('can configure name, version, control plane, storage class, add-ons and timeouts', () => {
    const { stack, tenant } = stackWithTenant();
    new Cluster(stack, 'Web', {
      tenant,
      name: 'frontend',
      version: 'v1.35',
      controlPlaneReplicas: 3,
      storageClass: 'local',
      nodeGroups: { workers },
      addons: { certManager: true, ingressNginx: true },
      timeouts: { create: '45m' },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeKubernetesCluster, {
      name: 'frontend',
      version: 'v1.35',
      control_plane_replicas: 3,
      storage_class: 'local',
      addons: { cert_manager: true, ingress_nginx: true, monitoring_agents: false, fluxcd: false, vertical_pod_autoscaler: false, gpu_operator: false, velero: false, gateway_api: false },
      timeouts: { create: '45m' },
    });
  });

  test('can configure node group disk, roles and gpus', () => {
    const { stack, tenant } = stackWithTenant();
    new Cluster(stack, 'Web', {
      tenant,
      nodeGroups: { gpu: { ...workers, diskSizeGb: 100, roles: ['ingress-nginx'], gpus: ['nvidia.com/GA102GL_A10'] } },
    });
    expect(cluster(stack).node_groups.gpu).toEqual({
      min_replicas: 2,
      max_replicas: 6,
      instance_type: 'u1.xlarge',
      disk_size_gb: 100,
      roles: ['ingress-nginx'],
      gpus: ['nvidia.com/GA102GL_A10'],
    });
  });

  test('addNodeGroup adds to the groups given in props', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });

    // WHEN
    web.addNodeGroup('system', { minReplicas: 2, maxReplicas: 3, instanceType: 'u1.large' });

    // THEN
    expect(Object.keys(cluster(stack).node_groups)).toEqual(['system', 'workers']);
  });

  test('addNodeGroup order never matters, even after other constructs use the cluster', () => {
    // GIVEN
    const synthWith = (order: string[]) => {
      const { stack, tenant } = stackWithTenant();
      const web = new Cluster(stack, 'Web', { tenant });
      web.kubernetesProvider();
      for (const name of order) web.addNodeGroup(name, { ...workers, instanceType: name === 'a' ? 'u1.large' : 'm1.large' });
      return Testing.synth(stack);
    };

    // WHEN
    const ab = synthWith(['a', 'b']);
    const ba = synthWith(['b', 'a']);

    // THEN
    expect(ab).toEqual(ba);
    expect(JSON.parse(ab).resource.hikube_kubernetes_cluster).toBeDefined();
  });

  test('exposes id, endpoint, CA certificate, admin token, kubeconfig and cost as references', () => {
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });
    const fqn = `hikube_kubernetes_cluster.${web.resource.friendlyUniqueId}`;
    expect(resolve(stack, web.clusterId)).toBe(`\${${fqn}.id}`);
    expect(resolve(stack, web.endpoint)).toBe(`\${${fqn}.endpoint}`);
    expect(resolve(stack, web.caCertificate)).toBe(`\${${fqn}.ca_certificate}`);
    expect(resolve(stack, web.adminToken)).toBe(`\${${fqn}.admin_token}`);
    expect(resolve(stack, web.kubeconfig)).toBe(`\${${fqn}.kubeconfig}`);
    expect(resolve(stack, web.monthlyCostEstimate)).toBe(`\${${fqn}.monthly_cost_estimate}`);
    expect(web.clusterName).toBe('web');
  });

  test('the L1 resource is an escape hatch', () => {
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });
    web.resource.addOverride('lifecycle.prevent_destroy', true);
    expect(cluster(stack).lifecycle).toEqual({ prevent_destroy: true });
  });

  test('tokens skip validation', () => {
    const { stack, tenant } = stackWithTenant();
    const size = new TerraformVariable(stack, 'size', { type: 'number' });
    const type = new TerraformVariable(stack, 'type', { type: 'string' });
    new Cluster(stack, 'Web', {
      tenant,
      controlPlaneReplicas: size.numberValue,
      nodeGroups: { workers: { minReplicas: size.numberValue, maxReplicas: 1, instanceType: type.stringValue } },
    });
    expect(cluster(stack).node_groups.workers).toMatchObject({ min_replicas: '${var.size}', max_replicas: 1, instance_type: '${var.type}' });
  });

  test('fails if node group max < min', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(stack, 'Web', { tenant });

    // WHEN
    const error = validationError(() => web.addNodeGroup('workers', { minReplicas: 3, maxReplicas: 1, instanceType: 'u1.large' }));

    // THEN
    expect(error.constructPath).toBe('test/Web');
    expect(error.message).toMatch(/invalid nodeGroups\["workers"\]: maxReplicas must be >= minReplicas \(3\) \(received 1\)\. Raise maxReplicas/);
  });

  test('fails if a node group name is invalid', () => {
    const { stack, tenant } = stackWithTenant();
    const error = validationError(() => new Cluster(stack, 'Web', { tenant, nodeGroups: { Workers_1: workers } }));
    expect(error.message).toMatch(/invalid node group name \(received "Workers_1"\)/);
  });

  test('fails if a node group is added twice', () => {
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });
    expect(validationError(() => web.addNodeGroup('workers', workers)).message).toMatch(/duplicate node group \(received "workers"\)/);
  });

  test('fails if the instance type is not in the catalog, with a suggestion', () => {
    const { stack, tenant } = stackWithTenant();
    const error = validationError(() => new Cluster(stack, 'Web', { tenant, nodeGroups: { workers: { ...workers, instanceType: 'u1.xlarg' } } }));
    expect(error.message).toMatch(/invalid nodeGroups\["workers"\]\.instanceType: unknown instance type \(received "u1.xlarg"\)\. Did you mean 'u1.xlarge'\?/);
  });

  test.each<[string, Partial<NodeGroupOptions>, RegExp]>([
    ['min replicas are negative', { minReplicas: -1 }, /minReplicas: must be at least 0, got -1/],
    ['max replicas exceed 100', { maxReplicas: 101 }, /maxReplicas: must be at most 100, got 101/],
    ['the disk is too small', { diskSizeGb: 5 }, /diskSizeGb: must be at least 10, got 5/],
    ['a role is invalid', { roles: ['Ingress'] }, /roles\[0\]: "Ingress" is invalid/],
    ['a GPU is unknown', { gpus: ['nvidia.com/RTX'] }, /gpus\[0\]: "nvidia.com\/RTX" is not one of/],
  ])('fails if %s', (_name, change, message) => {
    const { stack, tenant } = stackWithTenant();
    expect(validationError(() => new Cluster(stack, 'Web', { tenant, nodeGroups: { workers: { ...workers, ...change } } })).message).toMatch(message);
  });

  test.each<[string, object, RegExp]>([
    ['the version is unsupported', { version: 'v1.30' }, /invalid version: "v1.30" is not one of v1.31, v1.32/],
    ['control plane replicas exceed 5', { controlPlaneReplicas: 7 }, /invalid controlPlaneReplicas: must be at most 5, got 7/],
    ['the storage class is unknown', { storageClass: 'fast' }, /invalid storageClass: "fast" is not one of replicated, local/],
    ['a timeout is not a duration', { timeouts: { create: '45 minutes' } }, /invalid timeouts\["create"\]: "45 minutes" is invalid/],
    ['the name is invalid', { name: 'Web' }, /invalid name: "Web" is invalid/],
  ])('fails if %s', (_name, props, message) => {
    const { stack, tenant } = stackWithTenant();
    expect(validationError(() => new Cluster(stack, 'Web', { tenant, nodeGroups: { workers }, ...props })).message).toMatch(message);
  });

  test('fails at synth if the cluster has no node group', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    new Cluster(stack, 'Web', { tenant });

    // THEN
    expect(() => Testing.synth(stack, true)).toThrow(/test\/Web: cluster 'web' has no node group\. Pass `nodeGroups` or call `addNodeGroup/);
  });

  test('a node group added later satisfies the synth-time check', () => {
    const { stack, tenant } = stackWithTenant();
    new HikubeProvider(stack, 'Hikube');
    new Cluster(stack, 'Web', { tenant }).addNodeGroup('workers', workers);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('Cluster add-ons and control-plane preset', () => {
  test('default control-plane preset is medium; the new add-ons are off', () => {
    const { stack, tenant } = stackWithTenant();
    new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });
    expect(cluster(stack)).toMatchObject({ control_plane_preset: 'medium', addons: { gpu_operator: false, velero: false, gateway_api: false } });
    expect(cluster(stack).backup_bucket_id).toBeUndefined();
  });

  test('can configure the control-plane preset, the Gateway API, the GPU Operator on a GPU group and Velero with its bucket', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();
    new HikubeProvider(stack, 'Hikube');
    const backups = tenant.addBucket('Backups');

    // WHEN
    new Cluster(stack, 'Web', {
      tenant,
      controlPlanePreset: Preset.XLARGE,
      nodeGroups: { workers, gpu: { ...workers, minReplicas: 0, gpus: [Gpu.L40S] } },
      addons: { gatewayApi: true, gpuOperator: true, velero: true },
      backupBucket: backups,
    });

    // THEN
    expect(cluster(stack)).toMatchObject({
      control_plane_preset: 'xlarge',
      backup_bucket_id: `\${hikube_bucket.${backups.resource.friendlyUniqueId}.id}`,
      addons: { gateway_api: true, gpu_operator: true, velero: true, cert_manager: false },
    });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('a GPU group added after construction satisfies the GPU Operator', () => {
    const { stack, tenant } = stackWithTenant();
    new HikubeProvider(stack, 'Hikube');
    const web = new Cluster(stack, 'Web', { tenant, addons: { gpuOperator: true } });
    web.addNodeGroup('gpu', { ...workers, gpus: [Gpu.A100_PCIE_80GB] });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('fails at synth if the GPU Operator is on and no node group has GPUs', () => {
    const { stack, tenant } = stackWithTenant();
    new Cluster(stack, 'Web', { tenant, nodeGroups: { workers }, addons: { gpuOperator: true } });
    expect(() => Testing.synth(stack, true)).toThrow(/test\/Web: invalid addons\.gpuOperator: needs a node group with GPUs: no node group of the cluster has gpus\. Give a node group GPUs/);
  });

  test('fails if Velero is on without a backup bucket', () => {
    const { stack, tenant } = stackWithTenant();
    const error = validationError(() => new Cluster(stack, 'Web', { tenant, nodeGroups: { workers }, addons: { velero: true } }));
    expect(error.message).toMatch(/invalid addons\.velero: needs backupBucketId, the S3 bucket backups are written to/);
    expect(error.message).toMatch(/Set backupBucketId to a bucket of the same tenant/);
  });

  test('fails if the control-plane preset is unknown', () => {
    const { stack, tenant } = stackWithTenant();
    const error = validationError(() => new Cluster(stack, 'Web', { tenant, nodeGroups: { workers }, controlPlanePreset: 'huge' as Preset }));
    expect(error.message).toMatch(/invalid controlPlanePreset: "huge" is not one of nano, micro, small, medium, large, xlarge, 2xlarge/);
  });
});

describe('Cluster providers', () => {
  test('kubernetesProvider() configures host, token and CA from the cluster, with an alias', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(tenant, 'Web', { tenant, nodeGroups: { workers } });

    // WHEN
    const provider = web.kubernetesProvider();

    // THEN
    const fqn = `hikube_kubernetes_cluster.${web.resource.friendlyUniqueId}`;
    expect(Testing.synth(stack)).toHaveProviderWithProperties(KubernetesProvider, {
      alias: 'Production_Web_Kubernetes',
      host: `\${${fqn}.endpoint}`,
      token: `\${${fqn}.admin_token}`,
      cluster_ca_certificate: `\${${fqn}.ca_certificate}`,
    });
    expect(provider.node.path).toBe('test/Production/Web/Kubernetes');
    expect(JSON.parse(Testing.synth(stack)).terraform.required_providers.kubernetes).toBeDefined();
  });

  test('helmProvider() passes the connection as the kubernetes nested attribute', () => {
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(tenant, 'Web', { tenant, nodeGroups: { workers } });
    web.helmProvider();
    const fqn = `hikube_kubernetes_cluster.${web.resource.friendlyUniqueId}`;
    expect(JSON.parse(Testing.synth(stack)).provider.helm).toEqual([
      {
        alias: 'Production_Web_Helm',
        kubernetes: { host: `\${${fqn}.endpoint}`, token: `\${${fqn}.admin_token}`, cluster_ca_certificate: `\${${fqn}.ca_certificate}` },
      },
    ]);
  });

  test('calling twice with the same scope returns the same provider', () => {
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });
    expect(web.kubernetesProvider()).toBe(web.kubernetesProvider());
    expect(web.helmProvider(stack)).toBe(web.helmProvider(stack));
    expect(JSON.parse(Testing.synth(stack)).provider.kubernetes).toHaveLength(1);
  });

  test('two clusters get distinct aliases in one scope', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();
    const web = tenant.addCluster('Web', { nodeGroups: { workers } });
    const api = tenant.addCluster('Api', { nodeGroups: { workers } });

    // WHEN
    web.kubernetesProvider(stack);
    api.kubernetesProvider(stack);

    // THEN
    const aliases = JSON.parse(Testing.synth(stack)).provider.kubernetes.map((p: any) => p.alias);
    expect(aliases.sort()).toEqual(['ProductionApiKubernetes', 'ProductionWebKubernetes']);
  });

  test('can configure the provider id', () => {
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });
    expect(web.helmProvider(stack, 'WebHelm')).toBeInstanceOf(HelmProvider);
    expect(JSON.parse(Testing.synth(stack)).provider.helm[0].alias).toBe('WebHelm');
  });

  test('resources deploy into the cluster through the provider', () => {
    const { stack, tenant } = stackWithTenant();
    const web = new Cluster(stack, 'Web', { tenant, nodeGroups: { workers } });
    new Namespace(stack, 'Apps', { metadata: { name: 'apps' }, provider: web.kubernetesProvider() });
    expect(JSON.parse(Testing.synth(stack)).resource.kubernetes_namespace).toEqual({
      Apps: { metadata: { name: 'apps' }, provider: 'kubernetes.Web_Kubernetes' },
    });
  });
});
