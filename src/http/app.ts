import { Hono, type Context } from 'hono';
import { DomainError } from '../domain/errors.ts';
import type { Store } from '../store/sandbox-store.ts';
import { DEFAULT_SANDBOX, assertSandboxName } from '../store/sandbox-name.ts';
import { journalMiddleware, type Journal } from './journal.ts';
import type { OpenApiIndex, Operation } from './openapi-index.ts';
import type { Auth, Handlers } from './operation.ts';
import { onErrorHandler, problem, problemResponse } from './problem.ts';
import { readJsonBody } from './read-request.ts';
import { responseValidation, type ResponseViolation } from './response-validation.ts';
import type { Validators } from './validator.ts';

export type Authenticator = (scheme: string, sandbox: string, authorization: string | undefined) => Auth;

export type AppDeps = {
  index: OpenApiIndex;
  validators: Validators;
  handlers: Handlers;
  authenticate: Authenticator;
  store: Store;
  journal: Journal;
  /** Validate every response against the spec (tests, --strict); a violation becomes a 500 problem. */
  strict?: boolean;
  onViolation?: (v: ResponseViolation) => void;
  log?: (line: string) => void;
  /** Extra routes mounted before the API (the console). */
  extend?: (app: Hono) => void;
};

type Env = { Variables: { sandbox: string; operationId: string; operation: Operation } };

/** The one Hono app every transport uses: node server, app.request in tests, MSW handlers. */
export function createHttpApp(deps: AppDeps): Hono<Env> {
  const { index, validators, handlers, authenticate, store, journal, log } = deps;
  const app = new Hono<Env>();
  app.onError(onErrorHandler((err) => log?.(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)));
  app.notFound((c) => problemResponse(problem(404, 'route-not-found', 'Route not found', `${c.req.method} ${c.req.path} is not an operation of the simulator. See spec/openapi.yaml.`, { instance: c.req.path })));
  app.use('*', journalMiddleware({ journal, clockOf: (s) => store.get(s)?.now, log }));
  if (deps.strict) app.use('*', responseValidation({ validators, onViolation: deps.onViolation, log }));
  deps.extend?.(app as unknown as Hono);

  for (const op of index.operations) {
    const handler = handlers[op.operationId as keyof Handlers];
    if (!handler) throw new Error(`No handler for operation ${op.operationId} (${op.method} ${op.path})`);
    app.on(op.method, op.honoPath, async (c) => {
      c.set('operationId', op.operationId);
      c.set('operation', op);
      const sandbox = assertSandboxName(c.req.header('x-sandbox') ?? DEFAULT_SANDBOX);
      c.set('sandbox', sandbox);
      const { hasBody, body } = await readJsonBody(c);
      const { errors, params } = validators.request(op, { path: c.req.param() as Record<string, string>, query: c.req.query(), headers: c.req.header(), body, hasBody });
      if (errors.length) {
        throw new DomainError('validation', 'validation-failed', 'Request does not match the API', errors.map((e) => `${e.path} ${e.message}`).join('; '), { errors });
      }
      const auth = op.security[0] ? authenticate(op.security[0], sandbox, c.req.header('authorization')) : ({ kind: 'none' } as const);
      const out = await handler({ sandbox, path: params.path, query: params.query, headers: params.header, body, auth });
      return respond(c, out.status, out.body, out.headers);
    });
  }
  return app;
}

function respond(c: Context, status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
