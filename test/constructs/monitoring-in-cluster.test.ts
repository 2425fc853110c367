import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing } from 'cdktf';
import { Cluster, HikubeProvider, ITenant, MonitoringStack, MonitoringStackOptions, Tenant } from '../../constructs/index';
import { CHARTS } from '../../constructs/monitoring';
import { blocks, newStack } from './helpers';

Testing.setupJest();

const WORKERS = { workers: { minReplicas: 2, maxReplicas: 3, instanceType: 'u1.large' } };

/** GIVEN a production tenant with two sub-tenants and a cluster for the stack. */
function organisation(stack: TerraformStack = newStack()) {
  const production = new Tenant(stack, 'Production');
  const web = production.addSubTenant('Web');
  const data = production.addSubTenant('Data');
  const ops = production.addCluster('Ops', { nodeGroups: WORKERS });
  return { stack, production, web, data, ops };
}

function monitored(options: Partial<MonitoringStackOptions> = {}) {
  const org = organisation();
  const monitoring = org.production.addMonitoringStack('Monitoring', { cluster: org.ops, ...options });
  return { ...org, monitoring };
}

const releases = (stack: TerraformStack) => Object.values(blocks(stack, 'helm_release')) as any[];
const release = (stack: TerraformStack, name: string, provider?: string) => releases(stack).find((r) => r.name === name && (provider === undefined || r.provider === provider));
/** Helm values as JSON; a value Terraform encodes (`${jsonencode(ref)}`) read as the reference. */
const values = (r: any) => JSON.parse(r.values[0].replace(/\$\{jsonencode\(([^()]*)\)\}/g, '"$${$1}"'));
const tenantRef = (t: ITenant) => `hikube_tenant.${(t as Tenant).resource.friendlyUniqueId}.id`;

