import { Hono, type Context } from 'hono';
import { DomainError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_SANDBOX, assertSandboxName } from '../store/sandbox-name.ts';
import { isApiPath } from './api-path.ts';
import { faceOfOperation, faceOfPath, type Face, type ReadBody } from './face.ts';
import type { Journal } from '../services/journal.ts';
import { requestRecorder } from './journal.ts';
import type { OpenApiIndex, Operation } from './openapi-index.ts';
import type { Auth, Handlers, OpOutput } from './operation.ts';
import { IDEMPOTENCY_HEADER, isIdempotent, runIdempotent, type IdempotentRun } from './idempotency.ts';
import { onErrorHandler, problem, problemResponse } from './problem.ts';
import { headerOf, readJsonBody } from './read-request.ts';
import { requestBase } from './request-base.ts';
import { requestRefused } from './request-check.ts';
import { responseValidation, type ResponseViolation } from './response-validation.ts';
import { pathWithoutSandboxPrefix, sandboxOfPrefix } from './sandbox-prefix.ts';
import type { Validators } from './validator.ts';

export type Authenticator = (scheme: string, sandbox: string, authorization: string | undefined) => Auth;

export type PipelineDeps = {
  index: OpenApiIndex;
  validators: Validators;
  handlers: Handlers;
  authenticate: Authenticator;
  store: Store;
  journal: Journal;
  /** Idempotency-Key lookups and the creating operations' renderers (the same as their routes answer with). */
  idempotency: IdempotentRun;
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
  /** Wire formats other than plain JSON + problem+json, each for the operations of one spec tag. */
  faces?: Face[];
};

/**
 * The spec-driven request pipeline every face shares (sandbox, validation, auth, idempotency, journal,
 * response validation), as the Hono app every transport uses: node server, app.request, MSW handlers.
 */
