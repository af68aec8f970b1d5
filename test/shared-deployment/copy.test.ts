// `trax-sim copy`: from a laptop's data folder to a team's database and back, every sandbox whole.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventsMatching } from '../../src/domain/event-page.ts';
import { startServer } from '../../src/server.ts';
import { jsonFilePersistence } from '../../src/store/persistence.ts';
import { openPostgres } from '../../src/store/postgres/open-postgres.ts';
import { createStore } from '../../src/store/sandbox-store.ts';
import type { Store } from '../../src/store/store.ts';
import { runCli } from '../support/instance.ts';
import { freshDatabase } from '../support/postgres.ts';

const JANE = `Basic ${Buffer.from('jane:jane-pass').toString('base64')}`;

async function whole(store: Store) {
  const out: Record<string, unknown> = {};
  for (const name of await store.names()) {
    await store.sync(name);
    const { incarnation: _life, ...state } = store.require(name);
    out[name] = { state, events: eventsMatching(store.events(name), {}) };
  }
  return out;
}

describe('trax-sim copy', () => {
  it('copies a data folder into a database and back, each sandbox whole; a taken name needs --replace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-copy-'));
    const laptop = await startServer({ port: 0, dataDir: dir });
    const made = await fetch(`${laptop.url}/__sim/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bug-42', seed: 'demo' }),
    });
    expect(made.status).toBe(201);
    const paid = await fetch(`${laptop.url}/sandboxes/bug-42/alarm-com/api/billing/payments`, {
      method: 'POST',
      headers: { authorization: JANE, 'content-type': 'application/json' },
      body: JSON.stringify({
        amountCents: 1234,
        newBillingMethod: {
          type: 'credit_card',
          card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'J' },
        },
      }),
    });
    expect(paid.status).toBe(201);
    await laptop.close();
    const before = await whole(await createStore(jsonFilePersistence(dir)));

    const database = await freshDatabase();
    const up = await runCli(['copy', '--from', dir, '--to', database]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain('copied bug-42');
    const shared = await openPostgres(database, {});
    expect(await whole(shared.store)).toEqual(before);
    await shared.close();

    const again = await runCli(['copy', '--from', dir, '--to', database, 'default']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^trax-sim: The destination already has default; pass --replace/);
    expect((await runCli(['copy', '--from', dir, '--to', database, 'default', '--replace'])).code).toBe(0);

    const back = mkdtempSync(path.join(tmpdir(), 'trax-copy-back-'));
    const down = await runCli(['copy', '--from', database, '--to', back, 'bug-42']);
    expect(down.code, down.stderr).toBe(0);
    const local = await whole(await createStore(jsonFilePersistence(back)));
    expect(local).toEqual({ 'bug-42': before['bug-42'] });
  }, 60_000);
});
