import type { operations } from '../generated/openapi.ts';
import type { IdempotentRequest } from '../services/idempotency.ts';
import type { RequestBase } from './request-base.ts';

export type OperationId = keyof operations;

/** Who the request authenticated as, decided by the operation's security scheme in the spec. */
export type Auth = { kind: 'none' } | { kind: 'dealer' } | { kind: 'endUser'; loginId: number };

export type OpInput = {
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
};

export type OpOutput = { status: number; body?: unknown; headers?: Record<string, string> };

/** A route: validated input in, status and JSON body out. Nothing here knows about Hono. */
export type OpHandler = (input: OpInput) => Promise<OpOutput> | OpOutput;

export type Handlers = Record<OperationId, OpHandler>;

export const ok = (body: unknown): OpOutput => ({ status: 200, body });
export const created = (body: unknown): OpOutput => ({ status: 201, body });
export const noContent = (): OpOutput => ({ status: 204 });
export const items = (list: unknown[]): OpOutput => ({ status: 200, body: { items: list } });
