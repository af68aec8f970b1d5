// Typed client for the SecurityTrax JSON:API face (/securitytrax/{profile}/user/v1): openapi-fetch over the
// spec's generated types, with the integrator key on every request and a dealer token fetched on first use
// (and again when it expires). Calls answer openapi-fetch's `{ data, error, response }`; `error` is the
// JSON:API error document.
import type { Middleware } from 'openapi-fetch';
import type { components } from '../../src/generated/openapi.ts';
import { specClient, type FetchLike, type SpecClient } from './http.ts';

export const JSON_API = 'application/vnd.api+json';
export type JsonApiErrorDocument = components['schemas']['StErrorDocument'];

export type SecurityTraxClientOptions = {
  /** Origin of the simulator, e.g. `http://127.0.0.1:4010` (SecurityTrax: `https://api.securitytrax.com`). */
  baseUrl: string;
  /** The company slug; on the simulator, the sandbox (default `default`). */
  profile?: string;
  integratorKey: string;
  username: string;
  password: string;
  fetch?: FetchLike;
};

export type SecurityTraxClient = SpecClient & { profile: string };

export function createSecurityTraxClient(options: SecurityTraxClientOptions): SecurityTraxClient {
  const profile = options.profile ?? 'default';
  const keyHeader = { 'X-SecurityTrax-IntegratorKey': options.integratorKey };
  const api = specClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: { ...keyHeader, accept: JSON_API },
  });
  const login = specClient({ baseUrl: options.baseUrl, fetch: options.fetch, headers: keyHeader });
  let token: { value: string; expiresAt: number } | undefined;
  const bearer = async (): Promise<string> => {
    if (!token || Date.now() >= token.expiresAt - 5_000) {
      const { data, error, response } = await login.POST('/securitytrax/{profile}/user/v1/authenticate', {
        params: { path: { profile } },
        body: { username: options.username, password: options.password },
      });
      if (!data) throw new Error(`SecurityTrax authentication failed (${response.status}): ${JSON.stringify(error)}`);
      token = { value: data.data.attributes.token, expiresAt: Date.parse(data.data.attributes.expires_at) };
    }
    return token.value;
  };
  const auth: Middleware = {
    async onRequest({ request }) {
      if (request.method !== 'GET') request.headers.set('content-type', JSON_API);
      request.headers.set('authorization', `Bearer ${await bearer()}`);
      return request;
    },
  };
  api.use(auth);
  return Object.assign(api, { profile });
}
