/** Errors of the REST API: RFC 9457 problem details with every failing field. */
import { JsonSchema } from './json-schema';

/** One failing field of a request: `path` holds API (camelCase) names and map keys. */
export interface FieldError {
  readonly field: string;
  readonly path: (string | number)[];
  readonly reason: string;
}

/** RFC 9457 problem details, as every error response carries. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: FieldError[];
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The JSON Schema of `Problem`; members beyond these (`requestId`, `children`, `resources`...) are allowed. */
export const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  properties: {
    type: { type: 'string', format: 'uri-reference' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string', description: 'The X-Request-Id of the response, also on every log line the request wrote.' },
    errors: {
      type: 'array',
      description: 'Every failing field of the request.',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', description: 'Dotted API path, e.g. `labels.team`.' },
          path: { type: 'array', items: { type: ['string', 'integer'] }, description: 'API (camelCase) names and map keys.' },
          reason: { type: 'string' },
        },
        required: ['field', 'path', 'reason'],
      },
    },
  },
  required: ['type', 'title', 'status'],
};
