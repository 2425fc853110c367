/**
 * One step into a value: an object attribute name, a map key, or a list/set/tuple index.
 * Same shape as provider/framework's PathStep so a codec error's path can go straight into a diagnostic.
 */
export type PathStep = string | { readonly key: string } | { readonly index: number };
export type CtyPath = readonly PathStep[];

/** Renders a path like cty does: `.tags["env"][0]`; the empty path is `(root)`. */
export function formatCtyPath(path: CtyPath): string {
  if (path.length === 0) return '(root)';
  return path.map((s) => (typeof s === 'string' ? `.${s}` : 'key' in s ? `[${JSON.stringify(s.key)}]` : `[${s.index}]`)).join('');
}

/** A value/type mismatch; `path` lets the caller attach the diagnostic to the attribute. */
export class CtyPathError extends Error {
  readonly path: CtyPath;

  /** `path` is copied: codecs pass the stack they push and pop while walking a value. */
  constructor(
    path: CtyPath,
    readonly detail: string,
  ) {
    super(`${formatCtyPath(path)}: ${detail}`);
    this.name = 'CtyPathError';
    this.path = [...path];
  }
}
