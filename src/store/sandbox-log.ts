import type { Patch } from '../domain/patch.ts';
import type { Sandbox } from './stored-sandbox.ts';
import { groupCommit, type GroupCommit } from './group-commit.ts';
import { encodeLogEntry, type Persistence } from './persistence.ts';

export type LogOptions = {
  /** See StoreOptions.compactAfterBytes. */
  compactAfterBytes?: number;
  onError?: (err: unknown) => void;
};

const DEFAULT_COMPACT_AFTER = 4 * 1024 * 1024;

/**
 * The durable side of one sandbox. Commits append one log line each; concurrent commits share one
 * append (group commit). A full snapshot is written for create/replace, and in the background when the
 * log grows: the snapshot records the seq it contains, and once it is on disk the log is replaced by the
 * lines committed since (so nothing committed during the compaction is lost, and commits never wait for it).
 */
export class SandboxLog {
  /** Seq of the last patch applied in memory. */
  seq: number;
  /** Seq of the last patch known to be written (log line appended or contained in a written snapshot). */
  durableSeq: number;
  private pending: { seq: number; line: string }[] = [];
  private snapshotWanted: 'create' | 'replace' | null = null;
  private logBytes: number;
  private snapshotBytes = 0;
  /** Bumped by every full snapshot write: a compaction started before one must not touch the log. */
  private generation = 0;
  private compaction: {
    seq: number;
    generation: number;
    tail: { seq: number; line: string }[];
    done: Promise<void>;
  } | null = null;
  private swapWanted = false;
  private waiters: { seq: number; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private failed = false;
  readonly writer: GroupCommit;

  private readonly name: string;
  private readonly sandboxOf: () => Sandbox | undefined;
  private readonly persistence: Persistence;
  private readonly options: LogOptions;

  constructor(
    init: { name: string; sandboxOf: () => Sandbox | undefined; persistence: Persistence; options: LogOptions },
    loaded: { seq: number; logBytes: number; snapshotBytes: number },
  ) {
    this.name = init.name;
    this.sandboxOf = init.sandboxOf;
    this.persistence = init.persistence;
    this.options = init.options;
    this.seq = loaded.seq;
    this.durableSeq = loaded.seq;
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
    // Unwritten until the snapshot is (a create adds no seq): no answer may show it before.
    this.durableSeq = Math.min(this.durableSeq, this.seq - 1);
    return this.writer.request();
  }

  /** True while something applied in memory is not written yet: what reads show must wait for it. */
  unwritten(): boolean {
    return this.seq !== this.durableSeq;
  }

  /**
   * Resolves once everything applied so far is written: only the write that carries it is awaited (not
   * one more), so an answer waits as little as possible. undefined when nothing is pending.
   */
  whenDurable(): Promise<void> | undefined {
    if (this.seq === this.durableSeq) return undefined;
    // After a failed write nothing is scheduled: ask for one (its failure is this answer's failure).
    if (this.failed) return this.writer.request();
    const seq = this.seq;
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /** What the sandbox's files hold (a clone's files start as copies of these). */
  sizes(): { logBytes: number; snapshotBytes: number } {
    return { logBytes: this.logBytes, snapshotBytes: this.snapshotBytes };
  }

  /** Nothing pending, no compaction running: the sandbox may leave memory. */
  quiet(): boolean {
    return !this.unwritten() && !this.compaction && !this.pending.length && !this.snapshotWanted;
  }

  async idle(): Promise<void> {
    while (this.compaction) await this.compaction.done;
    // Lines kept after a failed append are retried before calling it idle.
    if (this.pending.length) await this.writer.request().catch(() => undefined);
    await this.writer.idle();
  }

  private async flushOnce(): Promise<void> {
    try {
      await this.writeOnce();
      this.failed = false;
    } catch (err) {
      this.failed = true;
      // Whoever waits to show unwritten state learns that it could not be written.
      for (const w of this.waiters.splice(0)) w.reject(err);
      throw err;
    }
  }

  private async writeOnce(): Promise<void> {
    const sandbox = this.sandboxOf();
    if (!sandbox) {
      this.markDurable(this.seq); // deleted: nothing of it is left to show, nobody may wait for it
      return;
    }
    // Every patch up to here is either in `pending` or in the snapshot about to be written.
    const upTo = this.seq;
    if (this.snapshotWanted) {
      const kind = this.snapshotWanted;
      this.snapshotWanted = null;
      this.pending = []; // contained in the snapshot
      this.generation++;
      // A new sandbox must not inherit a stale log left by an earlier one of the same name.
      if (kind === 'create') await this.persistence.resetLog(this.name, '');
      this.snapshotBytes = await this.persistence.writeSnapshot(this.name, sandbox, this.seq);
      if (kind === 'replace') await this.persistence.resetLog(this.name, '');
      this.logBytes = 0;
      this.markDurable(upTo);
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
    this.markDurable(upTo);
    if (this.swapWanted && this.compaction && this.compaction.generation === this.generation) {
      this.swapWanted = false;
      const tail = this.compaction.tail.map((e) => e.line).join('');
      await this.persistence.resetLog(this.name, tail);
      this.logBytes = tail.length;
      this.compaction.tail = [];
    }
    const threshold = this.options.compactAfterBytes ?? Math.max(DEFAULT_COMPACT_AFTER, this.snapshotBytes);
    if (!this.compaction && this.persistence.durable && this.logBytes > threshold) this.startCompaction(sandbox);
  }

  private markDurable(seq: number): void {
    if (seq > this.durableSeq) this.durableSeq = seq;
    if (!this.waiters.length) return;
    const still = this.waiters.filter((w) => w.seq > this.durableSeq);
    for (const w of this.waiters) if (w.seq <= this.durableSeq) w.resolve();
    this.waiters = still;
  }

  private startCompaction(sandbox: Sandbox): void {
    const c = {
      seq: this.seq,
      generation: this.generation,
      tail: [] as { seq: number; line: string }[],
      done: Promise.resolve(),
    };
    this.compaction = c;
    c.done = (async () => {
      try {
        // Serialised from copies of the lists taken now, in slices: commits go on meanwhile.
        const bytes = await this.persistence.writeSnapshot(this.name, sandbox, c.seq);
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
