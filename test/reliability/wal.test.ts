// The durable store: snapshot + write-ahead log per sandbox. Proves that a commit resolves only after its
// line is written, that concurrent commits share appends, that a reload (snapshot + replay) gives back
// exactly the state in memory, that a torn last line is ignored, that compaction loses nothing committed
// while it runs, and that the crash windows between its steps are safe.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Patch } from '../../src/domain/patch.ts';
import type { SandboxDocument, SandboxState } from '../../src/domain/types.ts';
import { eventsMatching } from '../../src/domain/event-page.ts';
import type { Store } from '../../src/store/store.ts';
import { seedState } from '../../src/seeds/seed-state.ts';
import { encodeLogEntry, jsonFilePersistence, type Persistence } from '../../src/store/persistence.ts';
import { createStore } from '../../src/store/sandbox-store.ts';
import { parseSnapshot, serializeSnapshot } from '../../src/store/snapshot.ts';
import { commitPatch } from '../support/commit-patch.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'trax-wal-'));
const files = (dir: string) => path.join(dir, 'sandboxes');
const demo = (name = 'default') => seedState(name, { kind: 'demo' });

/** A patch that adds one customer and one event, the way commands do (ids continue from lastIds). */
function addCustomer(state: SandboxState, n: number): Patch {
  const id = (state.lastIds.customer ?? 0) + 1;
  const eventId = (state.lastIds.event ?? 0) + 1;
  return {
    upsert: {
      customers: [
        { id, firstName: `C${n}`, lastName: 'Wal', email: `c${n}@example.com`, ispId: null, createdAt: state.now },
      ],
    },
    events: [{ id: eventId, at: state.now, type: 'customer.created', data: { customerId: id } }],
    lastIds: { ...state.lastIds, customer: id, event: eventId },
  };
}

/** A sandbox of the store as a whole document (state and timeline), to compare with a reload. */
const docOf = (store: Store, name: string): SandboxDocument => ({
  ...store.require(name),
  events: eventsMatching(store.events(name), {}),
});

async function reload(dir: string): Promise<Map<string, SandboxDocument>> {
  const store = await createStore(jsonFilePersistence(dir));
  return new Map((await store.names()).map((n) => [n, docOf(store, n)]));
}

