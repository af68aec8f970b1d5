// A snapshot larger than 4 MB is written part by part (never joined into one string), still atomically:
// the file holds exactly the JSON of the state and reloads equal.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedState } from '../../src/seeds/seed-state.ts';
import { jsonFilePersistence } from '../../src/store/persistence.ts';
import { createStore } from '../../src/store/sandbox-store.ts';
import { eventsMatching } from '../../src/domain/event-page.ts';

describe('big snapshots', () => {
  it('are written in parts: the same text as JSON.stringify, no temp file left, reloaded equal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-parts-'));
    const state = seedState('default', { kind: 'demo' });
    for (let i = 0; i < 60_000; i++)
      state.events.push({
        id: 100_000 + i,
        at: state.now,
        type: 'note.added',
        data: { i, text: `event number ${i} of a big sandbox` },
      });
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(state);
    await store.flush();
    const text = readFileSync(path.join(dir, 'sandboxes', 'default.json'), 'utf8');
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    // The store stamps the sandbox's incarnation on what it was given.
    const { events, ...given } = state;
    const rest = { ...given, incarnation: store.require('default').incarnation };
    expect(text).toBe(JSON.stringify({ ...rest, events, walSeq: 0 }));
    expect(readdirSync(path.join(dir, 'sandboxes')).filter((f) => f.startsWith('.'))).toEqual([]);
    await store.close();
    const reloaded = await createStore(jsonFilePersistence(dir));
    expect(JSON.stringify(reloaded.require('default'))).toBe(JSON.stringify(rest));
    expect(JSON.stringify(eventsMatching(reloaded.events('default'), {}))).toBe(JSON.stringify(events));
  });
});
