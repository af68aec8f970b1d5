import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { packEvents } from '../domain/packed-events.ts';
import { applyPatch, type Patch } from '../domain/patch.ts';
import type { SandboxState } from '../domain/types.ts';
import type { Persistence } from './persistence.ts';
import { SandboxLog } from './sandbox-log.ts';
import { assertSandboxName } from './sandbox-name.ts';
import { createSharer, type Sharer } from './share-records.ts';

/**
 * All sandboxes of one server. A sandbox on disk is loaded on first use (get/require stay synchronous)
 * and leaves memory again after a while unused. Every change is one patch applied synchronously (so
 * concurrent commands are serialised) and acknowledged only once its log line is written.
 */
export type Store = {
  /** Every sandbox, loaded or only on disk. */
  names(): string[];
  /** Whether the sandbox exists, without loading it. */
  has(name: string): boolean;
  /** The sandbox (loaded from disk if needed), or undefined. */
  get(name: string): SandboxState | undefined;
  /** The sandbox, or a 404 problem naming it. */
  require(name: string): SandboxState;
  create(state: SandboxState): Promise<void>;
  /**
   * Adds `state`, a clone of sandbox `from` (cloneState), made durable by copying `from`'s files instead
   * of writing the whole state again. `from` must not change until this resolves (the service holds its
   * writes); the clone exists (is listed, found, writable) once its files are in place.
   */
  clone(from: string, state: SandboxState): Promise<void>;
  /** Replace a sandbox's whole state (reset, scenario load). */
  replace(state: SandboxState): Promise<void>;
  delete(name: string): Promise<void>;
  commit(name: string, patch: Patch): Promise<void>;
  /** Resolves once everything committed to the sandbox so far is written. */
  durable(name: string): Promise<void>;
  /**
   * undefined when everything applied to the sandbox (or, without a name, to any sandbox) is written;
   * otherwise a promise of that. An answer showing state waits for it, so no answer shows what a crash
   * could take back (and no id shown can be given again after a restart).
   */
  unwritten(name?: string): Promise<void> | undefined;
  /** Unloads the sandboxes unused for `idleAfterMs` (their files stay); returns their names. */
  unloadIdle(): Promise<string[]>;
  /** Whether a sandbox is in memory now (tests, diagnostics). */
  isLoaded(name: string): boolean;
  /** Wait for every pending write, background compactions included. */
  flush(): Promise<void>;
  /** Stops the idle check and flushes. */
  close(): Promise<void>;
};

export type StoreOptions = {
  /**
   * Compact (rewrite the snapshot, cut the log) once the log is larger than this many bytes. Default: 4 MB
   * or the last snapshot's size, whichever is larger, so the amortised cost of a commit stays proportional
   * to its patch (a 20 MB snapshot is rewritten once per 20 MB of log).
   */
  compactAfterBytes?: number;
  /** Background failures (a compaction that could not write); the log stays valid either way. */
  onError?: (err: unknown) => void;
  /** Most sandboxes at once (default 100); creating one more is a 409 `sandbox-quota-reached`. */
  maxSandboxes?: number;
  /** A sandbox unused this long (wall time, default 10 minutes) leaves memory; never without a disk. */
  idleAfterMs?: number;
  /** How often the idle check runs (default: a tenth of idleAfterMs, at most a minute); 0 = never. */
  idleCheckEveryMs?: number;
  /** Wall clock for the idle check (tests inject their own). */
  now?: () => number;
  /** A new incarnation id, stamped on every state the store creates or replaces (default crypto.randomUUID). */
  newIncarnation?: () => string;
};

export const DEFAULT_MAX_SANDBOXES = 100;
export const DEFAULT_IDLE_AFTER_MS = 10 * 60_000;

