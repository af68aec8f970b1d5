// Keeping an instance's copy of a sandbox as new as the database: the log rows it has not applied, or the
// whole sandbox again when it was replaced (another incarnation), deleted, or its log was cut by a compaction.
import type { PoolClient } from 'pg';
import { parseSnapshot } from '../snapshot.ts';
import type { Cached, SandboxCache } from './sandbox-cache.ts';
import * as rows from './sandbox-rows.ts';

/** Reads the sandbox whole (snapshot + log), unless another read or a write got there first. */
async function loadWhole(
  cache: SandboxCache,
  name: string,
  client: PoolClient,
  before: Cached | undefined,
  inTx: boolean,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = await rows.readWhole(client, name, inTx);
    if (cache.cached.get(name) !== before) return;
    if (!stored) return cache.drop(name);
    const { doc } = parseSnapshot(stored.snapshot);
    doc.name = name;
    const c: Cached = {
      sandbox: cache.takeIn(doc),
      incarnation: stored.head.incarnation,
      seq: stored.snapshotSeq,
      committed: stored.snapshotSeq,
      logBytes: 0,
      snapshotBytes: stored.snapshot.length,
      compacting: false,
    };
    if (cache.applyRows(name, c, stored.log) && c.seq === stored.head.seq) {
      cache.cached.set(name, c);
      return;
    }
  }
  throw new Error(`sandbox ${name}: its log kept changing while it was read`);
}

/**
 * Makes the cached sandbox as new as the database's head. `inTx`: the caller's transaction holds the write
 * lock (and `known` is the head it read); otherwise a whole read gets a repeatable-read transaction of its own.
 */
export async function catchUp(
  cache: SandboxCache,
  name: string,
  client: PoolClient,
  inTx: boolean,
  known?: rows.Head,
): Promise<void> {
  const c = cache.cached.get(name);
  // Applied but not committed here: this instance holds the sandbox's lock, nothing is newer elsewhere.
  if (c && c.seq !== c.committed) return;
  const h = known ?? (await rows.head(client, name));
  if (!h) return cache.drop(name);
  const current = cache.cached.get(name);
  if (current !== c || (current && current.seq !== current.committed)) return;
  if (!c || c.incarnation !== h.incarnation) return loadWhole(cache, name, client, c, inTx);
  if (h.seq <= c.seq) return;
  const log = await rows.logAfter(client, name, c.seq);
  if (cache.cached.get(name) !== c) return;
  if (!cache.applyRows(name, c, log) || c.seq < h.seq) await loadWhole(cache, name, client, c, inTx);
}
