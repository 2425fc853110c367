import { firstFreeHost, formatAddress, parseAddress, parseCidr } from '../../model/cidr';

/** The addresses a subnet hands its VMs: past the network address and the gateway, before the broadcast address. */
describe('firstFreeHost', () => {
  const addresses = (...dotted: string[]) => new Set(dotted.map((a) => parseAddress(a)!));
  const free = (cidr: string, taken: Set<number> = new Set()) => {
    const a = firstFreeHost(parseCidr(cidr), taken);
    return a === undefined ? undefined : formatAddress(a);
  };

  test.each([
    ['an empty /24 gives the address after the gateway', '192.168.10.0/24', addresses(), '192.168.10.2'],
    ['a taken address is skipped, the lowest free one given', '192.168.10.0/24', addresses('192.168.10.2', '192.168.10.3', '192.168.10.5'), '192.168.10.4'],
    ['the last one before the broadcast address', '192.168.50.0/29', addresses('192.168.50.2', '192.168.50.3', '192.168.50.4', '192.168.50.5'), '192.168.50.6'],
    ['none in a full /29 (the broadcast address is never given)', '192.168.50.0/29', addresses('192.168.50.2', '192.168.50.3', '192.168.50.4', '192.168.50.5', '192.168.50.6'), undefined],
    ['a /30 has one', '10.1.0.4/30', addresses(), '10.1.0.6'],
  ])('%s', (_what, cidr, taken, expected) => {
    expect(free(cidr, taken)).toBe(expected);
  });
});
