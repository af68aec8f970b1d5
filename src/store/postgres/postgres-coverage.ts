// The behaviour coverage of a shared deployment: every instance's counts of a sandbox in one table, so
// GET /__sim/coverage reads them whichever instance answers. Counting stays off the request's path: counts
// are summed in memory and added in one upsert a few times a second; a read writes what is pending first.
// Rows belong to their sandbox (deleted with it); counts of a sandbox deleted meanwhile are dropped.
import type { Pool } from 'pg';
import type { CoverageTally, FirstRequest, Hit, SandboxCoverage } from '../coverage.ts';
import { storeUnavailable } from './unavailable.ts';

const FLUSH_EVERY_MS = 50;
const TAG = 'tag';

export type PostgresCoverage = CoverageTally & { flush(): Promise<void>; close(): Promise<void> };

export function createPostgresCoverage(pool: Pool, onError: (err: unknown) => void = () => {}): PostgresCoverage {
  let pending = new Map<string, Map<string, Hit>>();
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const add = (sandbox: string, key: string, first: FirstRequest) => {
    let keys = pending.get(sandbox);
    if (!keys) pending.set(sandbox, (keys = new Map()));
    const found = keys.get(key);
    if (found) found.count++;
    else keys.set(key, { count: 1, first });
  };
  const write = async (): Promise<void> => {
    const batch = pending;
    pending = new Map();
    const rows = [...batch].flatMap(([sandbox, keys]) => [...keys].map(([key, hit]) => ({ sandbox, key, hit })));
    if (!rows.length) return;
    await pool.query(
      `INSERT INTO sandbox_coverage (sandbox, key, count, first)
       SELECT u.sandbox, u.key, u.count, u.first
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS u(sandbox, key, count, first)
       JOIN sandboxes s ON s.sandbox = u.sandbox
       ON CONFLICT (sandbox, key) DO UPDATE SET count = sandbox_coverage.count + EXCLUDED.count`,
      [
        rows.map((r) => r.sandbox),
        rows.map((r) => r.key),
        rows.map((r) => r.hit.count),
        rows.map((r) => JSON.stringify(r.hit.first)),
      ],
    );
  };
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // Counts that cannot be written are lost, never requests: the answers were already sent.
    writing = writing.then(write).catch((err: unknown) => onError(err));
    return writing;
  };
  const query = async <R extends object>(sql: string, params: unknown[]) => {
    await flush();
    return pool.query<R>(sql, params).catch((err: unknown) => {
      throw storeUnavailable(err);
    });
  };

  return {
    record(sandbox, behaviours, operation, request) {
      behaviours.forEach((id, at) => {
        if (behaviours.indexOf(id) === at) add(sandbox, `b:${id}`, request);
      });
      if (operation !== null) add(sandbox, `o:${operation}`, request);
      timer ??= setTimeout(() => void flush(), FLUSH_EVERY_MS);
      timer.unref?.();
    },
    async tag(sandbox, tag) {
      await query(
        `INSERT INTO sandbox_coverage (sandbox, key, count, first) VALUES ($1, '${TAG}', 0, $2)
         ON CONFLICT (sandbox, key) DO UPDATE SET first = EXCLUDED.first`,
        [sandbox, tag],
      );
    },
    async read(sandbox) {
      const { rows } = await query<{ key: string; count: string; first: string }>(
        'SELECT key, count, first FROM sandbox_coverage WHERE sandbox = $1',
        [sandbox],
      );
      if (!rows.length) return undefined;
      const coverage: SandboxCoverage = { tag: null, behaviours: new Map(), operations: new Map() };
      for (const { key, count, first } of rows) {
        if (key === TAG) coverage.tag = first;
        else {
          const part = key.startsWith('b:') ? coverage.behaviours : coverage.operations;
          part.set(key.slice(2), { count: Number(count), first: JSON.parse(first) as FirstRequest });
        }
      }
      return coverage;
    },
    async tagged(tag) {
      const { rows } = await query<{ sandbox: string }>(
        `SELECT sandbox FROM sandbox_coverage WHERE key = '${TAG}' AND first = $1`,
        [tag],
      );
      return rows.map((r) => r.sandbox);
    },
    async clear(sandbox) {
      await query('DELETE FROM sandbox_coverage WHERE sandbox = $1', [sandbox]);
    },
    flush,
    close: flush,
  };
}
