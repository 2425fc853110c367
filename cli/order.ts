/**
 * Code-point order for names and paths (ASCII by the model's rules). Not localeCompare: its first
 * call loads ICU collation data, which costs a CLI start-up more than everything else it does.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
