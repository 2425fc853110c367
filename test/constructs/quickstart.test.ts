import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { HikubeTenant } from '../../constructs/generated/tenant';
import { QuickstartStack } from '../../examples/quickstart/main';

Testing.setupJest();

describe('examples/quickstart', () => {
  const stack = new QuickstartStack(Testing.app(), 'quickstart');
  const synth = Testing.synth(stack);
  const config = JSON.parse(synth);
  const blocks = Object.entries(config.resource.hikube_tenant) as [string, any][];
  const idOf = (name: string) => blocks.find(([, b]) => b.name === name)![0];

  test('configures the provider from the environment (nothing in the configuration)', () => {
    expect(config.provider.hikube).toEqual([{}]);
  });

  test('creates four top-level tenants and five sub-tenants', () => {
    const topLevel = blocks.filter(([, b]) => b.parent_id === undefined).map(([, b]) => b.name);
    expect(topLevel.sort()).toEqual(['development', 'production', 'sandbox', 'staging']);
    expect(blocks).toHaveLength(9);
  });

  test.each([
    ['web', 'production'],
    ['data', 'production'],
    ['team-a', 'development'],
    ['team-b', 'development'],
    ['experiments', 'sandbox'],
  ])('%s is a sub-tenant of %s', (child, parent) => {
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: child, parent_id: `\${hikube_tenant.${idOf(parent)}.id}` });
  });

  test('protects production and its data from deletion', () => {
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'production', deletion_protection: true });
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'data', deletion_protection: true });
    expect(synth).toHaveResourceWithProperties(HikubeTenant, { name: 'sandbox', deletion_protection: false });
  });

  test('outputs the path and id of every tenant', () => {
    expect(Object.keys(config.output)).toHaveLength(18);
    expect(config.output['production-web-path'].value).toBe(`\${hikube_tenant.${idOf('web')}.path}`);
    expect(config.output['sandbox-id'].value).toBe(`\${hikube_tenant.${idOf('sandbox')}.id}`);
  });
});
