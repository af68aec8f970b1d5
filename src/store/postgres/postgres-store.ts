// The shared store: every sandbox in PostgreSQL (a snapshot and the log of patches committed since), each
// instance holding the sandboxes it serves in memory as the embedded store does. Any number of instances
// serve the same sandboxes:
// - writes to a sandbox are serialised across instances by a per-sandbox advisory lock, held for one
//   transaction per group of commands (write-groups.ts); a command runs on the state as of the database's head
//   and is acknowledged once its row committed;
// - before a request reads a sandbox, the instance catches up on its log tail (catch-up.ts: one query when
//   nothing is new), so an answer never shows an older state than one another instance already showed;
// - exclusive work (a clock advance, reset, delete, clone) holds the sandbox's lock for its whole length (a
//   session lock on its own connection), holding the sandbox's writes on every instance, while reads
//   everywhere see its chunks as they commit.
import type { Pool, PoolClient } from 'pg';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { cloneState, type Patch } from '../../domain/patch.ts';
import { groupCommit } from '../group-commit.ts';
import { createIndexedReader } from '../indexed-reader.ts';
import { notFoundSandbox, sandboxExists, sandboxQuotaReached } from '../sandbox-errors.ts';
import { assertSandboxName } from '../sandbox-name.ts';
import { serializeSnapshot } from '../snapshot.ts';
import { DEFAULT_IDLE_AFTER_MS, DEFAULT_MAX_SANDBOXES, type Store, type StoreOptions } from '../store.ts';
import { applyToSandbox, type Sandbox } from '../stored-sandbox.ts';
import { catchUp } from './catch-up.ts';
import { createConnections } from './connections.ts';
import { createSandboxCache, type Cached } from './sandbox-cache.ts';
import * as rows from './sandbox-rows.ts';
import { storeUnavailable } from './unavailable.ts';
import { createWriteGroups } from './write-groups.ts';

/** The store owns `pool` (close() ends it). `schemaVersion` and `where` are reported by health. */
export type PostgresStoreOptions = StoreOptions & { pool: Pool; schemaVersion: number; where: string };

