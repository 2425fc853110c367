/** Colours: only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb. */

export function colourEnabled(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export interface Style {
  readonly enabled: boolean;
  bold: (s: string) => string;
  dim: (s: string) => string;
  green: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
  /** A status word coloured by what it means: ready green, failed red, anything in progress yellow. */
  status: (s: string) => string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export function style(enabled: boolean): Style {
  const id = (s: string) => s;
  const c = enabled
    ? { bold: sgr(1, 22), dim: sgr(2, 22), green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) }
    : { bold: id, dim: id, green: id, red: id, yellow: id, cyan: id };
  return {
    enabled,
    ...c,
    status: (s) => (s === 'ready' || s === 'active' ? c.green(s) : s === 'failed' ? c.red(s) : s === 'deleting' || s === 'revoked' || s === 'expired' ? c.dim(s) : c.yellow(s)),
  };
}

/** Visible width: escape sequences take no room. */
export function visibleLength(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}
