/** The only list of the provider's resources: three of their own, then one per kind (model/kinds.ts). */
import { KIND_LIST, KindName } from '../../model/kinds';
import { Diagnostics } from '../framework/diagnostics';
import { State } from '../framework/resource';
import { memberResource } from './member';
import { stackPosts, withSettledAccounts } from './relations';
import { ProvisionedExtras, provisionedResource } from './provisioned';
import { tenantResource } from './tenant';
import { tokenResource } from './token';

/** What only the provider does for a kind (see ProvisionedExtras). */
const EXTRAS: Partial<Record<KindName, ProvisionedExtras>> = {
  // A stack and the sub-tenants it covers, created in one apply, wait for each other (relations.ts).
  monitoring: {
    creates: { planned: (key) => stackPosts.planned(key), posted: (key) => stackPosts.done(key) },
    whenReady: withSettledAccounts,
  },
  vm: {
    // Both name the API's cloudInit: one kept in state (deprecated), one write-only.
    validate(config: State, diags: Diagnostics) {
      if (config.cloud_init !== null && config.cloud_init_wo !== null) {
        diags.error('Conflicting Cloud-Init', 'Set cloud_init_wo (write-only, never stored) or the deprecated cloud_init, not both.', ['cloud_init_wo']);
      }
    },
  },
};

export const resources = [tenantResource, memberResource, tokenResource, ...KIND_LIST.map((kind) => provisionedResource(kind, EXTRAS[kind.name]))];
