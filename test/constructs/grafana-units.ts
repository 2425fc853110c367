/**
 * Grafana unit ids our dashboards may use: the ids (not display names) of the categories Misc,
 * Data (IEC, metric), Data rate, Time and Throughput in Grafana's
 * packages/grafana-data/src/valueFormats/categories.ts. An id Grafana does not know (`qps`)
 * silently shows the raw number.
 */
export const GRAFANA_UNITS = new Set([
  // Misc
  'none', 'string', 'short', 'percent', 'percentunit', 'humidity', 'dB', 'hex0x', 'hex', 'sci', 'locale', 'pixel',
  // Data (IEC) and Data (metric)
  'bits', 'bytes', 'kbytes', 'mbytes', 'gbytes', 'tbytes', 'pbytes', 'decbits', 'decbytes', 'deckbytes', 'decmbytes', 'decgbytes', 'dectbytes', 'decpbytes',
  // Data rate
  'pps', 'bps', 'Bps', 'KBs', 'Kbits', 'MBs', 'Mbits', 'GBs', 'Gbits', 'TBs', 'Tbits', 'PBs', 'Pbits',
  // Time
  'hertz', 'ns', 'µs', 'ms', 's', 'm', 'h', 'd', 'dtdurationms', 'dtdurations', 'dthms', 'dtdhms', 'timeticks', 'clockms', 'clocks',
  // Throughput
  'cps', 'ops', 'reqps', 'rps', 'wps', 'iops', 'cpm', 'opm', 'rpm', 'wpm',
]);
