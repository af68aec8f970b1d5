// Idempotency-Key support shared by the HTTP layer (which knows the request) and the command runner
// (which commits the record in the same patch as the command's changes, so a crash can never leave a
// charge without its record, or a record without its charge).
import { createHash } from 'node:crypto';
import { isIdempotencyKeyLive } from '../domain/idempotency-keys.ts';
import { where } from '../domain/lookup.ts';
import type { IdempotencyRecord, IdempotentResourceType, SandboxState } from '../domain/types.ts';

/** The keyed request being served; the first command that creates a `resourceType` entity records it. */
export type IdempotentRequest = {
  key: string;
  scope: string;
  fingerprint: string;
  operationId: string;
  resourceType: IdempotentResourceType;
  /** Status of the first response for the created entity (201, or 402 for a declined payment). */
  statusOf: (entity: unknown) => number;
  recorded: boolean;
};

// The keyed request whose handler is starting. Handlers start their command synchronously (the runner
// reads this before its first await), so a plain variable set around that synchronous start is enough;
// AsyncLocalStorage would cost every later promise of the process its async hooks on Node 20.
let current: IdempotentRequest | undefined;

/** Calls `start` with `request` as the keyed request; the command it starts synchronously records it. */
export function withIdempotentRequest<T>(request: IdempotentRequest, start: () => T): T {
  const previous = current;
  current = request;
  try {
    return start();
  } finally {
    current = previous;
  }
}

export const currentIdempotentRequest = (): IdempotentRequest | undefined => current;

/** Thrown by the runner when the key was recorded after the HTTP layer looked (a concurrent retry). */
export class IdempotentReplay extends Error {
  readonly record: IdempotencyRecord;
  constructor(record: IdempotencyRecord) {
    super(`Idempotency-Key ${record.key} was already used`);
    this.record = record;
  }
}

/** The live record of this key for this user; an expired one (24 h on the virtual clock) no longer counts. */
export function findIdempotencyRecord(state: Readonly<SandboxState>, scope: string, key: string): IdempotencyRecord | undefined {
  return where(state.idempotencyKeys ?? [], 'key', (r) => r.key, key).find((r) => r.scope === scope && isIdempotencyKeyLive(r, state.now));
}

// Card data never reaches the fingerprint: a hash of a card number or CVV is guessable (few unknown
// digits), so numbers count by their last 4 and CVVs not at all.
const SECRET_FIELDS: Record<string, (v: unknown) => unknown> = {
  number: (v) => (typeof v === 'string' ? `last4:${v.replace(/\D/g, '').slice(-4)}` : v),
  accountNumber: (v) => (typeof v === 'string' ? `last4:${v.slice(-4)}` : v),
  cvv: () => undefined,
};

/** Object keys sorted at every level: the same JSON sent with another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]): [string, unknown] => [k, SECRET_FIELDS[k] ? SECRET_FIELDS[k](v) : v])
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A one-way hash of what was asked, card data masked first: the request body is never stored. */
export function requestFingerprint(operationId: string, path: Record<string, unknown>, body: unknown): string {
  return createHash('sha256').update(`${operationId}\n${canonical(path)}\n${canonical(body)}`).digest('base64url');
}
