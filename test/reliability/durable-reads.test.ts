// No answer shows what is not written yet: while a payment's log line is held back, a list that would
// show it waits (and answers as soon as the write completes); with nothing pending, reads answer at once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/create-app.ts';
import { seedState } from '../../src/seeds/seed-state.ts';
import { jsonFilePersistence, type Persistence } from '../../src/store/persistence.ts';
import { createStore } from '../../src/store/sandbox-store.ts';
import { JANE } from '../support/test-app.ts';
import { commitPatch } from '../support/commit-patch.ts';

const GOOD_CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
};

/** A file store whose appends wait for `release()` while held. */
async function heldStore() {
  const inner = jsonFilePersistence(mkdtempSync(path.join(tmpdir(), 'trax-durable-')));
  let gate: Promise<void> | null = null;
  let open!: () => void;
  let reached!: () => void;
  let appendReached = Promise.resolve();
  const persistence: Persistence = {
    ...inner,
    async append(name, lines) {
      reached();
      if (gate) await gate;
      await inner.append(name, lines);
    },
  };
  const store = await createStore(persistence, { idleCheckEveryMs: 0 });
  await store.create(seedState('default', { kind: 'demo' }));
  return {
    store,
    hold() {
      gate = new Promise((r) => (open = r));
      appendReached = new Promise((r) => (reached = r));
    },
    reached: () => appendReached,
    release() {
      gate = null;
      open();
    },
  };
}

const settled = async (p: Promise<unknown> | unknown) => {
  let done = false;
  void Promise.resolve(p).then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('reads wait for what they show to be written', () => {
  it('a list of payments is not answered while a payment in it is unwritten', async () => {
    const held = await heldStore();
    const app = createApp({ store: held.store });
    const call = async (method: string, body?: unknown) =>
      app.request('/alarm-com/api/billing/payments', {
        method,
        headers: { authorization: JANE, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await call('GET')).status).toBe(200); // nothing pending: answered

    held.hold();
    const paying = call('POST', { amountCents: 5, newBillingMethod: GOOD_CARD });
    await held.reached(); // applied in memory, its log line held back
    const listing = call('GET');
    expect(await settled(listing)).toBe(false);
    expect(await settled(paying)).toBe(false);
    held.release();
    const [paid, listed] = await Promise.all([paying, listing]);
    expect(paid.status).toBe(201);
    const id = ((await paid.json()) as { id: number }).id;
    expect(((await listed.json()) as { items: { id: number }[] }).items.map((p) => p.id)).toContain(id);
  });

  it('store.unwritten: a promise while anything applied is unwritten, undefined after', async () => {
    const held = await heldStore();
    const { store } = held;
    expect(store.unwritten('default')).toBeUndefined();
    held.hold();
    const committed = commitPatch(store, 'default', { now: '2019-06-01T00:00:00.000Z' });
    await held.reached();
    const wait = store.unwritten('default');
    expect(wait).toBeInstanceOf(Promise);
    expect(store.unwritten()).toBeInstanceOf(Promise); // any sandbox
    expect(await settled(wait!)).toBe(false);
    held.release();
    await committed;
    await wait;
    expect(store.unwritten('default')).toBeUndefined();
    expect(store.unwritten()).toBeUndefined();
  });
});
