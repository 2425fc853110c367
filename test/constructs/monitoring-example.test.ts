import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { HikubeMonitoringStack } from '../../constructs/generated/monitoring-stack';
import { MonitoringExample } from '../../examples/monitoring/main';

Testing.setupJest();

describe('examples/monitoring', () => {
  const app = Testing.app();
  const example = new MonitoringExample(app);
  app.synth();
  const platform = JSON.parse(Testing.synth(example.platform));
  const inCluster = JSON.parse(Testing.synth(example.inCluster));
  const releases = Object.values(inCluster.resource.helm_release) as any[];

  test('the platform stack holds only Hikube resources', () => {
    expect(Object.keys(platform.resource).sort()).toEqual(['hikube_kubernetes_cluster', 'hikube_monitoring_stack', 'hikube_tenant']);
    expect(Object.keys(platform.provider)).toEqual(['hikube']);
    expect(Testing.synth(example.platform)).toHaveResourceWithProperties(HikubeMonitoringStack, {
      metrics_storages: [{ name: 'default', retention: '90d', size_gb: 200 }],
    });
  });

  test('the in-cluster stack runs the stack in ops and agents in both sub-tenants', () => {
    expect(releases.filter((r) => r.name === 'vmagent')).toHaveLength(2);
    expect(releases.filter((r) => r.name === 'log-collector')).toHaveLength(2);
    expect(releases.map((r) => r.name)).toEqual(expect.arrayContaining(['victoria-metrics', 'victoria-logs', 'vmauth', 'grafana']));
    expect(new Set(releases.filter((r) => r.name === 'vmagent').map((r) => r.provider)).size).toBe(2);
    expect(inCluster.data.terraform_remote_state).toHaveProperty('cross-stack-reference-input-platform');
  });

  test('one dashboards folder per sub-tenant and one for all tenants', () => {
    const maps = Object.values(inCluster.resource.kubernetes_config_map) as any[];
    expect(maps.map((m) => m.metadata.name.replace(/-[a-z0-9]{6}$/, '')).sort()).toEqual(['dashboards-all-tenants', 'dashboards-data', 'dashboards-web']);
  });

  test('passes the synth-time validations', () => {
    expect(() => Testing.synth(example.platform, true)).not.toThrow();
    expect(() => Testing.synth(example.inCluster, true)).not.toThrow();
  });
});
