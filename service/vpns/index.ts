import { KINDS } from '../../model/kinds';
import { VPN_PORT, vpnAccessUrl, vpnHost } from '../../model/vpn';
import { ServiceHooks } from '../resources/kind';
import { ResourceStore } from '../resources/store';

/**
 * VPN users in the service: the access URL shown with a new password, naming the VPN as it is
 * now (its `host`, else its first public address) and Outline's port; the VPN's name tags it.
 */
export const vpnUserHooks: ServiceHooks = {
  embed: async (db, row, _secret, password) => {
    const vpn = await new ResourceStore(db).get(String(row.spec[KINDS['vpn-user'].parent!.field]));
    const host = vpn && vpnHost(vpn.spec, vpn.observed);
    return vpn && host ? vpnAccessUrl(password, { host, port: VPN_PORT, name: vpn.name }) : null;
  },
};
