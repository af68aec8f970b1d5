// The face's error vocabulary: every error thrown while serving it becomes a SOAP fault (in the request's
// SOAP version) with a stable code. Client faults answer 400 (SOAP 1.2's rule, kept for 1.1 too),
// an unknown sandbox 404, the simulated outage 503 and timeout 504; anything unexpected 500.
import { DomainError } from '../../../domain/errors.ts';
import type { FaultParts } from './xml-writer.ts';

export type Fault = { status: number; parts: FaultParts };

const pascal = (code: string) => code.replace(/(^|-)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());

export function faultOf(err: unknown, onUnexpected: (err: unknown) => void): Fault {
  if (err instanceof DomainError) {
    const parts = (side: FaultParts['side']): FaultParts => ({
      side,
      subcode: pascal(err.code),
      code: err.code,
      reason: err.message || err.title,
    });
    if (err.kind === 'upstream_unavailable') return { status: 503, parts: parts('server') };
    if (err.kind === 'upstream_timeout') return { status: 504, parts: parts('server') };
    if (err.code === 'version-mismatch') return { status: 400, parts: parts('version-mismatch') };
    return { status: err.kind === 'not_found' ? 404 : 400, parts: parts('client') };
  }
  onUnexpected(err);
  const reason =
    'The simulator hit an unexpected error; it has been logged on the server. Please report it with this request.';
  return { status: 500, parts: { side: 'server', subcode: 'InternalError', code: 'internal-error', reason } };
}

export const clientFault = (code: string, title: string, detail: string): DomainError =>
  new DomainError('bad_request', code, title, detail);