export async function createStore(persistence: Persistence, options: StoreOptions = {}): Promise<Store> {
  const opts = { ...options };
  const now = options.now ?? Date.now;
  const maxSandboxes = options.maxSandboxes ?? DEFAULT_MAX_SANDBOXES;
  const idleAfterMs = options.idleAfterMs ?? DEFAULT_IDLE_AFTER_MS;
  const newIncarnation = options.newIncarnation ?? randomUUID;
  const sandboxes = new Map<string, SandboxState>();
  const logs = new Map<string, SandboxLog>();
  const lastUsed = new Map<string, number>();
  /** Per loaded sandbox: one copy of its repeated values (share-records.ts). */
  const sharers = new Map<string, Sharer>();
  const shareIn = (state: SandboxState): void => {
    const sharer = createSharer();
    sharer.state(state);
    sharers.set(state.name, sharer);
    // The timeline is held packed (a few words per event); it still reads as SimEvent[].
    state.events = packEvents(state.events);
  };
  /** Every sandbox that exists: loaded, or on disk only. */
  const known = new Set<string>(await persistence.listNames());
  const newLog = (name: string, seq = 0, logBytes = 0, snapshotBytes = 0) => {
    const log = new SandboxLog(
      { name, stateOf: () => sandboxes.get(name), persistence, options: opts },
      { seq, logBytes, snapshotBytes },
    );
    logs.set(name, log);
    return log;
  };

  const get = (name: string): SandboxState | undefined => {
    let state = sandboxes.get(name);
    if (!state) {
      if (!known.has(name)) return undefined;
      const stored = persistence.load(name);
      if (!stored) {
        known.delete(name);
        return undefined;
      }
      state = stored.state;
      shareIn(state);
      sandboxes.set(name, state);
      const log = newLog(name, stored.seq, stored.logBytes, stored.snapshotBytes);
      // Saved before incarnations existed: it gets one now, written like any change.
      if (!state.incarnation) {
        const patch = { incarnation: newIncarnation() };
        applyPatch(state, patch);
        log.commit(patch).catch((err: unknown) => opts.onError?.(err));
      }
    }
    lastUsed.set(name, now());
    return state;
  };
  const require = (name: string): SandboxState => {
    const state = get(name);
    if (!state) {
      throw new DomainError(
        'not_found',
        'sandbox-not-found',
        'Sandbox not found',
        `There is no sandbox named "${name}". Create it with POST /__sim/sandboxes.`,
        { sandbox: name },
      );
    }
    return state;
  };
  const logOf = (name: string) => logs.get(name) ?? newLog(name);
  /** Names being cloned: taken, though not visible until their files are in place. */
  const cloning = new Set<string>();
  const assertFree = (name: string): void => {
    assertSandboxName(name);
    if (get(name) || cloning.has(name)) {
      throw new DomainError(
        'conflict',
        'sandbox-exists',
        'Sandbox already exists',
        `A sandbox named "${name}" already exists.`,
      );
    }
    if (known.size + cloning.size >= maxSandboxes) {
      throw new DomainError(
        'conflict',
        'sandbox-quota-reached',
        'Too many sandboxes',
        `This server holds at most ${maxSandboxes} sandboxes (--max-sandboxes). Delete one with DELETE /__sim/sandboxes/{name} first.`,
        { maxSandboxes },
      );
    }
  };
  /** `share`: false for a clone, whose records are its source's (already shared, and not to be walked). */
  const create = async (state: SandboxState, share = true): Promise<void> => {
    assertFree(state.name);
    state.incarnation = newIncarnation();
    if (share) shareIn(state);
    known.add(state.name);
    sandboxes.set(state.name, state);
    lastUsed.set(state.name, now());
    // A sandbox deleted and created again keeps counting (seqs only grow per name and process).
    await logOf(state.name).snapshot('create');
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
    names: () => [...known].sort(),
    has: (name) => known.has(name),
    get,
    require,
    create: (state) => create(state),
    async clone(from, state) {
      if (!persistence.copy) return create(state, false);
      assertFree(state.name);
      require(from);
      const source = logOf(from);
      cloning.add(state.name);
      let sizes: { logBytes: number; snapshotBytes: number };
      try {
        await source.idle();
        if (source.unwritten()) await source.writer.request(); // a failed write is this clone's failure
        sizes = await persistence.copy(from, state.name);
      } finally {
        cloning.delete(state.name);
      }
      known.add(state.name);
      sandboxes.set(state.name, state);
      lastUsed.set(state.name, now());
      // Its files are its source's: its own incarnation is one log line on top of them.
      const patch = { incarnation: newIncarnation() };
      applyPatch(state, patch);
      await newLog(state.name, source.seq, sizes.logBytes, sizes.snapshotBytes).commit(patch);
    },
    async replace(state) {
      require(state.name);
      state.incarnation = newIncarnation();
      shareIn(state);
      sandboxes.set(state.name, state);
      const log = logOf(state.name);
      log.seq++;
      await log.snapshot('replace');
    },
    async delete(name) {
      require(name);
      sandboxes.delete(name);
      lastUsed.delete(name);
      sharers.delete(name);
      const log = logs.get(name);
      if (log) await log.idle();
      await persistence.remove(name);
      if (!sandboxes.has(name)) known.delete(name);
    },
    async commit(name, patch) {
      const state = require(name);
      let sharer = sharers.get(name);
      if (!sharer) sharers.set(name, (sharer = createSharer()));
      sharer.patch(patch);
      applyPatch(state, patch);
      await logOf(name).commit(patch);
    },
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
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all([...logs.values()].map((l) => l.idle()));
    },
  };
}
