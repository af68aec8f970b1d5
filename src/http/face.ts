import type { Context } from 'hono';
import type { FieldError } from '../domain/errors.ts';
import type { Operation } from './openapi-index.ts';
import type { OpOutput } from './operation.ts';

export type ReadBody = (c: Context, op: Operation) => Promise<{ hasBody: boolean; body: unknown }>;

/**
 * One wire format of the simulator (problem+json JSON, JSON:API, SOAP). The shared pipeline (sandbox
 * selection, validation, auth, idempotency, journal) knows no face; it asks the operation's face, chosen by
 * the operation's first spec tag, how to read a body, render an answer and render an error. Every hook is
 * optional: what a face leaves out is the plain JSON behaviour.
 */
export type Face = {
  /** The spec tag whose operations speak this format. */
  tag: string;
  /** True for request paths under this face, so even unknown routes there get the face's error format. */
  owns?: (path: string) => boolean;
  /** The sandbox a request names by its URL (a base URL is enough for a stock client); undefined: use X-Sandbox. */
  sandboxOf?: (c: Context) => string | undefined;
  /** Runs before the body is read or validated (media types, API keys, tokens); throws to refuse. */
  before?: (c: Context, op: Operation, sandbox: string) => void;
  readBody?: ReadBody;
  respond?: (out: OpOutput, op: Operation, c: Context) => Response;
  /** Every error thrown while serving the face, in its own vocabulary; never a 500 for bad input. */
  onError?: (err: unknown, c: Context) => Response;
  /** Turns an answer's wire text back into what the spec's schema describes (strict response validation). */
  parseResponse?: (text: string, contentType: string | null) => unknown;
  /** Strict validation beside the spec's: the wire format's own rules (JSON:API's JSON Schema); [] when it holds. */
  validateDocument?: (body: unknown, contentType: string | null) => FieldError[];
  /** True when a 500 answer of this face is not a bug (a SOAP 1.1 fault is always an HTTP 500). */
  expectedServerError?: (body: unknown) => boolean;
  /** Schema (pointer into the spec) of the face's answers to unknown routes under it (strict validation). */
  errorSchema?: string;
  /** A face loaded on first use (lazy-face.ts): a promise until its modules are in, then undefined. */
  load?: () => Promise<void> | undefined;
};

export const faceOfOperation = (faces: readonly Face[], op: Operation | undefined): Face | undefined =>
  op ? faces.find((f) => op.tags[0] === f.tag) : undefined;

export const faceOfPath = (faces: readonly Face[], path: string): Face | undefined => faces.find((f) => f.owns?.(path));
