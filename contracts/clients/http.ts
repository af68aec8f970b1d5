// The transport shared by the typed clients: openapi-fetch over the spec's generated types
// (src/generated/openapi.ts), one origin, optional X-Sandbox, and every non-2xx answer turned into an error.
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../../src/generated/openapi.ts';
import { toProblemError } from './problems.ts';

/** Anything shaped like `fetch(url, init)`: global fetch, MSW-intercepted fetch, `app.request`, ... */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type ClientOptions = {
  /** Origin of the simulator (or the real service), e.g. `http://127.0.0.1:4010`. No trailing path. */
  baseUrl: string;
  username: string;
  password: string;
  /** Sends `X-Sandbox: <name>` with every request (simulator only; default sandbox `default`). */
  sandbox?: string;
  /** Defaults to the global `fetch`, looked up at call time (so MSW's patched fetch is used). */
  fetch?: FetchLike;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
};

export type Schemas = components['schemas'];
export type SpecClient = Client<paths>;

/** `Basic base64(username:password)`, UTF-8 safe, in Node and browsers. */
export function basicAuth(username: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** An openapi-fetch client for the whole spec: paths, parameters and bodies are typed from it. */
export function specClient(options: {
  baseUrl: string;
  fetch?: FetchLike;
  headers?: Record<string, string>;
}): SpecClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.headers,
    // openapi-fetch hands over a Request; FetchLike transports (app.request, MSW) take (url, init).
    fetch: async (request: Request) => {
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
      return doFetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: body || undefined,
      });
    },
  });
}

/** A 2xx answer's body, or the error it stands for (problem+json -> ProblemError and subclasses). */
export function bodyOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw toProblemError(result.response.status, result.response.statusText, result.error);
  return result.data as T;
}
