// The 201 of each creating POST of the face, from the registry entry that names it (`operations.create`):
// the route answers with it and an Idempotency-Key replay re-renders the stored entity with it. A declined
// payment is recorded, then answered (and replayed) as the 402 it was.
import type { Payment } from '../../../domain/types.ts';
import type { CreatedRenderer } from '../../idempotency.ts';
import type { OperationId } from '../../operation.ts';
import { requireSucceeded } from '../../payment-outcome.ts';
import type { RequestBase } from '../../request-base.ts';
import { created } from '../../operation.ts';
import { faceBaseUrl, type Rendering, selfLink, singleDocument } from './document.ts';
import { type CreateOperationId, RESOURCES } from './resources/registry.ts';
import type { ResourceOperations, ResourceType, State } from './resources/resource-type.ts';

/** A 201 with the created resource, its absolute self link also in Location (JSON:API: they must match). */
function createdAnswer(rt: ResourceType, e: { id: number }, s: State, base: RequestBase) {
  const r: Rendering = { s, base: faceBaseUrl(base.origin, s.name) };
  return { ...created(singleDocument(rt, e, r)), headers: { location: selfLink(r, rt, e.id) } };
}

const isPayment = (e: { id: number }, rt: ResourceType): e is Payment => rt.collection === 'payments';

type Renderers = Record<CreateOperationId, CreatedRenderer<{ id: number }>>;
type Table = Partial<Record<OperationId, CreatedRenderer<{ id: number }>>>;

const createOf = (ops: ResourceOperations): OperationId | undefined => ops.create;

const rendersEveryCreate = (table: Table): table is Table & Renderers =>
  RESOURCES.every((rt) => {
    const op = createOf(rt.operations);
    return op === undefined || table[op] !== undefined;
  });

function renderers(): Renderers {
  const table: Table = {};
  for (const rt of RESOURCES) {
    const op = createOf(rt.operations);
    if (op === undefined) continue;
    table[op] = {
      resource: rt.collection,
      render: (s, e, base) => createdAnswer(rt, isPayment(e, rt) ? requireSucceeded(e) : e, s, base),
    };
  }
  if (!rendersEveryCreate(table)) throw new Error('a creating operation of the registry has no renderer');
  return table;
}

export const securityTraxCreated: Renderers = renderers();
