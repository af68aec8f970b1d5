// A shared store's writes: per sandbox, one group of queued commands at a time takes the sandbox's lock
// (`BEGIN; lock; head`: one round trip), catches up, runs the commands in order on the current state, and
// commits their log rows together (`INSERT; UPDATE; COMMIT`: one more). A failed commit acknowledges nothing and
// drops this instance's copy (read again on next use). A log grown past its snapshot is compacted afterwards.
import { notFoundSandbox } from '../sandbox-errors.ts';
import { serializeSnapshot } from '../snapshot.ts';
import type { Store } from '../store.ts';
import { catchUp } from './catch-up.ts';
import type { Connections } from './connections.ts';
import type { Cached, Lane, Queued, SandboxCache } from './sandbox-cache.ts';
import * as rows from './sandbox-rows.ts';
import { storeUnavailable } from './unavailable.ts';

const COMPACT_AFTER = 4 * 1024 * 1024;

export function createWriteGroups({
  cache,
  connections,
  compactAfterBytes = COMPACT_AFTER,
  onError,
}: {
  cache: SandboxCache;
  connections: Connections;
  compactAfterBytes?: number;
  onError?: (err: unknown) => void;
}) {
  async function flush(name: string, lane: Lane): Promise<void> {
    const batch = lane.queue.splice(0);
    let applied = false;
    try {
      await connections.withClient(name, async (client) => {
        const h = await rows.beginWrite(client, name);
        try {
          if (!h) {
            cache.drop(name);
            for (const q of batch) q.reject(notFoundSandbox(name));
            await client.query('ROLLBACK');
            return;
          }
          await catchUp(cache, name, client, true, h);
          const c = cache.cached.get(name);
          if (!c) throw new Error(`sandbox ${name} could not be read`);
          const log: rows.LogRow[] = [];
          const results: { q: Queued; value?: unknown; error?: unknown }[] = [];
          for (const q of batch) {
            try {
              const { patch, result } = q.command(c.sandbox.state);
              cache.apply(name, c, patch);
              applied = true;
              c.seq++;
              log.push({ seq: c.seq, patch: JSON.stringify(patch) });
              results.push({ q, value: result });
            } catch (error) {
              results.push({ q, error });
            }
          }
          await rows.commitWrite(client, name, log);
          for (const row of log) c.logBytes += row.patch.length;
          cache.committedTo(name, c);
          for (const r of results) r.error === undefined ? r.q.resolve(r.value) : r.q.reject(r.error);
          maybeCompact(name, c);
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
    } catch (err) {
      const unavailable = storeUnavailable(err);
      // What was applied here did not commit: this copy is no longer the database's; read it again next time.
      if (applied) cache.drop(name, unavailable);
      for (const q of batch) q.reject(unavailable);
    }
  }

  const startFlush = (name: string, lane: Lane): void => {
    if (lane.flushing || lane.queue.length === 0) return;
    lane.flushing = flush(name, lane).finally(() => {
      lane.flushing = null;
      startFlush(name, lane);
    });
  };

  function maybeCompact(name: string, c: Cached): void {
    if (c.compacting || c.logBytes <= Math.max(compactAfterBytes, c.snapshotBytes)) return;
    c.compacting = true;
    const seq = c.committed;
    const upTo = c.logBytes;
    // Serialised from copies of the lists taken now (the state is as of `seq`), in slices.
    void serializeSnapshot(c.sandbox, seq)
      .then((text) =>
        connections
          .withClient(name, (client) => rows.compact(client, name, c.incarnation, seq, text))
          .then((done) => {
            if (!done) return;
            c.logBytes -= upTo;
            c.snapshotBytes = text.length;
          }),
      )
      .catch((err: unknown) => onError?.(err))
      .finally(() => {
        c.compacting = false;
      });
  }

  return {
    /** Queues the command in its sandbox's lane; resolves with its result once its row committed. */
    write<T>(name: string, command: Parameters<Store['write']>[1]): Promise<T> {
      const lane = cache.laneOf(name);
      return new Promise((resolve, reject) => {
        lane.queue.push({ command, resolve: resolve as (v: unknown) => void, reject });
        startFlush(name, lane);
      });
    },
    /** Resolves once the sandbox has no write under way. */
    async whileFree(name: string): Promise<void> {
      for (let lane = cache.lanes.get(name); lane?.flushing; ) await lane.flushing;
    },
  };
}
