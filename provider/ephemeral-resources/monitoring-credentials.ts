/** hikube_monitoring_stack_credentials: a stack's per-tenant ingestion credentials for one run, never stored. */
import type { HikubeClient } from '../../client/client';
import { MonitoringStack } from '../../client/types';
import { monitoringCredentialsEphemeralModel, monitoringStackModel } from '../../model/monitoring';
import { EphemeralResourceDefinition } from '../framework/resource';
import { reportApiError } from '../resources/errors';
import { stateFromApi } from '../resources/state';

const attrs = monitoringCredentialsEphemeralModel.attributes;

export const monitoringCredentialsEphemeral: EphemeralResourceDefinition<HikubeClient> = {
  model: monitoringCredentialsEphemeralModel,

  async open(ctx, config) {
    const tenantId = String(config.tenant_id);
    let stack: MonitoringStack | undefined;
    try {
      stack = (await ctx.client.listResources<MonitoringStack>(monitoringStackModel.collection, { tenantId })).items[0];
    } catch (err) {
      reportApiError(ctx.diags, err, `read the monitoring credentials of tenant ${tenantId}`, attrs);
      return undefined;
    }
    if (!stack) {
      ctx.diags.error('Monitoring Stack Not Found', `Tenant ${tenantId} has no monitoring stack (or this token cannot see it).`, ['tenant_id']);
      return undefined;
    }
    const missing = Object.values(stack.accounts ?? {}).some((a) => !a.password);
    if (missing) {
      ctx.diags.error('Monitoring Credentials Not Available', `The service returned no vmauth passwords for the stack of tenant ${tenantId}: they are shown to tokens with the admin role only.`, [
        'tenant_id',
      ]);
      return undefined;
    }
    return { result: stateFromApi(attrs, stack as unknown as Record<string, unknown>, config) };
  },
};
