// The app's own unit tests, with cdktf's jest matchers on Hikube resources.
import { App, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { l1 } from '@hikube/constructs';
import { build } from './main';

Testing.setupJest();

describe('the app', () => {
  test('declares its tenant and sub-tenant with cdktf matchers', () => {
    const { stack } = build(Testing.app() as App);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(l1.HikubeTenant, { name: 'user-app', labels: { env: 'test', owner: 'platform-team' } });
    expect(synthesized).toHaveResourceWithProperties(l1.HikubeTenant, { name: 'web' });
    expect(Testing.fullSynth(stack)).toBeValidTerraform();
  });

  test('its Aspect sees the Hikube resources', () => {
    const { stack, aspect } = build(Testing.app() as App);
    Testing.synth(stack);
    expect(aspect.seen.sort()).toEqual(['app/Team/Resource', 'app/Team/Web/Resource']);
  });
});
