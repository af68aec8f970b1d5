import { DomainError } from '../domain/errors.ts';
import { applyPatch, type Patch } from '../domain/patch.ts';
import type { SandboxState } from '../domain/types.ts';
import { groupCommit, type GroupCommit } from './group-commit.ts';
import { encodeLogEntry, type Persistence } from './persistence.ts';
import { assertSandboxName } from './sandbox-name.ts';

/**
 * All sandboxes of one server. Reads are from memory; every change is one patch applied synchronously
 * (so concurrent commands are serialised) and acknowledged only once its log line is written.
 */
export type Store = {
  names(): string[];
  get(name: string): SandboxState | undefined;
  /** The sandbox, or a 404 problem naming it. */
  require(name: string): SandboxState;
  create(state: SandboxState): Promise<void>;
  /** Replace a sandbox's whole state (reset, scenario load). */
  replace(state: SandboxState): Promise<void>;
  delete(name: string): Promise<void>;
  commit(name: string, patch: Patch): Promise<void>;
  /** Resolves once everything committed to the sandbox so far is written. */
  durable(name: string): Promise<void>;
  /** Wait for every pending write, background compactions included. */
  flush(): Promise<void>;
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
};

const DEFAULT_COMPACT_AFTER = 4 * 1024 * 1024;

/**
 * The durable side of one sandbox. Commits append one log line each; concurrent commits share one
 * append (group commit). A full snapshot is written for create/replace, and in the background when the
 * log grows: the snapshot records the seq it contains, and once it is on disk the log is replaced by the
 * lines committed since (so nothing committed during the compaction is lost, and commits never wait for it).
 */
class SandboxLog {
  /** Seq of the last patch applied in memory. */
  seq: number;
  private pending: { seq: number; line: string }[] = [];
  private snapshotWanted: 'create' | 'replace' | null = null;
  private logBytes: number;
  private snapshotBytes = 0;
  /** Bumped by every full snapshot write: a compaction started before one must not touch the log. */
  private generation = 0;
  private compaction: { seq: number; generation: number; tail: { seq: number; line: string }[]; done: Promise<void> } | null = null;
  private swapWanted = false;
  readonly writer: GroupCommit;

  private readonly name: string;
  private readonly stateOf: () => SandboxState | undefined;
  private readonly persistence: Persistence;
  private readonly options: StoreOptions;

  constructor(
    init: { name: string; stateOf: () => SandboxState | undefined; persistence: Persistence; options: StoreOptions },
    loaded: { seq: number; logBytes: number; snapshotBytes: number },
  ) {
    this.name = init.name;
    this.stateOf = init.stateOf;
    this.persistence = init.persistence;
    this.options = init.options;
    this.seq = loaded.seq;
    this.logBytes = loaded.logBytes;
    this.snapshotBytes = loaded.snapshotBytes;
    this.writer = groupCommit(() => this.flushOnce());
  }

  commit(patch: Patch): Promise<void> {
    const seq = ++this.seq;
    if (this.persistence.durable) this.pending.push({ seq, line: encodeLogEntry(seq, patch) });
    return this.writer.request();
  }

  snapshot(kind: 'create' | 'replace'): Promise<void> {
    this.snapshotWanted = kind;
    return this.writer.request();
  }

  async idle(): Promise<void> {
    while (this.compaction) await this.compaction.done;
    // Lines kept after a failed append are retried before calling it idle.
    if (this.pending.length) await this.writer.request().catch(() => undefined);
    await this.writer.idle();
  }

