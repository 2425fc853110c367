/** What can go wrong talking to the service: kept apart from the client so that importing them is cheap. */
import { Problem } from './types';

/** The service answered with an error status; `problem` is its problem+json body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly method: string,
    readonly url: string,
    /** The Retry-After header of a 503 or 429, when the service sent one. */
    readonly retryAfter?: string,
  ) {
    super(`${method} ${url}: ${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'ApiError';
  }
}

/** The service could not be reached at all (refused, DNS, timeout, TLS). */
export class ConnectionError extends Error {
  constructor(
    readonly endpoint: string,
    override readonly cause: Error & { code?: string },
    /** The connection was one kept alive from an earlier request, reset before any answer. */
    readonly onReusedConnection = false,
  ) {
    super(`cannot reach the Hikube service at ${endpoint}: ${describeNetworkError(cause)}`);
    this.name = 'ConnectionError';
  }
}

function describeNetworkError(err: Error & { code?: string }): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the service running and listening on that address?)';
    case 'ENOTFOUND':
      return 'host name not found';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'timed out';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `the service's TLS certificate is not trusted (${err.code}): give the CA certificate that signed it (provider attribute ca_certificate, or HIKUBE_CA_CERT)`;
    case 'CERT_HAS_EXPIRED':
      return "the service's TLS certificate has expired: the operator must renew it";
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the service's TLS certificate is not valid for this host name (${err.message}): use the name the certificate was issued for`;
    default:
      return err.message;
  }
}

/** True when err is an ApiError with the given status. */
export function isStatus(err: unknown, status: number): err is ApiError {
  return err instanceof ApiError && err.status === status;
}
