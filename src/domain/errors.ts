// Domain errors carry a kind (which decides the HTTP status) and a stable code (the problem type).
// One onError in src/http turns them into application/problem+json.

export type ErrorKind =
  | 'validation' // 422: well-formed request that breaks a rule
  | 'bad_request' // 400: cannot be read at all
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: the current state does not allow it
  | 'payment_declined' // 402
  | 'payload_too_large' // 413: the body is past the size limit
  | 'unsupported_media_type' // 415: the body is not in a media type the operation accepts
  | 'upstream_unavailable' // 503
  | 'store_unavailable' // 503, with Retry-After: the database behind a shared store did not answer
  | 'upstream_timeout'; // 504

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 422,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payment_declined: 402,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upstream_unavailable: 503,
  store_unavailable: 503,
  upstream_timeout: 504,
};

export type FieldError = { path: string; message: string };

export class DomainError extends Error {
  readonly kind: ErrorKind;
  /** Stable slug, e.g. "billing-not-configured"; the problem type is derived from it. */
  readonly code: string;
  readonly title: string;
  /** Extra problem members (reasons, errors, paymentId...). */
  readonly extensions: Record<string, unknown>;

  constructor(kind: ErrorKind, code: string, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.title = title;
    this.extensions = extensions;
  }
}

export const notFound = (what: string, id: number | string): DomainError =>
  new DomainError('not_found', 'not-found', 'Not found', `${what} ${id} does not exist.`);

export const invalid = (code: string, title: string, detail: string, errors: FieldError[] = []): DomainError =>
  new DomainError('validation', code, title, detail, errors.length ? { errors } : {});
