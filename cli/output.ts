/**
 * Prints what a command got: a table (the default), a wide table, JSON or YAML with the API's
 * own field names, or one reference per line (`-o name`) for `xargs` and loops.
 */
import { Column, CliKind, Item, RenderContext } from './kinds';
import type { OutputFormat } from './session';
import { Style, visibleLength } from './style';

/** Columns padded to the widest cell, two spaces apart, like kubectl get. */
export function table(headers: readonly string[], rows: readonly string[][], st: Style, statusColumns: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((h, c) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[c] ?? ''))));
  const line = (cells: readonly string[], paint: (s: string, c: number) => string) =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(Math.max(0, widths[c] - visibleLength(cell)));
        return c === cells.length - 1 ? paint(cell, c) : paint(cell, c) + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(headers, (s) => st.bold(s)), ...rows.map((r) => line(r, (s, c) => (statusColumns.has(c) ? st.status(s) : s)))].join('\n');
}

/**
 * The yaml package, loaded when first needed (it stays outside the bundle: almost half its size).
 * A require, not import(): the bundle runs as a vm.Script (cli/compile-cache.ts), where import() has no loader.
 */
export function loadYaml(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

export async function toYaml(value: unknown): Promise<string> {
  return loadYaml().stringify(value, { lineWidth: 0 });
}

/** Writes items of a kind in the chosen format; a single object (get/create) prints unwrapped. */
export async function printItems(kind: CliKind, items: readonly Item[], format: OutputFormat, ctx: RenderContext, st: Style, single = false): Promise<void> {
  const data = single ? items[0] : { items };
  switch (format) {
    case 'json':
      process.stdout.write(JSON.stringify(data, null, 2) + '\n');
      return;
    case 'yaml':
      process.stdout.write(await toYaml(data));
      return;
    case 'name':
      for (const item of items) process.stdout.write(`${kind.refOf(item, ctx)}\n`);
      return;
    case 'table':
    case 'wide': {
      if (items.length === 0) {
        process.stderr.write(`No ${kind.command} found.\n`);
        return;
      }
      const columns: Column[] = kind.columns.filter((c) => format === 'wide' || !c.wide);
      const statusColumns = new Set(columns.flatMap((c, i) => (c.status ? [i] : [])));
      process.stdout.write(
        table(
          columns.map((c) => c.header),
          items.map((i) => columns.map((c) => c.value(i, ctx))),
          st,
          statusColumns,
        ) + '\n',
      );
      return;
    }
  }
}

/** Any other JSON value (usage, catalog, audit): JSON/YAML as is, or the table the caller draws. */
export async function printData(data: unknown, format: OutputFormat, asTable: () => string): Promise<void> {
  if (format === 'json') process.stdout.write(JSON.stringify(data, null, 2) + '\n');
  else if (format === 'yaml') process.stdout.write(await toYaml(data));
  else process.stdout.write(asTable() + '\n');
}
