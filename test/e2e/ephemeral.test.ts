/**
 * Cluster credentials that never reach state (issue 9, item 6): with store_credentials = false
 * the cluster's state holds no kubeconfig nor token, and the ephemeral resource
 * hikube_kubernetes_cluster_credentials hands them to what needs them during the run. The
 * kubernetes and helm providers cannot be installed here (no registry access), so the consumer
 * is Terraform's own local-exec provisioner, which accepts ephemeral values as a provider block
 * does; it writes what it received to files the test compares with the service's answer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HikubeClient } from '../../client/client';
import { Cluster, MonitoringStack } from '../../client/types';
import { e2eSuite, PROVIDER_BLOCK, Workspace } from './harness';

jest.setTimeout(240_000);

function config(store: boolean): string {
  return `${PROVIDER_BLOCK}
resource "hikube_tenant" "t" {
  name = "ephemeral"
}

resource "hikube_kubernetes_cluster" "c" {
  tenant_id         = hikube_tenant.t.id
  name              = "apps"
  store_credentials = ${store}
  node_groups = {
    workers = { min_replicas = 1, max_replicas = 2, instance_type = "s1.small" }
  }
}

resource "hikube_tenant" "web" {
  name      = "web"
  parent_id = hikube_tenant.t.id
}

resource "hikube_monitoring_stack" "m" {
  tenant_id         = hikube_tenant.t.id
  store_credentials = ${store}
}

ephemeral "hikube_monitoring_stack_credentials" "m" {
  tenant_id = hikube_monitoring_stack.m.tenant_id
}

resource "terraform_data" "agent" {
  triggers_replace = [hikube_monitoring_stack.m.id, hikube_tenant.web.id]
  provisioner "local-exec" {
    command     = "printf '%s' \\"$VMAUTH_PASSWORD\\" > received-vmauth-password"
    environment = { VMAUTH_PASSWORD = ephemeral.hikube_monitoring_stack_credentials.m.accounts[hikube_tenant.web.id].password }
  }
}

ephemeral "hikube_kubernetes_cluster_credentials" "c" {
  cluster_id = hikube_kubernetes_cluster.c.id
}

# What a provider "kubernetes" block would do with these values; local-exec stands in for it.
resource "terraform_data" "consumer" {
  triggers_replace = [hikube_kubernetes_cluster.c.id]
  provisioner "local-exec" {
    command = "printf '%s' \\"$KUBECONFIG_DATA\\" > received-kubeconfig; printf '%s' \\"$K8S_TOKEN\\" > received-token; printf '%s' \\"$K8S_HOST\\" > received-host"
    environment = {
      KUBECONFIG_DATA = ephemeral.hikube_kubernetes_cluster_credentials.c.kubeconfig
      K8S_TOKEN       = ephemeral.hikube_kubernetes_cluster_credentials.c.token
      K8S_HOST        = ephemeral.hikube_kubernetes_cluster_credentials.c.endpoint
    }
  }
}
`;
}

describe('ephemeral cluster credentials', () => {
  let ws: Workspace;
  let api: HikubeClient;
  const state = () => fs.readFileSync(path.join(ws.dir, 'terraform.tfstate'), 'utf8');
  const received = (name: string) => fs.readFileSync(path.join(ws.dir, `received-${name}`), 'utf8');

  const suite = e2eSuite('e2e-ephemeral', ['--sim-delays', 'cluster.create=500ms,cluster.update=100ms,monitoring.create=200ms']);
  beforeAll(async () => {
    ({ ws, api } = suite);
    ws.write(config(false));
    await ws.ok('init', '-no-color');
  });

  test('the consumer gets the kubeconfig and token; neither plan nor state holds them', async () => {
    await ws.ok('plan', '-out=p.tfplan', '-no-color');
    await ws.ok('apply', '-no-color', 'p.tfplan');
    const [cluster] = (await api.listResources<Cluster>('/v1/clusters', { name: 'apps' })).items;
    expect(cluster.kubeconfig).toContain('apiVersion: v1');
    expect(received('kubeconfig')).toBe(cluster.kubeconfig);
    expect(received('token')).toBe(cluster.adminToken);
    expect(received('host')).toBe(cluster.endpoint);
    expect(state()).not.toContain(cluster.adminToken!);
    expect(state()).not.toContain('apiVersion: v1');
    expect((await ws.ok('show', '-json', 'p.tfplan')).stdout).not.toContain(cluster.adminToken!);
    // The monitoring stack's vmauth passwords likewise.
    const [stack] = (await api.listResources<MonitoringStack>('/v1/monitoring-stacks')).items;
    const web = Object.values(stack.accounts).find((a) => a.tenantPath === 'acme/ephemeral/web')!;
    expect(received('vmauth-password')).toBe(web.password);
    expect(state()).not.toContain(web.password);
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.code).toBe(0);
  });

  test('store_credentials = true keeps them in state, as before (the default)', async () => {
    ws.write(config(true));
    await ws.ok('apply', '-auto-approve', '-no-color');
    const [cluster] = (await api.listResources<Cluster>('/v1/clusters', { name: 'apps' })).items;
    expect(state()).toContain(cluster.adminToken!);
    const [stack] = (await api.listResources<MonitoringStack>('/v1/monitoring-stacks')).items;
    expect(state()).toContain(Object.values(stack.accounts)[0].password);
    ws.write(config(false));
    await ws.ok('apply', '-auto-approve', '-no-color');
    expect(state()).not.toContain(cluster.adminToken!);
    const plan = await ws.tf('plan', '-detailed-exitcode', '-no-color');
    expect(plan.code).toBe(0);
  });

  test('destroy', async () => {
    await ws.ok('destroy', '-auto-approve', '-no-color');
  });
});