describe('MonitoringStack in a cluster', () => {
  test('default: no in-cluster part without a cluster', () => {
    const org = organisation();
    org.production.addMonitoringStack('Monitoring');
    expect(JSON.parse(Testing.synth(org.stack)).resource.helm_release).toBeUndefined();
  });

  test('installs the pinned charts into the stack cluster', () => {
    const { stack, ops } = monitored();
    const helm = `helm.${ops.helmProvider().alias}`;
    const expected = [
      ['victoria-metrics', CHARTS.victoriaMetricsCluster],
      ['victoria-logs', CHARTS.victoriaLogs],
      ['vmauth', CHARTS.vmauth],
      ['grafana', CHARTS.grafana],
    ] as const;
    for (const [name, chart] of expected) {
      expect(release(stack, name)).toMatchObject({
        chart: chart.chart,
        version: chart.version,
        repository: chart.repository,
        namespace: 'hikube-monitoring',
        atomic: true,
        provider: expect.stringMatching(/^helm\./),
      });
    }
    expect(release(stack, 'grafana').provider).not.toBe(helm); // one provider per scope, under the in-cluster construct
    expect(CHARTS).toMatchObject({
      victoriaMetricsCluster: { version: '0.49.0' },
      victoriaLogs: { version: '0.13.9' },
      vmauth: { version: '0.40.0' },
      vmagent: { version: '0.46.0' },
      logCollector: { version: '0.3.7' },
      grafana: { version: '12.11.1' },
    });
  });

  test('default storage: 30 days of metrics in 10 GiB per vmstorage, replicated twice; 14 days of logs', () => {
    const { stack } = monitored();
    const vm = values(release(stack, 'victoria-metrics'));
    expect(vm.vmstorage).toMatchObject({ retentionPeriod: '30d', replicaCount: 2, persistentVolume: { enabled: true, size: '10Gi' } });
    expect(vm.vminsert.extraArgs.replicationFactor).toBe(2);
    expect(vm.vmselect.extraArgs['dedup.minScrapeInterval']).toBe('1ms');
    expect(vm.vmstorage.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    const logs = values(release(stack, 'victoria-logs')).server;
    expect(logs).toMatchObject({ retentionPeriod: '14d', retentionDiskSpaceUsage: '9GiB', persistentVolume: { size: '10Gi' } });
  });

  test('can configure storage and Grafana', () => {
    const { stack } = monitored({
      metricsStorages: [{ name: 'main', retention: '8w', sizeGb: 100 }],
      logsStorage: { retention: '30d', sizeGb: 50 },
      grafana: { replicas: 1, anonymousAccess: true },
      namespace: 'observability',
    });
    expect(values(release(stack, 'victoria-metrics')).vmstorage).toMatchObject({ retentionPeriod: '8w', persistentVolume: { size: '100Gi' } });
    expect(values(release(stack, 'victoria-logs')).server).toMatchObject({ retentionPeriod: '30d', persistentVolume: { size: '50Gi' } });
    expect(values(release(stack, 'grafana'))['grafana.ini']['auth.anonymous']).toEqual({ enabled: true, org_role: 'Viewer' });
    expect(release(stack, 'grafana').namespace).toBe('observability');
  });

  test('Grafana has both VictoriaMetrics datasource plugins and the sidecars for datasources and folders', () => {
    const { stack } = monitored();
    const g = values(release(stack, 'grafana'));
    expect(g.plugins).toEqual(['victoriametrics-metrics-datasource', 'victoriametrics-logs-datasource']);
    expect(g.sidecar.dashboards).toMatchObject({ enabled: true, label: 'grafana_dashboard', labelValue: '1', folderAnnotation: 'grafana_folder' });
    expect(g.sidecar.datasources).toMatchObject({ enabled: true, label: 'grafana_datasource' });
    expect(g.persistence.enabled).toBe(true);
  });

  test('vmauth reads its config from a Secret, never from Helm values', () => {
    const { stack } = monitored();
    expect(values(release(stack, 'vmauth'))).toMatchObject({ secretName: 'vmauth-config', fullnameOverride: 'vmauth' });
    expect(release(stack, 'vmauth').values[0]).not.toMatch(/password/);
  });

  test('one vmauth user per tenant of the subtree, each bound to its own account', () => {
    const { stack, production, web, data } = monitored();
    const secret = Object.values(blocks(stack, 'kubernetes_secret')).find((s: any) => s.metadata.name === 'vmauth-config') as any;
    const text: string = secret.data['auth.yml'];
    // JSON text; each password encoded by Terraform so any character stays valid JSON.
    expect(text.startsWith('{"users":[')).toBe(true);
    expect(text).toMatch(/"password":\$\{jsonencode\(/);
    // Split the users; each must name one tenant only, in its credential and in every route.
    const users = text.split(/\{"username":/).slice(1);
    expect(users).toHaveLength(5);
    const tenantsIn = (chunk: string) => [...new Set([...chunk.matchAll(/hikube_tenant\.[A-Za-z0-9_]+\.id/g)].map((m) => m[0]))];
    const [ownerUser, webView, dataView, ...members] = users;
    expect(tenantsIn(members[0])).toEqual([tenantRef(web)]);
    expect(tenantsIn(members[1])).toEqual([tenantRef(data)]);
    for (const m of members) expect(m).not.toMatch(/multitenant/);
    expect(tenantsIn(ownerUser)).toEqual([tenantRef(production)]);
    // The owner's view of a tenant's logs: the owner's credential, that tenant's account.
    expect(tenantsIn(webView).sort()).toEqual([tenantRef(production), tenantRef(web)].sort());
    expect(tenantsIn(dataView).sort()).toEqual([tenantRef(production), tenantRef(data)].sort());
  });

  test('the stack is created after every member tenant, so its accounts include them', () => {
    const { stack, web, data } = monitored();
    const resource = Object.values(blocks(stack, 'hikube_monitoring_stack'))[0] as any;
    expect(resource.depends_on.sort()).toEqual([`hikube_tenant.${(data as Tenant).resource.friendlyUniqueId}`, `hikube_tenant.${(web as Tenant).resource.friendlyUniqueId}`].sort());
  });

  test('Grafana datasources and a folder of dashboards per sub-tenant, scoped to it', () => {
    const { stack, web, data } = monitored();
    const ds = Object.values(blocks(stack, 'kubernetes_secret')).find((s: any) => s.metadata.name === 'grafana-datasources') as any;
    expect(ds.metadata.labels).toEqual({ grafana_datasource: '1' });
    const text: string = ds.data['datasources.yaml'];
    for (const t of [web, data]) {
      const key = (name: string) => new RegExp(`"name":"Metrics ${name}-[a-z0-9]{6}"`);
      expect(text).toMatch(key((t as Tenant).tenantName));
    }
    const maps = Object.values(blocks(stack, 'kubernetes_config_map')) as any[];
    expect(maps.map((m) => m.metadata.name).sort()).toEqual(['dashboards-all-tenants', expect.stringMatching(/^dashboards-data-[a-z0-9]{6}$/), expect.stringMatching(/^dashboards-web-[a-z0-9]{6}$/)]);
    for (const m of maps) {
      expect(m.metadata.labels).toEqual({ grafana_dashboard: '1' });
      expect(Object.keys(m.data)).toHaveLength(7);
    }
    const webMap = maps.find((m) => m.metadata.name.startsWith('dashboards-web-'));
    expect(webMap.metadata.annotations.grafana_folder).toBe(`\${hikube_tenant.${(web as Tenant).resource.friendlyUniqueId}.path}`);
    // Grafana's variables are escaped for Terraform ($${datasource}); unescaped, the JSON is the dashboard.
    const file: string = webMap.data['hikube-kubernetes.json'];
    expect(file).toContain('"uid":"$${datasource}"');
    const dashboard = JSON.parse(file.replace(/\$\$\{/g, '${'));
    expect(dashboard.templating.list[0].regex).toMatch(/^\/\^Metrics web-/);
  });

  test.each([
    ['before', true],
    ['after', false],
  ])('a cluster with the monitoring-agents add-on made %s the stack gets agents', (_when, clusterFirst) => {
    const org = organisation();
    const make = () => org.web.addCluster('App', { nodeGroups: WORKERS, addons: { monitoringAgents: true } });
    let app: Cluster | undefined;
    if (clusterFirst) app = make();
    org.production.addMonitoringStack('Monitoring', { cluster: org.ops });
    if (!clusterFirst) app = make();
    const agents = releases(org.stack).filter((r) => ['vmagent', 'log-collector'].includes(r.name));
    expect(agents.map((r) => r.name).sort()).toEqual(['log-collector', 'vmagent']);
    const vmagent = values(agents.find((r) => r.name === 'vmagent'));
    expect(vmagent.remoteWrite[0].url).toMatch(/\/api\/v1\/write$/);
    // Scalar keys named as the agent's flags: a basicAuth map would render a flag vmagent does not define.
    expect(vmagent.remoteWrite[0]['basicAuth.username']).toContain(tenantRef(org.web));
    expect(vmagent.remoteWrite[0]['basicAuth.passwordFile']).toBe('/etc/hikube/monitoring/password');
    expect(vmagent.remoteWrite[0]).not.toHaveProperty('basicAuth');
    expect(vmagent.extraArgs['remoteWrite.label']).toBe('cluster=app');
    expect(JSON.stringify(vmagent)).not.toMatch(/password"\s*:\s*"\$\{/);
    expect(vmagent.extraVolumes[0].secret.secretName).toBe('monitoring-credentials');
    const collector = values(agents.find((r) => r.name === 'log-collector'));
    expect(collector.remoteWrite[0].url).toMatch(/\/insert\/native$/);
    expect(collector.remoteWrite[0]).not.toHaveProperty('basicAuth');
    expect(app).toBeDefined();
  });

  test('a cluster without the add-on is not collected unless asked', () => {
    const { stack, web, monitoring } = monitored();
    web.addCluster('App', { nodeGroups: WORKERS });
    expect(releases(stack).filter((r) => r.name === 'vmagent')).toHaveLength(0);
    monitoring.collectFrom(web);
    expect(releases(stack).filter((r) => r.name === 'vmagent')).toHaveLength(1);
  });

  test('collectFrom(subTenant) also collects its clusters made later, once each', () => {
    const { stack, data, monitoring } = monitored();
    monitoring.collectFrom(data);
    const db = data.addCluster('Db', { nodeGroups: WORKERS, addons: { monitoringAgents: true } });
    monitoring.collectFrom(db);
    monitoring.collectFrom(data);
    expect(releases(stack).filter((r) => r.name === 'vmagent')).toHaveLength(1);
  });

  test('a sub-tenant with its own stack is not collected by the stack above', () => {
    const { stack, web } = monitored();
    web.addMonitoringStack('Monitoring');
    web.addCluster('App', { nodeGroups: WORKERS, addons: { monitoringAgents: true } });
    expect(releases(stack).filter((r) => r.name === 'vmagent')).toHaveLength(0);
  });

  test('fails if collectFrom() is called without an in-cluster part', () => {
    const org = organisation();
    const monitoring = org.production.addMonitoringStack('Monitoring');
    expect(() => monitoring.collectFrom(org.web)).toThrow(/collectFrom\(\) needs the in-cluster part.*Pass `cluster`/);
  });

  test('warns when Grafana runs several replicas without a shared database', () => {
    const { monitoring } = monitored({ grafana: { replicas: 2 } });
    const warnings = monitoring.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings.join()).toMatch(/Grafana runs 2 replicas/);
  });
});

describe('MonitoringStack across two stacks', () => {
  test('in-cluster resources go to the second stack, wired by cross-stack references', () => {
    // GIVEN
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const inCluster = new TerraformStack(app, 'platform-monitoring');
    new HikubeProvider(platform, 'Hikube');
    const org = organisation(platform);
    const monitoring: MonitoringStack = org.production.addMonitoringStack('Monitoring', { cluster: org.ops, inClusterScope: inCluster });
    monitoring.collectFrom(org.web);
    org.web.addCluster('App', { nodeGroups: WORKERS });

    // WHEN: cross-stack references are made while the app prepares its stacks
    app.synth();
    const a = JSON.parse(Testing.synth(platform));
    const b = JSON.parse(Testing.synth(inCluster));

    // THEN
    expect(a.resource.helm_release).toBeUndefined();
    expect(a.provider).not.toHaveProperty('helm');
    expect(Object.keys(a.resource)).toEqual(expect.arrayContaining(['hikube_monitoring_stack', 'hikube_kubernetes_cluster']));
    expect(Object.keys(b.resource).sort()).toEqual(['helm_release', 'kubernetes_config_map', 'kubernetes_namespace', 'kubernetes_secret']);
    expect(Object.keys(b.provider).sort()).toEqual(['helm', 'kubernetes']);
    expect(b.data.terraform_remote_state).toHaveProperty('cross-stack-reference-input-platform');
    expect(Object.keys(a.output).some((k) => k.includes('accounts'))).toBe(true);
    expect(Object.values(a.output).every((o: any) => o.sensitive === true)).toBe(true);
    // vmagent in web's cluster and the stack's own releases, all in the second stack.
    expect((Object.values(b.resource.helm_release) as any[]).map((r) => r.name).sort()).toEqual(['grafana', 'log-collector', 'victoria-logs', 'victoria-metrics', 'vmagent', 'vmauth']);
  });
});
