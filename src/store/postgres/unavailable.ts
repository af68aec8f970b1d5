// What a request gets when the database behind a shared store does not answer (down, restarting,
// unreachable): a 503 in its face's own format, with Retry-After, and nothing half-applied.
import { DomainError } from '../../domain/errors.ts';

/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 1;

export function storeUnavailable(cause: unknown): DomainError {
  if (cause instanceof DomainError) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DomainError(
    'store_unavailable',
    'store-unavailable',
    'Store unavailable',
    `The database behind this sandbox did not answer (${reason.slice(0, 200)}); nothing was changed. Try again shortly.`,
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}
