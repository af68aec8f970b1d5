// The shared store: every sandbox in PostgreSQL (a snapshot and the log of patches committed since), each
// instance holding the sandboxes it serves in memory as the embedded store does. Any number of instances
// serve the same sandboxes:
// - writes to a sandbox are serialised across instances by a per-sandbox advisory lock, held for one
//   transaction per group of commands; the instance catches up on the log rows it has not applied before it
//   runs them (on the state as of the database's head), and a command is acknowledged once its row committed;
// - before a request reads a sandbox, the instance catches up on its log tail (one query when nothing is new),
//   so an answer never shows an older state than one another instance already showed;
// - a clock advance holds the sandbox's lock for its whole length (a session lock on its own connection), so
//   it holds the sandbox's writes on every instance, while reads everywhere see its chunks as they commit.
import type { Pool, PoolClient } from 'pg';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { cloneState, type Patch } from '../../domain/patch.ts';
import type { SandboxDocument } from '../../domain/types.ts';
import { groupCommit, type GroupCommit } from '../group-commit.ts';
import { createIndexedReader } from '../indexed-reader.ts';
import { notFoundSandbox } from '../sandbox-store.ts';
import { assertSandboxName } from '../sandbox-name.ts';
import { createSharer } from '../share-records.ts';
import { parseSnapshot, serializeSnapshot } from '../snapshot.ts';
import { DEFAULT_IDLE_AFTER_MS, DEFAULT_MAX_SANDBOXES, type Store, type StoreOptions } from '../store.ts';
import { applyToSandbox, sandboxOf, type Sandbox } from '../stored-sandbox.ts';
import * as rows from './sandbox-rows.ts';
import { storeUnavailable } from './unavailable.ts';

/** A sandbox as this instance holds it: `seq` is the last patch applied, `committed` the last one committed. */
type Cached = {
  sandbox: Sandbox;
  incarnation: string;
  seq: number;
  committed: number;
  /** Log text committed since the snapshot, and the snapshot's size: when to compact. */
  logBytes: number;
  snapshotBytes: number;
  compacting: boolean;
};

