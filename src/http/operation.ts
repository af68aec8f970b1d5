import type { operations } from '../generated/openapi.ts';
import type { IdempotentRequest } from '../services/idempotency.ts';
import type { RequestBase } from './request-base.ts';

export type OperationId = keyof operations;

/** Who the request authenticated as, decided by the operation's security scheme in the spec. */
export type Auth = { kind: 'none' } | { kind: 'dealer' } | { kind: 'endUser'; loginId: number };

/** What the pipeline hands every handler: the request validated against the spec (typed per operation below). */
export type RequestInput = {
  sandbox: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  /** Validated headers, lower-case names. */
  headers: Record<string, unknown>;
  body: unknown;
  auth: Auth;
  /** The origin and sandbox prefix the client used: links in the answer are built from them. */
  base: RequestBase;
  /** The keyed request (Idempotency-Key) of a creating POST: the route passes it on to its service call. */
  idempotency?: IdempotentRequest;
  /** The behaviours this request exercised (coverage): services add to it; the journal stage records it. */
  marks?: string[];
};

type Parameters<Id extends OperationId> = operations[Id]['parameters'];
/** An absent location (`?: never`) reads as an empty object. */
type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;
type BodyOf<Id extends OperationId> = operations[Id] extends { requestBody: { content: infer C } }
  ? C[keyof C]
  : operations[Id] extends { requestBody?: { content: infer C } }
    ? C[keyof C] | undefined
    : undefined;

/**
 * The input of operation `Id`: its path and query parameters and its body as the spec declares them (the
 * validate stage has checked them against the spec, coercing parameters where it says so), so no route casts.
 */
type OpInput<Id extends OperationId> = Omit<RequestInput, 'path' | 'query' | 'body'> & {
  path: Present<Parameters<Id>['path']>;
  query: Present<Parameters<Id>['query']>;
  body: BodyOf<Id>;
};

export type OpOutput = { status: number; body?: unknown; headers?: Record<string, string> };

// Declared as methods: a route of one operation is then also a Route, which the pipeline calls with any
// validated request (method parameters compare both ways).
type RouteOf<I> = { route(input: I): Promise<OpOutput> | OpOutput }['route'];

/** A route of operation `Id`: validated input in, status and body out. Nothing here knows about Hono. */
type OpHandler<Id extends OperationId> = RouteOf<OpInput<Id>>;
/** A route as the pipeline calls it, with any validated request; generic routes (a list, a get) are written so. */
export type Route = RouteOf<RequestInput>;

/** A route for every operation of the spec, each with its own input. */
export type Handlers = { [Id in OperationId]: OpHandler<Id> };

export const ok = (body: unknown): OpOutput => ({ status: 200, body });
export const created = (body: unknown): OpOutput => ({ status: 201, body });
export const noContent = (): OpOutput => ({ status: 204 });
export const items = (list: unknown[]): OpOutput => ({ status: 200, body: { items: list } });
