// GET /__sim/journal and /__sim/journal/count: the filters a test verifies requests with (operation, face,
// method, status or status class, a time range on the sandbox's clock, a text match, a behaviour), and the
// entries as the API lists them (a JSON body parsed back). The journal holds at most 500 entries of at most
// 2 x 16 KiB of text each, so a filter's work is bounded: one pass, no index.
import { DomainError } from '../domain/errors.ts';
import type { operations } from '../generated/openapi.ts';
import type { JournalBody, JournalEntry, JournalRecord } from '../store/journal.ts';

export type JournalFilter = NonNullable<operations['getJournal']['parameters']['query']>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A test of one entry against `filter`; a `since` after `until` is refused as the API refuses bad input. */
export function journalMatcher(filter: JournalFilter): (e: JournalRecord) => boolean {
  const since = filter.since === undefined ? -Infinity : Date.parse(filter.since);
  const until = filter.until === undefined ? Infinity : Date.parse(filter.until);
  if (since > until) {
    const errors = [{ path: '/query/until', message: 'must not be before since' }];
    throw new DomainError(
      'validation',
      'validation-failed',
      'Request does not match the API',
      '/query/until must not be before since',
      { errors },
    );
  }
  const { operation, face, behaviour } = filter;
  const method = filter.method?.toUpperCase();
  const status = filter.status;
  const statusClass = status?.endsWith('xx') ? Number(status[0]) : undefined;
  const exactStatus = status !== undefined && statusClass === undefined ? Number(status) : undefined;
  // Case-insensitive without lower-casing every body: the engine compares, nothing is copied.
  const text = filter.q === undefined ? undefined : new RegExp(escapeRegExp(filter.q), 'i');
  const timed = filter.since !== undefined || filter.until !== undefined;
  return (e) => {
    if (operation !== undefined && e.operationId !== operation) return false;
    if (face !== undefined && e.face !== face) return false;
    if (method !== undefined && e.method !== method) return false;
    if (exactStatus !== undefined && e.status !== exactStatus) return false;
    if (statusClass !== undefined && Math.floor(e.status / 100) !== statusClass) return false;
    if (behaviour !== undefined && !e.behaviours.includes(behaviour)) return false;
    if (timed) {
      const at = Date.parse(e.at);
      if (at < since || at > until) return false;
    }
    if (text && !text.test(e.path) && !text.test(e.request.text ?? '') && !text.test(e.response.text ?? ''))
      return false;
    return true;
  };
}

/** A stored body as the API lists it: JSON (not cut) parsed back into `json`. */
function bodyView(body: JournalBody): JournalEntry['request'] {
  if (body.text === null || body.truncated || !body.contentType?.includes('json')) return body;
  try {
    return { ...body, json: JSON.parse(body.text) };
  } catch {
    return body;
  }
}

/** The entries of `records` that match `filter`, as GET /__sim/journal lists them. */
export const journalEntries = (records: readonly JournalRecord[], filter: JournalFilter): JournalEntry[] =>
  records
    .filter(journalMatcher(filter))
    .map((r) => ({ ...r, request: bodyView(r.request), response: bodyView(r.response) }));

/** How many of `records` match `filter` (GET /__sim/journal/count). */
export const journalCount = (records: readonly JournalRecord[], filter: JournalFilter): number =>
  records.filter(journalMatcher(filter)).length;
