import { randomUUID } from 'node:crypto';
import { cloneState } from '../domain/patch.ts';
import type { SandboxDocument } from '../domain/types.ts';
import { createIndexedReader } from './indexed-reader.ts';
import type { Persistence } from './persistence.ts';
import { SandboxLog } from './sandbox-log.ts';
import { notFoundSandbox, sandboxExists, sandboxQuotaReached } from './sandbox-errors.ts';
import { assertSandboxName } from './sandbox-name.ts';
import { createSharer, type Sharer } from './share-records.ts';
import { DEFAULT_IDLE_AFTER_MS, DEFAULT_MAX_SANDBOXES, type Store, type StoreOptions } from './store.ts';
import { applyToSandbox, sandboxOf, type Sandbox } from './stored-sandbox.ts';

/**
 * The sandboxes of one process, kept in memory and made durable by `persistence` (nothing, or a data
 * folder). A sandbox on disk is loaded on first use (synchronously: `sync` never has to wait) and leaves
 * memory again after a while unused. Every change is one patch applied synchronously (so concurrent commands
 * are serialised) and acknowledged only once its log line is written.
 */
export async function createStore(persistence: Persistence, options: StoreOptions = {}): Promise<Store> {
  const opts = { ...options };
  const now = options.now ?? Date.now;
  const maxSandboxes = options.maxSandboxes ?? DEFAULT_MAX_SANDBOXES;
  const idleAfterMs = options.idleAfterMs ?? DEFAULT_IDLE_AFTER_MS;
  const newIncarnation = options.newIncarnation ?? randomUUID;
  const read = createIndexedReader();
  const sandboxes = new Map<string, Sandbox>();
  const logs = new Map<string, SandboxLog>();
  const lastUsed = new Map<string, number>();
  /** Per loaded sandbox: one copy of its repeated values (share-records.ts). */
  const sharers = new Map<string, Sharer>();
  /** The document as the store keeps it: repeated values shared, the timeline packed. */
  const takeIn = (doc: SandboxDocument): Sandbox => {
    const sharer = createSharer();
    sharer.document(doc);
    sharers.set(doc.name, sharer);
    return sandboxOf(doc);
  };
  /** Every sandbox that exists: loaded, or on disk only. */
  const known = new Set<string>(await persistence.listNames());
  const newLog = (name: string, seq = 0, logBytes = 0, snapshotBytes = 0) => {
    const log = new SandboxLog(
      { name, sandboxOf: () => sandboxes.get(name), persistence, options: opts },
      { seq, logBytes, snapshotBytes },
    );
    logs.set(name, log);
    return log;
  };

  const load = (name: string): Sandbox | undefined => {
    let sandbox = sandboxes.get(name);
    if (!sandbox) {
      if (!known.has(name)) return undefined;
      const stored = persistence.load(name);
      if (!stored) {
        known.delete(name);
        return undefined;
      }
      sandbox = takeIn(stored.doc);
      sandboxes.set(name, sandbox);
      const log = newLog(name, stored.seq, stored.logBytes, stored.snapshotBytes);
      // Saved before incarnations existed: it gets one now, written like any change.
      if (!sandbox.state.incarnation) {
        const patch = { incarnation: newIncarnation() };
        applyToSandbox(sandbox, patch);
        log.commit(patch).catch((err: unknown) => opts.onError?.(err));
      }
    }
    lastUsed.set(name, now());
    return sandbox;
  };
  const loaded = (name: string): Sandbox => {
    const sandbox = load(name);
    if (!sandbox) throw notFoundSandbox(name);
    return sandbox;
  };
  const logOf = (name: string) => logs.get(name) ?? newLog(name);
  /** Names being cloned: taken, though not visible until their files are in place. */
  const cloning = new Set<string>();
  const assertFree = (name: string): void => {
    assertSandboxName(name);
    if (load(name) || cloning.has(name)) throw sandboxExists(name);
    if (known.size + cloning.size >= maxSandboxes) throw sandboxQuotaReached(maxSandboxes, 'server');
  };
  const add = (name: string, sandbox: Sandbox): void => {
    known.add(name);
    sandboxes.set(name, sandbox);
    lastUsed.set(name, now());
  };
  const unloadIdle = async (): Promise<string[]> => {
    if (!persistence.durable) return []; // memory is the only copy
    const idle = (name: string) => now() - (lastUsed.get(name) ?? 0) >= idleAfterMs;
    const out: string[] = [];
    for (const name of [...sandboxes.keys()]) {
      if (!idle(name)) continue;
      await logs.get(name)?.idle();
      // Checked again after the wait: used or changed meanwhile, it stays.
      const log = logs.get(name);
      if (!sandboxes.has(name) || !idle(name) || (log && !log.quiet())) continue;
      sandboxes.delete(name);
      logs.delete(name);
      lastUsed.delete(name);
      sharers.delete(name);
      out.push(name);
    }
    return out;
  };
  const every = options.idleCheckEveryMs ?? Math.min(60_000, Math.max(1_000, Math.floor(idleAfterMs / 10)));
  const timer =
    persistence.durable && every > 0
      ? setInterval(() => void unloadIdle().catch((err: unknown) => opts.onError?.(err)), every)
      : undefined;
  timer?.unref();

  return {
    read,
    names: async () => [...known].sort(),
    sync(name) {
      load(name);
      return undefined;
    },
    get: (name) => load(name)?.state,
    require: (name) => loaded(name).state,
    events: (name) => loaded(name).events,
    async create(doc) {
      assertFree(doc.name);
      add(doc.name, takeIn({ ...doc, incarnation: newIncarnation() }));
      // A sandbox deleted and created again keeps counting (seqs only grow per name and process).
      await logOf(doc.name).snapshot('create');
    },
    async clone(from, to) {
      assertFree(to);
      const source = loaded(from);
      // The clone shares every list with its source (each copies a list on its first write to it) and its
      // records are its source's, already shared.
      const sandbox: Sandbox = { state: cloneState(source.state, { name: to }), events: source.events.copy() };
      // Its data is its source's: its own incarnation is one change on top of it.
      const stamp = { incarnation: newIncarnation() };
      applyToSandbox(sandbox, stamp);
      if (!persistence.copy) {
        add(to, sandbox);
        await logOf(to).snapshot('create');
        return sandbox.state;
      }
      const sourceLog = logOf(from);
      cloning.add(to);
      let sizes: { logBytes: number; snapshotBytes: number };
      try {
        await sourceLog.idle();
        if (sourceLog.unwritten()) await sourceLog.writer.request(); // a failed write is this clone's failure
        sizes = await persistence.copy(from, to);
      } finally {
        cloning.delete(to);
      }
      add(to, sandbox);
      await newLog(to, sourceLog.seq, sizes.logBytes, sizes.snapshotBytes).commit(stamp);
      return sandbox.state;
    },
    async replace(doc) {
      loaded(doc.name);
      sandboxes.set(doc.name, takeIn({ ...doc, incarnation: newIncarnation() }));
      const log = logOf(doc.name);
      log.seq++;
      await log.snapshot('replace');
    },
    async delete(name) {
      loaded(name);
      sandboxes.delete(name);
      lastUsed.delete(name);
      sharers.delete(name);
      const log = logs.get(name);
      if (log) await log.idle();
      await persistence.remove(name);
      if (!sandboxes.has(name)) known.delete(name);
    },
    write(name, command) {
      let sandbox: Sandbox;
      let done: ReturnType<typeof command>;
      try {
        sandbox = loaded(name);
        done = command(sandbox.state);
      } catch (err) {
        return Promise.reject(err);
      }
      const { patch, result } = done;
      let sharer = sharers.get(name);
      if (!sharer) sharers.set(name, (sharer = createSharer()));
      sharer.patch(patch);
      applyToSandbox(sandbox, patch, read.replaced);
      return logOf(name)
        .commit(patch)
        .then(() => result);
    },
    exclusive: (_name, work) => work(),
    async durable(name) {
      await logs.get(name)?.writer.request();
    },
    unwritten(name) {
      if (!persistence.durable) return undefined;
      if (name !== undefined) return logs.get(name)?.whenDurable();
      const waits = [...logs.values()].map((l) => l.whenDurable()).filter((w) => w !== undefined);
      return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
    },
    unloadIdle,
    isLoaded: (name) => sandboxes.has(name),
    async flush() {
      await Promise.all([...logs.values()].map((l) => l.idle()));
    },
    health: async () => ({ kind: persistence.durable ? 'data-folder' : 'memory' }),
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all([...logs.values()].map((l) => l.idle()));
      persistence.close?.();
    },
  };
}
