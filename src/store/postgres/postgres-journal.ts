// The request journal of a shared deployment: every instance's requests of a sandbox in one table, so
// GET /__sim/journal lists them whichever instance answers. Recording stays off the request's path: entries
// are buffered and written in one insert a few times a second; a listing writes what is buffered first.
import type { Pool } from 'pg';
import { JOURNAL_LIMIT, type Journal, type JournalRecord } from '../journal.ts';
import { storeUnavailable } from './unavailable.ts';

const FLUSH_EVERY_MS = 50;
const NO_BODY = { contentType: null, text: null, truncated: false };
const OLD_ROW = { face: null, request: NO_BODY, response: NO_BODY, behaviours: [] };
const BATCH = 500;

export type PostgresJournal = Journal & { flush(): Promise<void>; close(): Promise<void> };

export function createPostgresJournal(pool: Pool, onError: (err: unknown) => void = () => {}): PostgresJournal {
  let buffer: { sandbox: string; entry: string }[] = [];
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const touched = new Set<string>();

  const write = async (): Promise<void> => {
    const batch = buffer.splice(0, BATCH);
    if (!batch.length) return;
    const sandboxes = batch.map((b) => b.sandbox);
    await pool.query('INSERT INTO sandbox_journal (sandbox, entry) SELECT * FROM unnest($1::text[], $2::text[])', [
      sandboxes,
      batch.map((b) => b.entry),
    ]);
    // Keep the last JOURNAL_LIMIT of each sandbox written to (a few rows more between trims).
    for (const sandbox of new Set(sandboxes)) touched.add(sandbox);
    if (touched.size) {
      const names = [...touched];
      touched.clear();
      await pool.query(
        `DELETE FROM sandbox_journal j USING (
           SELECT sandbox, id FROM (
             SELECT sandbox, id, row_number() OVER (PARTITION BY sandbox ORDER BY id DESC) AS n
             FROM sandbox_journal WHERE sandbox = ANY($1::text[])) ranked
           WHERE n > $2) old
         WHERE j.sandbox = old.sandbox AND j.id = old.id`,
        [names, JOURNAL_LIMIT],
      );
    }
    if (buffer.length) await write();
  };
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // A journal that cannot be written loses entries, never requests: the answer was already sent.
    writing = writing.then(write).catch((err: unknown) => {
      buffer = [];
      onError(err);
    });
    return writing;
  };

  return {
    record(sandbox, entry) {
      buffer.push({ sandbox, entry: JSON.stringify(entry) });
      timer ??= setTimeout(() => void flush(), FLUSH_EVERY_MS);
      timer.unref?.();
      return undefined;
    },
    async list(sandbox) {
      await flush();
      const { rows } = await pool
        .query<{ id: string; entry: string }>(
          'SELECT id, entry FROM sandbox_journal WHERE sandbox = $1 ORDER BY id DESC LIMIT $2',
          [sandbox, JOURNAL_LIMIT],
        )
        .catch((err: unknown) => {
          throw storeUnavailable(err);
        });
      // Rows an older version wrote have no face, bodies or behaviours: listed as none.
      return rows
        .reverse()
        .map((r) => ({ ...OLD_ROW, id: Number(r.id), ...(JSON.parse(r.entry) as Omit<JournalRecord, 'id'>) }));
    },
    async clear(sandbox) {
      await flush();
      await pool.query('DELETE FROM sandbox_journal WHERE sandbox = $1', [sandbox]).catch((err: unknown) => {
        throw storeUnavailable(err);
      });
    },
    flush,
    async close() {
      await flush();
    },
  };
}
