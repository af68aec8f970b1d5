// Start-up does not wait for the sandboxes on disk: none is loaded until a request needs it (the health
// check counts them without loading any). Asserted with the store's isLoaded, never with timings.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedState } from '../../src/seeds/seed-state.ts';
import { startServer } from '../../src/server.ts';
import { jsonFilePersistence } from '../../src/store/persistence.ts';
import { createStore } from '../../src/store/sandbox-store.ts';

describe('lazy start-up', () => {
  it('a server on a data folder answers health without loading any sandbox; the first use loads one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-lazy-'));
    const first = await createStore(jsonFilePersistence(dir));
    await first.create(seedState('default', { kind: 'demo' }));
    await first.create(seedState('other', { kind: 'demo' }));
    await first.close();

    const server = await startServer({ port: 0, dataDir: dir });
    try {
      const health = await fetch(`${server.url}/__sim/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { sandboxes: number }).sandboxes).toBe(2);
      expect(server.store.isLoaded('default')).toBe(false);
      expect(server.store.isLoaded('other')).toBe(false);
      expect((await fetch(`${server.url}/__sim/clock`, { headers: { 'x-sandbox': 'other' } })).status).toBe(200);
      expect(server.store.isLoaded('other')).toBe(true);
      expect(server.store.isLoaded('default')).toBe(false);
    } finally {
      await server.close();
    }
  });
});
