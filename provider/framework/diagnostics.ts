/**
 * Diagnostics: how the provider reports problems. Handlers never throw for user or API
 * errors; they add diagnostics, each with a Title Case summary, a detail that says who acts,
 * and (when one attribute is to blame) its path, so Terraform underlines the right line.
 */

/** A step into a value: an attribute name, a map key, or a list index. */
export type PathStep = string | { readonly key: string } | { readonly index: number };
export type AttributePath = readonly PathStep[];

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  readonly path?: AttributePath;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, detail: string, path?: AttributePath): this {
    this.items.push({ severity: 'error', summary, detail, path });
    return this;
  }

  warning(summary: string, detail: string, path?: AttributePath): this {
    this.items.push({ severity: 'warning', summary, detail, path });
    return this;
  }

  append(other: Diagnostics): this {
    this.items.push(...other.items);
    return this;
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** `['labels', {key: 'team'}]` -> `labels["team"]`, for log lines and messages. */
export function formatPath(path: AttributePath): string {
  return path
    .map((step, i) => {
      if (typeof step === 'string') return i === 0 ? step : `.${step}`;
      if ('key' in step) return `[${JSON.stringify(step.key)}]`;
      return `[${step.index}]`;
    })
    .join('');
}
