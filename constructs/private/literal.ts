/**
 * The one place where text we or the user wrote becomes Terraform JSON.
 *
 * Every string value in Terraform's JSON syntax is a template: `${...}` interpolates and
 * `%{...}` is a directive. A Grafana dashboard (`${datasource}`), a cloud-init script
 * (`${HOME}`), a description or a Helm value must reach the provider as written, so their
 * literal parts are escaped (`$${`, `%%{`), while cdktf tokens inside them (references to
 * other resources) stay live. Used for every user string and every generated document the
 * constructs hand to a resource (see docs/monitoring.md, "Terraform templates").
 */
import { Fn, Token, Tokenization } from 'cdktf';

/** cdktf's string token marker, e.g. `${TfToken[TOKEN.42]}`. */
const TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

/** Escapes Terraform's template sequences in one literal piece of text. */
export function escapeTemplate(text: string): string {
  // (`$$` in a replacement string is one `$`: hence four for two.)
  return text.replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

/**
 * `text` as Terraform will pass it on: template sequences in its literal parts escaped,
 * cdktf tokens (references) kept as they are.
 */
export function literal(text: string): string;
export function literal(text: string | undefined): string | undefined;
export function literal(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!Token.isUnresolved(text)) return escapeTemplate(text);
  const tokens = text.match(TOKEN) ?? [];
  // If cdktf ever changes how it encodes tokens, fail loudly rather than escape a reference.
  if (tokens.length !== Tokenization.reverseString(text).tokens.length) {
    throw new Error(`cannot split ${JSON.stringify(text)} into literals and cdktf tokens`);
  }
  return text
    .split(TOKEN)
    .map((piece, i) => escapeTemplate(piece) + (tokens[i] ?? ''))
    .join('');
}

/** `literal()` applied to every string (values and keys) of a JSON-like value. */
export function literalDeep<T>(value: T): T {
  if (typeof value === 'string') return literal(value) as T;
  if (Array.isArray(value)) return value.map(literalDeep) as T;
  if (value !== null && typeof value === 'object' && !Tokenization.isResolvable(value) && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [literal(k), literalDeep(v)])) as T;
  }
  return value;
}

/**
 * A document (Helm values, a Grafana dashboard or datasources file, the vmauth config) as
 * JSON text for a string attribute: every literal escaped, tokens kept as references. A string
 * that is exactly one token is encoded by Terraform (`jsonencode`), so a password with quotes
 * or backslashes still makes valid JSON; tokens inside longer strings (URLs with an account
 * id, usernames) are interpolated as they are and must not need JSON escaping.
 */
export function jsonText(value: unknown, indent?: number): string {
  const encoded: string[] = [];
  const placeholder = (i: number) => `\u0000hikube-json-${i}\u0000`;
  const text = JSON.stringify(
    value,
    (_key, v) => {
      if (typeof v === 'string' && Token.isUnresolved(v) && v.match(TOKEN)?.[0] === v) {
        encoded.push(Fn.jsonencode(v));
        return placeholder(encoded.length - 1);
      }
      return v;
    },
    indent,
  );
  const escaped = literal(text);
  return encoded.reduce((out, expr, i) => out.replace(JSON.stringify(placeholder(i)), () => expr), escaped);
}
