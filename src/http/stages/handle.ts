// Stage: the operation's handler, found in its face's routes, and its answer rendered by the face (plain JSON
// by default). A creating POST with an Idempotency-Key runs once per key; a retry replays the first answer.
import type { IdempotencyService } from '../../services/idempotency.ts';
import { textResponse } from '../answer-text.ts';
import { IDEMPOTENCY_HEADER, runIdempotent } from '../idempotency.ts';
import type { OpOutput, Route } from '../operation.ts';
import type { Operation } from '../openapi-index.ts';
import type { LoadedFace } from '../face.ts';
import type { Req, Serve } from './stage.ts';

/** The last stage: nothing comes after it, so it is given the operation only. */
export const handleStage =
  (idempotency: IdempotencyService) =>
  (op: Operation): Serve => {
    const keyed = op.params.some((p) => p.in === 'header' && p.name.toLowerCase() === IDEMPOTENCY_HEADER);
    // The face's routes do not change once it is loaded: the handler is looked up once.
    let handler: Route | undefined;
    return (r) => {
      const face = r.face!;
      const input = r.input!;
      handler ??= face.handlers[op.operationId as keyof typeof face.handlers];
      if (!handler) throw new Error(`No handler for operation ${op.operationId} (${op.method} ${op.path})`);
      const renderer = keyed ? face.created?.[op.operationId] : undefined;
      const key = renderer ? (input.headers[IDEMPOTENCY_HEADER] as string | undefined) : undefined;
      const out =
        key === undefined || !renderer ? handler(input) : runIdempotent(idempotency, renderer, op, key, input, handler);
      // An anonymous callback (see stage.ts), only when the route answers later.
      return out instanceof Promise ? out.then((o) => answer(face, op, r, o)) : answer(face, op, r, out);
    };
  };

/** The route's output as the face writes it (plain JSON without a `respond` hook). */
const answer = (face: LoadedFace, op: Operation, r: Req, out: OpOutput): Response =>
  face.respond ? face.respond(out, op, r.c) : respond(out);

function respond({ status, body, headers }: OpOutput): Response {
  if (body === undefined) return new Response(null, { status, headers: headers ?? {} });
  // A handler that names a content type other than JSON (the spec as YAML) sends its text as it is.
  const type = headers?.['content-type'];
  if (typeof body === 'string' && type && !type.includes('json')) return textResponse(body, status, type, headers);
  // A fresh headers object each time (textResponse): @hono/node-server adds Content-Length to it.
  return textResponse(JSON.stringify(body), status, 'application/json', headers);
}
