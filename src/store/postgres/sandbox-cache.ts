// What one instance of a shared deployment holds of the sandboxes it serves: each one's copy in memory (as of
// a seq of its log), and per sandbox the lane its writes queue in. Catching up and writing go through here.
import type { PoolClient } from 'pg';
import type { Patch } from '../../domain/patch.ts';
import type { SandboxDocument } from '../../domain/types.ts';
import type { GroupCommit } from '../group-commit.ts';
import type { IndexedReader } from '../indexed-reader.ts';
import { createSharer, type Sharer } from '../share-records.ts';
import type { Store } from '../store.ts';
import { applyToSandbox, sandboxOf, type Sandbox } from '../stored-sandbox.ts';
import type { LogRow } from './sandbox-rows.ts';

/** A sandbox as this instance holds it: `seq` is the last patch applied, `committed` the last one committed. */
export type Cached = {
  sandbox: Sandbox;
  incarnation: string;
  seq: number;
  committed: number;
  /** Log text committed since the snapshot, and the snapshot's size: when to compact. */
  logBytes: number;
  snapshotBytes: number;
  compacting: boolean;
};

export type Queued = {
  command: Parameters<Store['write']>[1];
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};

/** Per sandbox: its queued writes, the write under way, the exclusive connection, readers of unwritten state. */
export type Lane = {
  queue: Queued[];
  flushing: Promise<void> | null;
  exclusive: PoolClient | null;
  /** Operations on the exclusive connection run one after another. */
  onExclusive: Promise<unknown>;
  waiters: { seq: number; resolve: () => void; reject: (e: unknown) => void }[];
  sync: GroupCommit;
  lastUsed: number;
};

export type SandboxCache = ReturnType<typeof createSandboxCache>;

export function createSandboxCache({
  read,
  now,
  newSync,
}: {
  read: IndexedReader;
  now: () => number;
  /** The shared catch-up of a sandbox's readers (a group commit over one head query). */
  newSync: (name: string) => GroupCommit;
}) {
  const cached = new Map<string, Cached>();
  const lanes = new Map<string, Lane>();
  const sharers = new Map<string, Sharer>();

  return {
    cached,
    lanes,
    read,
    laneOf(name: string): Lane {
      let lane = lanes.get(name);
      if (!lane) {
        lane = {
          queue: [],
          flushing: null,
          exclusive: null,
          onExclusive: Promise.resolve(),
          waiters: [],
          sync: newSync(name),
          lastUsed: now(),
        };
        lanes.set(name, lane);
      }
      lane.lastUsed = now();
      return lane;
    },
    /** A whole document as held here: its repeated values shared, its timeline packed. */
    takeIn(doc: SandboxDocument): Sandbox {
      const sharer = createSharer();
      sharer.document(doc);
      sharers.set(doc.name, sharer);
      return sandboxOf(doc);
    },
    /** A patch applied to the copy (its records shared with the copy's, its events appended). */
    apply(name: string, c: Cached, patch: Patch): void {
      sharers.get(name)?.patch(patch);
      applyToSandbox(c.sandbox, patch, read.replaced);
    },
    /** Forgets the copy; whoever waits to show it learns `err` (or goes on, with none). */
    drop(name: string, err?: unknown): void {
      cached.delete(name);
      sharers.delete(name);
      const lane = lanes.get(name);
      if (lane) for (const w of lane.waiters.splice(0)) err ? w.reject(err) : w.resolve();
    },
    /** Everything applied is committed: readers waiting for it go on. */
    committedTo(name: string, c: Cached): void {
      c.committed = c.seq;
      const lane = lanes.get(name);
      if (!lane?.waiters.length) return;
      const still = lane.waiters.filter((w) => w.seq > c.committed);
      for (const w of lane.waiters) if (w.seq <= c.committed) w.resolve();
      lane.waiters = still;
    },
    /** Applies committed log rows after the copy's seq; false when a row is missing (a compaction cut it). */
    applyRows(name: string, c: Cached, log: readonly LogRow[]): boolean {
      for (const row of log) {
        if (row.seq <= c.seq) continue;
        if (row.seq !== c.seq + 1 || c.seq !== c.committed) return false;
        this.apply(name, c, JSON.parse(row.patch) as Patch);
        c.seq = c.committed = row.seq;
        c.logBytes += row.patch.length;
      }
      return true;
    },
    /** Forgets the sandboxes unused for `idleAfterMs` with nothing under way (the database keeps them). */
    unloadIdle(idleAfterMs: number): string[] {
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
    },
  };
}
