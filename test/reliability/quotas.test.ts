// Bounded memory: at most maxSandboxes sandboxes (one more is a 409 sandbox-quota-reached that changes
// nothing); sandboxes on disk load on first use, leave memory when idle, and come back equal.
import type { SandboxState } from '../../src/domain/types.ts';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import type { Patch } from '../../src/domain/patch.ts';
import { seedState } from '../../src/seeds/seed-state.ts';
import { startServer } from '../../src/server.ts';
import { jsonFilePersistence, memoryPersistence } from '../../src/store/persistence.ts';
import { createStore } from '../../src/store/sandbox-store.ts';
import type { ResponseViolation } from '../../src/http/response-validation.ts';
import { commitPatch } from '../support/commit-patch.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'trax-quota-'));
const demo = (name: string) => seedState(name, { kind: 'demo' });
const laterClock = (iso: string): Patch => ({ now: iso });
const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(path.join(dir, 'sandboxes')).map((f) => [f, readFileSync(path.join(dir, 'sandboxes', f), 'utf8')]),
  );

describe('sandbox quota', () => {
  it('the store refuses one sandbox more than maxSandboxes and changes nothing', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir), { maxSandboxes: 2, idleCheckEveryMs: 0 });
    await store.create(demo('a'));
    await store.create(demo('b'));
    await store.flush();
    const before = files(dir);
    const err = await store.create(demo('c')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('sandbox-quota-reached');
    expect(await store.names()).toEqual(['a', 'b']);
    expect(files(dir)).toEqual(before);
    // Room again once one is deleted.
    await store.delete('a');
    await store.create(demo('c'));
    expect(await store.names()).toEqual(['b', 'c']);
  });

  it('over HTTP: 409 sandbox-quota-reached (as the spec says), the list unchanged', async () => {
    const violations: ResponseViolation[] = [];
    const server = await startServer({
      port: 0,
      dataDir: null,
      maxSandboxes: 2,
      strict: true,
      onViolation: (v) => violations.push(v),
    });
    try {
      const create = (name: string) =>
        fetch(`${server.url}/__sim/sandboxes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, seed: 'empty' }),
        });
      expect((await create('second')).status).toBe(201);
      const refused = await create('third');
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(((await refused.json()) as { type: string }).type).toBe(
        'https://trax-sim.dev/problems/sandbox-quota-reached',
      );
      const list = (await (await fetch(`${server.url}/__sim/sandboxes`)).json()) as { items: { name: string }[] };
      expect(list.items.map((s) => s.name)).toEqual(['default', 'second']);
      expect(violations).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('sandboxes in memory only while used', () => {
  it('start-up reads no sandbox; each loads on first use', async () => {
    const dir = tempDir();
    const first = await createStore(jsonFilePersistence(dir), { idleCheckEveryMs: 0 });
    for (const name of ['a', 'b', 'c']) await first.create(demo(name));
    await commitPatch(first, 'b', laterClock('2019-06-01T00:00:00.000Z'));
    const expected = JSON.parse(JSON.stringify(first.require('b'))) as SandboxState;
    await first.close();

    const store = await createStore(jsonFilePersistence(dir), { idleCheckEveryMs: 0 });
    expect(await store.names()).toEqual(['a', 'b', 'c']);
    expect(['a', 'b', 'c'].map((n) => store.isLoaded(n))).toEqual([false, false, false]);
    expect(store.require('b')).toEqual(expected);
    expect(['a', 'b', 'c'].map((n) => store.isLoaded(n))).toEqual([false, true, false]);
  });

  it('a sandbox idle past the limit leaves memory and comes back equal on its next use', async () => {
    const dir = tempDir();
    let clock = 0;
    const store = await createStore(jsonFilePersistence(dir), {
      idleAfterMs: 1_000,
      idleCheckEveryMs: 0,
      now: () => clock,
    });
    await store.create(demo('busy'));
    await store.create(demo('quiet'));
    await commitPatch(store, 'quiet', laterClock('2019-05-01T00:00:00.000Z'));
    const before = JSON.parse(JSON.stringify(store.require('quiet'))) as SandboxState;

    clock = 999;
    store.get('busy');
    expect(await store.unloadIdle()).toEqual([]); // not idle long enough
    clock = 1_500;
    expect(await store.unloadIdle()).toEqual(['quiet']); // busy was used at 999
    expect(store.isLoaded('quiet')).toBe(false);
    expect(store.isLoaded('busy')).toBe(true);
    expect(await store.names()).toEqual(['busy', 'quiet']);

    expect(store.require('quiet')).toEqual(before); // loaded again from disk
    await commitPatch(store, 'quiet', laterClock('2019-07-01T00:00:00.000Z'));
    clock = 5_000;
    expect((await store.unloadIdle()).sort()).toEqual(['busy', 'quiet']);
    expect(store.require('quiet')).toEqual({ ...before, now: '2019-07-01T00:00:00.000Z' });
  });

  it('a sandbox with a write in flight is not unloaded until it is written', async () => {
    const dir = tempDir();
    const inner = jsonFilePersistence(dir);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let clock = 0;
    const store = await createStore(
      {
        ...inner,
        append: async (name, lines) => {
          await gate;
          return inner.append(name, lines);
        },
      },
      { idleAfterMs: 10, idleCheckEveryMs: 0, now: () => clock },
    );
    await store.create(demo('s'));
    const committed = commitPatch(store, 's', laterClock('2019-05-01T00:00:00.000Z'));
    clock = 100;
    const unloading = store.unloadIdle();
    release();
    await committed;
    expect(await unloading).toEqual(['s']);
    expect(store.require('s').now).toBe('2019-05-01T00:00:00.000Z');
  });

  it('without a disk (--memory) nothing is ever unloaded', async () => {
    let clock = 0;
    const store = await createStore(memoryPersistence(), { idleAfterMs: 1, now: () => clock });
    await store.create(demo('m'));
    clock = 1_000_000;
    expect(await store.unloadIdle()).toEqual([]);
    expect(store.isLoaded('m')).toBe(true);
  });
});
