import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing } from 'cdktf';
import { MonitoringStack, MonitoringStackOptions } from '../../constructs/index';
import { HikubeMonitoringStack } from '../../constructs/generated/monitoring-stack';
import { onlyBlock, resolve, stackWithTenant, validationError } from './helpers';

Testing.setupJest();

const monitoring = (stack: TerraformStack) => onlyBlock(stack, 'hikube_monitoring_stack');

describe('MonitoringStack', () => {
  test('default: one 30-day metrics storage, 14 days of logs, one Grafana replica', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();

    // WHEN
    new MonitoringStack(stack, 'Monitoring', { tenant });

    // THEN
    expect(monitoring(stack)).toEqual({
      tenant_id: `\${hikube_tenant.${tenant.resource.friendlyUniqueId}.id}`,
      metrics_storages: [{ name: 'default', retention: '30d', size_gb: 10 }],
      logs_storage: { retention: '14d', size_gb: 10 },
      grafana: { replicas: 1, anonymous_access: false },
    });
  });

  test('can configure storages, Grafana and timeouts', () => {
    const { stack, tenant } = stackWithTenant();
    new MonitoringStack(stack, 'Monitoring', {
      tenant,
      metricsStorages: [
        { name: 'shortterm', retention: '14d', sizeGb: 20 },
        { name: 'longterm', retention: '1y', sizeGb: 100 },
      ],
      logsStorage: { retention: '8w', sizeGb: 50 },
      grafana: { replicas: 2, anonymousAccess: true },
      timeouts: { create: '30m' },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(HikubeMonitoringStack, {
      metrics_storages: [
        { name: 'shortterm', retention: '14d', size_gb: 20 },
        { name: 'longterm', retention: '1y', size_gb: 100 },
      ],
      logs_storage: { retention: '8w', size_gb: 50 },
      grafana: { replicas: 2, anonymous_access: true },
      timeouts: { create: '30m' },
    });
  });

  test('exposes id, URLs, accounts and cost as references', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();
    const web = tenant.addSubTenant('Web');

    // WHEN
    const stackL2 = new MonitoringStack(stack, 'Monitoring', { tenant });

    // THEN
    const fqn = `hikube_monitoring_stack.${stackL2.resource.friendlyUniqueId}`;
    expect(resolve(stack, stackL2.stackId)).toBe(`\${${fqn}.id}`);
    expect(resolve(stack, stackL2.grafanaUrl)).toBe(`\${${fqn}.grafana_url}`);
    expect(resolve(stack, stackL2.vmauthUrl)).toBe(`\${${fqn}.vmauth_url}`);
    expect(resolve(stack, stackL2.accounts)).toBe(`\${${fqn}.accounts}`);
    expect(resolve(stack, stackL2.monthlyCostEstimate)).toBe(`\${${fqn}.monthly_cost_estimate}`);
    expect(resolve(stack, stackL2.accountOf(web).accountId)).toBe(`\${${fqn}.accounts[hikube_tenant.${web.resource.friendlyUniqueId}.id].account_id}`);
    expect(resolve(stack, stackL2.accounts.get('tnt-abcdefghijklmnop').password)).toBe(`\${${fqn}.accounts["tnt-abcdefghijklmnop"].password}`);
  });

  test('fails if the tenant already has a monitoring stack', () => {
    // GIVEN
    const { stack, tenant } = stackWithTenant();
    new MonitoringStack(stack, 'Monitoring', { tenant });

    // WHEN
    const error = validationError(() => tenant.addMonitoringStack('Another'));

    // THEN
    expect(error.message).toMatch(/tenant test\/Production already has a monitoring stack \(test\/Monitoring\)/);
  });

  test.each<[string, MonitoringStackOptions, RegExp]>([
    ['a retention has no unit', { logsStorage: { retention: '14', sizeGb: 10 } }, /invalid logsStorage.retention: "14" is invalid: expected a retention such as 14d/],
    ['a storage size is zero', { metricsStorages: [{ name: 'a', retention: '1d', sizeGb: 0 }] }, /invalid metricsStorages\[0\]\.sizeGb: must be at least 1, got 0/],
    [
      'a storage name is used twice',
      {
        metricsStorages: [
          { name: 'a', retention: '1d', sizeGb: 1 },
          { name: 'a', retention: '2d', sizeGb: 1 },
        ],
      },
      /duplicate metrics storage \(received "a"\)/,
    ],
    ['there are no metrics storages', { metricsStorages: [] }, /metricsStorages is empty/],
    ['there are more than 4 metrics storages', { metricsStorages: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, retention: '1d', sizeGb: 1 })) }, /too many metrics storages: at most 4/],
    ['Grafana has too many replicas', { grafana: { replicas: 9 } }, /invalid grafana.replicas: must be at most 5, got 9/],
  ])('fails if %s', (_name, options, message) => {
    const { stack, tenant } = stackWithTenant();
    expect(validationError(() => new MonitoringStack(stack, 'Monitoring', { tenant, ...options })).message).toMatch(message);
  });
});
