// Idempotency-Key on creating POSTs (the operations whose spec declares the header). The first request
// runs and its record is committed with the command's patch; a retry with the same key, by the same user
// in the same sandbox, with the same request, gets the same status and body (re-rendered from the stored
// resource) and runs nothing; the same key with another request is a 422 `idempotency-key-reused`.
import { DomainError } from '../domain/errors.ts';
import { byId } from '../domain/lookup.ts';
import type { IdempotencyRecord, IdempotentResourceType, Payment, SandboxState } from '../domain/types.ts';
import { IdempotentReplay, findIdempotencyRecord, requestFingerprint, withIdempotentRequest } from '../services/idempotency.ts';
import { requireSucceeded } from '../services/payment-outcome.ts';
import { endUserPaymentView } from '../services/views.ts';
import { securityTraxReplays } from './faces/securitytrax/replay.ts';
import type { Store } from '../store/sandbox-store.ts';
import type { Operation } from './openapi-index.ts';
import { created, type Auth, type OpHandler, type OpInput, type OpOutput } from './operation.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

type Replayable = {
  resource: IdempotentResourceType;
  /** The response for the entity the request created; throws the same problem the first response was. */
  render: (state: Readonly<SandboxState>, entity: never) => OpOutput | Promise<OpOutput>;
};

const paymentStatus = (p: unknown) => ((p as Payment).status === 'succeeded' ? 201 : 402);

// The same renderings as the routes (src/http/routes, src/http/faces) use for their 201s.
const REPLAYABLE: Record<string, Replayable> = {
  ...(securityTraxReplays as unknown as Record<string, Replayable>),
  makePayment: { resource: 'payments', render: (s, p) => created(endUserPaymentView(s, requireSucceeded(p))) },
};

/** True when the operation takes an Idempotency-Key (declared in the spec) and we know how to replay it. */
export function isIdempotent(op: Operation): boolean {
  return op.operationId in REPLAYABLE && op.params.some((p) => p.in === 'header' && p.name.toLowerCase() === IDEMPOTENCY_HEADER);
}

function scopeOf(auth: Auth): string {
  switch (auth.kind) {
    case 'dealer':
      return 'dealer';
    case 'endUser':
      return `login:${auth.loginId}`;
    case 'none':
      return 'anonymous';
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

/** Runs `handler` once per key; replays the recorded outcome for a retry. */
export async function runIdempotent(store: Store, op: Operation, key: string, input: OpInput, handler: OpHandler): Promise<OpOutput> {
  const spec = REPLAYABLE[op.operationId]!;
  const scope = scopeOf(input.auth);
  const fingerprint = requestFingerprint(op.operationId, input.path, input.body);
  const replay = async (record: IdempotencyRecord): Promise<OpOutput> => {
    if (record.fingerprint !== fingerprint || record.operationId !== op.operationId) throw reused(key);
    // The original may still be on its way to disk: never answer before it is durable.
    await store.durable(input.sandbox);
    const state = store.require(input.sandbox);
    const entity = byId(state[record.resource.type] as { id: number }[], record.resource.id);
    if (!entity) throw new DomainError('conflict', 'idempotency-resource-gone', 'Resource gone', `The ${record.resource.type} this Idempotency-Key created no longer exists.`);
    const out = await spec.render(state, entity as never);
    return { ...out, headers: { ...out.headers, 'idempotent-replayed': 'true' } };
  };
  const earlier = findIdempotencyRecord(store.require(input.sandbox), scope, key);
  if (earlier) return replay(earlier);
  const request = { key, scope, fingerprint, operationId: op.operationId, resourceType: spec.resource, statusOf: spec.resource === 'payments' ? paymentStatus : () => 201, recorded: false };
  try {
    return await withIdempotentRequest(request, () => handler(input));
  } catch (err) {
    if (err instanceof IdempotentReplay) return replay(err.record);
    throw err;
  }
}
