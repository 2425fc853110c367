/** The only list of the provider's resources: three of their own, then one per kind (model/kinds.ts). */
import { KIND_LIST, KindName } from '../../model/kinds';
import { Diagnostics } from '../framework/diagnostics';
import { State } from '../framework/resource';
import { memberResource } from './member';
import { ProvisionedExtras, provisionedResource } from './provisioned';
import { tenantResource } from './tenant';
import { tokenResource } from './token';

/** Checks only Terraform needs: attributes that exist in Terraform alone. */
const EXTRAS: Partial<Record<KindName, ProvisionedExtras>> = {
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