export function createPostgresStore(options: PostgresStoreOptions): Store {
  const { pool } = options;
  const now = options.now ?? Date.now;
  const maxSandboxes = options.maxSandboxes ?? DEFAULT_MAX_SANDBOXES;
  const idleAfterMs = options.idleAfterMs ?? DEFAULT_IDLE_AFTER_MS;
  const newIncarnation = options.newIncarnation ?? randomUUID;
  const read = createIndexedReader();
  // Readers catch up on a pooled connection of their own, never queued behind a write.
  const cache = createSandboxCache({
    read,
    now,
    newSync: (name) => groupCommit(() => connections.withPooled((c) => catchUp(cache, name, c, false))),
  });
  const { cached } = cache;
  const connections = createConnections(pool, cache.lanes);
  const writes = createWriteGroups({
    cache,
    connections,
    compactAfterBytes: options.compactAfterBytes,
    onError: options.onError,
  });
  const { whileFree } = writes;
  const { transaction } = connections;
  let closing: Promise<void> | undefined;

  const quotaCheck = (count: number): void => {
    if (count >= maxSandboxes) throw sandboxQuotaReached(maxSandboxes, 'deployment');
  };

  const loadedOrThrow = (name: string): Cached => {
    const c = cached.get(name);
    if (!c) throw notFoundSandbox(name);
    return c;
  };

  const idleTimer = setInterval(
    () => cache.unloadIdle(idleAfterMs),
    options.idleCheckEveryMs ?? Math.min(60_000, Math.max(1_000, Math.floor(idleAfterMs / 10))),
  );
  idleTimer.unref();

  return {
    read,
    async names() {
      return connections.withPooled(rows.names).catch((err: unknown) => {
        throw storeUnavailable(err);
      });
    },
    sync(name) {
      const lane = cache.laneOf(name);
      const c = cached.get(name);
      if (c && c.seq !== c.committed) return undefined; // the write under way is read after it commits (unwritten)
      return lane.sync.request().catch((err: unknown) => {
        throw storeUnavailable(err);
      });
    },
    get: (name) => cached.get(name)?.sandbox.state,
    require: (name) => loadedOrThrow(name).sandbox.state,
    events: (name) => loadedOrThrow(name).sandbox.events,
    async create(doc) {
      assertSandboxName(doc.name);
      const incarnation = newIncarnation();
      const whole = { ...doc, incarnation };
      const text = await serializeSnapshot(whole, 0);
      await transaction(doc.name, async (client) => {
        const { count, exists: taken } = await rows.lockForCreate(client, doc.name);
        if (taken) throw sandboxExists(doc.name);
        quotaCheck(count);
        await rows.insertSandbox(client, doc.name, incarnation, 0, text);
      });
      cache.laneOf(doc.name);
      const c: Cached = {
        sandbox: cache.takeIn(whole),
        incarnation,
        seq: 0,
        committed: 0,
        logBytes: 0,
        snapshotBytes: text.length,
        compacting: false,
      };
      cached.set(doc.name, c);
    },
    async clone(from, to) {
      assertSandboxName(to);
      const source = loadedOrThrow(from);
      await whileFree(from);
      const incarnation = newIncarnation();
      const stampPatch: Patch = { incarnation };
      const seq = source.committed + 1;
      await transaction(from, async (client) => {
        const { count, exists: taken } = await rows.lockForCreate(client, to);
        if (taken) throw sandboxExists(to);
        quotaCheck(count);
        await rows.copySandbox(client, from, to, incarnation, { seq, patch: JSON.stringify(stampPatch) });
      });
      const sandbox: Sandbox = {
        state: cloneState(source.sandbox.state, { name: to }),
        events: source.sandbox.events.copy(),
      };
      applyToSandbox(sandbox, stampPatch);
      cache.laneOf(to);
      cached.set(to, { ...source, sandbox, incarnation, seq, committed: seq, compacting: false });
      return sandbox.state;
    },
    async replace(doc) {
      loadedOrThrow(doc.name);
      await whileFree(doc.name);
      const incarnation = newIncarnation();
      const whole = { ...doc, incarnation };
      let snapshotBytes = 0;
      const seq = await transaction(doc.name, async (client) => {
        await rows.lockInTransaction(client, doc.name);
        return rows.replaceSandbox(client, doc.name, incarnation, async (s) => {
          const text = await serializeSnapshot(whole, s);
          snapshotBytes = text.length;
          return text;
        });
      });
      cached.set(doc.name, {
        sandbox: cache.takeIn(whole),
        incarnation,
        seq,
        committed: seq,
        logBytes: 0,
        snapshotBytes,
        compacting: false,
      });
    },
    async delete(name) {
      loadedOrThrow(name);
      await whileFree(name);
      await transaction(name, async (client) => {
        await rows.lockInTransaction(client, name);
        await rows.deleteSandbox(client, name);
      });
      cache.drop(name);
    },
    write: (name, command) => writes.write(name, command),
    async exclusive(name, work) {
      const lane = cache.laneOf(name);
      await whileFree(name);
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw storeUnavailable(err);
      }
      let broken: Error | undefined;
      // As in connections.ts: a connection the server drops while held emits 'error' on the client, which
      // would take the process down unheard; the query in flight fails on its own and the client is not reused.
      const dropped = (err: Error) => void (broken = err);
      client.on('error', dropped);
      try {
        await rows.lockForSession(client, name);
      } catch (err) {
        client.off('error', dropped);
        client.release(err instanceof Error ? err : true); // a connection that failed is not reused
        throw storeUnavailable(err);
      }
      lane.exclusive = client;
      try {
        await connections
          .withClient(name, (c) => catchUp(cache, name, c, false))
          .catch((err: unknown) => {
            throw storeUnavailable(err);
          });
        return await work();
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'store_unavailable') broken = err;
        throw err;
      } finally {
        await lane.onExclusive;
        lane.exclusive = null;
        await rows.unlockSession(client, name).catch((err: unknown) => {
          broken = err instanceof Error ? err : new Error(String(err));
        });
        client.off('error', dropped);
        client.release(broken);
      }
    },
    async durable(name) {
      await whileFree(name);
    },
    unwritten(name) {
      const pending = [...cached]
        .filter(([n, c]) => (name === undefined || n === name) && c.seq !== c.committed)
        .map(([n, c]) => {
          const lane = cache.laneOf(n);
          return new Promise<void>((resolve, reject) => lane.waiters.push({ seq: c.seq, resolve, reject }));
        });
      return pending.length ? Promise.all(pending).then(() => undefined) : undefined;
    },
    unloadIdle: async () => cache.unloadIdle(idleAfterMs),
    isLoaded: (name) => cached.has(name),
    async flush() {
      await Promise.all([...cache.lanes.keys()].map(whileFree));
    },
    async health() {
      const up = await pool.query('SELECT 1').then(
        () => true,
        () => false,
      );
      const { schemaVersion, where } = options;
      return { kind: 'postgresql', database: up ? 'up' : 'down', schemaVersion, where };
    },
    close() {
      // Safe to call twice (a tool closing its store, then the deployment around it).
      closing ??= (async () => {
        clearInterval(idleTimer);
        await Promise.all([...cache.lanes.keys()].map(whileFree));
        await pool.end();
      })();
      return closing;
    },
  };
}