describe('write-ahead log', () => {
  it('a snapshot is the same text as JSON.stringify, built a slice at a time', async () => {
    const state = demo();
    for (let i = 0; i < 5_000; i++) state.events.push({ id: 10_000 + i, at: state.now, type: 'x', data: { i } });
    const text = await serializeSnapshot(state, 42);
    const { events, ...rest } = state;
    expect(text).toBe(JSON.stringify({ ...rest, events, walSeq: 42 }));
    const parsed = parseSnapshot(text);
    expect(parsed.seq).toBe(42);
    expect(parsed.doc).toEqual(state);
  });

  it('commits append one line each; a reload replays them onto the snapshot', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(demo());
    const snapshotBefore = readFileSync(path.join(files(dir), 'default.json'), 'utf8');
    for (let i = 0; i < 5; i++) await commitPatch(store, 'default', addCustomer(store.require('default'), i));
    // The snapshot was not rewritten: only the log grew, one line per commit.
    expect(readFileSync(path.join(files(dir), 'default.json'), 'utf8')).toBe(snapshotBefore);
    const lines = readFileSync(path.join(files(dir), 'default.wal'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual([2, 3, 4, 5, 6].map((n) => n - 1));
    expect((await reload(dir)).get('default')).toEqual(docOf(store, 'default'));
  });

  it('a commit resolves only after its line is written; concurrent commits share one append', async () => {
    const dir = tempDir();
    const inner = jsonFilePersistence(dir);
    const appends: string[] = [];
    let release!: () => void;
    let gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const appendReached = new Promise<void>((r) => (reached = r));
    const gated: Persistence = {
      ...inner,
      async append(name, lines) {
        reached();
        await gate;
        appends.push(lines);
        await inner.append(name, lines);
      },
    };
    const store = await createStore(gated);
    await store.create(demo());
    let resolved = 0;
    const first = commitPatch(store, 'default', addCustomer(store.require('default'), 0)).then(() => resolved++);
    const rest = Array.from({ length: 20 }, (_, i) =>
      commitPatch(store, 'default', addCustomer(store.require('default'), i + 1)).then(() => resolved++),
    );
    await appendReached;
    await new Promise((r) => setImmediate(r)); // let any (wrong) acknowledgement run
    expect(resolved).toBe(0); // nothing acknowledged while the write is held
    release();
    gate = Promise.resolve();
    await Promise.all([first, ...rest]);
    expect(resolved).toBe(21);
    // The first commit's append, then one for the 20 that queued behind it.
    expect(appends).toHaveLength(2);
    expect(appends[1]!.trim().split('\n')).toHaveLength(20);
    expect((await reload(dir)).get('default')!.customers).toHaveLength(store.require('default').customers.length);
  });

  it('a failed append is reported to its commits and retried, so disk catches up with memory', async () => {
    const dir = tempDir();
    const inner = jsonFilePersistence(dir);
    let failNext = false;
    const flaky: Persistence = {
      ...inner,
      async append(name, lines) {
        if (failNext) {
          failNext = false;
          throw new Error('ENOSPC: no space left on device');
        }
        await inner.append(name, lines);
      },
    };
    const store = await createStore(flaky);
    await store.create(demo());
    failNext = true;
    await expect(commitPatch(store, 'default', addCustomer(store.require('default'), 1))).rejects.toThrow(/ENOSPC/);
    await commitPatch(store, 'default', addCustomer(store.require('default'), 2));
    expect((await reload(dir)).get('default')).toEqual(docOf(store, 'default'));
    expect(
      store
        .require('default')
        .customers.slice(-2)
        .map((c) => c.firstName),
    ).toEqual(['C1', 'C2']);
  });

  it('a torn last line (crash mid-append) is ignored and cut off, and later appends start clean', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(demo());
    await commitPatch(store, 'default', addCustomer(store.require('default'), 1));
    const expected = JSON.parse(JSON.stringify(store.require('default'))) as SandboxState;
    const wal = path.join(files(dir), 'default.wal');
    appendFileSync(wal, '{"seq":3,"patch":{"upsert":{"customers":[{"id":99,"firstN');
    const again = await createStore(jsonFilePersistence(dir));
    expect(again.require('default')).toEqual(expected);
    expect(readFileSync(wal, 'utf8').endsWith('\n')).toBe(true);
    await commitPatch(again, 'default', addCustomer(again.require('default'), 2));
    const third = await reload(dir);
    expect(
      third
        .get('default')!
        .customers.map((c) => c.firstName)
        .slice(-2),
    ).toEqual(['C1', 'C2']);
  });

  it('a corrupt line followed by good ones stops the load with the file named (no silent data loss)', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(demo());
    await commitPatch(store, 'default', addCustomer(store.require('default'), 1));
    const wal = path.join(files(dir), 'default.wal');
    const good = readFileSync(wal, 'utf8');
    writeFileSync(wal, `garbage\n${good}`);
    const again = await createStore(jsonFilePersistence(dir)); // sandboxes load on first use
    expect(() => again.get('default')).toThrow(/default\.wal: line 1 is corrupt/);
  });

  it('compaction runs in the background; patches committed meanwhile are kept, and the log is cut', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir), { compactAfterBytes: 20_000 });
    await store.create(demo());
    // Many concurrent waves of commits: compactions start and finish while commits keep arriving.
    for (let wave = 0; wave < 30; wave++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          commitPatch(store, 'default', addCustomer(store.require('default'), wave * 10 + i)),
        ),
      );
    }
    await store.flush();
    // The log was cut: it holds only patches the snapshot does not (how many depends on how many commits
    // arrived while the snapshot was written, i.e. on the machine's speed, so that count is not asserted).
    const walFile = path.join(files(dir), 'default.wal');
    const snapshotSeq = parseSnapshot(readFileSync(path.join(files(dir), 'default.json'), 'utf8')).seq;
    expect(snapshotSeq).toBeGreaterThan(1);
    const seqs = readFileSync(walFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).seq as number);
    expect(seqs.length).toBeLessThan(300);
    expect(seqs.every((q) => q > snapshotSeq)).toBe(true);
    // With the commits stopped, the next one that passes the threshold cuts the log to (about) nothing.
    await commitPatch(store, 'default', addCustomer(store.require('default'), 300));
    await store.flush();
    expect(statSync(walFile).size).toBeLessThan(21_000);
    const loaded = (await reload(dir)).get('default')!;
    expect(loaded).toEqual(docOf(store, 'default'));
    expect(loaded.customers.filter((c) => c.lastName === 'Wal')).toHaveLength(301);
    expect(new Set(loaded.events.map((e) => e.id)).size).toBe(loaded.events.length); // no patch replayed twice
  });

  it('a reset while a compaction is writing: the compaction does not touch the log afterwards', async () => {
    const dir = tempDir();
    const inner = jsonFilePersistence(dir);
    let hold: Promise<void> | null = null;
    let release!: () => void;
    let compactions = 0;
    const gated: Persistence = {
      ...inner,
      async writeSnapshot(name, source, seq) {
        const pending = inner.writeSnapshot(name, source, seq); // serialised now, as the real one is
        if (hold) {
          compactions++;
          await hold;
        }
        return pending;
      },
    };
    const store = await createStore(gated, { compactAfterBytes: 2_000 });
    await store.create(demo());
    hold = new Promise<void>((r) => (release = r));
    for (let i = 0; i < 10; i++) await commitPatch(store, 'default', addCustomer(store.require('default'), i)); // starts a compaction
    expect(compactions).toBe(1);
    hold = null;
    await store.replace(demo());
    await commitPatch(store, 'default', addCustomer(store.require('default'), 100));
    release();
    await store.flush();
    expect((await reload(dir)).get('default')).toEqual(docOf(store, 'default'));
    expect(store.require('default').customers.at(-1)!.firstName).toBe('C100');
  });

  it('a slow compaction snapshot never lands after a newer reset snapshot', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir), { compactAfterBytes: 1_000 });
    const big = demo();
    for (let i = 0; i < 60_000; i++) big.events.push({ id: 100_000 + i, at: big.now, type: 'x', data: { i } });
    await store.create(big);
    for (let i = 0; i < 8; i++) await commitPatch(store, 'default', addCustomer(store.require('default'), i)); // a compaction starts
    await store.replace(demo()); // small: serialised long before the compaction's 60k events are
    await commitPatch(store, 'default', addCustomer(store.require('default'), 3));
    await store.flush();
    const loaded = (await reload(dir)).get('default')!;
    expect(loaded.events.length).toBe(store.events('default').length);
    expect(loaded).toEqual(docOf(store, 'default'));
  });

  it('crash between the snapshot and cutting the log: old lines are skipped by seq, not applied twice', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(demo());
    for (let i = 0; i < 3; i++) await commitPatch(store, 'default', addCustomer(store.require('default'), i));
    const wal = readFileSync(path.join(files(dir), 'default.wal'), 'utf8');
    // A compaction wrote the snapshot (seq 3) and died before replacing the log.
    const state = docOf(store, 'default');
    writeFileSync(path.join(files(dir), 'default.json'), await serializeSnapshot(state, 3));
    writeFileSync(path.join(files(dir), 'default.wal'), wal);
    const loaded = (await reload(dir)).get('default')!;
    expect(loaded).toEqual(state);
  });

  it('replace (reset) rewrites the snapshot and empties the log; stale lines can never come back', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(demo());
    for (let i = 0; i < 3; i++) await commitPatch(store, 'default', addCustomer(store.require('default'), i));
    const wal = readFileSync(path.join(files(dir), 'default.wal'), 'utf8');
    await store.replace(demo());
    expect(readFileSync(path.join(files(dir), 'default.wal'), 'utf8')).toBe('');
    // Even if the old lines were still there (crash before the log was emptied), their seqs are older.
    writeFileSync(path.join(files(dir), 'default.wal'), wal);
    expect((await reload(dir)).get('default')).toEqual({
      ...demo(),
      incarnation: store.require('default').incarnation,
    });
  });

  it('a log without its snapshot (sandbox deleted mid-way) is removed, not inherited by a new sandbox', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(demo('gone'));
    await commitPatch(store, 'gone', addCustomer(store.require('gone'), 1));
    const wal = readFileSync(path.join(files(dir), 'gone.wal'), 'utf8');
    await store.delete('gone');
    expect(readdirSync(files(dir))).toEqual([]);
    writeFileSync(path.join(files(dir), 'gone.wal'), wal);
    const again = await createStore(jsonFilePersistence(dir));
    expect(existsSync(path.join(files(dir), 'gone.wal'))).toBe(false);
    await again.create(demo('gone'));
    expect((await reload(dir)).get('gone')).toEqual({
      ...demo('gone'),
      incarnation: again.require('gone').incarnation,
    });
  });

  it('a snapshot written before the log existed (no walSeq) loads, and gains the idempotency collection', async () => {
    const dir = tempDir();
    const { idempotencyKeys: _omit, ...old } = demo();
    await jsonFilePersistence(dir).listNames(); // makes the folder
    writeFileSync(path.join(files(dir), 'default.json'), JSON.stringify(old));
    const loaded = (await reload(dir)).get('default')!;
    expect(loaded.idempotencyKeys).toEqual([]);
    expect(loaded.customers).toEqual(old.customers);
  });

  it('log lines are one JSON object each, in seq order', () => {
    const line = encodeLogEntry(7, { now: '2019-01-01T00:00:00.000Z' });
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({ seq: 7, patch: { now: '2019-01-01T00:00:00.000Z' } });
  });
});
