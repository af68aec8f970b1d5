// The spec-driven request pipeline every face shares, as the Hono app every transport uses (node server,
// app.request, MSW). Read top to bottom, a request goes: guards (mounted first) -> its face's sub-app (the
// face loaded, its error mapping around all that follows) -> sandbox -> the face's own checks -> validate ->
// handle; its answer comes back through strict response validation (tests, --strict) and the journal. Each
// stage is one module of stages/, composed here once per operation into the one handler Hono calls.
import { type Context, Hono } from 'hono';
import { DomainError } from '../domain/errors.ts';
import type { IdempotencyService } from '../services/idempotency.ts';
import type { CoverageTally, Journal } from '../services/services.ts';
import type { SandboxAccess } from '../services/sandbox-access.ts';
import { isApiPath } from './api-path.ts';
import { type Face, faceOfOperation, faceOfPath, type LoadedFace } from './face.ts';
import type { OpenApiIndex } from './openapi-index.ts';
import { onErrorHandler, problem, problemResponse } from './problem.ts';
import { markRefusal } from './refusal-marks.ts';
import { responseValidation, type ResponseViolation } from './response-validation.ts';
import { headerOf } from './read-request.ts';
import { pathWithoutSandboxPrefix, sandboxOfPrefix } from './sandbox-prefix.ts';
import { checkResponseStage } from './stages/check-response.ts';
import { faceStage } from './stages/face.ts';
import { faceChecksStage } from './stages/face-checks.ts';
import { handleStage } from './stages/handle.ts';
import { journalStage, requestRecorder } from './stages/journal.ts';
import { sandboxStage } from './stages/sandbox.ts';
import { type AnswerStage, compose, type Req, type Stage } from './stages/stage.ts';
import { type Authenticator, validateStage } from './stages/validate.ts';
import type { Validators } from './validator.ts';

export type PipelineDeps = {
  index: OpenApiIndex;
  validators: Validators;
  /** Every face; each operation is served by the face of its first spec tag. */
  faces: readonly Face[];
  /** The security schemes no face authenticates itself (HTTP Basic). */
  authenticate: Authenticator;
  sandboxes: SandboxAccess;
  journal: Journal;
  /** Behaviour coverage: requests collect their marks and the journal stage counts them; none: not recorded. */
  coverage?: CoverageTally;
  idempotency: IdempotencyService;
  /** Read X-Forwarded-Proto / X-Forwarded-Host for the links in answers (behind a trusted proxy only). */
  trustProxy?: boolean;
  /** Validate every response against the spec (tests, --strict); a violation becomes a 500 problem. */
  strict?: boolean;
  onViolation?: (v: ResponseViolation) => void;
  log?: (line: string) => void;
  /** Extra routes mounted before the API. */
  extend?: (app: Hono) => void;
  /** Mounts the request guards (origin, CORS, Host, admin token) ahead of everything else. */
  guards?: (app: Hono) => void;
  /** Answers requests outside the API faces (the console); without it they are route-not-found problems. */
  fallback?: (c: Context) => Response | Promise<Response>;
};

