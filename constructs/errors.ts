import { IConstruct } from 'constructs';

/**
 * A construct was given a value it cannot accept. Thrown at construction time, so the stack
 * trace points at the user's code, with the construct path, the value received and the fix.
 */
export class ValidationError extends Error {
  /** Path of the construct that rejected the value, e.g. `quickstart/Production`. */
  public readonly constructPath: string;
  /** The value received. */
  public readonly value: unknown;
  /** What to do about it. */
  public readonly fix: string;

  public constructor(scope: IConstruct, problem: string, details: { value: unknown; fix: string }) {
    const got = describe(details.value);
    // Model checks often quote the value already; say it once.
    super(`${scope.node.path}: ${problem}${problem.includes(got) ? '' : ` (received ${got})`}. ${details.fix}`);
    this.name = 'ValidationError';
    this.constructPath = scope.node.path;
    this.value = details.value;
    this.fix = details.fix;
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
