// The request journal the simulator keeps per sandbox, beside its sandboxes (in memory here; a shared store
// keeps it in its database, postgres/postgres-journal.ts): the HTTP layer records into it through the services
// (src/http/stages/journal.ts), the sim service lists and clears it.
import type { components } from '../generated/openapi.ts';

/** One answered request, as GET /__sim/journal lists it (the spec's JournalEntry). */
export type JournalEntry = components['schemas']['JournalEntry'];

/** A body as stored: masked and cut before it gets here; its `json` is parsed when listed, not stored. */
export type JournalBody = Omit<components['schemas']['JournalBody'], 'json'>;

/** An entry as a journal stores it. */
export type JournalRecord = Omit<JournalEntry, 'request' | 'response'> & {
  request: JournalBody;
  response: JournalBody;
};

/** Per-sandbox request journal, capped: what was asked and answered, bodies masked by the recorder. */
export type Journal = {
  /**
   * Cheap and synchronous: a shared journal writes in the background. The entry's id when it is numbered at
   * once (one process), for coverage's first request; undefined when the database numbers it later.
   */
  record(sandbox: string, entry: Omit<JournalRecord, 'id'>): number | undefined;
  list(sandbox: string): JournalRecord[] | Promise<JournalRecord[]>;
  clear(sandbox: string): void | Promise<void>;
};

/** The last entries a sandbox's journal keeps. */
export const JOURNAL_LIMIT = 500;

/** The journal of one process, in memory. */
export function createJournal({ limit = JOURNAL_LIMIT }: { limit?: number } = {}): Journal {
  const bySandbox = new Map<string, JournalRecord[]>();
  let lastId = 0;
  return {
    record(sandbox, entry) {
      const list = bySandbox.get(sandbox) ?? bySandbox.set(sandbox, []).get(sandbox)!;
      const { at, method, path, status, durationMs, operationId, face, request, response, behaviours } = entry;
      list.push({
        id: ++lastId,
        at,
        method,
        path,
        status,
        durationMs,
        operationId,
        face,
        request,
        response,
        behaviours,
      });
      // Trimmed in batches of a quarter: splicing the head off a full list on every request showed in every
      // request's cost, and a batch as long as the list would hold twice the bodies the spec promises.
      if (list.length >= limit + Math.ceil(limit / 4)) list.splice(0, list.length - limit);
      return lastId;
    },
    list: (sandbox) => (bySandbox.get(sandbox) ?? []).slice(-limit),
    clear: (sandbox) => void bySandbox.delete(sandbox),
  };
}