  private async flushOnce(): Promise<void> {
    const state = this.stateOf();
    if (!state) return;
    if (this.snapshotWanted) {
      const kind = this.snapshotWanted;
      this.snapshotWanted = null;
      this.pending = []; // contained in the snapshot
      this.generation++;
      // A new sandbox must not inherit a stale log left by an earlier one of the same name.
      if (kind === 'create') await this.persistence.resetLog(this.name, '');
      this.snapshotBytes = await this.persistence.writeSnapshot(state, this.seq);
      if (kind === 'replace') await this.persistence.resetLog(this.name, '');
      this.logBytes = 0;
      return;
    }
    const batch = this.pending;
    this.pending = [];
    if (batch.length) {
      const text = batch.length === 1 ? batch[0]!.line : batch.map((e) => e.line).join('');
      try {
        await this.persistence.append(this.name, text);
      } catch (err) {
        // Memory already holds these patches: keep them for the next write so disk catches up.
        this.pending = [...batch, ...this.pending];
        throw err;
      }
      this.logBytes += text.length;
      const c = this.compaction;
      if (c && c.generation === this.generation) for (const e of batch) if (e.seq > c.seq) c.tail.push(e);
    }
    if (this.swapWanted && this.compaction && this.compaction.generation === this.generation) {
      this.swapWanted = false;
      const tail = this.compaction.tail.map((e) => e.line).join('');
      await this.persistence.resetLog(this.name, tail);
      this.logBytes = tail.length;
      this.compaction.tail = [];
    }
    const threshold = this.options.compactAfterBytes ?? Math.max(DEFAULT_COMPACT_AFTER, this.snapshotBytes);
    if (!this.compaction && this.persistence.durable && this.logBytes > threshold) this.startCompaction(state);
  }

  private startCompaction(state: SandboxState): void {
    const c = { seq: this.seq, generation: this.generation, tail: [] as { seq: number; line: string }[], done: Promise.resolve() };
    this.compaction = c;
    c.done = (async () => {
      try {
        // Serialised from copies of the lists taken now, in slices: commits go on meanwhile.
        const bytes = await this.persistence.writeSnapshot(state, c.seq);
        if (c.generation !== this.generation) return; // a create/replace rewrote everything since
        this.snapshotBytes = bytes;
        this.swapWanted = true;
        await this.writer.request();
      } catch (err) {
        this.options.onError?.(err);
      } finally {
        this.compaction = null;
        this.swapWanted = false;
      }
    })();
  }
}

export async function createStore(persistence: Persistence, options: StoreOptions = {}): Promise<Store> {
  const opts = { ...options };
  const sandboxes = new Map<string, SandboxState>();
  const logs = new Map<string, SandboxLog>();
  const newLog = (name: string, seq = 0, logBytes = 0, snapshotBytes = 0) => {
    const log = new SandboxLog({ name, stateOf: () => sandboxes.get(name), persistence, options: opts }, { seq, logBytes, snapshotBytes });
    logs.set(name, log);
    return log;
  };
  for (const { state, seq, logBytes, snapshotBytes } of await persistence.loadAll()) {
    sandboxes.set(state.name, state);
    newLog(state.name, seq, logBytes, snapshotBytes);
  }

  const require = (name: string): SandboxState => {
    const state = sandboxes.get(name);
    if (!state) {
      throw new DomainError('not_found', 'sandbox-not-found', 'Sandbox not found', `There is no sandbox named "${name}". Create it with POST /__sim/sandboxes.`, { sandbox: name });
    }
    return state;
  };
  const logOf = (name: string) => logs.get(name) ?? newLog(name);

  return {
    names: () => [...sandboxes.keys()].sort(),
    get: (name) => sandboxes.get(name),
    require,
    async create(state) {
      assertSandboxName(state.name);
      if (sandboxes.has(state.name)) {
        throw new DomainError('conflict', 'sandbox-exists', 'Sandbox already exists', `A sandbox named "${state.name}" already exists.`);
      }
      sandboxes.set(state.name, state);
      // A sandbox deleted and created again keeps counting (seqs only grow per name and process).
      await logOf(state.name).snapshot('create');
    },
    async replace(state) {
      require(state.name);
      sandboxes.set(state.name, state);
      const log = logOf(state.name);
      log.seq++;
      await log.snapshot('replace');
    },
    async delete(name) {
      require(name);
      sandboxes.delete(name);
      const log = logs.get(name);
      if (log) await log.idle();
      await persistence.remove(name);
    },
    async commit(name, patch) {
      applyPatch(require(name), patch);
      await logOf(name).commit(patch);
    },
    async durable(name) {
      await logs.get(name)?.writer.request();
    },
    async flush() {
      await Promise.all([...logs.values()].map((l) => l.idle()));
    },
  };
}
