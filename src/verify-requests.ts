// Request verification, as WireMock's `verify`: a test asserts how many requests of the sandbox's journal
// matched a filter (the server's: operation, face, method, status, time range, text; plus an optional
// predicate over each entry, for a field of a parsed body), and gets a readable error listing what did
// match when the count differs. trax-sim exports verifyRequests; trax-sim/client's journal client uses
// the same check.
import type { components, operations } from './generated/openapi.ts';

type JournalEntry = components['schemas']['JournalEntry'];

/** The journal's own filters (GET /__sim/journal's query parameters). */
export type JournalQuery = NonNullable<operations['getJournal']['parameters']['query']>;

export type RequestFilter = JournalQuery & {
  /** The sandbox whose journal is read (default `default`). */
  sandbox?: string;
  /** A further test of each entry the server matched: a field of `request.json`, say. */
  where?: (entry: JournalEntry) => boolean;
};

/** Exactly this many, or a range. */
export type ExpectedCount = number | { atLeast?: number; atMost?: number };

/** The journal's query string for `filter` (its sandbox and predicate are not query parameters). */
function journalQueryString({ sandbox: _sandbox, where: _where, ...query }: RequestFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when `count` is what `expected` asks for. */
export const isExpectedCount = (count: number, expected: ExpectedCount): boolean =>
  typeof expected === 'number'
    ? count === expected
    : count >= (expected.atLeast ?? 0) && count <= (expected.atMost ?? Infinity);

const expectedText = (e: ExpectedCount): string =>
  typeof e === 'number'
    ? `exactly ${e}`
    : e.atMost === undefined
      ? `at least ${e.atLeast ?? 0}`
      : `${e.atLeast ?? 0} to ${e.atMost}`;

function filterText({ sandbox = 'default', where, ...query }: RequestFilter): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  if (where) parts.push(`where ${where.name || 'predicate'}`);
  return `${parts.join(' ') || 'any request'} in sandbox "${sandbox}"`;
}

/** The telling part of a request body: a SOAP envelope from its Body on (the header is the same each time). */
function excerpt(text: string): string {
  const body = text.search(/<([\w.-]+:)?Body[\s>]/);
  return text.slice(Math.max(body, 0), Math.max(body, 0) + 240).replace(/\s+/g, ' ');
}

const entryLine = (e: JournalEntry): string => {
  const body = e.request.text === null ? '' : `\n      request: ${excerpt(e.request.text)}`;
  return `  #${e.id} ${e.at} ${e.method} ${e.path} -> ${e.status} ${e.operationId ?? '(no operation)'}${body}`;
};

/** A count of requests that was not the one expected; `matched` holds the entries that did match. */
export class RequestVerificationError extends Error {
  constructor(
    message: string,
    readonly matched: JournalEntry[],
  ) {
    super(message);
    this.name = 'RequestVerificationError';
  }
}

/**
 * Throws a RequestVerificationError unless `matched` (the journal's entries matching `filter`) number
 * `expected`. `recent` (the sandbox's last requests) is listed when none matched, to show what was sent.
 */
export function checkRequestCount(
  matched: JournalEntry[],
  filter: RequestFilter,
  expected: ExpectedCount,
  recent: JournalEntry[] = [],
): void {
  if (isExpectedCount(matched.length, expected)) return;
  const head = `Expected ${expectedText(expected)} request(s) matching ${filterText(filter)}; ${matched.length} matched`;
  const lines = matched.length
    ? [`${head}:`, ...matched.map(entryLine)]
    : [
        `${head}.`,
        recent.length ? `Its last ${recent.length} request(s):` : 'Its journal is empty.',
        ...recent.map(entryLine),
      ];
  throw new RequestVerificationError(lines.join('\n'), matched);
}

export type VerifyOptions = {
  /** Defaults to the global fetch. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Extra headers (an admin token, when the simulator asks for one). */
  headers?: Record<string, string>;
};

/**
 * Asserts that `expected` requests (default exactly 1) of the simulator at `target` (its URL, or what
 * startSimulator returned) matched `filter`, and answers them.
 */
export async function verifyRequests(
  target: string | { url: string },
  filter: RequestFilter,
  expected: ExpectedCount = 1,
  options: VerifyOptions = {},
): Promise<JournalEntry[]> {
  const base = (typeof target === 'string' ? target : target.url).replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const headers = { ...options.headers, ...(filter.sandbox ? { 'x-sandbox': filter.sandbox } : {}) };
  const list = async (query: string): Promise<JournalEntry[]> => {
    const res = await doFetch(`${base}/__sim/journal${query}`, { headers });
    const body = await res.text();
    if (!res.ok) throw new Error(`GET /__sim/journal${query} answered ${res.status}: ${body}`);
    return (JSON.parse(body) as { items: JournalEntry[] }).items;
  };
  const served = await list(journalQueryString(filter));
  const matched = filter.where ? served.filter(filter.where) : served;
  // The sandbox's last requests are fetched only to explain a failure where nothing matched.
  const recent = matched.length || isExpectedCount(0, expected) ? [] : (await list('')).slice(-10);
  checkRequestCount(matched, filter, expected, recent);
  return matched;
}
