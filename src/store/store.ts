// The store: every sandbox of a server, in memory for the rules to read (plain data through the store's
// Reader, the timeline packed) and durable somewhere (nothing, a data folder, or PostgreSQL shared by
// several instances). Services only ever reach sandboxes through this interface.
import type { EventReader } from '../domain/event-page.ts';
import type { CommandResult } from '../domain/patch.ts';
import type { Reader } from '../domain/reader.ts';
import type { SandboxDocument, SandboxState } from '../domain/types.ts';

/** Where sandboxes live, and (a shared store) whether its database answers: what /__sim/health reports. */
type StoreHealth = {
  kind: 'memory' | 'data-folder' | 'postgresql';
  database?: 'up' | 'down';
  schemaVersion?: number;
  where?: string;
};

export type Store = {
  /** The store's lookups (indexes kept beside its lists): what commands and reads are given. */
  readonly read: Reader;
  /** Every sandbox that exists (loaded or not), sorted. */
  names(): Promise<string[]>;
  /**
   * Makes the copy in memory current before it is read: loads the sandbox if it exists and, on a store
   * shared by several instances, catches up with what the others committed. undefined when there is
   * nothing to wait for. After it, get/require/events answer synchronously.
   */
  sync(name: string): Promise<void> | undefined;
  /** The sandbox's state, or undefined when it does not exist (call sync first). */
  get(name: string): SandboxState | undefined;
  /** The sandbox's state, or a 404 problem naming it. */
  require(name: string): SandboxState;
  /** The sandbox's timeline, read by position. */
  events(name: string): EventReader;
  /** Adds a sandbox (409 when the name is taken or the quota reached). */
  create(doc: SandboxDocument): Promise<void>;
  /** Adds sandbox `to`, a copy of `from` as it is now (copy on write: in time proportional to its lists). */
  clone(from: string, to: string): Promise<SandboxState>;
  /** Replaces a sandbox's whole state and timeline (reset, scenario load). */
  replace(doc: SandboxDocument): Promise<void>;
  delete(name: string): Promise<void>;
  /**
   * Runs `command` on the sandbox's current state and commits its patch: the command is synchronous, so no
   * other write interleaves; the promise resolves once the change is durable, with the command's result.
   * A command that throws changes nothing.
   */
  write<T>(name: string, command: (state: Readonly<SandboxState>) => CommandResult<T>): Promise<T>;
  /**
   * Runs `work` holding the sandbox's writes where other processes could make them (a shared store); in
   * one process the command runner holds them. `work` writes through `write` as usual.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Resolves once everything committed to the sandbox so far is written. */
  durable(name: string): Promise<void>;
  /**
   * undefined when everything applied to the sandbox (or, without a name, to any sandbox) is written;
   * otherwise a promise of that. An answer showing state waits for it, so no answer shows what a crash
   * could take back (and no id shown can be given again after a restart).
   */
  unwritten(name?: string): Promise<void> | undefined;
  /** Unloads the sandboxes unused for a while (their data stays); returns their names. */
  unloadIdle(): Promise<string[]>;
  /** Whether a sandbox is in memory now (tests, diagnostics). */
  isLoaded(name: string): boolean;
  /** Wait for every pending write, background compactions included. */
  flush(): Promise<void>;
  /** Stops background work and flushes. */
  close(): Promise<void>;
  health(): Promise<StoreHealth>;
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