export function createPipeline(deps: PipelineDeps): Hono {
  const { index, validators, handlers, authenticate, store, journal, log } = deps;
  // A /sandboxes/{name} prefix routes as the path without it (see sandbox-prefix.ts).
  const app = new Hono({ getPath: pathWithoutSandboxPrefix });
  const faces = deps.faces ?? [];
  const plainOnError = onErrorHandler((err) =>
    log?.(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  );
  // An error is rendered in the format of the face that owns the path (an operation's route uses its face's):
  // one onError per face. A lazy face (lazy-face.ts) is loaded first.
  const onError = (err: unknown, c: Context): Response | Promise<Response> => {
    const face = faceOfPath(faces, c.req.path);
    const loading = face?.load?.();
    if (loading)
      return loading.then(
        () => (face!.onError ?? plainOnError)(err, c),
        () => plainOnError(err, c),
      );
    return (face?.onError ?? plainOnError)(err, c);
  };
  // A sandbox still on disk is not loaded to journal a request that did not use it (e.g. health at start-up).
  const journalOptions = { journal, clockOf: (s: string) => (store.isLoaded(s) ? store.get(s)?.now : undefined), log };
  const record = requestRecorder(journalOptions);
  // An answer shows state only once that state is written (see Store.unwritten); with nothing pending
  // (the common read) this is one synchronous check.
  const whenWritten = (res: Response, sandbox: string | undefined): Response | Promise<Response> => {
    const wait = store.unwritten(sandbox);
    return wait ? wait.then(() => res) : res;
  };
  // Each route records its own answer, in strict mode (tests) as otherwise (users): with no middleware an
  // operation is Hono's single-handler fast path, which a read-heavy simulator feels (~10% of a Billing
  // summary). Strict mode validates (and may replace) the answer first, so the journal shows what was sent.
  const check = deps.strict ? responseValidation({ validators, faces, onViolation: deps.onViolation, log }) : undefined;
  app.onError(onError);
  deps.guards?.(app);
  // Per-request closures stay anonymous: tsx keeps function names with a defineProperty per creation.
  const recorded = (
    c: Context,
    res: Response,
    started: number,
    sandbox: string | undefined,
    op: Operation | undefined,
  ): Response | Promise<Response> => {
    if (check)
      return check(c, res, op).then((r) => (record(c, r.status, started, sandbox, op?.operationId ?? null), r));
    record(c, res.status, started, sandbox, op?.operationId ?? null);
    return res;
  };
  app.notFound((c) => {
    const loading = faceOfPath(faces, c.req.path)?.load?.();
    return loading ? loading.then(() => notFound(c)) : notFound(c);
  });
  const notFound = (c: Context): Response | Promise<Response> => {
    const started = performance.now();
    const face = faceOfPath(faces, c.req.path);
    const res = face?.onError
      ? face.onError(routeNotFoundError(c), c)
      : !deps.fallback || isApiPath(c.req.path)
        ? routeNotFound(c)
        : Promise.resolve(deps.fallback(c)).then((r) => whenWritten(r, undefined));
    if (!(res instanceof Promise)) return recorded(c, res, started, undefined, undefined);
    return res.then(
      (r) => recorded(c, r, started, undefined, undefined),
      (err: unknown) => Promise.resolve(onError(err, c)).then((r) => recorded(c, r, started, undefined, undefined)),
    );
  };
  deps.extend?.(app);

  for (const op of index.operations) {
    const handler = handlers[op.operationId as keyof Handlers];
    if (!handler) throw new Error(`No handler for operation ${op.operationId} (${op.method} ${op.path})`);
    // Only the parameters the spec declares are read and validated (a location without any passes as is).
    const has = { path: op.params.some((p) => p.in === 'path'), query: op.params.some((p) => p.in === 'query') };
    const headerNames = op.params.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
    const idempotent = isIdempotent(op, deps.idempotency.renderers);
    const face = faceOfOperation(faces, op);
    const readBody: ReadBody = face?.readBody ?? ((c) => readJsonBody(c));
    const answer = face?.respond ? (o: OpOutput, c: Context) => face.respond!(o, op, c) : respond;
    const opError = face?.onError ?? plainOnError;
    const before = face?.before;
    // Reads (no body, synchronous handler) answer without a single await: every promise hop costs
    // throughput on a server that does ~20k small requests a second.
    const serve = (
      c: Context,
      sandbox: string,
      { hasBody, body }: { hasBody: boolean; body: unknown },
    ): Response | Promise<Response> => {
      const headers: Record<string, string> = {};
      for (const name of headerNames) {
        const value = headerOf(c, name);
        if (value !== undefined) headers[name] = value;
      }
      const parts = {
        path: has.path ? (c.req.param() as Record<string, string>) : {},
        query: has.query ? c.req.query() : {},
        headers,
        body,
        hasBody,
      };
      const { errors, params } = validators.request(op, parts);
      if (errors.length) throw requestRefused(errors);
      const auth = op.security[0]
        ? authenticate(op.security[0], sandbox, headerOf(c, 'authorization'))
        : ({ kind: 'none' } as const);
      const base = requestBase(c, deps.trustProxy);
      const input = { sandbox, path: params.path, query: params.query, headers: params.header, body, auth, base };
      const key = idempotent ? (params.header[IDEMPOTENCY_HEADER] as string | undefined) : undefined;
      const out = key === undefined ? handler(input) : runIdempotent(deps.idempotency, op, key, input, handler);
      return out instanceof Promise ? out.then((o) => answer(o, c)) : answer(out, c);
    };
    // The sandbox is made current first (loaded; on a shared store, caught up with the other instances),
    // so every hook and handler after reads it synchronously.
    const start = (c: Context, sandbox: string): Response | Promise<Response> => {
      const syncing = op.usesSandbox ? store.sync(sandbox) : undefined;
      return syncing ? syncing.then(() => startNow(c, sandbox)) : startNow(c, sandbox);
    };
    const startNow = (c: Context, sandbox: string): Response | Promise<Response> => {
      before?.(c, op, sandbox);
      const res = bodyless(c) ? serve(c, sandbox, NO_BODY) : readBody(c, op).then((b) => serve(c, sandbox, b));
      return res instanceof Promise
        ? res.then((r) => whenWritten(r, shows(sandbox)))
        : whenWritten(res, shows(sandbox));
    };
    // The sandbox list and a sandbox named in the path may show any sandbox, not only X-Sandbox's.
    const showsAny = op.path.startsWith('/__sim/sandboxes');
    const shows = (sandbox: string) => (showsAny ? undefined : sandbox);
    const sandboxOf = (c: Context) =>
      assertSandboxName(sandboxOfPrefix(c) ?? face?.sandboxOf?.(c) ?? headerOf(c, 'x-sandbox') ?? DEFAULT_SANDBOX);
    // A lazy face's modules are imported before its first operation is served (lazy-face.ts).
    app.on(op.method, op.honoPath, (c): Response | Promise<Response> => {
      const loading = face?.load?.();
      return loading ? loading.then(() => route(c)) : route(c);
    });
    const route = (c: Context): Response | Promise<Response> => {
      const started = performance.now();
      let sandbox: string | undefined;
      try {
        sandbox = sandboxOf(c);
        const res = start(c, sandbox);
        if (!(res instanceof Promise)) return recorded(c, res, started, sandbox, op);
        const at = sandbox;
        return res.then(
          (r) => recorded(c, r, started, at, op),
          (err: unknown) => recorded(c, opError(err, c), started, at, op),
        );
      } catch (err) {
        return recorded(c, opError(err, c), started, sandbox, op);
      }
    };
  }
  return app;
}

export const routeNotFound = (c: Context): Response =>
  problemResponse(problem(404, 'route-not-found', 'Route not found', routeNotFoundDetail(c), { instance: c.req.path }));

const routeNotFoundDetail = (c: Context) =>
  `${c.req.method} ${c.req.path} is not an operation of the simulator. See spec/openapi.yaml.`;
const routeNotFoundError = (c: Context) =>
  new DomainError('not_found', 'route-not-found', 'Route not found', routeNotFoundDetail(c));

const NO_BODY = { hasBody: false, body: undefined } as const;

/** A GET or HEAD that declares no body (no Content-Length, no Transfer-Encoding): nothing to read. */
function bodyless(c: Context): boolean {
  const method = c.req.method;
  return (
    (method === 'GET' || method === 'HEAD') &&
    headerOf(c, 'content-length') === undefined &&
    headerOf(c, 'transfer-encoding') === undefined
  );
}

function respond({ status, body, headers }: OpOutput, _c?: Context): Response {
  if (body === undefined) return new Response(null, { status, headers: headers ?? {} });
  // A handler that names a content type other than JSON (the spec as YAML) sends its text as it is.
  if (typeof body === 'string' && headers?.['content-type'] && !headers['content-type'].includes('json'))
    return new Response(body, { status, headers: { ...headers } });
  // A fresh headers object each time: @hono/node-server adds Content-Length to it.
  const all: Record<string, string> = headers
    ? { 'content-type': 'application/json', ...headers }
    : { 'content-type': 'application/json' };
  return new Response(JSON.stringify(body), { status, headers: all });
}
