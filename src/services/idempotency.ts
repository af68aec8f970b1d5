// Idempotency-Key support shared by the HTTP layer (which knows the request) and the command runner
// (which commits the record in the same patch as the command's changes, so a crash can never leave a
// charge without its record, or a record without its charge). The keyed request travels as an argument,
// from the route through the service call to runner.run: nothing depends on when a handler starts.
import { createHash } from 'node:crypto';
import { isIdempotencyKeyLive } from '../domain/idempotency-keys.ts';
import { DomainError } from '../domain/errors.ts';
import { byId } from '../domain/by-id.ts';
import type { Reader, SandboxView } from '../domain/reader.ts';
import type { IdempotencyRecord, IdempotentResourceType, SandboxState } from '../domain/types.ts';
import type { Store } from '../store/store.ts';

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

/** What a command that may create the keyed request's entity is given: the runner records the key with it. */
export type RunOptions = {
  idempotency?: IdempotentRequest;
  /** The request's behaviour marks (coverage): what the command exercised is added to them once committed. */
  marks?: string[];
};

/** Thrown by the runner when the key was recorded after the HTTP layer looked (a concurrent retry). */
export class IdempotentReplay extends Error {
  readonly record: IdempotencyRecord;
  constructor(record: IdempotencyRecord) {
    super(`Idempotency-Key ${record.key} was already used`);
    this.record = record;
  }
}

const reused = (key: string) =>
  new DomainError(
    'validation',
    'idempotency-key-reused',
    'Idempotency-Key reused',
    `The Idempotency-Key "${key.slice(0, 80)}" was already used for a different request. Send a new key for a new request; a retry must repeat the original request exactly.`,
    { errors: [{ path: '/header/idempotency-key', message: 'already used with a different request' }] },
  );

/** What the HTTP layer asks about keys: the earlier record of a key, and what that request created. */
export function createIdempotencyService({ store }: { store: Store }) {
  return {
    /** The live record of the request's key, or undefined when the key is new. */
    earlier: (sandbox: string, request: IdempotentRequest) =>
      findIdempotencyRecord(store.require(sandbox), store.read, request.scope, request.key),
    /**
     * The entity the original request created (and the state to render it from), once the original is
     * durable; a record of another request (same key, different body) is a 422 `idempotency-key-reused`.
     */
    async created(
      sandbox: string,
      request: IdempotentRequest,
      record: IdempotencyRecord,
    ): Promise<{ state: SandboxView; entity: { id: number } }> {
      if (record.fingerprint !== request.fingerprint || record.operationId !== request.operationId)
        throw reused(request.key);
      // The original may still be on its way to disk: never answer before it is durable.
      await store.durable(sandbox);
      const state = store.require(sandbox);
      const entity = byId(state[record.resource.type] as { id: number }[], record.resource.id);
      if (!entity)
        throw new DomainError(
          'conflict',
          'idempotency-resource-gone',
          'Resource gone',
          `The ${record.resource.type} this Idempotency-Key created no longer exists.`,
        );
      return { state: { ...state, read: store.read }, entity };
    },
  };
}

export type IdempotencyService = ReturnType<typeof createIdempotencyService>;

/** The live record of this key for this user; an expired one (24 h on the virtual clock) no longer counts. */
export function findIdempotencyRecord(
  state: Readonly<SandboxState>,
  read: Reader,
  scope: string,
  key: string,
): IdempotencyRecord | undefined {
  return read
    .where(state.idempotencyKeys ?? [], 'idempotencyByKey', key)
    .find((r) => r.scope === scope && isIdempotencyKeyLive(r, state.now));
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
  return createHash('sha256')
    .update(`${operationId}\n${canonical(path)}\n${canonical(body)}`)
    .digest('base64url');
}