type Queued = { command: Parameters<Store['write']>[1]; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** Per sandbox: its queued writes, the write under way, the exclusive connection, readers of unwritten state. */
type Lane = {
  queue: Queued[];
  flushing: Promise<void> | null;
  exclusive: PoolClient | null;
  /** Operations on the exclusive connection run one after another. */
  onExclusive: Promise<unknown>;
  waiters: { seq: number; resolve: () => void; reject: (e: unknown) => void }[];
  sync: GroupCommit;
  lastUsed: number;
};

/** `schemaVersion` and `where` (host, port, database) are reported by health. */
/** The store owns `pool` (close() ends it). `schemaVersion` and `where` are reported by health. */
export type PostgresStoreOptions = StoreOptions & { pool: Pool; schemaVersion: number; where: string };

const COMPACT_AFTER = 4 * 1024 * 1024;

export function createPostgresStore(options: PostgresStoreOptions): Store {
  const { pool } = options;
  const now = options.now ?? Date.now;
  const maxSandboxes = options.maxSandboxes ?? DEFAULT_MAX_SANDBOXES;
  const idleAfterMs = options.idleAfterMs ?? DEFAULT_IDLE_AFTER_MS;
  const newIncarnation = options.newIncarnation ?? randomUUID;
  const read = createIndexedReader();
  const cached = new Map<string, Cached>();
  const lanes = new Map<string, Lane>();
  const sharers = new Map<string, ReturnType<typeof createSharer>>();
  let closing: Promise<void> | undefined;

  const laneOf = (name: string): Lane => {
    let lane = lanes.get(name);
    if (!lane) {
      lane = {
        queue: [],
        flushing: null,
        exclusive: null,
        onExclusive: Promise.resolve(),
        waiters: [],
        // Reads catch up on a pooled connection of their own, never queued behind a write.
        sync: groupCommit(() => withPooled((c) => catchUp(name, c, false))),
        lastUsed: now(),
      };
      lanes.set(name, lane);
    }
    lane.lastUsed = now();
    return lane;
  };

  /** Runs `fn` on the sandbox's exclusive connection when it has one (one at a time), else on a pooled one. */
  async function withClient<T>(name: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const lane = lanes.get(name);
    if (!lane?.exclusive) return withPooled(fn);
    const client = lane.exclusive;
    const run = lane.onExclusive.then(() => fn(client));
    lane.onExclusive = run.catch(() => undefined);
    return run;
  }

  /** Runs `fn` on a pooled connection; one that failed outside the store's own refusals is not reused. */
  async function withPooled<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw storeUnavailable(err);
    }
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (err) {
      if (!(err instanceof DomainError)) broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  const takeIn = (doc: SandboxDocument): Sandbox => {
    const sharer = createSharer();
    sharer.document(doc);
    sharers.set(doc.name, sharer);
    return sandboxOf(doc);
  };

  const drop = (name: string, err?: unknown): void => {
    cached.delete(name);
    sharers.delete(name);
    const lane = lanes.get(name);
    if (lane) for (const w of lane.waiters.splice(0)) err ? w.reject(err) : w.resolve();
  };

  /** Applies committed log rows after the cached seq; false when a row is missing (a compaction cut it). */
  const applyRows = (name: string, c: Cached, log: rows.LogRow[]): boolean => {
    for (const row of log) {
      if (row.seq <= c.seq) continue;
      if (row.seq !== c.seq + 1 || c.seq !== c.committed) return false;
      const patch = JSON.parse(row.patch) as Patch;
      sharers.get(name)?.patch(patch);
      applyToSandbox(c.sandbox, patch, read.replaced);
      c.seq = c.committed = row.seq;
      c.logBytes += row.patch.length;
    }
    return true;
  };

  /** Reads the sandbox whole (snapshot + log), unless another read or a write got there first. */
  async function loadWhole(name: string, client: PoolClient, before: Cached | undefined, inTx: boolean): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await rows.readWhole(client, name, inTx);
      if (cached.get(name) !== before) return;
      if (!stored) return drop(name);
      const { doc } = parseSnapshot(stored.snapshot);
      doc.name = name;
      const c: Cached = {
        sandbox: takeIn(doc),
        incarnation: stored.head.incarnation,
        seq: stored.snapshotSeq,
        committed: stored.snapshotSeq,
        logBytes: 0,
        snapshotBytes: stored.snapshot.length,
        compacting: false,
      };
      if (applyRows(name, c, stored.log) && c.seq === stored.head.seq) {
        cached.set(name, c);
        return;
      }
    }
    throw new Error(`sandbox ${name}: its log kept changing while it was read`);
  }

  /** Makes the cached sandbox as new as the database's head (load, catch up, or drop when deleted). */
  async function catchUp(name: string, client: PoolClient, inTx: boolean, known?: rows.Head): Promise<void> {
    const c = cached.get(name);
    // Applied but not committed here: this instance holds the sandbox's lock, nothing is newer elsewhere.
    if (c && c.seq !== c.committed) return;
    const h = known ?? (await rows.head(client, name));
    if (!h) return drop(name);
    const now = cached.get(name);
    if (now !== c || (now && now.seq !== now.committed)) return;
    if (!c || c.incarnation !== h.incarnation) return loadWhole(name, client, c, inTx);
    if (h.seq <= c.seq) return;
    const log = await rows.logAfter(client, name, c.seq);
    if (cached.get(name) !== c) return;
    if (!applyRows(name, c, log) || c.seq < h.seq) await loadWhole(name, client, c, inTx);
  }

  const committedTo = (name: string, c: Cached): void => {
    c.committed = c.seq;
    const lane = lanes.get(name);
    if (!lane?.waiters.length) return;
    const still = lane.waiters.filter((w) => w.seq > c.committed);
    for (const w of lane.waiters) if (w.seq <= c.committed) w.resolve();
    lane.waiters = still;
  };

  /** One group of queued commands: lock, catch up, run them all on the current state, commit them together. */
  async function flush(name: string, lane: Lane): Promise<void> {
    const batch = lane.queue.splice(0);
    let applied = false;
    try {
      await withClient(name, async (client) => {
        const h = await rows.beginWrite(client, name);
        try {
          if (!h) {
            drop(name);
            for (const q of batch) q.reject(notFoundSandbox(name));
            await client.query('ROLLBACK');
            return;
          }
          await catchUp(name, client, true, h);
          const c = cached.get(name);
          if (!c) throw new Error(`sandbox ${name} could not be read`);
          const log: rows.LogRow[] = [];
          const results: { q: Queued; value?: unknown; error?: unknown }[] = [];
          for (const q of batch) {
            try {
              const { patch, result } = q.command(c.sandbox.state);
              sharers.get(name)?.patch(patch);
              applyToSandbox(c.sandbox, patch, read.replaced);
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
          committedTo(name, c);
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
      if (applied) drop(name, unavailable);
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
    if (c.compacting || c.logBytes <= Math.max(options.compactAfterBytes ?? COMPACT_AFTER, c.snapshotBytes)) return;
    c.compacting = true;
    const seq = c.committed;
    const upTo = c.logBytes;
    // Serialised from copies of the lists taken now (the state is as of `seq`), in slices.
    const body = serializeSnapshot(c.sandbox, seq);
    void body
      .then((text) =>
        withClient(name, (client) => rows.compact(client, name, c.incarnation, seq, text)).then((done) => {
          if (!done) return;
          c.logBytes -= upTo;
          c.snapshotBytes = text.length;
        }),
      )
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        c.compacting = false;
      });
  }

  async function whileFree(name: string): Promise<void> {
    for (let lane = lanes.get(name); lane?.flushing; ) await lane.flushing;
  }

  const quotaCheck = (count: number): void => {
    if (count >= maxSandboxes)
      throw new DomainError(
        'conflict',
        'sandbox-quota-reached',
        'Too many sandboxes',
        `This deployment holds at most ${maxSandboxes} sandboxes (--max-sandboxes). Delete one with DELETE /__sim/sandboxes/{name} first.`,
        { maxSandboxes },
      );
  };
  const exists = (name: string) =>
    new DomainError(
      'conflict',
      'sandbox-exists',
      'Sandbox already exists',
      `A sandbox named "${name}" already exists.`,
    );

  /** A transaction on the sandbox's connection; a database failure is a 503, a DomainError passes through. */
  const transaction = <T>(name: string, fn: (client: PoolClient) => Promise<T>): Promise<T> =>
    withClient(name, async (client) => {
      await client.query('BEGIN');
      try {
        const out = await fn(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }).catch((err: unknown) => {
      throw err instanceof DomainError ? err : storeUnavailable(err);
    });

  const loadedOrThrow = (name: string): Cached => {
    const c = cached.get(name);
    if (!c) throw notFoundSandbox(name);
    return c;
  };

  /** Forgets the sandboxes unused for `idleAfterMs` with nothing under way (the database keeps them). */
  const unloadIdle = (): string[] => {
    const out: string[] = [];
    for (const [name, lane] of lanes) {
      const c = cached.get(name);
      if (now() - lane.lastUsed < idleAfterMs || lane.flushing || lane.exclusive || lane.queue.length) continue;
      if (c && (c.seq !== c.committed || c.compacting)) continue;
      if (c) out.push(name);
      cached.delete(name);
      sharers.delete(name);
      lanes.delete(name);
    }
    return out;
  };
  const idleTimer = setInterval(
    unloadIdle,
    options.idleCheckEveryMs ?? Math.min(60_000, Math.max(1_000, Math.floor(idleAfterMs / 10))),
  );
  idleTimer.unref();

  return {
    read,
    async names() {
      return withPooled(rows.names).catch((err: unknown) => {
        throw storeUnavailable(err);
      });
    },
    sync(name) {
      const lane = laneOf(name);
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
        if (taken) throw exists(doc.name);
        quotaCheck(count);
        await rows.insertSandbox(client, doc.name, incarnation, 0, text);
      });
      laneOf(doc.name);
      const c: Cached = {
        sandbox: takeIn(whole),
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
        if (taken) throw exists(to);
        quotaCheck(count);
        await rows.copySandbox(client, from, to, incarnation, { seq, patch: JSON.stringify(stampPatch) });
      });
      const sandbox: Sandbox = {
        state: cloneState(source.sandbox.state, { name: to }),
        events: source.sandbox.events.copy(),
      };
      applyToSandbox(sandbox, stampPatch);
      laneOf(to);
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
        await client.query('SELECT pg_advisory_xact_lock(1952, hashtext($1))', [doc.name]);
        return rows.replaceSandbox(client, doc.name, incarnation, async (s) => {
          const text = await serializeSnapshot(whole, s);
          snapshotBytes = text.length;
          return text;
        });
      });
      cached.set(doc.name, {
        sandbox: takeIn(whole),
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
        await client.query('SELECT pg_advisory_xact_lock(1952, hashtext($1))', [name]);
        await rows.deleteSandbox(client, name);
      });
      drop(name);
    },
    write(name, command) {
      const lane = laneOf(name);
      return new Promise((resolve, reject) => {
        lane.queue.push({ command, resolve: resolve as (v: unknown) => void, reject });
        startFlush(name, lane);
      });
    },
    async exclusive(name, work) {
      const lane = laneOf(name);
      await whileFree(name);
      let client: PoolClient;
      try {
        client = await pool.connect();
        await client.query('SELECT pg_advisory_lock(1952, hashtext($1))', [name]);
      } catch (err) {
        throw storeUnavailable(err);
      }
      lane.exclusive = client;
      let broken: Error | undefined;
      try {
        await withClient(name, (c) => catchUp(name, c, false)).catch((err: unknown) => {
          throw storeUnavailable(err);
        });
        return await work();
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'store_unavailable') broken = err;
        throw err;
      } finally {
        await lane.onExclusive;
        lane.exclusive = null;
        await client.query('SELECT pg_advisory_unlock(1952, hashtext($1))', [name]).catch((err: unknown) => {
          broken = err instanceof Error ? err : new Error(String(err));
        });
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
          const lane = laneOf(n);
          return new Promise<void>((resolve, reject) => lane.waiters.push({ seq: c.seq, resolve, reject }));
        });
      return pending.length ? Promise.all(pending).then(() => undefined) : undefined;
    },
    unloadIdle: async () => unloadIdle(),
    isLoaded: (name) => cached.has(name),
    async flush() {
      await Promise.all([...lanes.keys()].map(whileFree));
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
        await Promise.all([...lanes.keys()].map(whileFree));
        await pool.end();
      })();
      return closing;
    },
  };
}