export function createPipeline(deps: PipelineDeps): Hono {
  const { index, faces, log } = deps;
  // A /sandboxes/{name} prefix routes as the path without it (see sandbox-prefix.ts).
  const app = new Hono({ getPath: pathWithoutSandboxPrefix });
  const plainOnError = onErrorHandler((err) =>
    log?.(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  );
  const record = requestRecorder({ journal: deps.journal, coverage: deps.coverage, sandboxes: deps.sandboxes, log });
  // A request's behaviour marks, when coverage is recorded.
  const newMarks = deps.coverage ? (): string[] => [] : () => undefined;
  const check = deps.strict
    ? responseValidation({ validators: deps.validators, faces, onViolation: deps.onViolation, log })
    : undefined;
  // What every answer goes back through, requests no operation matches included.
  const answered: AnswerStage[] = [
    journalStage(record, faces), // records what was sent
    ...(check ? [checkResponseStage(check)] : []), // strict mode: the answer against the spec
  ];
  // An operation's request, in order, down to its handler.
  const stagesOf = (face: Face): Stage[] => [
    ...answered,
    faceStage(face, plainOnError), // the face loaded; its error mapping around everything below
    sandboxStage(deps.sandboxes), // which sandbox, made current; the answer waits for its writes
    faceChecksStage, // the face's refusals before the body is read
    validateStage({ validators: deps.validators, authenticate: deps.authenticate, trustProxy: deps.trustProxy }),
  ];
  const handle = handleStage(deps.idempotency); // the route, its answer rendered by the face

  // An error outside every operation (a guard, the console) is rendered by the face that owns the path.
  const outsideError = (err: unknown, c: Context): Response | Promise<Response> => {
    const face = faceOfPath(faces, c.req.path);
    const onError = (): Response => face?.loaded()?.onError?.(err, c) ?? plainOnError(err, c);
    const loading = face?.load();
    return loading ? loading.then(onError, () => plainOnError(err, c)) : onError();
  };
  app.onError(outsideError);
  deps.guards?.(app);
  deps.extend?.(app);

  for (const face of faces) {
    const ops = index.operations.filter((op) => faceOfOperation(faces, op) === face);
    const sub = new Hono();
    const stages = stagesOf(face);
    for (const op of ops) {
      const serve = compose(op, stages, handle(op));
      sub.on(op.method, op.honoPath, (c) =>
        serve({ c, face: undefined, sandbox: undefined, input: undefined, marks: newMarks() }),
      );
    }
    app.route('/', sub);
  }
  const faceless = index.operations.filter((op) => !faceOfOperation(faces, op));
  if (faceless.length) throw new Error(`No face serves ${faceless.map((op) => op.operationId).join(', ')}`);

  /** The sandbox a request names (see stages/sandbox.ts); undefined when the name is not a sandbox name. */
  const namedSandbox = (c: Context, face: LoadedFace | undefined): string | undefined => {
    try {
      return deps.sandboxes.nameOf(sandboxOfPrefix(c) ?? face?.sandboxOf?.(c) ?? headerOf(c, 'x-sandbox'));
    } catch {
      return undefined;
    }
  };
  // Unknown routes: under a face's path, in its format; elsewhere the fallback (the console) or a problem.
  const notFound = compose(undefined, answered, (r: Req): Response | Promise<Response> => {
    const { c, marks } = r;
    const face = faceOfPath(faces, c.req.path);
    const answer = () => {
      const loaded = face?.loaded();
      if (face) {
        // Journaled and counted in the sandbox the request names, as an operation's request would be.
        r.sandbox = namedSandbox(c, loaded);
        if (marks) markRefusal(marks, face.tag, routeNotFoundError(c));
      }
      if (loaded?.onError) return loaded.onError(routeNotFoundError(c), c);
      if (!deps.fallback || isApiPath(c.req.path)) return routeNotFound(c);
      return Promise.resolve(deps.fallback(c)).then(
        (res) => {
          const wait = deps.sandboxes.unwritten();
          return wait ? wait.then(() => res) : res;
        },
        (err: unknown) => outsideError(err, c),
      );
    };
    const loading = face?.load();
    return loading ? loading.then(answer) : answer();
  });
  app.notFound((c) => notFound({ c, face: undefined, sandbox: undefined, input: undefined, marks: newMarks() }));
  return app;
}

export const routeNotFound = (c: Context): Response =>
  problemResponse(problem(404, 'route-not-found', 'Route not found', routeNotFoundDetail(c), { instance: c.req.path }));

const routeNotFoundDetail = (c: Context) =>
  `${c.req.method} ${c.req.path} is not an operation of the simulator. See spec/openapi.yaml.`;
const routeNotFoundError = (c: Context) =>
  new DomainError('not_found', 'route-not-found', 'Route not found', routeNotFoundDetail(c));
