// Idempotency-Key on creating POSTs (the operations whose spec declares the header). The first request
// runs and its record is committed with the command's patch; a retry with the same key, by the same user
// in the same sandbox, with the same request, gets the same status and body (rendered from the stored
// resource by the same function as the first answer) and runs nothing; the same key with another request
// is a 422 `idempotency-key-reused`.
import type { SandboxView } from '../domain/reader.ts';
import type { IdempotencyRecord, IdempotentResourceType, Payment } from '../domain/types.ts';
import {
  IdempotentReplay,
  requestFingerprint,
  type IdempotencyService,
  type IdempotentRequest,
} from '../services/idempotency.ts';
import type { Operation } from './openapi-index.ts';
import type { Auth, OpOutput, RequestInput, Route } from './operation.ts';
import type { RequestBase } from './request-base.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * The 201 of one creating operation: its route answers with `render` and a replay re-renders the stored
 * entity with it, so the two cannot drift. Throws the same problem the first response was (a 402 decline).
 */
export type CreatedRenderer<E> = {
  resource: IdempotentResourceType;
  /** `base`: where the replayed request came in (its links are built from it, as the first answer's were). */
  render: (state: SandboxView, entity: E, base: RequestBase) => OpOutput;
};

/** The creating operations that take an Idempotency-Key, by operationId. */
export type CreatedRenderers = Record<string, CreatedRenderer<never>>;

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

const paymentStatus = (p: unknown) => ((p as Payment).status === 'succeeded' ? 201 : 402);

/**
 * Runs `handler` once per key, the keyed request in its input (`idempotency`); replays the recorded outcome
 * for a retry, rendered by `renderer` (the operation's 201).
 */
export async function runIdempotent(
  service: IdempotencyService,
  renderer: CreatedRenderer<never>,
  op: Operation,
  key: string,
  input: RequestInput,
  handler: Route,
): Promise<OpOutput> {
  const resourceType = renderer.resource;
  const request: IdempotentRequest = {
    key,
    scope: scopeOf(input.auth),
    fingerprint: requestFingerprint(op.operationId, input.path, input.body),
    operationId: op.operationId,
    resourceType,
    statusOf: resourceType === 'payments' ? paymentStatus : () => 201,
    recorded: false,
  };
  const replay = async (record: IdempotencyRecord): Promise<OpOutput> => {
    const { state, entity } = await service.created(input.sandbox, request, record);
    const out = renderer.render(state, entity as never, input.base);
    input.marks?.push('retry.replayed');
    return { ...out, headers: { ...out.headers, 'idempotent-replayed': 'true' } };
  };
  const earlier = service.earlier(input.sandbox, request);
  if (earlier) return replay(earlier);
  try {
    return await handler({ ...input, idempotency: request });
  } catch (err) {
    if (err instanceof IdempotentReplay) return replay(err.record);
    throw err;
  }
}
