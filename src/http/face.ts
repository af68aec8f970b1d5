// A face is the wire format of the operations of one spec tag (problem+json JSON, JSON:API, SOAP), mounted
// as a Hono sub-app of its own (pipeline.ts). Its description (tag, paths, error schema) is known at once;
// its hooks, routes and 201 renderers may be loaded on its first request: under tsx every module costs
// start-up time, and the first requests (health, the Billing API) need neither JSON:API nor SOAP. The
// pipeline awaits `load()` before it asks a face anything else.
import type { Context } from 'hono';
import type { FieldError } from '../domain/errors.ts';
import type { CreatedRenderers } from './idempotency.ts';
import type { Operation } from './openapi-index.ts';
import type { Auth, Handlers, OpOutput } from './operation.ts';

export type ReadBody = (c: Context, op: Operation) => Promise<{ hasBody: boolean; body: unknown }>;

/** What the shared stages ask a face; a hook left out is the plain JSON + problem+json behaviour. */
type FaceHooks = {
  /** The sandbox a request names by its URL (a base URL is enough for a stock client); undefined: use X-Sandbox. */
  sandboxOf?(c: Context): string | undefined;
  /** Runs before the body is read or validated (media types, API keys, tokens); throws to refuse. */
  before?(c: Context, op: Operation, sandbox: string): void;
  readBody?: ReadBody;
  respond?(out: OpOutput, op: Operation, c: Context): Response;
  /** Every error thrown while serving the face, in its own vocabulary; never a 500 for bad input. */
  onError?(err: unknown, c: Context): Response;
  /** Who a request authenticated as under one of the face's own security schemes; undefined: not one of them. */
  authenticate?(scheme: string, sandbox: string, authorization: string | undefined): Auth | undefined;
  /** Turns an answer's wire text back into what the spec's schema describes (strict response validation). */
  parseResponse?(text: string, contentType: string | null): unknown;
  /** Strict validation beside the spec's: the wire format's own rules (JSON:API's JSON Schema); [] when it holds. */
  validateDocument?(body: unknown, contentType: string | null): FieldError[];
  /** True when a 500 answer of this face is not a bug (a SOAP 1.1 fault is always an HTTP 500). */
  expectedServerError?(body: unknown): boolean;
};

/** A face once loaded: its hooks, its routes, and the 201 of each creating operation (Idempotency-Key replays). */
export type LoadedFace = FaceHooks & { handlers: Partial<Handlers>; created?: CreatedRenderers };

/** What is known of a face before it is loaded (one small module per face, which the loaded face spreads). */
export type FaceDescription = {
  /** The spec tag whose operations speak this format. */
  tag: string;
  /** True for request paths under this face, so even unknown routes there get the face's error format. */
  owns?(path: string): boolean;
  /** Schema (pointer into the spec) of the face's answers to unknown routes under it (strict validation). */
  errorSchema?: string;
};

export type Face = FaceDescription & {
  /** A promise while the face's modules load (its first request), undefined once they have. */
  load(): Promise<void> | undefined;
  /** The loaded face; undefined until `load()` has settled. */
  loaded(): LoadedFace | undefined;
};

/** A face whose parts are at hand from the start. */
export const eagerFace = (description: FaceDescription, parts: LoadedFace): Face => ({
  ...description,
  load: () => undefined,
  loaded: () => parts,
});

/** A face whose parts are imported and built on its first request, once (a failed load is tried again). */
export function lazyFace(description: FaceDescription, load: () => Promise<LoadedFace>): Face {
  let parts: LoadedFace | undefined;
  let loading: Promise<void> | undefined;
  return {
    ...description,
    load: () =>
      parts
        ? undefined
        : (loading ??= load().then(
            (p) => void (parts = p),
            (err: unknown) => {
              loading = undefined;
              throw err;
            },
          )),
    loaded: () => parts,
  };
}

export const faceOfOperation = (faces: readonly Face[], op: Operation): Face | undefined =>
  faces.find((f) => op.tags[0] === f.tag);

export const faceOfPath = (faces: readonly Face[], path: string): Face | undefined => faces.find((f) => f.owns?.(path));
