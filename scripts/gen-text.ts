/** Small text helpers shared by the generators (bindings and docs). */

/** `hikube_tenant` -> `HikubeTenant`, `node_groups` -> `NodeGroups`. */
export function pascalCase(snake: string): string {
  return snake
    .split(/[_-]/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

export function lowerFirst(s: string): string {
  return s[0].toLowerCase() + s.slice(1);
}

/** Attribute names sorted the way Terraform and the registry list them. */
export function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A JSDoc block at the given indent. Descriptions come from the model and may hold anything:
 * a stray `*\/` would end the comment early.
 */
export function docComment(indent: string, lines: readonly string[]): string[] {
  const body = lines.flatMap((l) => l.split('\n')).map((l) => l.replace(/\*\//g, '*\\/'));
  return [`${indent}/**`, ...body.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

/** Joins lines into a file: no trailing whitespace, one final newline, no doubled blank lines. */
export function render(lines: readonly string[]): string {
  const out: string[] = [];
  for (const line of lines.flatMap((l) => l.split('\n'))) {
    const trimmed = line.replace(/\s+$/, '');
    if (trimmed === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(trimmed);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

/** A TypeScript string literal (single quotes, as the rest of the code base). */
export function tsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
