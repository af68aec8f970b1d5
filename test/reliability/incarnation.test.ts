// Each life of a sandbox has its own incarnation id, stamped by the store whenever the state is created or
// replaced, and kept on disk like any field (tokens issued in one life are refused in the next).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedState } from '../../src/seeds/seed-state.ts';
import { jsonFilePersistence, memoryPersistence } from '../../src/store/persistence.ts';
import { createStore } from '../../src/store/sandbox-store.ts';

const demo = (name = 'default') => seedState(name, { kind: 'demo' });
const counter = () => {
  let n = 0;
  return () => `life-${++n}`;
};

describe('sandbox incarnation', () => {
  it('create, replace (reset, scenario load), clone, and delete + create each stamp a new one', async () => {
    const store = await createStore(memoryPersistence(), { newIncarnation: counter() });
    await store.create(demo());
    expect(store.require('default').incarnation).toBe('life-1');
    await store.replace(demo());
    expect(store.require('default').incarnation).toBe('life-2');
    await store.clone('default', 'copy');
    expect(store.require('copy').incarnation).toBe('life-3');
    expect(store.require('default').incarnation).toBe('life-2');
    await store.delete('copy');
    await store.create(demo('copy'));
    expect(store.require('copy').incarnation).toBe('life-4');
  });

  it('is kept on disk: a restart (or an idle unload) keeps it; a clone keeps its own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-incarnation-'));
    const store = await createStore(jsonFilePersistence(dir), { newIncarnation: counter() });
    await store.create(demo());
    await store.clone('default', 'copy');
    await store.close();
    const again = await createStore(jsonFilePersistence(dir), { newIncarnation: () => 'not-used' });
    expect(again.require('default').incarnation).toBe('life-1');
    expect(again.require('copy').incarnation).toBe('life-2');
  });

  it('a snapshot written before incarnations existed loads with one, stamped once and kept', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-incarnation-'));
    const { incarnation: _none, ...old } = demo();
    await jsonFilePersistence(dir).listNames(); // makes the folder
    writeFileSync(path.join(dir, 'sandboxes', 'default.json'), JSON.stringify(old));
    const store = await createStore(jsonFilePersistence(dir), { newIncarnation: () => 'stamped-at-load' });
    expect(store.require('default').incarnation).toBe('stamped-at-load');
    await store.close();
    const again = await createStore(jsonFilePersistence(dir), { newIncarnation: () => 'stamped-again' });
    expect(again.require('default').incarnation).toBe('stamped-at-load');
  });
});
