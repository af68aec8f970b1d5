// Idempotency-Key bounds: at most 255 characters, remembered for 24 hours
// of the sandbox's virtual clock, and expired records removed by the next keyed write.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, startServer } from '../../src/server.ts';
import { JANE, testApp, type TestApp } from '../support/test-app.ts';

const GOOD_CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
};
const pay = (t: TestApp, key: string) =>
  t.call('POST', '/alarm-com/api/billing/payments', {
    auth: JANE,
    body: { amountCents: 100, newBillingMethod: GOOD_CARD },
    headers: { 'idempotency-key': key },
  });

describe('Idempotency-Key bounds', () => {
  it('a key longer than 255 characters is a 422 naming the header, and nothing is stored', async () => {
    const t = await testApp();
    const before = JSON.stringify(t.state());
    const res = await pay(t, 'k'.repeat(256));
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({
      path: '/header/idempotency-key',
      message: 'must NOT have more than 255 characters',
    });
    expect(JSON.stringify(t.state())).toBe(before);
    expect((await pay(t, 'k'.repeat(255))).status).toBe(201);
  });

  it('a retry within 24 virtual hours replays; after 24 hours the key is forgotten and the request runs anew', async () => {
    const t = await testApp();
    const first = await pay(t, 'pay-once');
    expect(first.status).toBe(201);
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'PT23H59M' } });
    const retry = await pay(t, 'pay-once');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'PT1M' } });
    const later = await pay(t, 'pay-once');
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('expired records are removed by the next keyed write, so keys do not pile up', async () => {
    const t = await testApp();
    for (let i = 0; i < 5; i++) expect((await pay(t, `day-one-${i}`)).status).toBe(201);
    expect(t.state().idempotencyKeys).toHaveLength(5);
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'P1D' } });
    expect((await pay(t, 'day-two')).status).toBe(201);
    expect(t.state().idempotencyKeys.map((r) => r.key)).toEqual(['day-two']);
    // The replay of the new key still works after the purge (position indexes follow the new list).
    expect((await pay(t, 'day-two')).headers.get('idempotent-replayed')).toBe('true');
  });

  it('the removal is in the log: after a restart the expired records stay gone', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-idem-expiry-'));
    const server = await startServer({ port: 0, dataDir });
    const send = (key: string) =>
      fetch(`${server.url}/alarm-com/api/billing/payments`, {
        method: 'POST',
        headers: { authorization: JANE, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ amountCents: 100, newBillingMethod: GOOD_CARD }),
      });
    try {
      for (const key of ['a', 'b']) expect((await send(key)).status).toBe(201);
      await fetch(`${server.url}/__sim/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"by":"P2D"}',
      });
      expect((await send('c')).status).toBe(201);
    } finally {
      await server.close();
    }
    expect((await openStore(dataDir)).require('default').idempotencyKeys.map((r) => r.key)).toEqual(['c']);
  });
});
