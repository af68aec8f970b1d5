// Typed client for the simulator's request journal (GET /__sim/journal, /__sim/journal/count): openapi-fetch
// over the spec's generated types. `verify` is WireMock's verify: it asserts how many requests matched and
// throws a RequestVerificationError listing them (or the sandbox's last requests) when the count differs.
import type { components } from '../../src/generated/openapi.ts';
import {
  checkRequestCount,
  type ExpectedCount,
  isExpectedCount,
  type JournalQuery,
  type RequestFilter,
} from '../../src/verify-requests.ts';
import { bodyOf, specClient, type FetchLike } from './http.ts';

export type JournalEntry = components['schemas']['JournalEntry'];

export type JournalClientOptions = {
  /** Origin of the simulator, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Sends `X-Sandbox: <name>` (default sandbox `default`). */
  sandbox?: string;
  fetch?: FetchLike;
  /** Extra headers (an admin token, when the simulator asks for one). */
  headers?: Record<string, string>;
};

export type JournalClient = {
  /** The entries matching `filter`, oldest first (of the sandbox's last 500 requests). */
  list(filter?: RequestFilter): Promise<JournalEntry[]>;
  /** How many entries match `filter` (the server counts unless `where` is given). */
  count(filter?: RequestFilter): Promise<number>;
  /** Asserts that `expected` entries (default exactly 1) match `filter`; answers them. */
  verify(filter: RequestFilter, expected?: ExpectedCount): Promise<JournalEntry[]>;
};

export function createJournalClient(options: JournalClientOptions): JournalClient {
  const api = specClient({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: { ...options.headers, ...(options.sandbox ? { 'x-sandbox': options.sandbox } : {}) },
  });
  const withSandbox = (filter: RequestFilter): RequestFilter => ({ sandbox: options.sandbox, ...filter });
  const queryOf = ({ sandbox: _s, where: _w, ...query }: RequestFilter): JournalQuery => query;
  const list = async (filter: RequestFilter = {}) => {
    const items = bodyOf(await api.GET('/__sim/journal', { params: { query: queryOf(filter) } })).items;
    return filter.where ? items.filter(filter.where) : items;
  };
  return {
    list,
    async count(filter = {}) {
      if (filter.where) return (await list(filter)).length;
      return bodyOf(await api.GET('/__sim/journal/count', { params: { query: queryOf(filter) } })).count;
    },
    async verify(filter, expected = 1) {
      const matched = await list(filter);
      // The sandbox's last requests are fetched only to explain a failure where nothing matched.
      const recent = matched.length || isExpectedCount(0, expected) ? [] : (await list()).slice(-10);
      checkRequestCount(matched, withSandbox(filter), expected, recent);
      return matched;
    },
  };
}
